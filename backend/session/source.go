package session

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// expiryMargin is how long before its expiry a token is refreshed, so a
// request never leaves with a token that expires on the way.
const expiryMargin = time.Minute

// ErrSessionExpired means Supabase no longer accepts the session: the user
// revoked the app or the personal access token, or the grant expired. The
// saved session has been deleted, and the user must connect again.
var ErrSessionExpired = errors.New("session: the Supabase session has ended, connect again")

// credential is the part of a session that the API transport uses: the
// OAuth token source or a personal access token.
type credential interface {
	// accessToken returns a token to send, refreshing it first when it
	// expires within expiryMargin.
	accessToken(ctx context.Context) (string, error)

	// renew returns an access token other than rejected, which Supabase
	// rejected with 401, refreshing it unless another request already
	// did. It returns errCannotRenew when the token cannot change.
	renew(ctx context.Context, rejected string) (string, error)

	// end drops the credential after Supabase rejected it for good, and
	// ends the Manager's session.
	end()

	// resave writes the credential to the Manager's current store. An
	// OAuth source holds its lock meanwhile, so no refresh can slip a
	// rotated token in between.
	resave(ctx context.Context) error
}

// errCannotRenew is returned by renew for a personal access token.
var errCannotRenew = errors.New("session: a personal access token cannot be renewed")

// savingSource holds the OAuth token of a session. It refreshes the token
// when it is about to expire or when Supabase rejected it, and saves every
// new token before using it.
//
// A channel of capacity one serializes refreshes: Supabase rotates refresh
// tokens, so two concurrent refreshes with the same token would fail one
// of them. Unlike a sync.Mutex, the channel lets a caller stop waiting
// when its context ends.
type savingSource struct {
	config     *oauth2.Config
	httpClient *http.Client
	logger     *slog.Logger
	now        func() time.Time
	sleep      func(ctx context.Context, d time.Duration) error

	// persist saves a new token. It runs with the lock held.
	persist func(*oauth2.Token) error

	// onExpired ends the Manager's session when the grant is gone. It
	// runs with the lock held, so the Manager must never wait for this
	// lock while it holds its own mutex.
	onExpired func()

	lock    chan struct{}
	current *oauth2.Token
}

func (s *savingSource) acquire(ctx context.Context) error {
	select {
	case s.lock <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *savingSource) release() {
	<-s.lock
}

// accessToken returns an access token valid for at least expiryMargin.
func (s *savingSource) accessToken(ctx context.Context) (string, error) {
	if err := s.acquire(ctx); err != nil {
		return "", err
	}
	if s.current == nil {
		s.release()
		return "", ErrSessionExpired
	}
	if s.current.AccessToken != "" && s.current.Expiry.After(s.now().Add(expiryMargin)) {
		token := s.current.AccessToken
		s.release()
		return token, nil
	}
	return s.refreshAndRelease(ctx)
}

// renew refreshes the token after Supabase rejected it, unless a
// concurrent request already replaced it: then that token is returned, so
// one rejection causes one refresh however many requests saw it.
func (s *savingSource) renew(ctx context.Context, rejected string) (string, error) {
	if err := s.acquire(ctx); err != nil {
		return "", err
	}
	if s.current == nil {
		s.release()
		return "", ErrSessionExpired
	}
	if s.current.AccessToken != rejected {
		token := s.current.AccessToken
		s.release()
		return token, nil
	}
	s.logger.Info("request got 401, refreshing the access token to send it again")
	return s.refreshAndRelease(ctx)
}

// refreshAndRelease refreshes the token with the lock held and releases
// the lock when the refresh is done. The refresh runs in its own
// goroutine, so a caller whose context ends returns at once. A token
// request already sent still completes, and its rotated refresh token is
// saved, because Supabase invalidates the old refresh token as soon as it
// issues the new one.
func (s *savingSource) refreshAndRelease(ctx context.Context) (string, error) {
	type result struct {
		token string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		defer s.release()
		token, err := s.refreshLocked(ctx)
		done <- result{token, err}
	}()

	select {
	case r := <-done:
		return r.token, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// end drops the token and ends the session.
func (s *savingSource) end() {
	_ = s.acquire(context.Background())
	defer s.release()

	if s.current != nil {
		s.current = nil
		s.onExpired()
	}
}

// resave saves the current token again, to a store the Manager switched
// to.
func (s *savingSource) resave(ctx context.Context) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	defer s.release()

	if s.current == nil {
		return nil
	}
	return s.persist(s.current)
}

// refreshToken returns the current refresh token, or "" for a nil source,
// an ended session or a context that ended while waiting for a refresh.
func (s *savingSource) refreshToken(ctx context.Context) string {
	if s == nil || s.acquire(ctx) != nil {
		return ""
	}
	defer s.release()

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
