package auth

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// DefaultTimeout is how long a sign-in waits for the browser to return.
const DefaultTimeout = 5 * time.Minute

// Flow holds what every sign-in attempt shares.
type Flow struct {
	ClientID     string
	ClientSecret string
	APIBaseURL   string
	Ports        []int

	// Open opens the consent page. OpenBrowser when nil.
	Open Opener

	// Timeout bounds the wait for the browser. DefaultTimeout when zero.
	Timeout time.Duration

	// HTTPClient sends the token request. http.DefaultClient when nil.
	HTTPClient *http.Client
}

// Attempt is one sign-in in progress: a listener waiting for the
// browser, with the state and PKCE verifier of this attempt only.
type Attempt struct {
	// URL is the consent page, shown in the window with a Copy button.
	URL string

	// BrowserErr is the reason the browser could not be opened, or nil.
	BrowserErr error

	flow     *Flow
	config   *oauth2.Config
	listener *Listener
	verifier string

	cancelOnce sync.Once
	cancelled  chan struct{}
}

// Begin opens a listener, builds the consent URL and opens it in the
// browser. A browser that fails to open is reported in Attempt.BrowserErr,
// not as an error: the user can still open the link by hand.
func (f *Flow) Begin(ctx context.Context, organizationSlug string) (*Attempt, error) {
	state := NewState()
	listener, err := Listen(f.Ports, state)
	if err != nil {
		return nil, err
	}

	config := &oauth2.Config{
		ClientID:     f.ClientID,
		ClientSecret: f.ClientSecret,
		Endpoint:     Endpoint(f.APIBaseURL),
		RedirectURL:  listener.RedirectURI(),
	}
	verifier := oauth2.GenerateVerifier()
	link, err := AuthorizeURL(config, state, verifier, organizationSlug)
	if err != nil {
		_ = listener.Close()
		return nil, err
	}

	a := &Attempt{
		URL:       link,
		flow:      f,
		config:    config,
		listener:  listener,
		verifier:  verifier,
		cancelled: make(chan struct{}),
	}
	open := f.Open
	if open == nil {
		open = OpenBrowser
	}
	a.BrowserErr = open(ctx, link)
	return a, nil
}

// RedirectURI returns the redirect URI of this attempt.
func (a *Attempt) RedirectURI() string {
	return a.config.RedirectURL
}

// Wait waits for the callback, then exchanges the code for tokens. It
// returns ErrCancelled after Cancel, ErrTimeout when the browser does not
// return in time, and ctx.Err() when ctx ends. The listener is closed
// before Wait returns.
func (a *Attempt) Wait(ctx context.Context) (*oauth2.Token, error) {
	defer a.listener.Close()

	timeout := a.flow.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	go func() {
		select {
		case <-a.cancelled:
			cancel()
		case <-waitCtx.Done():
		}
	}()

	code, err := a.listener.Wait(waitCtx)
	if err != nil {
		return nil, a.waitError(ctx, waitCtx, err)
	}
	return a.exchange(ctx, code)
}

func (a *Attempt) waitError(ctx, waitCtx context.Context, err error) error {
	if waitCtx.Err() == nil {
		return err
	}
	select {
	case <-a.cancelled:
		return ErrCancelled
	default:
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(waitCtx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	return err
}

// Cancel ends the wait. It is safe to call more than once, and from
// another goroutine than Wait's.
func (a *Attempt) Cancel() {
	a.cancelOnce.Do(func() { close(a.cancelled) })
}

func (a *Attempt) exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	if a.flow.HTTPClient != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, a.flow.HTTPClient)
	}
	token, err := a.config.Exchange(ctx, code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		return nil, TokenErrorFrom(err)
	}
	return token, nil
}
