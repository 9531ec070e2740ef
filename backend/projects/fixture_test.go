package projects_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/contract"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// Seed projects of the sandbox used by the tests.
const (
	acmeWebRef     = "hqvzkfmbrtplxcwnadje" // ACTIVE_HEALTHY
	acmeStagingRef = "ybmcrkqzvwxtlpnhfdgs" // INACTIVE
	inventoryRef   = "cvzmpwqtbnxkrlhjdfsg" // COMING_UP forever
)

// readyAfter is how long projects created in the sandbox stay COMING_UP.
const readyAfter = 90 * time.Second

// fault is what faultTransport does with one request.
type fault int

const (
	pass         fault = iota
	dropRequest        // fail without sending, as when the network is down
	dropResponse       // send, then fail, as when a connection drops before the response
)

// errNetwork is the error of a dropped request or response.
var errNetwork = errors.New("connection reset by peer")

// faultTransport sends requests through next unless hook picks a fault.
type faultTransport struct {
	next http.RoundTripper

	mu   sync.Mutex
	hook func(*http.Request) fault
}

func (f *faultTransport) setHook(hook func(*http.Request) fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hook = hook
}

func (f *faultTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	hook := f.hook
	f.mu.Unlock()

	action := pass
	if hook != nil {
		action = hook(req)
	}
	switch action {
	case dropRequest:
		return nil, errNetwork
	case dropResponse:
		resp, err := f.next.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
		}
		return nil, errNetwork
	}
	return f.next.RoundTrip(req)
}

// bearerTransport adds a personal access token to every request.
type bearerTransport struct {
	token string
	next  http.RoundTripper
}

func (b bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(req)
}

// fixture is a sandbox with a fake clock, a Management API client whose
// traffic the contract validates, a fault injector in front of it, and a
// Service over an in-memory keychain.
type fixture struct {
	t        *testing.T
	clock    *testenv.Clock
	sandbox  *sandbox.Server
	faults   *faultTransport
	client   *supabase.Client
	keychain *keychain.Memory
	service  *projects.Service
}

func newFixture(t *testing.T, opts sandbox.Options) *fixture {
	t.Helper()

	clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	opts.Now = clock.Now
	if opts.ProjectReadyAfter == 0 {
		opts.ProjectReadyAfter = readyAfter
	}
	server := sandbox.New(opts)
	httpServer := httptest.NewServer(server.Handler())
	t.Cleanup(httpServer.Close)

	faults := &faultTransport{next: contract.Load(t).Transport(t, httpServer.Client().Transport)}
	transport := bearerTransport{token: server.NewPersonalAccessToken(), next: faults}
	client := supabase.NewClient(httpServer.URL, &http.Client{Transport: transport}, "Supaconnect/test")

	f := &fixture{t: t, clock: clock, sandbox: server, faults: faults, client: client, keychain: &keychain.Memory{}}
	f.service = f.newService(f.keychain)
	return f
}

// newService returns a Service over store that uses the fixture's client
// and clock, as the app would after a restart.
func (f *fixture) newService(store keychain.Store) *projects.Service {
	return projects.New(projects.Options{
		Keychain: store,
		Client:   projects.ClientFunc(func() (*supabase.Client, error) { return f.client, nil }),
		Now:      f.clock.Now,
		Sleep:    f.clock.Sleep,
	})
}

// projectNamed returns the ref of the sandbox project called name,
// failing the test unless exactly one exists.
func (f *fixture) projectNamed(name string) string {
	f.t.Helper()

	var refs []string
	for _, p := range f.sandbox.Projects() {
		if p.Name == name {
			refs = append(refs, p.Ref)
		}
	}
	if len(refs) != 1 {
		f.t.Fatalf("%d sandbox projects named %q, want 1", len(refs), name)
	}
	return refs[0]
}

// isCreate reports whether req is POST /v1/projects.
func isCreate(req *http.Request) bool {
	return req.Method == http.MethodPost && req.URL.Path == "/v1/projects"
}

// afterCreate returns a hook that applies first to POST /v1/projects and
// then to every later request.
func afterCreate(first, later fault) func(*http.Request) fault {
	var mu sync.Mutex
	created := false
	return func(req *http.Request) fault {
		mu.Lock()
		defer mu.Unlock()
		if isCreate(req) {
			created = true
			return first
		}
		if created {
			return later
		}
		return pass
	}
}

// createRequest returns a request for a project in acme-studio.
func createRequest(name string) projects.CreateRequest {
	return projects.CreateRequest{
		OrganizationSlug: "acme-studio",
		Name:             name,
		Region:           supabase.RegionSelection{Type: supabase.RegionSmartGroup, Code: "emea"},
	}
}

// failingStore is a keychain whose Set fails for keys that contain
// failOn.
type failingStore struct {
	*keychain.Memory
	failOn string
}

func (s failingStore) Set(key, value string) error {
	if s.failOn != "" && strings.Contains(key, s.failOn) {
		return keychain.ErrUnavailable
	}
	return s.Memory.Set(key, value)
}
