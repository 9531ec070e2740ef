package projects

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// MaxNameLength is the maximum length of a project name in characters,
// the maxLength of name in the Management API's V1CreateProjectBody.
const MaxNameLength = 256

// ErrInvalidName means a project name was rejected. It matches
// supabase.ErrInvalidInput too.
var ErrInvalidName = fmt.Errorf("invalid project name: %w", supabase.ErrInvalidInput)

// ValidateName returns name without leading and trailing white space. It
// returns an error matching ErrInvalidName when the result is empty,
// longer than MaxNameLength characters or not valid UTF-8. The same goes
// for a name with a control character, such as a line break or a
// bidirectional override, and for one with no visible character at all,
// such as a name of only zero-width spaces.
func ValidateName(name string) (string, error) {
	trimmed := strings.TrimSpace(name)

	switch n := utf8.RuneCountInString(trimmed); {
	case n == 0:
		return "", fmt.Errorf("projects: %w: the name is empty", ErrInvalidName)
	case n > MaxNameLength:
		return "", fmt.Errorf("projects: %w: the name has %d characters, the maximum is %d",
			ErrInvalidName, n, MaxNameLength)
	case !utf8.ValidString(trimmed):
		return "", fmt.Errorf("projects: %w: the name is not valid UTF-8", ErrInvalidName)
	case strings.ContainsFunc(trimmed, unicode.IsControl):
		return "", fmt.Errorf("projects: %w: the name contains a control character, such as a line break",
			ErrInvalidName)
	case strings.ContainsFunc(trimmed, isBidiControl):
		return "", fmt.Errorf("projects: %w: the name contains a character that reverses the text direction",
			ErrInvalidName)
	case !strings.ContainsFunc(trimmed, isVisible):
		return "", fmt.Errorf("projects: %w: the name has no visible character", ErrInvalidName)
	}
	return trimmed, nil
}

// isVisible reports whether r shows as a mark on screen: a letter, mark,
// number, punctuation or symbol. Spaces and format characters such as
// U+200B do not.
func isVisible(r rune) bool {
	return unicode.IsGraphic(r) && !unicode.IsSpace(r)
}

// isBidiControl reports whether r is a bidirectional embedding, override
// or isolate (U+202A to U+202E, U+2066 to U+2069), which can make a name
// display in another order than it is stored.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
