package projects_test

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

func TestGeneratePasswordShape(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		pw, err := projects.GeneratePassword()
		if err != nil {
			t.Fatalf("GeneratePassword: %v", err)
		}

		if len(pw) != projects.GeneratedPasswordLength {
			t.Fatalf("length %d, want %d", len(pw), projects.GeneratedPasswordLength)
		}
		var digits, symbols, upper, lower int
		for _, r := range pw {
			switch {
			case unicode.IsDigit(r):
				digits++
			case strings.ContainsRune(projects.PasswordSymbols, r):
				symbols++
			case r >= 'A' && r <= 'Z':
				upper++
			case r >= 'a' && r <= 'z':
				lower++
			default:
				t.Fatalf("unexpected character %q in a generated password", r)
			}
		}
		if digits != 6 || symbols != 4 {
			t.Errorf("%d digits and %d symbols, want 6 and 4", digits, symbols)
		}
		if strings.ContainsRune(projects.PasswordSymbols, rune(pw[0])) || strings.ContainsRune(projects.PasswordSymbols, rune(pw[len(pw)-1])) {
			t.Errorf("a generated password starts or ends with a symbol")
		}
		if seen[pw] {
			t.Fatal("GeneratePassword returned the same password twice")
		}
		seen[pw] = true
	}
}

func TestGeneratedPasswordIsStrong(t *testing.T) {
	for range 200 {
		pw, err := projects.GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		if got := projects.EstimateStrength(pw); got.Level != projects.StrengthStrong {
			t.Fatalf("generated password rated %s (%s), want strong", got.Level, got.Reason)
		}
	}
}

func TestPasswordSymbolsAreShellSafe(t *testing.T) {
	// Characters with a meaning to a POSIX shell, a .env loader or
	// as the first character of a word.
	const special = " \t\n\"'`$\\!#&*;|<>()[]{}?~%@:/,^"
	for _, r := range projects.PasswordSymbols {
		if strings.ContainsRune(special, r) {
			t.Errorf("PasswordSymbols contains %q, which a shell or .env loader interprets", r)
		}
	}
}

func TestEstimateStrength(t *testing.T) {
	tests := []struct {
		password string
		level    projects.StrengthLevel
		reason   projects.StrengthReason
	}{
		{"", projects.StrengthWeak, projects.ReasonEmpty},
		{"password", projects.StrengthWeak, projects.ReasonCommon},
		{"Password123!", projects.StrengthWeak, projects.ReasonCommon},
		{"P@ssw0rd2024", projects.StrengthWeak, projects.ReasonCommon},
		{"correct-horse-battery-staple", projects.StrengthWeak, projects.ReasonCommon},
		{"supabase!!", projects.StrengthWeak, projects.ReasonCommon},
		{"123456789", projects.StrengthWeak, projects.ReasonCommon},
		{"aaaaaaaaaaaaaaaaaaaaaaa", projects.StrengthWeak, projects.ReasonPattern},
		{"abababababababab", projects.StrengthWeak, projects.ReasonPattern},
		{"abcdefghijklmn", projects.StrengthWeak, projects.ReasonPattern},
		{"98765432", projects.StrengthWeak, projects.ReasonPattern},
		{"12345678901234567890", projects.StrengthWeak, projects.ReasonPattern},
		{"09876543210987", projects.StrengthWeak, projects.ReasonPattern},
		{"Xk9#mQ", projects.StrengthWeak, projects.ReasonTooShort},
		{"kqzvmtrw", projects.StrengthWeak, projects.ReasonFewKinds},
		{"kqzv7trw", projects.StrengthWeak, projects.ReasonFewKinds},
		{"Kqz7-trw", projects.StrengthFair, projects.ReasonCouldBeLonger},
		{"kqzvmtrwplhd", projects.StrengthFair, projects.ReasonFewKinds},
		{"Kqzv7trw-plh", projects.StrengthStrong, projects.ReasonGood},
		{"purple monkey dishwasher tango", projects.StrengthStrong, projects.ReasonGood},
		{"Grüße, Zürich! 42", projects.StrengthStrong, projects.ReasonGood},
	}
	for _, tt := range tests {
		got := projects.EstimateStrength(tt.password)

		if got.Level != tt.level || got.Reason != tt.reason {
			t.Errorf("EstimateStrength(%q) = %s/%s, want %s/%s", tt.password, got.Level, got.Reason, tt.level, tt.reason)
		}
	}
}

func TestEstimateStrengthCounts(t *testing.T) {
	got := projects.EstimateStrength("Grüße 42")

	if got.Length != 8 {
		t.Errorf("Length = %d, want 8 characters", got.Length)
	}
	if got.Kinds != 4 {
		t.Errorf("Kinds = %d, want 4: lower, upper, digit, other", got.Kinds)
	}
}

func TestValidateName(t *testing.T) {
	tests := []struct {
		name    string
		want    string
		wantErr bool
	}{
		{"Shop", "Shop", false},
		{"  Shop  \t", "Shop", false},
		{"Café Ümlaut 🚀", "Café Ümlaut 🚀", false},
		{strings.Repeat("ß", 256), strings.Repeat("ß", 256), false},
		{"", "", true},
		{"   ", "", true},
		{strings.Repeat("ß", 257), "", true},
		{"two\nlines", "", true},
		{"tab\tinside", "", true},
		{"bad\xffbyte", "", true},
		{"\u200b", "", true},
		{"\ufeff\u200b", "", true},
		{"shop\u202egnp.exe", "", true},
		{"family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧", false},
	}
	for _, tt := range tests {
		got, err := projects.ValidateName(tt.name)

		if (err != nil) != tt.wantErr {
			t.Errorf("ValidateName(%q) error = %v, want error %v", tt.name, err, tt.wantErr)
		}
		if err != nil && !errors.Is(err, projects.ErrInvalidName) {
			t.Errorf("ValidateName(%q) error = %v, want ErrInvalidName", tt.name, err)
		}
		if err != nil && !errors.Is(err, supabase.ErrInvalidInput) {
			t.Errorf("ValidateName(%q) error = %v, want it to match supabase.ErrInvalidInput", tt.name, err)
		}
		if got != tt.want {
			t.Errorf("ValidateName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
