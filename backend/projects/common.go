package projects

import (
	"strings"
	"unicode"
)

// commonPasswords are passwords, or password stems, that appear near the
// top of every published list of leaked passwords, plus words that a
// database password is likely to be built from. The list is short on
// purpose: it catches the obvious choices, and length does the rest.
var commonPasswords = toSet(
	"password", "passwd", "pass", "secret", "letmein", "welcome", "admin", "administrator",
	"root", "toor", "login", "guest", "test", "testing", "default", "changeme", "qwerty",
	"qwertyuiop", "qwertz", "azerty", "asdfgh", "asdfghjkl", "zxcvbnm", "qazwsx", "1qaz2wsx",
	"1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "abc123", "abcd1234", "iloveyou", "trustno1",
	"123456", "1234567", "12345678", "123456789", "1234567890", "0987654321", "111111",
	"000000", "123123", "654321", "121212", "666666", "696969", "112233", "123321", "7777777",
	"monkey", "dragon", "master", "shadow", "superman", "batman", "football", "baseball",
	"soccer", "hockey", "basketball", "sunshine", "princess", "starwars", "whatever",
	"freedom", "hello", "charlie", "michael", "jennifer", "jordan", "hunter", "ranger",
	"harley", "thomas", "summer", "winter", "spring", "autumn", "mustang", "access",
	"flower", "lovely", "cheese", "computer", "internet", "samsung", "google", "apple",
	"pokemon", "killer", "tigger", "buster", "pepper", "ginger", "cookie", "chocolate",
	"banana", "orange", "purple", "silver", "golden", "maggie", "daniel", "andrew",
	"joshua", "matthew", "ashley", "jessica", "nicole", "hannah", "love", "money",
	"postgres", "postgresql", "supabase", "database", "mysql", "oracle", "server",
	"correcthorsebatterystaple",
)

// leetReplacer undoes the usual letter-for-symbol substitutions.
var leetReplacer = strings.NewReplacer("@", "a", "4", "a", "$", "s", "5", "s", "0", "o", "3", "e", "1", "i", "7", "t")

// isCommonPassword reports whether pw is a common password, ignoring
// case, punctuation, trailing digits and symbols, and letter-for-symbol
// substitutions such as p@ssw0rd.
func isCommonPassword(pw string) bool {
	lower := strings.ToLower(pw)
	stem := strings.TrimRightFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })

	for _, variant := range []string{
		lower,
		lettersAndDigits(lower),
		lettersAndDigits(stem),
		lettersAndDigits(leetReplacer.Replace(stem)),
	} {
		if len(variant) >= 4 && commonPasswords[variant] {
			return true
		}
	}
	return false
}

// lettersAndDigits returns s without the characters that are neither
// letters nor digits.
func lettersAndDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

func toSet(values ...string) map[string]bool {
	set := make(map[string]bool, len(values))
	for _, v := range values {
		set[v] = true
	}
	return set
}
