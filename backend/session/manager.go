// Package session keeps the user's Supabase session: it signs in through
// package auth, saves the tokens in the OS keychain, restores them at the
// next start, refreshes them, and hands out an authenticated Management
// API client.
package session

import (
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// ErrNotSignedIn means no session exists: the user has to connect first.
var ErrNotSignedIn = errors.New("session: not signed in")

// ErrSignInNotStarted means AwaitSignIn was called with no sign-in waiting.
var ErrSignInNotStarted = errors.New("session: no sign-in is in progress")

// Options configures a Manager.
type Options struct {
	ClientID     string
	ClientSecret string
	APIBaseURL   string
	Ports        []int

	// Keychain is the OS credential store. When it turns out to be
	// unavailable, the Manager keeps the session in memory for this run.
	Keychain keychain.Store

	// Open opens the consent page; auth.OpenBrowser when nil.
	Open auth.Opener

	// SignInTimeout bounds the wait for the browser; auth.DefaultTimeout
	// when zero.
	SignInTimeout time.Duration

	// Transport sends every HTTP request; http.DefaultTransport when nil.
	Transport http.RoundTripper

	// UserAgent names the app and its version in API requests.
	UserAgent string

	Logger *slog.Logger

	// Now returns the current time; time.Now when nil.
	Now func() time.Time
}

// Manager is the session of one run of the app. It is safe for
// concurrent use.
type Manager struct {
	opts Options
	flow *auth.Flow

	mu          sync.Mutex
	restored    bool
	store       keychain.Store
	keychainErr error
	source      *savingSource
	client      *supabase.Client
	user        *User
	expired     bool
	attempt     *auth.Attempt
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
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport
	}
	m := &Manager{opts: opts, store: opts.Keychain}
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
// token endpoint and revocation.
func (m *Manager) httpClient() *http.Client {
	return &http.Client{Transport: m.opts.Transport, Timeout: supabase.DefaultTimeout}
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

// startLocked makes tok the session's token and builds the API client.
func (m *Manager) startLocked(tok *oauth2.Token) {
	source := &savingSource{
		config:     m.oauthConfig(),
		httpClient: m.httpClient(),
		store:      tokenStore{store: m.store},
		logger:     m.opts.Logger,
		now:        m.opts.Now,
		current:    tok,
	}
	source.onExpired = func() { m.expire(source) }
	m.source = source
	httpClient := &http.Client{
		Transport: &oauth2.Transport{Source: source, Base: m.opts.Transport},
	}
	m.client = supabase.NewClient(m.opts.APIBaseURL, httpClient, m.opts.UserAgent)
	m.expired = false
}

// expire forgets a session whose grant is gone and deletes it from the
// keychain, unless a newer session replaced it. It runs inside
// savingSource.Token, so m.mu must never be held across an API request.
func (m *Manager) expire(source *savingSource) {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.source != source {
		return
	}
	m.client = nil
	m.source = nil
	m.user = nil
	m.expired = true
	if err := (tokenStore{store: m.store}).clear(); err != nil {
		m.opts.Logger.Error("deleting the ended session from the keychain failed", "error", err)
	}
}
