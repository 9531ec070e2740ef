package sandbox_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/contract"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// redirectURI is the redirect URI registered in every fixture.
const redirectURI = "http://127.0.0.1:53682/callback"

// fixture is a sandbox served by httptest with two clients: api, whose
// traffic the contract validates, and browser, which is not validated and
// is used for the consent form and for requests that break the contract
// on purpose. Neither follows redirects.
type fixture struct {
	t       *testing.T
	server  *sandbox.Server
	url     string
	clock   *testenv.Clock
	api     *http.Client
	browser *http.Client
}

// newFixture starts a sandbox with opts, a fake clock and, unless opts
// sets them, redirectURI as the only redirect URI.
func newFixture(t *testing.T, opts sandbox.Options) *fixture {
	t.Helper()

	clock := testenv.NewClock(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	opts.Now = clock.Now
	if opts.RedirectURIs == nil {
		opts.RedirectURIs = []string{redirectURI}
	}
	server := sandbox.New(opts)
	httpServer := httptest.NewServer(server.Handler())
	t.Cleanup(httpServer.Close)

	noRedirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	spec := contract.Load(t)
	return &fixture{
		t:       t,
		server:  server,
		url:     httpServer.URL,
		clock:   clock,
		api:     &http.Client{Transport: spec.Transport(t, httpServer.Client().Transport), CheckRedirect: noRedirect},
		browser: &http.Client{CheckRedirect: noRedirect},
	}
}

// withT returns a copy of f whose helpers report to t, for parallel
// subtests. The contract still reports to the test that made f.
func (f *fixture) withT(t *testing.T) *fixture {
	copied := *f
	copied.t = t
	return &copied
}

// config returns the OAuth client configuration of the default client,
// authenticating with HTTP Basic.
func (f *fixture) config() *oauth2.Config {
	return &oauth2.Config{
		ClientID:     sandbox.DefaultClientID,
		ClientSecret: sandbox.DefaultClientSecret,
		RedirectURL:  redirectURI,
		Endpoint: oauth2.Endpoint{
			AuthURL:   f.url + "/v1/oauth/authorize",
			TokenURL:  f.url + "/v1/oauth/token",
			AuthStyle: oauth2.AuthStyleInHeader,
		},
	}
}

// context returns a context that makes x/oauth2 use the api client.
func (f *fixture) context() context.Context {
	return context.WithValue(context.Background(), oauth2.HTTPClient, f.api)
}

// authorizeURL returns an authorization URL with a fresh verifier, the
// given state and extra parameters, and the verifier.
func (f *fixture) authorizeURL(state string, extra ...oauth2.AuthCodeOption) (string, string) {
	verifier := oauth2.GenerateVerifier()
	options := append([]oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}, extra...)
	return f.config().AuthCodeURL(state, options...), verifier
}

// consentPage is what a test reads from the consent page.
type consentPage struct {
	header        http.Header
	body          string
	lang          string
	consentID     string
	organizations []string // values of the organization radio buttons
	checked       string   // value of the checked radio button
	ids           map[string]string
	external      []string // src and href attributes, which must not exist
}

// openConsent requests authURL through the api client and parses the
// consent page, failing the test unless the status is 200.
func (f *fixture) openConsent(authURL string) consentPage {
	f.t.Helper()

	resp, body := f.do(f.api, http.MethodGet, authURL, "", nil)
	if resp.StatusCode != http.StatusOK {
		f.t.Fatalf("GET authorize: status %d, want 200; body %s", resp.StatusCode, body)
	}
	return parseConsent(f.t, resp.Header, body)
}

func parseConsent(t *testing.T, header http.Header, body string) consentPage {
	t.Helper()

	root, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse consent page: %v", err)
	}
	page := consentPage{header: header, body: body, ids: map[string]string{}}
	for node := range root.Descendants() {
		if node.Type != html.ElementNode {
			continue
		}
		attrs := map[string]string{}
		for _, a := range node.Attr {
			attrs[a.Key] = a.Val
		}
		page.addElement(node, attrs)
	}
	return page
}

