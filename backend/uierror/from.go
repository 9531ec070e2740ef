package uierror

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/url"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// sentinels maps errors matched with errors.Is to their codes, checked in
// order.
var sentinels = []struct {
	err  error
	code Code
}{
	{session.ErrNotSignedIn, NotSignedIn},
	{session.ErrSignInNotStarted, SignInNotStarted},
	{session.ErrSessionExpired, SessionExpired},
	{session.ErrRefreshFailed, Unreachable},
	{session.ErrInvalidToken, InvalidInput},
	{session.ErrTokenRejected, TokenRejected},
	{auth.ErrCancelled, SignInCancelled},
	{auth.ErrTimeout, SignInTimeout},
	{auth.ErrAccessDenied, AccessDenied},
	{auth.ErrStateMismatch, StateMismatch},
	{auth.ErrPortsUnavailable, PortsUnavailable},
	{keychain.ErrUnavailable, KeychainUnavailable},
	{projects.ErrWeakPassword, WeakPassword},
	{projects.ErrOutcomeUnknown, OutcomeUnknown},
	{projects.ErrPasswordNotCommitted, PasswordNotSaved},
	{projects.ErrNoPassword, NoPassword},
	{projects.ErrPendingNotFound, PendingNotFound},
	{projects.ErrProjectFailed, ProjectFailed},
	{projects.ErrWaitTimedOut, WaitTimedOut},
	{projects.ErrNoPrimaryPooler, NoPrimaryPooler},
	{projects.ErrFileExists, FileExists},
	{supabase.ErrInvalidInput, InvalidInput},
	{context.Canceled, Cancelled},
}

// From converts an error of a backend package into an *Error for the
// window. It returns nil for nil, so a bound method can return
// From(err) directly. The message is the error's text, which the backend
// packages keep free of secrets.
func From(err error) error {
	if err == nil {
		return nil
	}
	var ui *Error
	if errors.As(err, &ui) {
		return ui
	}
	return New(codeOf(err), err.Error())
}

func codeOf(err error) Code {
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.code
		}
	}

	var apiErr *supabase.APIError
	if errors.As(err, &apiErr) {
		return statusCode(apiErr.Status)
	}
	var callbackErr *auth.CallbackError
	if errors.As(err, &callbackErr) {
		return AuthorizationFailed
	}
	var tokenErr *auth.TokenError
	if errors.As(err, &tokenErr) {
		return TokenExchangeFailed
	}
	// A file error is checked before network errors: syscall.Errno has
	// the Timeout method of net.Error, so an error such as a missing
	// folder would otherwise read as "Supabase cannot be reached".
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return FileFailed
	}
	if isNetworkError(err) {
		return Unreachable
	}
	return Internal
}

// statusCode maps an API response status to a code.
//
// A 401 that reaches the window does not end the session. The session's
// transport turns a 401 for a token that no longer works into
// session.ErrSessionExpired. It returns the 401 itself when the token
// still works, as when Supabase rejects the settings of a PATCH with 401,
// or when the token could not be checked. A 403 means the token may not
// act on this project or scope, which never ends the session either.
func statusCode(status int) Code {
	switch {
	case status == http.StatusForbidden:
		return Forbidden
	case status == http.StatusNotFound:
		return NotFound
	case status == http.StatusTooManyRequests:
		return RateLimited
	case status >= 500:
		return ServerError
	case status >= 400:
		return InvalidInput
	}
	return Internal
}

// isNetworkError reports whether err comes from dialing, resolving or
// talking to a server, or from a request that timed out.
func isNetworkError(err error) bool {
	var opErr *net.OpError
	var dnsErr *net.DNSError
	var urlErr *url.Error
	return errors.As(err, &opErr) || errors.As(err, &dnsErr) || errors.As(err, &urlErr) ||
		errors.Is(err, context.DeadlineExceeded)
}
