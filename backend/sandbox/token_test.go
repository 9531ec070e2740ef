package sandbox_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// oauthError is an RFC 6749 error body.
type oauthError struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// retrieveError returns err as an *oauth2.RetrieveError, failing the test
// when it is not one.
func retrieveError(t *testing.T, err error) *oauth2.RetrieveError {
	t.Helper()

	var retrieve *oauth2.RetrieveError
	if !errors.As(err, &retrieve) {
		t.Fatalf("error = %v, want an *oauth2.RetrieveError", err)
	}
	return retrieve
}

// postToken posts a token request form with client, adding Basic
// credentials when basic is true.
func (f *fixture) postToken(client *http.Client, form url.Values, basic bool) (*http.Response, string) {
	f.t.Helper()

	req, err := http.NewRequest(http.MethodPost, f.url+"/v1/oauth/token", strings.NewReader(form.Encode()))
	if err != nil {
		f.t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic {
		req.SetBasicAuth(sandbox.DefaultClientID, sandbox.DefaultClientSecret)
	}
	return f.send(client, req)
}

// refresh posts a refresh_token grant with Basic credentials.
func (f *fixture) refresh(refreshToken string) (*http.Response, string) {
	f.t.Helper()
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}}
	return f.postToken(f.api, form, true)
}

func TestExchangeRejectsInvalidGrant(t *testing.T) {
	tests := []struct {
		name     string
		code     func(real string) string
		verifier func(real string) string
		redirect string
		advance  time.Duration
	}{
		{name: "wrong verifier", verifier: func(string) string { return oauth2.GenerateVerifier() }},
		{name: "missing verifier", verifier: func(string) string { return "" }},
		{name: "short verifier", verifier: func(real string) string { return real[:42] }},
		{name: "wrong redirect uri", redirect: "http://127.0.0.1:53683/callback"},
		{name: "unknown code", code: func(string) string { return "not-a-code" }},
		{name: "expired code", advance: 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})
			code, verifier := f.authorizeCode("acme-studio")
			if tt.code != nil {
				code = tt.code(code)
			}
			if tt.verifier != nil {
				verifier = tt.verifier(verifier)
			}
			config := f.config()
			config.RedirectURL = cmp.Or(tt.redirect, redirectURI)
			f.clock.Advance(tt.advance)

			var options []oauth2.AuthCodeOption
			if verifier != "" {
				options = append(options, oauth2.VerifierOption(verifier))
			}
			_, err := config.Exchange(f.context(), code, options...)

			retrieve := retrieveError(t, err)
			if retrieve.ErrorCode != "invalid_grant" {
				t.Errorf("error = %q, want invalid_grant", retrieve.ErrorCode)
			}
			if got := retrieve.Response.StatusCode; got != http.StatusBadRequest {
				t.Errorf("status %d, want 400", got)
			}
			if retrieve.ErrorDescription == "" {
				t.Error("error_description is empty")
			}
		})
	}
}

func TestExchangeWrongVerifierConsumesCode(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	code, verifier := f.authorizeCode("acme-studio")
	config := f.config()
	if _, err := config.Exchange(f.context(), code, oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil {
		t.Fatal("exchange with a wrong verifier succeeded")
	}

	_, err := config.Exchange(f.context(), code, oauth2.VerifierOption(verifier))

	if retrieve := retrieveError(t, err); retrieve.ErrorCode != "invalid_grant" {
		t.Errorf("retry with the right verifier: error = %q, want invalid_grant", retrieve.ErrorCode)
	}
}

func TestCodeReuseRevokesTokens(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	code, verifier := f.authorizeCode("acme-studio")
	config := f.config()
	token, err := config.Exchange(f.context(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("first exchange: %v", err)
	}

	_, err = config.Exchange(f.context(), code, oauth2.VerifierOption(verifier))

	if retrieve := retrieveError(t, err); retrieve.ErrorCode != "invalid_grant" {
		t.Errorf("second exchange: error = %q, want invalid_grant", retrieve.ErrorCode)
	}
	if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("access token after code reuse: status %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.refresh(token.RefreshToken); resp.StatusCode != http.StatusNotFound {
		t.Errorf("refresh token after code reuse: status %d, want 404", resp.StatusCode)
	}
}

func TestTokenClientAuthentication(t *testing.T) {
	unknownClient := "11111111-1111-4111-8111-111111111111"
	tests := []struct {
		name     string
		style    oauth2.AuthStyle
		clientID string
		secret   string
		wantOK   bool
	}{
		{"basic", oauth2.AuthStyleInHeader, sandbox.DefaultClientID, sandbox.DefaultClientSecret, true},
		{"form fields", oauth2.AuthStyleInParams, sandbox.DefaultClientID, sandbox.DefaultClientSecret, true},
		{"basic wrong secret", oauth2.AuthStyleInHeader, sandbox.DefaultClientID, "wrong", false},
		{"form wrong secret", oauth2.AuthStyleInParams, sandbox.DefaultClientID, "wrong", false},
		{"basic unknown client", oauth2.AuthStyleInHeader, unknownClient, sandbox.DefaultClientSecret, false},
		{"form unknown client", oauth2.AuthStyleInParams, unknownClient, sandbox.DefaultClientSecret, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})
			code, verifier := f.authorizeCode("acme-studio")
			config := f.config()
			config.ClientID, config.ClientSecret, config.Endpoint.AuthStyle = tt.clientID, tt.secret, tt.style

			token, err := config.Exchange(f.context(), code, oauth2.VerifierOption(verifier))

			if tt.wantOK {
				if err != nil {
					t.Fatalf("exchange: %v", err)
				}
				if !accessTokenFormat.MatchString(token.AccessToken) {
					t.Errorf("access token does not match %s", accessTokenFormat)
				}
				return
			}
			retrieve := retrieveError(t, err)
			if retrieve.ErrorCode != "invalid_client" {
				t.Errorf("error = %q, want invalid_client", retrieve.ErrorCode)
			}
			if got := retrieve.Response.StatusCode; got != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", got)
			}
		})
	}
}

