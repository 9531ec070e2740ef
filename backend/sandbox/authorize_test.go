package sandbox_test

import (
	"cmp"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

var (
	accessTokenFormat = regexp.MustCompile(`^sbp_oauth_[0-9a-f]{40}$`)
	validChallenge    = oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())
)

func TestAuthorizationCodeFlow(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	token := f.signIn("acme-studio")

	if !accessTokenFormat.MatchString(token.AccessToken) {
		t.Errorf("access token does not match %s", accessTokenFormat)
	}
	if token.RefreshToken == "" {
		t.Error("refresh token is empty")
	}
	if token.TokenType != "Bearer" {
		t.Errorf("token_type = %q, want Bearer", token.TokenType)
	}
	if got := token.ExpiresIn; got != 3600 {
		t.Errorf("expires_in = %d, want 3600", got)
	}
	var profile struct {
		PrimaryEmail string `json:"primary_email"`
	}
	f.getJSON(token.AccessToken, "/v1/profile", &profile)
	if want := f.server.Profile().PrimaryEmail; profile.PrimaryEmail != want {
		t.Errorf("primary_email = %q, want %q", profile.PrimaryEmail, want)
	}
	if got := f.server.TokenRequests("authorization_code"); got != 1 {
		t.Errorf("TokenRequests(authorization_code) = %d, want 1", got)
	}
}

func TestConsentPageContent(t *testing.T) {
	f := newFixture(t, sandbox.Options{AppName: "Test App"})
	authURL, _ := f.authorizeURL("s", oauth2.SetAuthURLParam("organization_slug", "northwind-labs"))

	page := f.openConsent(authURL)

	if page.lang != "en" {
		t.Errorf("html lang = %q, want en", page.lang)
	}
	for id, tag := range map[string]string{"authorize": "button", "deny": "button"} {
		if page.ids[id] != tag {
			t.Errorf("element #%s is %q, want a %s", id, page.ids[id], tag)
		}
	}
	for _, want := range []string{"SANDBOX", "Test App", "<label for=\"org-acme-studio\"", "<title>"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("page does not contain %q", want)
		}
	}
	if page.consentID == "" {
		t.Error("page has no consent_id")
	}
	if want := []string{"acme-studio", "northwind-labs", "pixel-garden"}; strings.Join(page.organizations, ",") != strings.Join(want, ",") {
		t.Errorf("organizations = %v, want %v", page.organizations, want)
	}
	if page.checked != "northwind-labs" {
		t.Errorf("checked organization = %q, want northwind-labs from organization_slug", page.checked)
	}
	if len(page.external) > 0 {
		t.Errorf("page references resources %v, want none", page.external)
	}
	if got := page.header.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("X-Frame-Options = %q, want DENY", got)
	}
	if got := page.header.Get("Content-Security-Policy"); !strings.Contains(got, "default-src 'none'") {
		t.Errorf("Content-Security-Policy = %q, want default-src 'none'", got)
	}
}

func TestConsentPreselectsFirstOrganization(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	for _, slug := range []string{"", "unknown-org"} {
		var extra []oauth2.AuthCodeOption
		if slug != "" {
			extra = append(extra, oauth2.SetAuthURLParam("organization_slug", slug))
		}
		authURL, _ := f.authorizeURL("s", extra...)

		page := f.openConsent(authURL)

		if page.checked != "acme-studio" {
			t.Errorf("organization_slug %q: checked = %q, want acme-studio", slug, page.checked)
		}
	}
}

func TestConsentDenyRedirectsAccessDenied(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	authURL, _ := f.authorizeURL("deny-state")
	page := f.openConsent(authURL)

	query := f.redirectQuery(f.decide(page.consentID, "acme-studio", "deny"))

	if got := query.Get("error"); got != "access_denied" {
		t.Errorf("error = %q, want access_denied", got)
	}
	if query.Get("error_description") == "" {
		t.Error("error_description is empty")
	}
	if got := query.Get("state"); got != "deny-state" {
		t.Errorf("state = %q, want deny-state", got)
	}
	if query.Has("code") {
		t.Error("denied consent returned a code")
	}
}

func TestConsentAnsweredOnce(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	authURL, _ := f.authorizeURL("s")
	page := f.openConsent(authURL)
	f.redirectQuery(f.decide(page.consentID, "acme-studio", "authorize"))

	resp, body := f.decide(page.consentID, "acme-studio", "authorize")

	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("second answer: status %d, want 400", resp.StatusCode)
	}
	if resp.Header.Get("Location") != "" {
		t.Errorf("second answer redirected to %q", resp.Header.Get("Location"))
	}
	if !strings.Contains(body, "already used") {
		t.Errorf("second answer page does not explain the failure: %s", body)
	}
}

func TestConsentRejectsBadForm(t *testing.T) {
	tests := []struct {
		name         string
		consentID    string // "" means the real one
		organization string
		decision     string
	}{
		{"forged consent id", "forged", "acme-studio", "authorize"},
		{"unknown organization", "", "other-org", "authorize"},
		{"missing decision", "", "acme-studio", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})
			authURL, _ := f.authorizeURL("s")
			page := f.openConsent(authURL)
			id := cmp.Or(tt.consentID, page.consentID)

			resp, _ := f.decide(id, tt.organization, tt.decision)

			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
			if got := resp.Header.Get("Location"); got != "" {
				t.Errorf("redirected to %q, want an error page", got)
			}
		})
	}
}

