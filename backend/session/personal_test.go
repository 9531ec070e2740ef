package session

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/sandbox"
)

func TestValidatePersonalAccessToken(t *testing.T) {
	const hex40 = "0123456789abcdef0123456789abcdef01234567"
	cases := []struct {
		name  string
		token string
		valid bool
		hint  string
	}{
		{"valid", "sbp_" + hex40, true, ""},
		{"empty", "", false, "empty"},
		{"oauth token", "sbp_oauth_" + hex40, false, "OAuth access token"},
		{"no prefix", hex40, false, "starts with sbp_"},
		{"uppercase", "sbp_" + strings.ToUpper(hex40), false, "capital letters"},
		{"short", "sbp_" + hex40[:39], false, "got 39 characters"},
		{"long", "sbp_" + hex40 + "8", false, "got 41 characters"},
		{"space inside", "sbp_" + hex40[:20] + " " + hex40[21:], false, "hexadecimal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := ValidatePersonalAccessToken(c.token)
			if c.valid {
				if err != nil {
					t.Errorf("error = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("error = %v, want ErrInvalidToken", err)
			}
			if !strings.Contains(err.Error(), c.hint) {
				t.Errorf("error %q does not mention %q", err, c.hint)
			}
			if len(c.token) > 8 && strings.Contains(err.Error(), c.token[4:]) {
				t.Errorf("error %q contains the token", err)
			}
		})
	}
}

func TestCleanToken(t *testing.T) {
	const token = "sbp_0123456789abcdef0123456789abcdef01234567"
	for _, pasted := range []string{token, "  " + token + "\n", "Bearer " + token, "bearer  " + token, "BEARER " + token + " "} {
		if got := CleanToken(pasted); got != token {
			t.Errorf("CleanToken(%q) = %q, want the bare token", pasted, got)
		}
	}
	if got := CleanToken("Bearer"); got != "Bearer" {
		t.Errorf("CleanToken(%q) = %q, want it unchanged", "Bearer", got)
	}
}

func TestSignInWithTokenSavesAndRestores(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	pat := f.sandbox.NewPersonalAccessToken()

	status, err := f.manager(store, noBrowser(t)).SignInWithToken(context.Background(), " "+pat+"\n")
	if err != nil {
		t.Fatalf("SignInWithToken: %v", err)
	}
	if !status.SignedIn || status.Method != methodToken || status.User == nil || status.User.Email == "" {
		t.Errorf("Status = %+v, want signed in by token with a user", status)
	}
	if saved, _ := store.Get(keyPersonalToken); saved != pat {
		t.Error("the token is not saved under its own keychain entry")
	}
	if n := store.Len(); n != 1 {
		t.Errorf("%d keychain entries, want only the token", n)
	}

	restarted := f.manager(store, noBrowser(t))
	if status := statusOf(t, restarted); !status.SignedIn || status.Method != methodToken {
		t.Fatalf("Status after restart = %+v, want signed in by token", status)
	}
	if err := organizations(restarted); err != nil {
		t.Errorf("call with the restored token: %v", err)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 0 {
		t.Errorf("%d refreshes, want 0 for a personal access token", n)
	}
}

func TestSignInWithUnknownTokenRejected(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, noBrowser(t))

	_, err := m.SignInWithToken(context.Background(), "sbp_"+strings.Repeat("ab", 20))
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("SignInWithToken: %v, want ErrTokenRejected", err)
	}
	if status := statusOf(t, m); status.SignedIn {
		t.Errorf("Status = %+v, want signed out", status)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries, want 0", n)
	}
}

func TestSignInWithOAuthTokenSendsNothing(t *testing.T) {
	f := newFixture(t)
	countRequests(f.sandbox, "", "/")
	m := f.manager(&keychain.Memory{}, noBrowser(t))

	_, err := m.SignInWithToken(context.Background(), "sbp_oauth_"+strings.Repeat("0a", 20))
	if !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("SignInWithToken: %v, want ErrInvalidToken", err)
	}
	if n := f.sandbox.InjectedFaults(); n != 0 {
		t.Errorf("%d requests sent for a token of the wrong kind, want 0", n)
	}
}

