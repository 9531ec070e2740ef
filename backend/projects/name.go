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

// ValidateName returns name without leading and trailing white space, or
// an error matching ErrInvalidName when the result is empty, longer than
// MaxNameLength characters, not valid UTF-8 or contains a control
// character such as a line break.
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
	}
	return trimmed, nil
}
