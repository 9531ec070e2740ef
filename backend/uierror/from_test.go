package uierror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"syscall"
	"testing"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

func TestFromCodes(t *testing.T) {
	cases := []struct {
		err  error
		want Code
	}{
		{session.ErrNotSignedIn, NotSignedIn},
		{fmt.Errorf("wrapped: %w", session.ErrSessionExpired), SessionExpired},
		{auth.ErrCancelled, SignInCancelled},
		{fmt.Errorf("supabase: GET /v1/organizations: %w", context.Canceled), Cancelled},
		{auth.ErrTimeout, SignInTimeout},
		{auth.ErrAccessDenied, AccessDenied},
		{auth.ErrStateMismatch, StateMismatch},
		{&auth.PortsError{Ports: []int{1, 2}}, PortsUnavailable},
		{&auth.CallbackError{Code: "server_error"}, AuthorizationFailed},
		{&auth.TokenError{Status: 400, Code: "invalid_grant"}, TokenExchangeFailed},
		{fmt.Errorf("%w: dbus", keychain.ErrUnavailable), KeychainUnavailable},
		{&supabase.APIError{Status: 401, Message: "SMTP credentials are invalid"}, InvalidInput},
		{fmt.Errorf("supabase: GET /v1/profile: %w", session.ErrSessionExpired), SessionExpired},
		{fmt.Errorf("%w: %w", session.ErrRefreshFailed, &auth.TokenError{Status: 503}), Unreachable},
		{fmt.Errorf("%w: got 12 characters", session.ErrInvalidToken), InvalidInput},
		{fmt.Errorf("%w: %w", session.ErrTokenRejected, &supabase.APIError{Status: 401}), TokenRejected},
		{&supabase.APIError{Status: 403}, Forbidden},
		{&supabase.APIError{Status: 404}, NotFound},
		{&supabase.APIError{Status: 429}, RateLimited},
		{&supabase.APIError{Status: 503}, ServerError},
		{&supabase.APIError{Status: 400}, InvalidInput},
		{fmt.Errorf("%w: slug", supabase.ErrInvalidInput), InvalidInput},
		{fmt.Errorf("projects: %w (pattern)", projects.ErrWeakPassword), WeakPassword},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, Unreachable},
		{&url.Error{Op: "Get", URL: "https://api.supabase.com/v1/profile", Err: io.ErrUnexpectedEOF}, Unreachable},
		{fmt.Errorf("projects: %w", &fs.PathError{Op: "open", Path: "/no/such/.env", Err: syscall.ENOENT}), FileFailed},
		{&fs.PathError{Op: "open", Path: "/full/.env", Err: syscall.ENOSPC}, FileFailed},
		{errors.New("something else"), Internal},
	}
	for _, c := range cases {
		got := From(c.err)
		var ui *Error
		if !errors.As(got, &ui) {
			t.Errorf("From(%v) = %T, want *Error", c.err, got)
			continue
		}
		if ui.Code != c.want {
			t.Errorf("From(%v).Code = %q, want %q", c.err, ui.Code, c.want)
		}
		if ui.Message != c.err.Error() {
			t.Errorf("From(%v).Message = %q, want the error's text", c.err, ui.Message)
		}
	}
}

func TestFromNil(t *testing.T) {
	if err := From(nil); err != nil {
		t.Errorf("From(nil) = %v, want nil", err)
	}
}

func TestErrorIsJSON(t *testing.T) {
	err := New(RateLimited, `slow "down"`)
	var decoded Error
	if jerr := json.Unmarshal([]byte(err.Error()), &decoded); jerr != nil {
		t.Fatalf("Error() = %q is not JSON: %v", err.Error(), jerr)
	}
	if decoded != *err {
		t.Errorf("decoded %+v, want %+v", decoded, *err)
	}
}