func TestTokenRejectsAmbiguousClient(t *testing.T) {
	tests := []struct {
		name  string
		form  url.Values
		basic bool
	}{
		{"no credentials", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"r"}}, false},
		{"basic and form secret", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"r"},
			"client_secret": {sandbox.DefaultClientSecret}}, true},
		{"basic and other client id", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"r"},
			"client_id": {"11111111-1111-4111-8111-111111111111"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})

			resp, body := f.postToken(f.api, tt.form, tt.basic)

			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", resp.StatusCode)
			}
			var got oauthError
			json.Unmarshal([]byte(body), &got)
			if got.Error != "invalid_client" {
				t.Errorf("error = %q, want invalid_client", got.Error)
			}
		})
	}
}

func TestTokenRejectsMalformedRequest(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		contentType string
		conforming  bool
		wantStatus  int
		wantError   string
	}{
		{"missing grant type", "refresh_token=r", "application/x-www-form-urlencoded",
			true, 400, "invalid_request"},
		{"password grant", "grant_type=password&username=u", "application/x-www-form-urlencoded",
			false, 400, "invalid_request"},
		{"client credentials grant", "grant_type=client_credentials", "application/x-www-form-urlencoded",
			false, 400, "unsupported_grant_type"},
		{"repeated field", "grant_type=refresh_token&refresh_token=a&refresh_token=b",
			"application/x-www-form-urlencoded", false, 400, "invalid_request"},
		{"json body", `{"grant_type":"refresh_token"}`, "application/json", false, 400, "invalid_request"},
		{"missing refresh token", "grant_type=refresh_token", "application/x-www-form-urlencoded",
			true, 400, "invalid_request"},
		{"missing code", "grant_type=authorization_code&redirect_uri=x&code_verifier=v",
			"application/x-www-form-urlencoded", true, 400, "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})
			req, err := http.NewRequest(http.MethodPost, f.url+"/v1/oauth/token", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", tt.contentType)
			req.SetBasicAuth(sandbox.DefaultClientID, sandbox.DefaultClientSecret)

			resp, body := f.send(f.clientFor(tt.conforming), req)

			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			var got oauthError
			json.Unmarshal([]byte(body), &got)
			if got.Error != tt.wantError {
				t.Errorf("error = %q, want %q; body %s", got.Error, tt.wantError, body)
			}
		})
	}
}

func TestRefreshRotatesToken(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	first := f.signIn("acme-studio")

	resp, body := f.refresh(first.RefreshToken)

	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("refresh: status %d, want 201; body %s", resp.StatusCode, body)
	}
	var second oauth2.Token
	if err := json.Unmarshal([]byte(body), &second); err != nil {
		t.Fatalf("decode refresh response: %v", err)
	}
	if second.RefreshToken == first.RefreshToken {
		t.Error("refresh returned the same refresh token, want a new one")
	}
	if second.AccessToken == first.AccessToken {
		t.Error("refresh returned the same access token, want a new one")
	}
	if resp, _ := f.get(second.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("new access token: status %d, want 200", resp.StatusCode)
	}

	resp, body = f.refresh(first.RefreshToken)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("old refresh token: status %d, want 404", resp.StatusCode)
	}
	if messageOf(body) == "" {
		t.Errorf("old refresh token: body %s has no message", body)
	}
	if resp, _ := f.refresh(second.RefreshToken); resp.StatusCode != http.StatusCreated {
		t.Errorf("new refresh token: status %d, want 201", resp.StatusCode)
	}
	if got := f.server.TokenRequests("refresh_token"); got != 3 {
		t.Errorf("TokenRequests(refresh_token) = %d, want 3", got)
	}
}

