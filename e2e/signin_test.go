//go:build e2e

// Package e2e signs in end to end on real parts: the sandbox's consent
// page in Debian's Chromium, the real loopback listener, and GNOME Keyring
// over D-Bus. Run it through scripts/with-keyring.sh (make test-e2e).
package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// env is one sandbox and one keychain service, shared by the "runs" of the
// app that a test starts one after another.
type env struct {
	sandbox *sandbox.Server
	service string
	ports   []int
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ports := testenv.FreePorts(t, 2)
	server := sandbox.New(sandbox.Options{
		RedirectURIs:      auth.RedirectURIs(ports),
		ProjectReadyAfter: 2 * time.Second,
	})
	if _, err := server.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("starting the sandbox: %v", err)
	}
	t.Cleanup(func() { _ = server.Close() })

	suffix := make([]byte, 4)
	_, _ = rand.Read(suffix)
	e := &env{sandbox: server, service: "Supaconnect E2E " + hex.EncodeToString(suffix), ports: ports}
	t.Cleanup(func() { _ = keyring.DeleteAll(e.service) })
	return e
}

// start is one run of the app's backend, with the real keychain.
func (e *env) start(open auth.Opener) *session.Manager {
	return session.New(session.Options{
		ClientID:      sandbox.DefaultClientID,
		ClientSecret:  sandbox.DefaultClientSecret,
		APIBaseURL:    e.sandbox.URL(),
		Ports:         e.ports,
		Keychain:      &keychain.Chunked{Store: &keychain.System{Service: e.service}},
		Open:          open,
		SignInTimeout: 2 * time.Minute,
		UserAgent:     "Supaconnect/e2e",
	})
}

func noBrowser(t *testing.T) auth.Opener {
	return func(context.Context, string) error {
		t.Error("the app opened a browser, want a sign-in from the keychain")
		return errors.New("no browser in this run")
	}
}

func TestSignInThroughBrowserIntoKeychain(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)

	// First run: nothing saved, so the user connects through the browser.
	browser := newConsentBrowser("authorize")
	first := e.start(browser.open)
	status, err := first.Status(ctx)
	if err != nil || status.SignedIn {
		t.Fatalf("first Status = %+v, %v; want signed out", status, err)
	}
	if !status.Keychain.Available {
		t.Fatalf("keychain unavailable: %s", status.Keychain.Reason)
	}
	start, err := first.StartSignIn(ctx, "")
	if err != nil {
		t.Fatalf("StartSignIn: %v", err)
	}
	if !start.BrowserOpened {
		t.Fatalf("browser not opened: %s", start.BrowserError)
	}
	status, err = first.AwaitSignIn(ctx)
	browser.wait(t)
	if err != nil {
		t.Fatalf("AwaitSignIn: %v", err)
	}
	if !status.SignedIn || status.User == nil || status.User.Email == "" {
		t.Fatalf("status after sign-in = %+v, want signed in with a user", status)
	}

	refresh, err := keyring.Get(e.service, "oauth.refresh_token")
	if err != nil || refresh == "" {
		t.Fatalf("refresh token in GNOME Keyring: %d bytes, %v; want saved", len(refresh), err)
	}
	firstOrgs := listEverything(t, first)
	first.Close()

	// Second run: the session comes back from the keychain, no browser.
	second := e.start(noBrowser(t))
	status, err = second.Status(ctx)
	if err != nil || !status.SignedIn {
		t.Fatalf("second Status = %+v, %v; want signed in from the keychain", status, err)
	}
	if got := listEverything(t, second); !slices.Equal(got, firstOrgs) {
		t.Errorf("second run lists %v, want %v", got, firstOrgs)
	}

	result, err := second.SignOut(ctx)
	if err != nil || !result.Revoked {
		t.Fatalf("SignOut = %+v, %v; want revoked", result, err)
	}
	if _, err := keyring.Get(e.service, "oauth.refresh_token"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("refresh token after sign-out: %v, want not found", err)
	}
}

// listEverything lists the organizations and their projects and returns
// "org/project-ref" names, sorted.
func listEverything(t *testing.T, m *session.Manager) []string {
	t.Helper()
	client, err := m.Client()
	if err != nil {
		t.Fatalf("Client: %v", err)
	}
	orgs, err := client.Organizations(context.Background())
	if err != nil || len(orgs) == 0 {
		t.Fatalf("Organizations = %v, %v; want at least one", orgs, err)
	}
	var names []string
	for _, org := range orgs {
		projects, err := client.OrganizationProjects(context.Background(), org.Slug)
		if err != nil {
			t.Fatalf("projects of %s: %v", org.Slug, err)
		}
		for _, p := range projects {
			names = append(names, org.Slug+"/"+p.Ref)
		}
	}
	if len(names) == 0 {
		t.Fatal("no projects listed, want the sandbox's")
	}
	sort.Strings(names)
	return names
}

func TestDenyOnConsentPage(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	browser := newConsentBrowser("deny")
	m := e.start(browser.open)

	if _, err := m.StartSignIn(ctx, ""); err != nil {
		t.Fatalf("StartSignIn: %v", err)
	}
	_, err := m.AwaitSignIn(ctx)
	browser.wait(t)
	if !errors.Is(err, auth.ErrAccessDenied) {
		t.Fatalf("AwaitSignIn error = %v, want ErrAccessDenied", err)
	}
	if _, err := keyring.Get(e.service, "oauth.refresh_token"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("keychain after a denied sign-in: %v, want nothing saved", err)
	}
}
