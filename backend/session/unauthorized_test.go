package session

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

func TestUnauthorizedRefreshesOnceAndRetries(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	oldRefresh, _ := store.Get(keyRefreshToken)
	f.sandbox.ExpireAccessTokens()

	if err := organizations(m); err != nil {
		t.Fatalf("call with a token the server expired: %v, want success after a refresh", err)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 1 {
		t.Errorf("token endpoint saw %d refreshes, want 1", n)
	}
	if refresh, _ := store.Get(keyRefreshToken); refresh == oldRefresh {
		t.Error("the rotated refresh token was not saved")
	}
	if status := statusOf(t, m); !status.SignedIn {
		t.Errorf("Status = %+v, want signed in", status)
	}
}

func TestConcurrentUnauthorizedShareOneRefresh(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	f.sandbox.ExpireAccessTokens()

	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- organizations(m)
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
		t.Errorf("token endpoint saw %d refreshes for one rejected token, want 1", n)
	}
}

func TestUnauthorizedWithRevokedGrantEndsSession(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodGet, PathPrefix: "/v1/organizations", Fault: sandbox.FaultRevokeGrants, Count: 1,
	})

	if err := organizations(m); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("call after revocation: %v, want ErrSessionExpired", err)
	}
	if status := statusOf(t, m); status.SignedIn || !status.Expired {
		t.Errorf("Status = %+v, want signed out and expired", status)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want the ended session deleted", n)
	}
}

func TestValidationUnauthorizedKeepsSession(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	const invalid = "SMTP credentials are invalid: the server refused the login"
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPatch, PathPrefix: authConfigPath,
		Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: invalid,
	})
	countRequests(f.sandbox, http.MethodGet, "/v1/profile")

	resp, err := send(t, m, http.MethodPatch, authConfigPath, smtpBody)
	if err != nil {
		t.Fatalf("PATCH: %v, want the 401 response", err)
	}
	if resp.status != http.StatusUnauthorized || resp.message != invalid {
		t.Errorf("response = %+v, want 401 with the validation message", resp)
	}
	if n := f.sandbox.InjectedFaults(); n != 2 {
		t.Errorf("%d requests matched the rules, want 2: the PATCH and its retry with a fresh token, no profile check", n)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 1 {
		t.Errorf("%d refreshes, want 1 before the retry", n)
	}
	if status := statusOf(t, m); !status.SignedIn || status.Expired {
		t.Errorf("Status = %+v, want still signed in", status)
	}
	if _, err := store.Get(keyRefreshToken); err != nil {
		t.Errorf("session deleted from the keychain: %v", err)
	}
}

func TestDifferentMessageAfterRefreshKeepsSession(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	const invalid = "Site URL is invalid"
	f.sandbox.InjectFaults(
		sandbox.FaultRule{
			Method: http.MethodPatch, PathPrefix: authConfigPath, Count: 1,
			Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: "access token has expired",
		},
		sandbox.FaultRule{
			Method: http.MethodPatch, PathPrefix: authConfigPath,
			Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: invalid,
		},
	)

	resp, err := send(t, m, http.MethodPatch, authConfigPath, smtpBody)
	if err != nil {
		t.Fatalf("PATCH: %v, want the 401 response", err)
	}
	if resp.status != http.StatusUnauthorized || resp.message != invalid {
		t.Errorf("response = %+v, want 401 %q", resp, invalid)
	}
	if status := statusOf(t, m); !status.SignedIn {
		t.Errorf("Status = %+v, want signed in because the fresh token reads the profile", status)
	}
}

func TestTokenMessageWithWorkingTokenKeepsSession(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPatch, PathPrefix: authConfigPath,
		Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: "Unauthorized",
	})
	countRequests(f.sandbox, http.MethodGet, "/v1/profile")

	resp, err := send(t, m, http.MethodPatch, authConfigPath, smtpBody)
	if err != nil || resp.status != http.StatusUnauthorized {
		t.Fatalf("PATCH = %+v, %v; want the 401 response", resp, err)
	}
	if n := f.sandbox.InjectedFaults(); n != 3 {
		t.Errorf("%d requests matched the rules, want 3: the PATCH, its retry and one profile check", n)
	}
	if status := statusOf(t, m); !status.SignedIn {
		t.Errorf("Status = %+v, want signed in", status)
	}
}

func TestUnauthorizedProfileEndsSession(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodGet, PathPrefix: "/v1/profile",
		Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: "Unauthorized",
	})

	client, err := m.Client()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Profile(t.Context()); !errors.Is(err, ErrSessionExpired) {
		t.Errorf("Profile rejected with a fresh token: %v, want ErrSessionExpired", err)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want 0", n)
	}
}

func TestUnreplayableBodyNotRetriedAfterUnauthorized(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPatch, PathPrefix: authConfigPath,
		Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: "access token has expired",
	})

	body := io.NopCloser(strings.NewReader(smtpBody))
	req, err := http.NewRequest(http.MethodPatch, m.opts.APIBaseURL+authConfigPath, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := do(t, m, req)
	if err != nil || resp.status != http.StatusUnauthorized {
		t.Fatalf("PATCH = %+v, %v; want its 401 returned", resp, err)
	}
	if n := f.sandbox.InjectedFaults(); n != 1 {
		t.Errorf("PATCH sent %d times, want once because its body cannot be replayed", n)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 1 {
		t.Errorf("%d refreshes, want 1 so the next request has a fresh token", n)
	}
}
