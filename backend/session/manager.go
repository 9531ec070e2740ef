// Package session keeps the user's Supabase session. It signs in through
// package auth or with a personal access token, saves the tokens in the OS
// keychain, restores them at the next start and refreshes them. It hands
// out an authenticated Management API client whose requests keep to the
// rate limits and survive transient failures.
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
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/retry"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// callTimeout bounds one API call, rate-limit waits included. Each attempt
// of the call has its own bound, retry.DefaultAttemptTimeout.
const callTimeout = 5 * time.Minute

// Methods of Status.Method.
const (
	methodOAuth = "oauth"
	methodToken = "token"
)

// ErrNotSignedIn means no session exists: the user has to connect first.
var ErrNotSignedIn = errors.New("session: not signed in")

// ErrSignInNotStarted means AwaitSignIn was called with no sign-in waiting.
var ErrSignInNotStarted = errors.New("session: no sign-in is in progress")

// errSessionReplaced is returned when a credential tries to save itself
// after the session it belonged to was signed out or replaced.
var errSessionReplaced = errors.New("session: the session was replaced")

// Options configures a Manager.
type Options struct {
	ClientID     string
	ClientSecret string
	APIBaseURL   string
	Ports        []int

	// Keychain is the OS credential store. When it turns out to be
	// unavailable, the Manager keeps the session in memory for this run,
	// or in an encrypted file once the user opted in to it.
	Keychain keychain.Store

	// ConfigDir contains the per-machine settings and the encrypted file
	// that EnableFileFallback allows. Empty means no file fallback. See
	// DefaultConfigDir.
	ConfigDir string

	// Open opens the consent page; auth.OpenBrowser when nil.
	Open auth.Opener

	// SignInTimeout bounds the wait for the browser; auth.DefaultTimeout
	// when zero.
	SignInTimeout time.Duration

	// Transport sends every HTTP request; http.DefaultTransport when nil.
	Transport http.RoundTripper

	// OnRateLimitWait, when set, is called before every wait of a second
	// or more for a rate-limit window or a retry, with its length, so the
	// window can show a countdown. It must return quickly.
	OnRateLimitWait func(wait time.Duration)

	// UserAgent names the app and its version in API requests.
	UserAgent string

	Logger *slog.Logger

	// Now returns the current time; time.Now when nil.
	Now func() time.Time

	// Sleep waits between retries; retry.Sleep when nil. Tests pass one
	// that advances their clock instead.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Manager is the session of one run of the app. It is safe for
// concurrent use.
//
// Lock order: an OAuth source takes mu while it holds its own lock, to
// save a refreshed token, so code that holds mu must never wait for a
// source's lock.
type Manager struct {
	opts      Options
	flow      *auth.Flow
	transport *retry.Transport

	mu           sync.Mutex
	restored     bool
	store        keychain.Store
	storage      string
	keychainErr  error
	fileFallback bool
	cred         credential
	method       string
	client       *supabase.Client
	apiHTTP      *http.Client
	user         *User
	expired      bool
	attempt      *auth.Attempt
}

// New returns a Manager. Nothing is read from the keychain until the
// first call to Status.
func New(opts Options) *Manager {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = retry.Sleep
	}
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport
	}
	m := &Manager{opts: opts, store: opts.Keychain, storage: StorageKeychain}
	m.transport = retry.New(retry.Options{
		Base:   opts.Transport,
		OnWait: opts.OnRateLimitWait,
		Logger: opts.Logger,
		Now:    opts.Now,
		Sleep:  opts.Sleep,
	})
	m.flow = &auth.Flow{
		ClientID:     opts.ClientID,
		ClientSecret: opts.ClientSecret,
		APIBaseURL:   opts.APIBaseURL,
		Ports:        opts.Ports,
		Open:         opts.Open,
		Timeout:      opts.SignInTimeout,
		HTTPClient:   m.httpClient(),
	}
	return m
}

// httpClient is the client for requests that carry no access token: the
// token endpoint and revocation. They are never retried, being POSTs, but
// keep to the rate limit.
func (m *Manager) httpClient() *http.Client {
	return &http.Client{Transport: m.transport, Timeout: callTimeout}
}

func (m *Manager) oauthConfig() *oauth2.Config {
	return &oauth2.Config{
		ClientID:     m.opts.ClientID,
		ClientSecret: m.opts.ClientSecret,
		Endpoint:     auth.Endpoint(m.opts.APIBaseURL),
	}
}

// Client returns the Management API client of the session.
func (m *Manager) Client() (*supabase.Client, error) {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.client == nil {
		return nil, ErrNotSignedIn
	}
	return m.client, nil
}

// Close cancels a sign-in in progress.
func (m *Manager) Close() {
	m.CancelSignIn()
}

// startOAuthLocked makes tok the session's token.
func (m *Manager) startOAuthLocked(tok *oauth2.Token) {
	source := &savingSource{
		config:     m.oauthConfig(),
		httpClient: m.httpClient(),
		logger:     m.opts.Logger,
		now:        m.opts.Now,
		sleep:      m.opts.Sleep,
		lock:       make(chan struct{}, 1),
		current:    tok,
	}
	source.persist = func(t *oauth2.Token) error {
		return m.persist(source, func(ts tokenStore) error { return ts.save(t) })
	}
	source.onExpired = func() { m.expire(source) }
	m.useLocked(source, methodOAuth)
}

// useLocked makes cred the session's credential and builds the API
// client around it.
func (m *Manager) useLocked(cred credential, method string) {
	m.cred = cred
	m.method = method
	m.apiHTTP = &http.Client{
		Transport: &apiTransport{
			cred:       cred,
			base:       m.transport,
			profileURL: m.opts.APIBaseURL + "/v1/profile",
			logger:     m.opts.Logger,
		},
		Timeout: callTimeout,
	}
	m.client = supabase.NewClient(m.opts.APIBaseURL, m.apiHTTP, m.opts.UserAgent)
	m.user = nil
	m.expired = false
}

// forgetLocked drops the session from memory.
func (m *Manager) forgetLocked() {
	m.cred = nil
	m.method = ""
	m.client = nil
	m.apiHTTP = nil
	m.user = nil
}

// persist saves a credential to the current store, unless cred is no
// longer the session's: a session that was signed out must not come back
// because a refresh in flight saved it.
func (m *Manager) persist(cred credential, save func(tokenStore) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.cred != cred {
		return errSessionReplaced
	}
	return save(tokenStore{store: m.store})
}

// expire drops a session whose grant or token is gone and deletes it
// from the store, unless a newer session replaced it.
func (m *Manager) expire(cred credential) {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.cred != cred {
		return
	}
	m.forgetLocked()
	m.expired = true
	if err := (tokenStore{store: m.store}).clear(); err != nil {
		m.opts.Logger.Error("deleting the ended session from the keychain failed", "error", err)
	}
}
