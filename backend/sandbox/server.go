// Package sandbox is a local stand-in for the Supabase Management API and
// its OAuth 2.0 endpoints, for development and tests without a Supabase
// account.
//
// It serves the OAuth authorization code flow with PKCE (RFC 6749 and
// RFC 7636), including a consent page in place of Supabase's. It also
// serves the Management API endpoints that Supaconnect uses, over seeded
// organizations and projects: listing, creating projects whose status
// moves from COMING_UP to ACTIVE_HEALTHY, health, API keys, pooler
// settings and database password changes. Responses follow the shapes of
// the official OpenAPI description, and every response carries Supabase's
// rate-limit headers.
//
// When no OAuth client is configured, the app starts a Server in-process
// on a loopback address. Tests start one with Start or serve Handler with
// net/http/httptest.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults for the fields of Options.
const (
	// DefaultClientID is the OAuth client ID that the sandbox accepts when
	// Options.ClientID is empty.
	DefaultClientID = "5e1f2c3a-8b7d-4c6e-9f0a-1b2c3d4e5f60"

	// DefaultClientSecret is the client secret that the sandbox accepts
	// when Options.ClientSecret is empty. It protects nothing.
	DefaultClientSecret = "sandbox-client-secret-not-a-real-secret"

	// DefaultAppName is the application name on the consent page.
	DefaultAppName = "Supaconnect"

	// DefaultAccessTokenTTL is the lifetime of an access token when
	// Options.AccessTokenTTL is zero.
	DefaultAccessTokenTTL = time.Hour

	// DefaultProjectReadyAfter is how long a new project stays COMING_UP
	// when Options.ProjectReadyAfter is zero. Real projects take a minute
	// or two.
	DefaultProjectReadyAfter = 5 * time.Second

	// DefaultFailingProjectMarker is the text that makes the creation of
	// a project fail when Options.FailingProjectMarker is empty.
	DefaultFailingProjectMarker = "fail"
)

// shutdownTimeout bounds how long Close waits for requests in flight.
const shutdownTimeout = 5 * time.Second

// Options configures a Server. The zero value is valid, but no redirect
// URI is registered then, so every authorization request is rejected.
type Options struct {
	// ClientID is the ID of the only registered OAuth client, a UUID.
	// Empty means DefaultClientID.
	ClientID string

	// ClientSecret is that client's secret. Empty means
	// DefaultClientSecret.
	ClientSecret string

	// RedirectURIs are the client's registered redirect URIs. An
	// authorization request must use one of them exactly, as Supabase
	// compares them character by character.
	RedirectURIs []string

	// AccessTokenTTL is the lifetime of access tokens, reported as
	// expires_in. Zero means DefaultAccessTokenTTL.
	AccessTokenTTL time.Duration

	// GrantAllOrganizations makes OAuth tokens reach every organization.
	// When false, a token reaches only the organization picked on the
	// consent page, because Supabase authorizes an app per organization.
	GrantAllOrganizations bool

	// Now returns the current time. Nil means time.Now. Tests pass a fake
	// clock to expire codes, tokens and rate-limit windows.
	Now func() time.Time

	// Logger receives one line per server start, stop and rejected
	// request. Nil discards the logs. Tokens, codes, verifiers and secrets
	// are never logged.
	Logger *slog.Logger

	// AppName is the application name shown on the consent page. Empty
	// means DefaultAppName.
	AppName string

	// ProjectReadyAfter is how long a project created with
	// POST /v1/projects stays COMING_UP before it becomes ACTIVE_HEALTHY,
	// measured with Now. Zero means DefaultProjectReadyAfter.
	ProjectReadyAfter time.Duration

	// FailingProjectMarker makes creation fail: a new project whose name
	// contains it, compared case-insensitively, stays COMING_UP for
	// ProjectReadyAfter and then ends in INIT_FAILED. Empty means
	// DefaultFailingProjectMarker, so "Shop fail test" fails.
	FailingProjectMarker string

	// DenyReveal makes GET /v1/projects/{ref}/api-keys?reveal=true return
	// 403, as for a token that may list API keys but not reveal secret
	// ones. SetDenyReveal changes it on a running Server.
	DenyReveal bool
}

