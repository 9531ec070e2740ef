package auth

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

func testConfig(redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     "0b5e9f1e-1111-4222-8333-944455556666",
		ClientSecret: "not-a-real-secret",
		Endpoint:     Endpoint("https://api.example.test"),
		RedirectURL:  redirect,
	}
}

func TestAuthorizeURLParameters(t *testing.T) {
	config := testConfig(RedirectURI(53682))
	verifier := oauth2.GenerateVerifier()

	link, err := AuthorizeURL(config, "state-value", verifier, "acme-studio")
	if err != nil {
		t.Fatalf("AuthorizeURL: %v", err)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatalf("parse %q: %v", link, err)
	}

	if got, want := u.Scheme+"://"+u.Host+u.Path, "https://api.example.test/v1/oauth/authorize"; got != want {
		t.Errorf("endpoint = %q, want %q", got, want)
	}
	want := map[string]string{
		"client_id":             config.ClientID,
		"redirect_uri":          "http://127.0.0.1:53682/callback",
		"response_type":         "code",
		"state":                 "state-value",
		"code_challenge":        oauth2.S256ChallengeFromVerifier(verifier),
		"code_challenge_method": "S256",
		"organization_slug":     "acme-studio",
	}
	q := u.Query()
	for key, value := range want {
		if got := q.Get(key); got != value {
			t.Errorf("%s = %q, want %q", key, got, value)
		}
	}
	for _, absent := range []string{"scope", "code_verifier", "client_secret"} {
		if q.Has(absent) {
			t.Errorf("URL has %s, want it absent", absent)
		}
	}
}

func TestAuthorizeURLWithoutOrganization(t *testing.T) {
	link, err := AuthorizeURL(testConfig(RedirectURI(53682)), "s", oauth2.GenerateVerifier(), "")
	if err != nil {
		t.Fatalf("AuthorizeURL: %v", err)
	}
	if strings.Contains(link, "organization_slug") {
		t.Errorf("URL %q has organization_slug, want none", link)
	}
}

func TestAuthorizeURLRejectsInvalidSlug(t *testing.T) {
	_, err := AuthorizeURL(testConfig(RedirectURI(53682)), "s", oauth2.GenerateVerifier(), "acme/../x")
	if err == nil {
		t.Fatal("AuthorizeURL accepted slug with a slash")
	}
}

func TestAuthorizeURLStateLimit(t *testing.T) {
	redirect := RedirectURI(53682)
	fits := strings.Repeat("s", maxRedirectAndState-len(redirect))
	if _, err := AuthorizeURL(testConfig(redirect), fits, "v", ""); err != nil {
		t.Errorf("state of %d bytes: %v, want accepted", len(fits), err)
	}
	if _, err := AuthorizeURL(testConfig(redirect), fits+"s", "v", ""); err == nil {
		t.Errorf("state of %d bytes accepted, want rejected", len(fits)+1)
	}
}

func TestRedirectURIsUseLoopbackLiteral(t *testing.T) {
	got := RedirectURIs([]int{53682, 53683})
	want := []string{"http://127.0.0.1:53682/callback", "http://127.0.0.1:53683/callback"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("RedirectURIs = %v, want %v", got, want)
	}
}

func TestNewStateIsRandomAndLongEnough(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s := NewState()
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatalf("state %q is not base64url: %v", s, err)
		}
		if len(raw)*8 < 128 {
			t.Fatalf("state has %d bits, want at least 128", len(raw)*8)
		}
		if seen[s] {
			t.Fatalf("state %q repeated", s)
		}
		seen[s] = true
	}
}

func TestStatesMatch(t *testing.T) {
	cases := []struct {
		got, want string
		match     bool
	}{
		{"abc", "abc", true},
		{"abd", "abc", false},
		{"ab", "abc", false},
		{"", "abc", false},
	}
	for _, c := range cases {
		if m := statesMatch(c.got, c.want); m != c.match {
			t.Errorf("statesMatch(%q, %q) = %v, want %v", c.got, c.want, m, c.match)
		}
	}
}