// addElement records what a test needs from one element.
func (p *consentPage) addElement(node *html.Node, attrs map[string]string) {
	if id, ok := attrs["id"]; ok {
		p.ids[id] = node.Data
	}
	if node.Data == "html" {
		p.lang = attrs["lang"]
	}
	if value, ok := attrs["src"]; ok {
		p.external = append(p.external, value)
	}
	if value, ok := attrs["href"]; ok {
		p.external = append(p.external, value)
	}
	if node.Data != "input" {
		return
	}
	switch attrs["name"] {
	case "consent_id":
		p.consentID = attrs["value"]
	case "organization":
		p.organizations = append(p.organizations, attrs["value"])
		if _, checked := attrs["checked"]; checked {
			p.checked = attrs["value"]
		}
	}
}

// decide posts the consent form as a browser does and returns the
// response.
func (f *fixture) decide(consentID, organization, decision string) (*http.Response, string) {
	form := url.Values{"consent_id": {consentID}, "organization": {organization}, "decision": {decision}}
	return f.do(f.browser, http.MethodPost, f.url+"/sandbox/consent",
		"application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

// redirectQuery returns the query of a 302 response's Location, failing
// the test unless the response redirects to redirectURI.
func (f *fixture) redirectQuery(resp *http.Response, body string) url.Values {
	f.t.Helper()

	if resp.StatusCode != http.StatusFound {
		f.t.Fatalf("status %d, want 302; body %s", resp.StatusCode, body)
	}
	location, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		f.t.Fatalf("parse Location %q: %v", resp.Header.Get("Location"), err)
	}
	base := *location
	base.RawQuery = ""
	if base.String() != redirectURI {
		f.t.Fatalf("redirect to %q, want %q", base.String(), redirectURI)
	}
	return location.Query()
}

// authorizeCode runs the browser part of the flow and returns the code
// and the verifier. The user picks organization on the consent page.
func (f *fixture) authorizeCode(organization string) (string, string) {
	f.t.Helper()

	authURL, verifier := f.authorizeURL("state-1", oauth2.SetAuthURLParam("organization_slug", organization))
	page := f.openConsent(authURL)
	query := f.redirectQuery(f.decide(page.consentID, organization, "authorize"))
	if query.Get("state") != "state-1" {
		f.t.Fatalf("state = %q, want state-1", query.Get("state"))
	}
	return query.Get("code"), verifier
}

// signIn runs the whole flow for organization and returns the token.
func (f *fixture) signIn(organization string) *oauth2.Token {
	f.t.Helper()

	code, verifier := f.authorizeCode(organization)
	token, err := f.config().Exchange(f.context(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		f.t.Fatalf("exchange code: %v", err)
	}
	return token
}

// do sends a request with client and returns the response with its body
// read.
func (f *fixture) do(client *http.Client, method, target, contentType string, body io.Reader) (*http.Response, string) {
	f.t.Helper()

	req, err := http.NewRequest(method, target, body)
	if err != nil {
		f.t.Fatalf("new request: %v", err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return f.send(client, req)
}

func (f *fixture) send(client *http.Client, req *http.Request) (*http.Response, string) {
	f.t.Helper()

	resp, err := client.Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatalf("read body of %s %s: %v", req.Method, req.URL.Path, err)
	}
	return resp, string(data)
}

// get sends an authenticated Management API request through the api
// client.
func (f *fixture) get(token, path string) (*http.Response, string) {
	f.t.Helper()

	req, err := http.NewRequest(http.MethodGet, f.url+path, nil)
	if err != nil {
		f.t.Fatalf("new request: %v", err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return f.send(f.api, req)
}

// getJSON sends get, fails the test unless the status is 200, and decodes
// the body into v.
func (f *fixture) getJSON(token, path string, v any) {
	f.t.Helper()

	resp, body := f.get(token, path)
	if resp.StatusCode != http.StatusOK {
		f.t.Fatalf("GET %s: status %d, want 200; body %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		f.t.Fatalf("GET %s: decode body: %v", path, err)
	}
}

// messageOf returns the message field of an error body, or "" when the
// body has none.
func messageOf(body string) string {
	var parsed struct {
		Message string `json:"message"`
	}
	json.Unmarshal([]byte(body), &parsed)
	return parsed.Message
}
