// Package projects is the product logic behind the Projects screen. It
// creates a Supabase project without ever losing its database password
// and waits until the project is ready. It then hands out what a
// developer needs to connect: API keys, connection strings and .env
// files.
//
// Database passwords live in the OS keychain, one entry per project ref.
// The API never returns a database password, so a password that is lost
// can only be replaced by resetting it. Every flow that generates a
// password therefore saves it under a pending entry before the request
// that uses it is sent, and moves it to the project's entry once the
// request succeeded. Recover resolves pending entries that a crash or a
// lost response left behind.
//
// The package does not import the Wails runtime. Progress is reported
// through callbacks, and the types carry JSON tags so the app can bind
// them directly.
package projects

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// API is the part of the Management API client that the package uses.
// *supabase.Client implements it.
type API interface {
	CreateProject(ctx context.Context, r supabase.CreateProjectRequest) (supabase.Project, error)
	Project(ctx context.Context, ref string) (supabase.Project, error)
	SearchOrganizationProjects(ctx context.Context, slug, search string) ([]supabase.Project, error)
	ProjectHealth(ctx context.Context, ref string, services ...string) ([]supabase.ServiceHealth, error)
	APIKeys(ctx context.Context, ref string, reveal bool) ([]supabase.APIKey, error)
	PoolerConfig(ctx context.Context, ref string) ([]supabase.PoolerConfig, error)
	UpdateDatabasePassword(ctx context.Context, ref, password string) error
}

// ClientFunc adapts a function that returns a *supabase.Client, such as
// the session manager's Client method, to Options.Client. It returns a
// nil API, not a nil *supabase.Client inside an API, when get fails.
func ClientFunc(get func() (*supabase.Client, error)) func() (API, error) {
	return func() (API, error) {
		client, err := get()
		if err != nil {
			return nil, err
		}
		return client, nil
	}
}

// Options configures a Service. Keychain and Client are required.
type Options struct {
	// Keychain stores the database passwords. Wrap the OS store in
	// keychain.Chunked, because a pending entry holds a project name of
	// up to 256 characters next to the password.
	Keychain keychain.Store

	// Client returns the Management API client of the current session.
	Client func() (API, error)

	// Now returns the current time; time.Now when nil.
	Now func() time.Time

	// Sleep waits for d or until ctx ends, returning ctx.Err() in the
	// second case. Nil means a timer. Tests pass a fake that advances a
	// clock.
	Sleep func(ctx context.Context, d time.Duration) error

	// Logger receives one line per created project, recovered password
	// and failure that is handled without being returned. Passwords and
	// keys are never logged. Nil discards the logs.
	Logger *slog.Logger

	// Wait configures WaitUntilReady. Zero fields take their defaults.
	Wait WaitOptions
}

// Service runs the project flows of one app session. It is safe for
// concurrent use.
type Service struct {
	opts    Options
	log     *slog.Logger
	store   keychain.Store
	pending *pendingStore
}

// New returns a Service configured by opts.
func New(opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = sleepContext
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.Wait = opts.Wait.withDefaults()

	return &Service{
		opts:    opts,
		log:     opts.Logger,
		store:   opts.Keychain,
		pending: &pendingStore{store: opts.Keychain},
	}
}

// client returns the API client of the current session.
func (s *Service) client() (API, error) {
	if s.opts.Client == nil {
		return nil, errors.New("projects: no API client is configured")
	}
	api, err := s.opts.Client()
	if err != nil {
		return nil, err
	}
	if api == nil {
		return nil, errors.New("projects: the API client is nil")
	}
	return api, nil
}

// sleepContext waits for d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// refPattern is the format of a project ref.
var refPattern = regexp.MustCompile(`^[a-z]{20}$`)

// checkRef rejects a string that is not a project ref.
func checkRef(ref string) error {
	if !refPattern.MatchString(ref) {
		return fmt.Errorf("projects: %w: project ref %q: a ref is 20 lowercase letters",
			supabase.ErrInvalidInput, ref)
	}
	return nil
}

// ProjectURL returns the API URL of a project, https://<ref>.supabase.co.
func ProjectURL(ref string) string {
	return "https://" + ref + ".supabase.co"
}
