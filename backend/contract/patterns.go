package contract

import (
	"fmt"
	"net/url"
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"
)

// leadingLookahead splits a pattern of the form ^(?!A)B into A and B.
var leadingLookahead = regexp.MustCompile(`^\^\(\?!(.*?)\)(.*)$`)

// compilePattern compiles a schema "pattern" keyword. JSON Schema patterns
// are ECMA-262 regular expressions, and Go's regexp package (RE2) handles
// all of those in the description but one: a secret-name pattern,
// ^(?!SUPABASE_).*, starts with a negative lookahead. A pattern ^(?!A)B
// matches exactly the strings that start with a match of B and do not start
// with a match of A, so it is compiled as those two RE2 expressions. Any
// other unsupported syntax is an error, which fails validation of the
// field instead of skipping it.
func compilePattern(expr string) (openapi3.RegexMatcher, error) {
	re, err := regexp.Compile(expr)
	if err == nil {
		return re, nil
	}

	parts := leadingLookahead.FindStringSubmatch(expr)
	if parts == nil {
		return nil, fmt.Errorf("compile pattern %q: %w", expr, err)
	}
	// A non-greedy split that ends inside a group or a character class
	// leaves an unbalanced first part, which fails to compile here.
	forbidden, err := regexp.Compile("^(?:" + parts[1] + ")")
	if err != nil {
		return nil, fmt.Errorf("compile lookahead of pattern %q: %w", expr, err)
	}
	rest, err := regexp.Compile("^(?:" + parts[2] + ")")
	if err != nil {
		return nil, fmt.Errorf("compile pattern %q after its lookahead: %w", expr, err)
	}
	return lookaheadMatcher{forbidden: forbidden, rest: rest}, nil
}

// lookaheadMatcher matches ^(?!forbidden)rest.
type lookaheadMatcher struct {
	forbidden *regexp.Regexp
	rest      *regexp.Regexp
}

// MatchString reports whether s matches rest and does not start with a
// match of forbidden.
func (m lookaheadMatcher) MatchString(s string) bool {
	return !m.forbidden.MatchString(s) && m.rest.MatchString(s)
}

// formatOptions returns validators for the string formats that the
// description uses on fields this project sends or reads. kin-openapi
// checks only date and date-time by default, and a client_id that is not a
// UUID must fail here as it fails on Supabase.
func formatOptions() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.WithStringFormatValidator("uuid",
			openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562)),
		openapi3.WithStringFormatValidator("uri",
			openapi3.NewCallbackValidator(validateAbsoluteURI)),
		openapi3.WithStringFormatValidator("email",
			openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail)),
	}
}

// validateAbsoluteURI accepts an absolute URI, one with a scheme, as the
// "uri" format of JSON Schema requires (RFC 3986, section 4.3).
func validateAbsoluteURI(value string) error {
	u, err := url.Parse(value)
	if err != nil {
		return fmt.Errorf("invalid URI: %w", err)
	}
	if !u.IsAbs() {
		return fmt.Errorf("URI has no scheme")
	}
	return nil
}
