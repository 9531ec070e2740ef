package session

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
)

func TestSignInSavesAndRestartRestores(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	first := f.manager(store, approve(t, "authorize"))

	status := f.signIn(t, first)
	if !status.SignedIn || status.Method != "oauth" || status.User == nil || status.User.Email == "" {
		t.Fatalf("status after sign-in = %+v, want signed in by oauth with a user", status)
	}
	for _, key := range oauthKeys {
		if v, err := store.Get(key); err != nil || v == "" {
			t.Errorf("keychain %s = %q, %v; want saved", key, v, err)
		}
	}

	second := f.manager(store, noBrowser(t))
	status, err := second.Status(context.Background())
	if err != nil || !status.SignedIn || status.User == nil {
		t.Fatalf("status after restart = %+v, %v; want signed in from the keychain", status, err)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 0 {
		t.Errorf("%d refreshes for a fresh token, want 0", n)
	}
}

func TestSavedTokenWithoutExpiryIsRefreshed(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	f.signIn(t, f.manager(store, approve(t, "authorize")))
	oldRefresh, _ := store.Get(keyRefreshToken)
	_ = store.Delete(keyExpiry)

	status, err := f.manager(store, noBrowser(t)).Status(context.Background())
	if err != nil || !status.SignedIn {
		t.Fatalf("Status = %+v, %v; want signed in", status, err)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 1 {
		t.Errorf("%d refreshes, want 1 for a token saved without expiry", n)
	}
	if newRefresh, _ := store.Get(keyRefreshToken); newRefresh == oldRefresh {
		t.Error("refresh token in the keychain was not replaced by the rotated one")
	}
	if _, err := store.Get(keyExpiry); err != nil {
		t.Errorf("expiry not saved after refresh: %v", err)
	}
}

// savedFirstTransport checks, on every API request, that the refresh token
// in the keychain is not the one the session started with once a new
// access token is in use.
type savedFirstTransport struct {
	t            *testing.T
	store        keychain.Store
	oldAccess    string
	oldRefresh   string
	sawNewAccess bool
	mu           sync.Mutex
}

func (s *savedFirstTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	bearer := req.Header.Get("Authorization")
	if strings.HasPrefix(bearer, "Bearer ") && bearer != "Bearer "+s.oldAccess {
		s.mu.Lock()
		s.sawNewAccess = true
		s.mu.Unlock()
		if refresh, _ := s.store.Get(keyRefreshToken); refresh == s.oldRefresh {
			s.t.Errorf("new access token used before the rotated refresh token was saved")
		}
	}
	return http.DefaultTransport.RoundTrip(req)
}

func TestRefreshSavesBeforeUse(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	f.signIn(t, f.manager(store, approve(t, "authorize")))
	oldAccess, _ := store.Get(keyAccessToken)
	oldRefresh, _ := store.Get(keyRefreshToken)
	f.clock.Advance(2 * time.Hour)

	check := &savedFirstTransport{t: t, store: store, oldAccess: oldAccess, oldRefresh: oldRefresh}
	m := f.manager(store, noBrowser(t), func(o *Options) { o.Transport = check })
	if status, err := m.Status(context.Background()); err != nil || !status.SignedIn {
		t.Fatalf("Status = %+v, %v; want signed in after refresh", status, err)
	}
	if !check.sawNewAccess {
		t.Fatal("no request used a refreshed access token")
	}

	// A restart after the refresh must work without a browser, which
	// fails if the rotated refresh token had not been saved.
	if status, _ := f.manager(store, noBrowser(t)).Status(context.Background()); !status.SignedIn {
		t.Errorf("restart after refresh: %+v, want signed in", status)
	}
}

func TestConcurrentCallsShareOneRefresh(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, approve(t, "authorize"))
	f.signIn(t, m)
	f.clock.Advance(2 * time.Hour)

	client, err := m.Client()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := client.Organizations(context.Background())
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("call failed: %v", err)
		}
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 1 {
		t.Errorf("token endpoint saw %d refreshes, want 1", n)
	}
}

func TestRevokedGrantEndsSession(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	f.signIn(t, f.manager(store, approve(t, "authorize")))
	f.sandbox.RevokeGrants()
	f.clock.Advance(2 * time.Hour)

	status, err := f.manager(store, noBrowser(t)).Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if status.SignedIn || !status.Expired {
		t.Errorf("Status = %+v, want signed out and expired", status)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want the ended session deleted", n)
	}
}

func TestUnavailableKeychainKeepsSessionInMemory(t *testing.T) {
	f := newFixture(t)
	m := f.manager(brokenStore{t: t}, approve(t, "authorize"))

	status, err := m.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	if status.Keychain.Available || status.Keychain.Reason == "" {
		t.Errorf("Keychain = %+v, want unavailable with a reason", status.Keychain)
	}
	status = f.signIn(t, m)
	if !status.SignedIn {
		t.Errorf("sign-in without a keychain: %+v, want signed in for this run", status)
	}
	if _, err := m.SignOut(context.Background()); err != nil {
		t.Errorf("SignOut: %v", err)
	}
}

func TestSignOutRevokesAndClears(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, approve(t, "authorize"))
	f.signIn(t, m)
	refresh, _ := store.Get(keyRefreshToken)

	result, err := m.SignOut(context.Background())
	if err != nil || !result.Revoked || result.RevokeError != "" {
		t.Fatalf("SignOut = %+v, %v; want revoked", result, err)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left after sign-out, want 0", n)
	}
	if _, err := m.Client(); !errors.Is(err, ErrNotSignedIn) {
		t.Errorf("Client after sign-out: %v, want ErrNotSignedIn", err)
	}

	config := &oauth2.Config{ClientID: m.opts.ClientID, ClientSecret: m.opts.ClientSecret, Endpoint: auth.Endpoint(f.sandbox.URL())}
	if _, err := config.TokenSource(context.Background(), &oauth2.Token{RefreshToken: refresh}).Token(); err == nil {
		t.Error("the revoked refresh token still works")
	}
}

func TestSignOutOfflineStillClears(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, approve(t, "authorize"))
	f.signIn(t, m)
	_ = f.sandbox.Close()

	result, err := m.SignOut(context.Background())
	if err != nil {
		t.Fatalf("SignOut offline: %v", err)
	}
	if result.Revoked || result.RevokeError == "" {
		t.Errorf("SignOut offline = %+v, want not revoked with a reason", result)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want the local session removed", n)
	}
}

func TestAwaitWithoutStart(t *testing.T) {
	f := newFixture(t)
	if _, err := f.manager(&keychain.Memory{}, noBrowser(t)).AwaitSignIn(context.Background()); !errors.Is(err, ErrSignInNotStarted) {
		t.Errorf("AwaitSignIn without StartSignIn: %v, want ErrSignInNotStarted", err)
	}
}

func TestCancelSignIn(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, func(context.Context, string) error { return nil })
	if _, err := m.StartSignIn(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(20 * time.Millisecond)
		m.CancelSignIn()
	}()
	if _, err := m.AwaitSignIn(context.Background()); !errors.Is(err, auth.ErrCancelled) {
		t.Errorf("AwaitSignIn after cancel: %v, want ErrCancelled", err)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries after a cancelled sign-in, want 0", n)
	}
}

func TestDeniedSignInSavesNothing(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, approve(t, "deny"))
	if _, err := m.StartSignIn(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := m.AwaitSignIn(context.Background()); !errors.Is(err, auth.ErrAccessDenied) {
		t.Errorf("AwaitSignIn after deny: %v, want ErrAccessDenied", err)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries after a denied sign-in, want 0", n)
	}
}