// withDefaults returns a copy of o with every empty field set to its
// default.
func (o Options) withDefaults() Options {
	if o.ClientID == "" {
		o.ClientID = DefaultClientID
	}
	if o.ClientSecret == "" {
		o.ClientSecret = DefaultClientSecret
	}
	if o.AccessTokenTTL <= 0 {
		o.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.AppName == "" {
		o.AppName = DefaultAppName
	}
	if o.ProjectReadyAfter <= 0 {
		o.ProjectReadyAfter = DefaultProjectReadyAfter
	}
	if o.FailingProjectMarker == "" {
		o.FailingProjectMarker = DefaultFailingProjectMarker
	}
	o.RedirectURIs = append([]string(nil), o.RedirectURIs...)
	return o
}

// Server is a sandbox instance. Its methods are safe for concurrent use.
type Server struct {
	opts    Options
	log     *slog.Logger
	data    *store
	auth    *authState
	limiter *rateLimiter
	handler http.Handler

	// denyReveal is Options.DenyReveal, changed by SetDenyReveal.
	denyReveal atomic.Bool

	// authConfigs are the projects' Auth settings.
	authConfigs *authConfigStore

	// faults are the rules of InjectFaults.
	faults faultInjector

	mu         sync.Mutex
	httpServer *http.Server
	url        string
}

// New returns a Server with the seed data, configured by opts. It does
// not listen until Start is called.
func New(opts Options) *Server {
	opts = opts.withDefaults()
	s := &Server{
		opts:    opts,
		log:     opts.Logger,
		data:    newStore(opts.Now, seedProfile(), seedOrganizations(), seedProjects()),
		auth:    newAuthState(),
		limiter: newRateLimiter(rateLimitPerMinute, time.Minute),

		authConfigs: newAuthConfigStore(),
	}
	s.denyReveal.Store(opts.DenyReveal)
	s.handler = s.routes()
	return s
}

// routes returns the handler for every endpoint, wrapped in rate limiting.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /v1/oauth/authorize", s.handleAuthorize)
	mux.HandleFunc("POST "+consentPath, s.handleConsent)
	mux.HandleFunc("POST /v1/oauth/token", s.handleToken)
	mux.HandleFunc("POST /v1/oauth/revoke", s.handleRevoke)

	mux.Handle("GET /v1/profile", s.requireToken(s.handleProfile))
	mux.Handle("GET /v1/organizations", s.requireToken(s.handleOrganizations))
	mux.Handle("GET /v1/organizations/{slug}", s.requireToken(s.handleOrganization))
	mux.Handle("GET /v1/organizations/{slug}/projects", s.requireToken(s.handleOrganizationProjects))
	mux.Handle("GET /v1/projects", s.requireToken(s.handleProjects))
	mux.Handle("POST /v1/projects", s.requireToken(s.handleCreateProject))
	mux.Handle("GET /v1/projects/available-regions", s.requireToken(s.handleAvailableRegions))
	mux.Handle("GET /v1/projects/{ref}", s.requireToken(s.handleProject))
	mux.Handle("GET /v1/projects/{ref}/health", s.requireToken(s.handleHealth))
	mux.Handle("GET /v1/projects/{ref}/config/auth", s.requireToken(s.handleGetAuthConfig))
	mux.Handle("PATCH /v1/projects/{ref}/config/auth", s.requireToken(s.handleUpdateAuthConfig))
	mux.Handle("GET /v1/projects/{ref}/api-keys", s.requireToken(s.handleAPIKeys))
	mux.Handle("GET /v1/projects/{ref}/config/database/pooler", s.requireToken(s.handlePoolerConfig))
	mux.Handle("PATCH /v1/projects/{ref}/database/password", s.requireToken(s.handleUpdatePassword))

	return s.rateLimit(s.injectFaults(mux))
}

// Handler returns the HTTP handler that serves every sandbox endpoint.
func (s *Server) Handler() http.Handler {
	return s.handler
}

// Start listens on addr, such as "127.0.0.1:0" for a free loopback port,
// serves in the background and returns the base URL, such as
// "http://127.0.0.1:53100". A Server can be started once.
func (s *Server) Start(addr string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.httpServer != nil {
		return "", fmt.Errorf("sandbox: already started at %s", s.url)
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}

	s.httpServer = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
	}
	s.url = "http://" + listener.Addr().String()
	go s.serve(s.httpServer, listener)

	s.log.Info("sandbox: started", "url", s.url)
	return s.url, nil
}

// serve runs server on listener until Close.
func (s *Server) serve(server *http.Server, listener net.Listener) {
	err := server.Serve(listener)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.log.Error("sandbox: serve failed", "error", err)
	}
}

// Close stops a started Server, waiting up to five seconds for requests
// in flight. It returns nil when the Server was never started.
func (s *Server) Close() error {
	s.mu.Lock()
	server := s.httpServer
	s.mu.Unlock()
	if server == nil {
		return nil
	}

	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(ctx); err != nil {
		server.Close()
		return fmt.Errorf("sandbox: shut down: %w", err)
	}
	s.log.Info("sandbox: stopped", "url", s.URL())
	return nil
}

// URL returns the base URL that Start returned, or "" before Start.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// now returns the current time of the configured clock.
func (s *Server) now() time.Time {
	return s.opts.Now()
}
