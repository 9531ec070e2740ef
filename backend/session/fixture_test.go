package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/contract"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// fixture is a sandbox with the ports its redirect URIs name, and the
// transport through which Managers reach it.
type fixture struct {
	t       *testing.T
	sandbox *sandbox.Server
	clock   *testenv.Clock
	ports   []int

	// transport validates every request and response against the
	// OpenAPI description, and sends them through base.
	transport http.RoundTripper
	base      *http.Transport
}

// newClock starts at the real time, because x/oauth2 computes a new
// token's expiry from time.Now.
func newClock() *testenv.Clock { return testenv.NewClock(time.Now()) }

func newFixture(t *testing.T) *fixture {
	return newFixtureWith(t, sandbox.Options{})
}

// newFixtureWith starts a sandbox with opts, on the fixture's clock and
// redirect URIs.
func newFixtureWith(t *testing.T, opts sandbox.Options) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: newClock(), ports: testenv.FreePorts(t, 2)}
	opts.RedirectURIs = auth.RedirectURIs(f.ports)
	opts.Now = f.clock.Now
	f.sandbox = sandbox.New(opts)
	if _, err := f.sandbox.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("starting the sandbox: %v", err)
	}
	t.Cleanup(func() { _ = f.sandbox.Close() })

	// Closing idle connections first spares Close a five-second wait for
	// connections that were dialed but never used.
	f.base = http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(f.base.CloseIdleConnections)
	f.transport = contract.Load(t).Transport(t, f.base)
	return f
}

// manager is one run of the app's backend on store. configure may change
// the options before the Manager is built.
func (f *fixture) manager(store keychain.Store, open auth.Opener, configure ...func(*Options)) *Manager {
	opts := Options{
		ClientID:      sandbox.DefaultClientID,
		ClientSecret:  sandbox.DefaultClientSecret,
		APIBaseURL:    f.sandbox.URL(),
		Ports:         f.ports,
		Keychain:      store,
		Open:          open,
		SignInTimeout: 10 * time.Second,
		UserAgent:     "Supaconnect/test",
		Now:           f.clock.Now,
		Sleep:         f.clock.Sleep,
		Transport:     f.transport,
	}
	for _, c := range configure {
		c(&opts)
	}
	return New(opts)
}

// signIn runs a whole sign-in with a browser that approves.
func (f *fixture) signIn(t *testing.T, m *Manager) Status {
	t.Helper()
	if _, err := m.StartSignIn(context.Background(), ""); err != nil {
		t.Fatalf("StartSignIn: %v", err)
	}
	status, err := m.AwaitSignIn(context.Background())
	if err != nil {
		t.Fatalf("AwaitSignIn: %v", err)
	}
	return status
}

var (
	consentIDPattern    = regexp.MustCompile(`name="consent_id" value="([^"]+)"`)
	organizationPattern = regexp.MustCompile(`name="organization" value="([^"]+)" checked`)
)

// approve is an auth.Opener that plays the browser over plain HTTP: it
// loads the consent page, submits the decision and follows the redirect
// to the app's callback.
func approve(t *testing.T, decision string) auth.Opener {
	return func(_ context.Context, link string) error {
		go func() {
			if err := submitConsent(link, decision); err != nil {
				t.Errorf("browser: %v", err)
			}
		}()
		return nil
	}
}

func submitConsent(link, decision string) error {
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := noRedirect.Get(link)
	if err != nil {
		return err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	match := consentIDPattern.FindSubmatch(page)
	if match == nil {
		return fmt.Errorf("consent page (status %d) has no consent id", resp.StatusCode)
	}

	u, _ := url.Parse(link)
	form := url.Values{"consent_id": {string(match[1])}, "decision": {decision}}
	if org := organizationPattern.FindSubmatch(page); org != nil {
		form.Set("organization", string(org[1]))
	}
	resp, err = noRedirect.PostForm(u.Scheme+"://"+u.Host+"/sandbox/consent", form)
	if err != nil {
		return err
	}
	resp.Body.Close()
	location := resp.Header.Get("Location")
	if location == "" {
		return fmt.Errorf("consent answered %d without a redirect", resp.StatusCode)
	}
	resp, err = http.Get(location)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// noBrowser fails the test if the Manager opens a browser.
func noBrowser(t *testing.T) auth.Opener {
	return func(context.Context, string) error {
		t.Error("a browser was opened, want none")
		return errors.New("no browser in this test")
	}
}

// brokenStore is a keychain that cannot be reached, like a Secret Service
// that is missing or locked. It fails the test if anything is written.
type brokenStore struct{ t *testing.T }

func (b brokenStore) Get(string) (string, error) {
	return "", fmt.Errorf("%w: org.freedesktop.DBus.Error.ServiceUnknown", keychain.ErrUnavailable)
}

func (b brokenStore) Set(key, _ string) error {
	b.t.Errorf("Set(%q) on an unavailable keychain", key)
	return keychain.ErrUnavailable
}

func (b brokenStore) Delete(key string) error {
	b.t.Errorf("Delete(%q) on an unavailable keychain", key)
	return keychain.ErrUnavailable
}