func TestRefreshThroughTokenSource(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	first := f.signIn("acme-studio")
	f.clock.Advance(2 * time.Hour)
	expired := &oauth2.Token{AccessToken: first.AccessToken, RefreshToken: first.RefreshToken,
		Expiry: time.Now().Add(-time.Minute)}

	token, err := f.config().TokenSource(f.context(), expired).Token()

	if err != nil {
		t.Fatalf("token source refresh: %v", err)
	}
	if token.RefreshToken == first.RefreshToken {
		t.Error("refresh kept the old refresh token, want a rotated one")
	}
	if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("refreshed access token: status %d, want 200", resp.StatusCode)
	}
}

func TestRevokeEndsGrant(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("acme-studio")
	other := f.signIn("acme-studio")

	resp, body := f.revoke(sandbox.DefaultClientSecret, token.RefreshToken)

	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("revoke: status %d, want 204; body %s", resp.StatusCode, body)
	}
	if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked access token: status %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.refresh(token.RefreshToken); resp.StatusCode != http.StatusNotFound {
		t.Errorf("revoked refresh token: status %d, want 404", resp.StatusCode)
	}
	if resp, _ := f.get(other.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("token of another grant: status %d, want 200", resp.StatusCode)
	}
}

func TestRevokeRejectsBadRequest(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("acme-studio")

	resp, _ := f.revoke("wrong-secret", token.RefreshToken)
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("access token after a rejected revocation: status %d, want 200", resp.StatusCode)
	}

	resp, _ = f.revoke(sandbox.DefaultClientSecret, "unknown-token")
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("unknown refresh token: status %d, want 204", resp.StatusCode)
	}

	extra := `{"client_id":"` + sandbox.DefaultClientID + `","client_secret":"x","refresh_token":"r","token":"t"}`
	resp, _ = f.do(f.browser, http.MethodPost, f.url+"/v1/oauth/revoke", "application/json", strings.NewReader(extra))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown field: status %d, want 400", resp.StatusCode)
	}
}

// revoke posts a revocation for refreshToken with the default client ID.
func (f *fixture) revoke(secret, refreshToken string) (*http.Response, string) {
	f.t.Helper()

	body, err := json.Marshal(map[string]string{
		"client_id":     sandbox.DefaultClientID,
		"client_secret": secret,
		"refresh_token": refreshToken,
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return f.do(f.api, http.MethodPost, f.url+"/v1/oauth/revoke", "application/json", strings.NewReader(string(body)))
}

func TestRevokeGrantsEndsEveryToken(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	tokens := []*oauth2.Token{f.signIn("acme-studio"), f.signIn("pixel-garden")}
	personal := f.server.NewPersonalAccessToken()
	pendingCode, verifier := f.authorizeCode("acme-studio")

	f.server.RevokeGrants()

	for i, token := range tokens {
		if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("access token %d: status %d, want 401", i, resp.StatusCode)
		}
		if resp, _ := f.refresh(token.RefreshToken); resp.StatusCode != http.StatusNotFound {
			t.Errorf("refresh token %d: status %d, want 404", i, resp.StatusCode)
		}
	}
	if _, err := f.config().Exchange(f.context(), pendingCode, oauth2.VerifierOption(verifier)); err == nil {
		t.Error("code issued before RevokeGrants was exchanged, want invalid_grant")
	}
	if resp, _ := f.get(personal, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("personal access token: status %d, want 200", resp.StatusCode)
	}
	if token := f.signIn("acme-studio"); token.AccessToken == "" {
		t.Error("sign-in after RevokeGrants returned no access token")
	}
}

func TestAccessTokenExpires(t *testing.T) {
	tests := []struct {
		name string
		ttl  time.Duration
		want time.Duration
	}{
		{"default lifetime", 0, time.Hour},
		{"custom lifetime", 10 * time.Minute, 10 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{AccessTokenTTL: tt.ttl})
			token := f.signIn("acme-studio")

			if got := time.Duration(token.ExpiresIn) * time.Second; got != tt.want {
				t.Errorf("expires_in = %v, want %v", got, tt.want)
			}
			f.clock.Advance(tt.want - time.Second)
			if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusOK {
				t.Errorf("one second before expiry: status %d, want 200", resp.StatusCode)
			}
			f.clock.Advance(time.Second)
			resp, body := f.get(token.AccessToken, "/v1/profile")
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("at expiry: status %d, want 401", resp.StatusCode)
			}
			if !strings.Contains(messageOf(body), "expired") {
				t.Errorf("at expiry: message %q does not mention expiry", messageOf(body))
			}
		})
	}
}
