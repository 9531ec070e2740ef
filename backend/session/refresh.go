package session

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/retry"
)

// Bounds of the retries of a failed refresh: three requests, the second
// and third after about one and two seconds.
const (
	maxRefreshAttempts = 3
	refreshBaseDelay   = time.Second
	refreshMaxDelay    = 8 * time.Second
)

// ErrRefreshFailed means the access token could not be refreshed because
// Supabase could not be reached or failed, even after retries. The session
// is kept, and the next request tries again.
var ErrRefreshFailed = errors.New("session: the access token could not be refreshed because Supabase cannot be reached or is failing, try again later")

// refreshLocked exchanges the refresh token for a new token, saves it and
// makes it current. The caller holds the lock.
//
// A network error, a 429 or a 5xx status is retried with jittered
// backoff, and once the attempts are spent the error matches
// ErrRefreshFailed. A response saying that the grant is gone ends the
// session with ErrSessionExpired. Any other token error is returned as a
// *auth.TokenError.
//
// NOTE: a request that reached Supabase but whose response was lost has
// already rotated the refresh token. Its retry then gets 404, and the
// session ends, because the new refresh token is lost with the response.
func (s *savingSource) refreshLocked(ctx context.Context) (string, error) {
	var lastErr error
	for attempt := 1; attempt <= maxRefreshAttempts; attempt++ {
		if attempt > 1 {
			delay := retry.Backoff(attempt-1, refreshBaseDelay, refreshMaxDelay, rand.Float64())
			if err := s.sleep(ctx, delay); err != nil {
				return "", fmt.Errorf("%w: %w", ErrRefreshFailed, err)
			}
		}

		tok, err := s.exchange()
		if err == nil {
			return s.adoptLocked(tok), nil
		}
		err = auth.TokenErrorFrom(err)
		if grantGone(err) {
			s.logger.Warn("refresh token rejected, ending the session", "error", err)
			s.current = nil
			s.onExpired()
			return "", ErrSessionExpired
		}
		if !transientRefreshError(err) {
			s.logger.Warn("token refresh failed", "error", err)
			return "", err
		}
		s.logger.Warn("token refresh failed, retrying", "attempt", attempt, "error", err)
		lastErr = err
	}
	return "", fmt.Errorf("%w: %w", ErrRefreshFailed, lastErr)
}

// exchange sends one refresh request. It ignores the caller's context on
// purpose, so that a user who leaves a screen cannot cut off a response
// that carries the rotated refresh token. The HTTP client's timeout
// bounds it instead.
func (s *savingSource) exchange() (*oauth2.Token, error) {
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, s.httpClient)
	stale := &oauth2.Token{RefreshToken: s.current.RefreshToken}
	return s.config.TokenSource(ctx, stale).Token()
}

// adoptLocked saves tok, makes it current and returns its access token.
func (s *savingSource) adoptLocked(tok *oauth2.Token) string {
	stampExpiry(tok, s.now)
	switch err := s.persist(tok); {
	case errors.Is(err, errSessionReplaced):
		s.logger.Info("the session was replaced during a refresh, so the new token is not saved")
	case err != nil:
		// The token still works for this run, but a rotated refresh token
		// that is not saved is lost when the app exits.
		s.logger.Error("saving the refreshed token failed", "error", err)
	}
	s.current = tok
	s.logger.Info("access token refreshed", "expiry", tok.Expiry)
	return tok.AccessToken
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

// transientRefreshError reports whether a refresh may succeed when it is
// tried again: the token endpoint failed with 429 or a 5xx status, or the
// request failed without a response, such as on a network error or a
// timeout.
func transientRefreshError(err error) bool {
	var te *auth.TokenError
	if errors.As(err, &te) {
		return te.Status == http.StatusTooManyRequests || te.Status >= 500
	}
	return true
}
