package session

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// personalTokenPattern is the format of a Supabase personal access token:
// "sbp_" and 40 lowercase hexadecimal digits.
var personalTokenPattern = regexp.MustCompile(`^sbp_[0-9a-f]{40}$`)

// Errors of SignInWithToken. Their messages never contain the token.
var (
	// ErrInvalidToken means the pasted text is not a personal access
	// token. Nothing was sent to Supabase.
	ErrInvalidToken = errors.New("session: invalid personal access token")

	// ErrTokenRejected means Supabase responded with 401 to the token
	// because it was mistyped, deleted or has expired.
	ErrTokenRejected = errors.New("session: Supabase rejected the personal access token")
)

// CleanToken removes what a user may paste around a token: spaces, and a
// "Bearer " prefix copied from an Authorization header.
func CleanToken(token string) string {
	token = strings.TrimSpace(token)
	if len(token) > len("bearer ") && strings.EqualFold(token[:len("bearer ")], "bearer ") {
		token = strings.TrimSpace(token[len("bearer "):])
	}
	return token
}

// ValidatePersonalAccessToken checks the format of a personal access
// token, "sbp_" and 40 lowercase hexadecimal digits, without sending it.
// An OAuth access token ("sbp_oauth_…") is rejected with its own message,
// because it expires within hours and cannot be refreshed without the
// OAuth grant behind it. The error matches ErrInvalidToken.
func ValidatePersonalAccessToken(token string) error {
	const prefix = "sbp_"
	switch {
	case token == "":
		return fmt.Errorf("%w: the token is empty: paste a token that starts with %s", ErrInvalidToken, prefix)
	case strings.HasPrefix(token, "sbp_oauth_"):
		return fmt.Errorf("%w: this is an OAuth access token (sbp_oauth_…), which cannot be pasted: "+
			"paste a personal access token or use Connect Supabase", ErrInvalidToken)
	case !strings.HasPrefix(token, prefix):
		return fmt.Errorf("%w: a personal access token starts with %s", ErrInvalidToken, prefix)
	case strings.ToLower(token) != token:
		return fmt.Errorf("%w: the token has capital letters, but a personal access token is all lowercase: "+
			"copy it again from the dashboard", ErrInvalidToken)
	case !personalTokenPattern.MatchString(token):
		return fmt.Errorf("%w: expected %s and 40 lowercase hexadecimal characters, got %d characters after %s",
			ErrInvalidToken, prefix, len(token)-len(prefix), prefix)
	}
	return nil
}

// SignInWithToken signs in with a personal access token, for users
// without an OAuth app. Surrounding spaces and a "Bearer " prefix, as
// copied from a curl command, are removed. The token's format
// is checked first, then the token is tried with GET /v1/profile, and only
// a token that works is saved, under its own keychain entry. It replaces
// any session, and a replaced OAuth grant is revoked.
//
// A personal access token is never refreshed. When Supabase rejects it
// later, the session ends and Status reports it as expired.
func (m *Manager) SignInWithToken(ctx context.Context, token string) (Status, error) {
	token = CleanToken(token)
	if err := ValidatePersonalAccessToken(token); err != nil {
		return Status{}, err
	}
	m.restoreOnce()

	profile, err := m.verifyPersonalToken(ctx, token)
	if err != nil {
		m.opts.Logger.Info("personal access token not accepted", "error", err)
		return Status{}, err
	}
	m.CancelSignIn()

	m.mu.Lock()
	replaced := m.cred
	m.startPersonalLocked(token)
	m.user = &User{Email: profile.Email, Username: profile.Username}
	saveErr := tokenStore{store: m.store}.savePersonal(token)
	m.mu.Unlock()
	if saveErr != nil {
		m.opts.Logger.Error("saving the session failed", "error", saveErr)
		m.markKeychainFailed(saveErr)
	}

	if source, ok := replaced.(*savingSource); ok {
		m.revokeSource(ctx, source)
	}
	m.opts.Logger.Info("signed in with a personal access token")
	return m.status(), nil
}

// verifyPersonalToken reads the profile with token.
func (m *Manager) verifyPersonalToken(ctx context.Context, token string) (supabase.Profile, error) {
	httpClient := &http.Client{Transport: bearerTransport{token: token, base: m.transport}, Timeout: callTimeout}
	profile, err := supabase.NewClient(m.opts.APIBaseURL, httpClient, m.opts.UserAgent).Profile(ctx)

	var apiErr *supabase.APIError
	if errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
		return supabase.Profile{}, fmt.Errorf("%w: %w", ErrTokenRejected, err)
	}
	return profile, err
}

// startPersonalLocked makes a personal access token the session's
// credential.
func (m *Manager) startPersonalLocked(token string) {
	p := &personalToken{token: token}
	p.persist = func() error {
		return m.persist(p, func(ts tokenStore) error { return ts.savePersonal(token) })
	}
	p.onExpired = func() { m.expire(p) }
	m.useLocked(p, methodToken)
}

// personalToken is the credential of a session made with a personal
// access token.
type personalToken struct {
	token     string
	persist   func() error
	onExpired func()
	ended     atomic.Bool
}

// accessToken returns the token until Supabase rejected it.
func (p *personalToken) accessToken(context.Context) (string, error) {
	if p.ended.Load() {
		return "", ErrSessionExpired
	}
	return p.token, nil
}

// renew always fails: a personal access token has no refresh token.
func (p *personalToken) renew(context.Context, string) (string, error) {
	return "", errCannotRenew
}

func (p *personalToken) end() {
	if p.ended.CompareAndSwap(false, true) {
		p.onExpired()
	}
}

func (p *personalToken) resave(context.Context) error {
	return p.persist()
}
