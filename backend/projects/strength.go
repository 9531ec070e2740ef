package projects

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// StrengthLevel is a rough rating of a password.
type StrengthLevel string

// Strength levels.
const (
	StrengthWeak   StrengthLevel = "weak"
	StrengthFair   StrengthLevel = "fair"
	StrengthStrong StrengthLevel = "strong"
)

// StrengthReason is the main reason for a rating, a stable code that the
// window turns into advice.
type StrengthReason string

// Strength reasons.
const (
	ReasonEmpty         StrengthReason = "empty"
	ReasonCommon        StrengthReason = "common"    // a well-known password, perhaps with digits added
	ReasonPattern       StrengthReason = "pattern"   // few distinct characters, or a run such as abcdef
	ReasonTooShort      StrengthReason = "too_short" // fewer than 8 characters
	ReasonFewKinds      StrengthReason = "few_kinds" // too few kinds of characters for its length
	ReasonCouldBeLonger StrengthReason = "could_be_longer"
	ReasonGood          StrengthReason = "good"
)

// Strength is the estimated strength of a password that a user typed.
type Strength struct {
	Level  StrengthLevel  `json:"level"`
	Reason StrengthReason `json:"reason"`

	// Length is the number of characters.
	Length int `json:"length"`

	// Kinds is the number of character kinds used, from 0 to 4:
	// lowercase letters, uppercase letters, digits, and everything else.
	Kinds int `json:"kinds"`
}

// EstimateStrength rates a password typed by a user. It is a heuristic
// over length, character kinds, repetition, runs and a short list of
// common passwords, not a measure of entropy: a password rated strong can
// still be guessable.
//
// The rules, in order: an empty, common or patterned password, or one
// shorter than 8 characters, is weak. From 20 characters on, or from 12
// with at least three kinds, it is strong. From 12 characters, or from 8
// with at least three kinds, it is fair. Anything else is weak.
func EstimateStrength(pw string) Strength {
	s := Strength{Length: utf8.RuneCountInString(pw), Kinds: characterKinds(pw)}

	switch {
	case s.Length == 0:
		s.Level, s.Reason = StrengthWeak, ReasonEmpty
	case isCommonPassword(pw):
		s.Level, s.Reason = StrengthWeak, ReasonCommon
	case isPattern(pw):
		s.Level, s.Reason = StrengthWeak, ReasonPattern
	case s.Length < 8:
		s.Level, s.Reason = StrengthWeak, ReasonTooShort
	case s.Length >= 20, s.Length >= 12 && s.Kinds >= 3:
		s.Level, s.Reason = StrengthStrong, ReasonGood
	case s.Length >= 12:
		s.Level, s.Reason = StrengthFair, ReasonFewKinds
	case s.Kinds >= 3:
		s.Level, s.Reason = StrengthFair, ReasonCouldBeLonger
	default:
		s.Level, s.Reason = StrengthWeak, ReasonFewKinds
	}
	return s
}

// characterKinds counts the kinds of characters in pw: lowercase,
// uppercase, digits and other.
func characterKinds(pw string) int {
	var lower, upper, digit, other int
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	return lower + upper + digit + other
}

// isPattern reports whether pw has at most three distinct characters, or
// is one run of consecutive characters, such as "abcdefgh" or "98765432".
func isPattern(pw string) bool {
	runes := []rune(strings.ToLower(pw))
	distinct := map[rune]bool{}
	for _, r := range runes {
		distinct[r] = true
	}
	if len(distinct) <= 3 {
		return true
	}

	ascending, descending := true, true
	for i := 1; i < len(runes); i++ {
		ascending = ascending && (runes[i] == runes[i-1]+1 || runes[i-1] == '9' && runes[i] == '0')
		descending = descending && (runes[i] == runes[i-1]-1 || runes[i-1] == '0' && runes[i] == '9')
	}
	return ascending || descending
}