func TestConsentExpires(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	authURL, _ := f.authorizeURL("s")
	page := f.openConsent(authURL)
	f.clock.Advance(11 * time.Minute)

	resp, _ := f.decide(page.consentID, "acme-studio", "authorize")

	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("status %d after 11 minutes, want 400", resp.StatusCode)
	}
}

func TestAuthorizeRejectsUnverifiedClient(t *testing.T) {
	tests := []struct {
		name  string
		query func(url.Values)
		valid bool // whether the request conforms to the OpenAPI description
	}{
		{"unknown client", func(q url.Values) { q.Set("client_id", "11111111-1111-4111-8111-111111111111") }, true},
		{"client id not uuid", func(q url.Values) { q.Set("client_id", "supaconnect") }, false},
		{"missing client", func(q url.Values) { q.Del("client_id") }, false},
		{"unregistered redirect", func(q url.Values) { q.Set("redirect_uri", "http://127.0.0.1:53683/callback") }, true},
		{"redirect trailing slash", func(q url.Values) { q.Set("redirect_uri", redirectURI+"/") }, true},
		{"redirect extra query", func(q url.Values) { q.Set("redirect_uri", redirectURI+"?x=1") }, true},
		{"missing redirect", func(q url.Values) { q.Del("redirect_uri") }, false},
		{"repeated redirect", func(q url.Values) { q.Add("redirect_uri", redirectURI) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})
			target := f.authorizeQuery(tt.query)

			resp, body := f.do(f.clientFor(tt.valid), http.MethodGet, target, "", nil)

			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
			if got := resp.Header.Get("Location"); got != "" {
				t.Errorf("redirected to unverified %q, want an error page", got)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", got)
			}
			if !strings.Contains(body, `id="error-message"`) {
				t.Errorf("body is not the error page: %s", body)
			}
		})
	}
}

func TestAuthorizeRedirectsInvalidRequest(t *testing.T) {
	tests := []struct {
		name      string
		query     func(url.Values)
		valid     bool
		wantError string
		wantState string
	}{
		{"missing challenge", func(q url.Values) { q.Del("code_challenge") }, true, "invalid_request", "st"},
		{"plain method", func(q url.Values) { q.Set("code_challenge_method", "plain") }, true, "invalid_request", "st"},
		{"sha256 method", func(q url.Values) { q.Set("code_challenge_method", "sha256") }, true, "invalid_request", "st"},
		{"missing method", func(q url.Values) { q.Del("code_challenge_method") }, true, "invalid_request", "st"},
		{"short challenge", func(q url.Values) { q.Set("code_challenge", "abc") }, true, "invalid_request", "st"},
		{"missing state", func(q url.Values) { q.Del("state") }, true, "invalid_request", ""},
		{"oversized state", func(q url.Values) { q.Set("state", strings.Repeat("s", 4097-len(redirectURI))) },
			true, "invalid_request", strings.Repeat("s", 4097-len(redirectURI))},
		{"token response type", func(q url.Values) { q.Set("response_type", "token") }, true, "unsupported_response_type", "st"},
		{"missing response type", func(q url.Values) { q.Del("response_type") }, false, "invalid_request", "st"},
		{"bad organization slug", func(q url.Values) { q.Set("organization_slug", "acme studio") }, false, "invalid_request", "st"},
		{"fragment response mode", func(q url.Values) { q.Set("response_mode", "fragment") }, true, "invalid_request", "st"},
		{"relative resource", func(q url.Values) { q.Set("resource", "/mcp") }, false, "invalid_request", "st"},
		{"repeated state", func(q url.Values) { q.Add("state", "st") }, true, "invalid_request", "st"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, sandbox.Options{})
			target := f.authorizeQuery(tt.query)

			query := f.redirectQuery(f.do(f.clientFor(tt.valid), http.MethodGet, target, "", nil))

			if got := query.Get("error"); got != tt.wantError {
				t.Errorf("error = %q, want %q", got, tt.wantError)
			}
			if query.Get("error_description") == "" {
				t.Error("error_description is empty")
			}
			if got := query.Get("state"); got != tt.wantState {
				t.Errorf("state = %q, want %q", got, tt.wantState)
			}
			if query.Has("code") {
				t.Error("invalid request returned a code")
			}
		})
	}
}

func TestAuthorizeAcceptsMaximumState(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	state := strings.Repeat("s", 4096-len(redirectURI))
	authURL, _ := f.authorizeURL(state)

	page := f.openConsent(authURL)

	if page.consentID == "" {
		t.Error("request with redirect_uri and state of 4096 bytes got no consent page")
	}
}

// authorizeQuery returns a valid authorization URL, changed by edit.
func (f *fixture) authorizeQuery(edit func(url.Values)) string {
	query := url.Values{
		"client_id":             {sandbox.DefaultClientID},
		"response_type":         {"code"},
		"redirect_uri":          {redirectURI},
		"state":                 {"st"},
		"code_challenge":        {validChallenge},
		"code_challenge_method": {"S256"},
	}
	edit(query)
	return f.url + "/v1/oauth/authorize?" + query.Encode()
}

// clientFor returns the api client for requests that conform to the
// OpenAPI description, and the browser client for those that do not.
func (f *fixture) clientFor(conforming bool) *http.Client {
	if conforming {
		return f.api
	}
	return f.browser
}
