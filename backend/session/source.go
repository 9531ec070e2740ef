package session

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/auth"
)

// expiryMargin is how long before its expiry a token is refreshed, so a
// request never leaves with a token that expires on the way.
const expiryMargin = time.Minute

// ErrSessionExpired means Supabase no longer accepts the session's refresh
// token: the user revoked the app, or the grant expired. The saved session
// has been deleted, and the user must connect again.
var ErrSessionExpired = errors.New("session: the Supabase session has ended, connect again")

// savingSource is an oauth2.TokenSource that refreshes the token when it
// is about to expire and saves every new token before returning it. One
// mutex serializes refreshes: Supabase rotates refresh tokens, so two
// concurrent refreshes with the same token would fail one of them.
type savingSource struct {
	config     *oauth2.Config
	httpClient *http.Client
	store      tokenStore
	logger     *slog.Logger
	now        func() time.Time

	// onExpired runs, under mu, when the grant is gone.
	onExpired func()

	mu      sync.Mutex
	current *oauth2.Token
}

// Token returns a token that is valid for at least expiryMargin.
func (s *savingSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.current == nil {
		return nil, ErrSessionExpired
	}
	if s.current.AccessToken != "" && s.current.Expiry.After(s.now().Add(expiryMargin)) {
		return s.current, nil
	}
	return s.refreshLocked()
}

func (s *savingSource) refreshLocked() (*oauth2.Token, error) {
	ctx := context.Background()
	if s.httpClient != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, s.httpClient)
	}
	stale := &oauth2.Token{RefreshToken: s.current.RefreshToken}

	tok, err := s.config.TokenSource(ctx, stale).Token()
	if err != nil {
		err = auth.TokenErrorFrom(err)
		if grantGone(err) {
			s.logger.Warn("refresh token rejected, ending the session", "error", err)
			s.current = nil
			s.onExpired()
			return nil, ErrSessionExpired
		}
		s.logger.Warn("token refresh failed", "error", err)
		return nil, err
	}

	stampExpiry(tok, s.now)
	if err := s.store.save(tok); err != nil {
		// The token still works for this run, but a rotated refresh token
		// that is not saved is lost when the app exits.
		s.logger.Error("saving refreshed token failed", "error", err)
	}
	s.current = tok
	s.logger.Info("access token refreshed", "expiry", tok.Expiry)
	return tok, nil
}

// grantGone reports whether a refresh error means the grant no longer
// exists. Supabase returns 404 for a stale refresh token, RFC 6749 uses
// 400 invalid_grant, and a revoked client gets 401.
func grantGone(err error) bool {
	var te *auth.TokenError
	if !errors.As(err, &te) {
		return false
	}
	switch te.Status {
	case http.StatusUnauthorized, http.StatusNotFound:
		return true
	case http.StatusBadRequest:
		return te.Code == "invalid_grant"
	}
	return false
}

// refreshToken returns the current refresh token, or "" for a nil source
// or an ended session.
func (s *savingSource) refreshToken() string {
	if s == nil {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.current == nil {
		return ""
	}
	return s.current.RefreshToken
}

// stampExpiry sets the expiry from expires_in with the session's clock.
// x/oauth2 uses time.Now, and the session must judge expiry with the same
// clock that set it.
func stampExpiry(tok *oauth2.Token, now func() time.Time) {
	if tok.ExpiresIn > 0 {
		tok.Expiry = now().Add(time.Duration(tok.ExpiresIn) * time.Second)
	}
}
