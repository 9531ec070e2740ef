package auth

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors for the states the window branches on.
var (
	// ErrCancelled means the user cancelled the sign-in.
	ErrCancelled = errors.New("auth: sign-in cancelled")

	// ErrTimeout means the browser did not come back in time.
	ErrTimeout = errors.New("auth: sign-in timed out waiting for the browser")

	// ErrAccessDenied means the user clicked Deny on the consent page.
	ErrAccessDenied = errors.New("auth: access denied on the consent page")

	// ErrStateMismatch means a callback carried a state that this sign-in
	// did not issue (RFC 6749, section 10.12).
	ErrStateMismatch = errors.New("auth: callback state does not match this sign-in")

	// ErrPortsUnavailable means no redirect port could be opened.
	ErrPortsUnavailable = errors.New("auth: no redirect port is available")
)

// CallbackError is an error the authorization server returned to the
// redirect URI (RFC 6749, section 4.1.2.1), other than access_denied.
type CallbackError struct {
	Code        string
	Description string
}

func (e *CallbackError) Error() string {
	if e.Description == "" {
		return fmt.Sprintf("auth: authorization failed: %s", e.Code)
	}
	return fmt.Sprintf("auth: authorization failed: %s: %s", e.Code, e.Description)
}

// PortsError lists the redirect ports that could not be opened, with the
// reason for each. It matches ErrPortsUnavailable with errors.Is.
type PortsError struct {
	Ports  []int
	Causes []error
}

func (e *PortsError) Error() string {
	names := make([]string, len(e.Ports))
	for i, p := range e.Ports {
		names[i] = strconv.Itoa(p)
	}
	msg := "auth: none of the redirect ports " + strings.Join(names, ", ") + " could be opened"
	if len(e.Causes) > 0 {
		msg += ": " + e.Causes[len(e.Causes)-1].Error()
	}
	return msg
}

// Is reports whether target is ErrPortsUnavailable.
func (e *PortsError) Is(target error) bool {
	return target == ErrPortsUnavailable
}

// TokenError is a failed request to the token endpoint. It carries the
// HTTP status and the RFC 6749 section 5.2 fields, or Supabase's
// "message" field, and never the request or response tokens.
type TokenError struct {
	Status      int
	Code        string
	Description string
}

func (e *TokenError) Error() string {
	msg := "auth: token request failed"
	if e.Status != 0 {
		msg += fmt.Sprintf(" with status %d", e.Status)
	}
	if e.Code != "" {
		msg += ": " + e.Code
	}
	if e.Description != "" {
		msg += ": " + e.Description
	}
	return msg
}