func TestPersonalTokenSignOutClearsWithoutRevoking(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, noBrowser(t))
	pat := f.sandbox.NewPersonalAccessToken()
	if _, err := m.SignInWithToken(context.Background(), pat); err != nil {
		t.Fatal(err)
	}
	countRequests(f.sandbox, http.MethodPost, "/v1/oauth/revoke")

	result, err := m.SignOut(context.Background())
	if err != nil {
		t.Fatalf("SignOut: %v", err)
	}
	if !result.PersonalAccessToken || result.Revoked || result.RevokeError != "" {
		t.Errorf("SignOut = %+v, want a personal access token, not revoked, no error", result)
	}
	if n := f.sandbox.InjectedFaults(); n != 0 {
		t.Errorf("%d revocation requests, want 0", n)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want 0", n)
	}
	if status := statusOf(t, m); status.SignedIn || status.Expired {
		t.Errorf("Status = %+v, want signed out, not expired", status)
	}
}

func TestPersonalTokenUnauthorizedEndsSession(t *testing.T) {
	f := newFixture(t)
	store := &keychain.Memory{}
	m := f.manager(store, noBrowser(t))
	if _, err := m.SignInWithToken(context.Background(), f.sandbox.NewPersonalAccessToken()); err != nil {
		t.Fatal(err)
	}
	// The token is deleted in the dashboard: every request gets 401.
	f.sandbox.InjectFaults(sandbox.FaultRule{
		PathPrefix: "/v1/", Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: "Unauthorized",
	})

	if err := organizations(m); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("call with a deleted token: %v, want ErrSessionExpired", err)
	}
	if status := statusOf(t, m); status.SignedIn || !status.Expired {
		t.Errorf("Status = %+v, want signed out and expired", status)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want 0", n)
	}
}

func TestPersonalTokenValidationUnauthorizedKeepsSession(t *testing.T) {
	f := newFixture(t)
	m := f.manager(&keychain.Memory{}, noBrowser(t))
	if _, err := m.SignInWithToken(context.Background(), f.sandbox.NewPersonalAccessToken()); err != nil {
		t.Fatal(err)
	}
	const invalid = "SMTP credentials are invalid"
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPatch, PathPrefix: authConfigPath,
		Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: invalid,
	})

	resp, err := send(t, m, http.MethodPatch, authConfigPath, smtpBody)
	if err != nil || resp.status != http.StatusUnauthorized || resp.message != invalid {
		t.Fatalf("PATCH = %+v, %v; want 401 %q", resp, err, invalid)
	}
	if status := statusOf(t, m); !status.SignedIn {
		t.Errorf("Status = %+v, want signed in because the token still reads the profile", status)
	}
}

func TestPersonalTokenReplacesOAuthAndRevokes(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	oldRefresh, _ := store.Get(keyRefreshToken)

	status, err := m.SignInWithToken(context.Background(), f.sandbox.NewPersonalAccessToken())
	if err != nil || status.Method != methodToken {
		t.Fatalf("SignInWithToken = %+v, %v; want signed in by token", status, err)
	}
	for _, key := range oauthKeys {
		if _, err := store.Get(key); !errors.Is(err, keychain.ErrNotFound) {
			t.Errorf("keychain %s: %v, want deleted", key, err)
		}
	}
	config := &oauth2.Config{ClientID: m.opts.ClientID, ClientSecret: m.opts.ClientSecret, Endpoint: auth.Endpoint(f.sandbox.URL())}
	if _, err := config.TokenSource(context.Background(), &oauth2.Token{RefreshToken: oldRefresh}).Token(); err == nil {
		t.Error("the replaced OAuth grant still works, want it revoked")
	}
}
