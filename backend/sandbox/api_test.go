package sandbox_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// Refs of seed projects used by the tests.
const (
	acmeWebRef      = "hqvzkfmbrtplxcwnadje"
	northwindCRMRef = "lrxqtvbnzkcmwjhpfgda"
)

type organizationEntry struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type projectEntry struct {
	Ref              string `json:"ref"`
	Name             string `json:"name"`
	OrganizationSlug string `json:"organization_slug"`
	Status           string `json:"status"`
	Database         struct {
		Host string `json:"host"`
	} `json:"database"`
}

type projectPage struct {
	Projects []struct {
		Ref    string `json:"ref"`
		Name   string `json:"name"`
		Status string `json:"status"`
	} `json:"projects"`
	Pagination struct {
		Count  int `json:"count"`
		Limit  int `json:"limit"`
		Offset int `json:"offset"`
	} `json:"pagination"`
}

func (p projectPage) names() []string {
	var names []string
	for _, project := range p.Projects {
		names = append(names, project.Name)
	}
	return names
}

// organizationSlugs lists the organizations that token reaches.
func (f *fixture) organizationSlugs(token string) []string {
	f.t.Helper()

	var orgs []organizationEntry
	f.getJSON(token, "/v1/organizations", &orgs)
	var slugs []string
	for _, org := range orgs {
		slugs = append(slugs, org.Slug)
	}
	return slugs
}

// projectOrganizations lists the organization of each project that token
// reaches, without duplicates.
func (f *fixture) projectOrganizations(token string) []string {
	f.t.Helper()

	var projects []projectEntry
	f.getJSON(token, "/v1/projects", &projects)
	var slugs []string
	for _, p := range projects {
		if !slices.Contains(slugs, p.OrganizationSlug) {
			slugs = append(slugs, p.OrganizationSlug)
		}
	}
	return slugs
}

func TestOAuthTokenReachesChosenOrganization(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("northwind-labs").AccessToken

	if got := f.organizationSlugs(token); !slices.Equal(got, []string{"northwind-labs"}) {
		t.Errorf("organizations = %v, want [northwind-labs]", got)
	}
	if got := f.projectOrganizations(token); !slices.Equal(got, []string{"northwind-labs"}) {
		t.Errorf("organizations of projects = %v, want [northwind-labs]", got)
	}
	var project projectEntry
	f.getJSON(token, "/v1/projects/"+northwindCRMRef, &project)
	if project.Ref != northwindCRMRef {
		t.Errorf("project ref = %q, want %q", project.Ref, northwindCRMRef)
	}
	for _, path := range []string{
		"/v1/projects/" + acmeWebRef,
		"/v1/organizations/acme-studio",
		"/v1/organizations/acme-studio/projects",
	} {
		resp, body := f.get(token, path)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, resp.StatusCode)
		}
		if messageOf(body) == "" {
			t.Errorf("GET %s: body %s has no message", path, body)
		}
	}
}

func TestGrantAllOrganizationsReachesAll(t *testing.T) {
	f := newFixture(t, sandbox.Options{GrantAllOrganizations: true})
	token := f.signIn("northwind-labs").AccessToken
	want := []string{"acme-studio", "northwind-labs", "pixel-garden"}

	if got := f.organizationSlugs(token); !slices.Equal(got, want) {
		t.Errorf("organizations = %v, want %v", got, want)
	}
	if got := f.projectOrganizations(token); !slices.Equal(got, want) {
		t.Errorf("organizations of projects = %v, want %v", got, want)
	}
}

func TestPersonalAccessTokenReachesAll(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := "sbp_" + strings.Repeat("0123456789", 4)
	if err := f.server.AddPersonalAccessToken(token); err != nil {
		t.Fatalf("AddPersonalAccessToken: %v", err)
	}
	want := []string{"acme-studio", "northwind-labs", "pixel-garden"}

	if got := f.organizationSlugs(token); !slices.Equal(got, want) {
		t.Errorf("organizations = %v, want %v", got, want)
	}
	var projects []projectEntry
	f.getJSON(token, "/v1/projects", &projects)
	if got, want := len(projects), len(f.server.Projects()); got != want {
		t.Errorf("len(projects) = %d, want %d", got, want)
	}
	for _, p := range projects {
		if want := "db." + p.Ref + ".supabase.co"; p.Database.Host != want {
			t.Errorf("project %s: database host = %q, want %q", p.Ref, p.Database.Host, want)
		}
	}
}

func TestAddPersonalAccessTokenRejectsFormat(t *testing.T) {
	server := sandbox.New(sandbox.Options{})
	for _, token := range []string{
		"",
		"sbp_123",
		"sbp_oauth_" + strings.Repeat("a", 40),
		"sbp_" + strings.Repeat("A", 40),
		"sbp_" + strings.Repeat("a", 41),
	} {
		if err := server.AddPersonalAccessToken(token); err == nil {
			t.Errorf("AddPersonalAccessToken(%q) succeeded, want an error", token)
		}
	}
}

func TestOrganizationDetail(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()

	var org struct {
		ID                     string   `json:"id"`
		Name                   string   `json:"name"`
		Plan                   string   `json:"plan"`
		AllowedReleaseChannels []string `json:"allowed_release_channels"`
	}
	f.getJSON(token, "/v1/organizations/northwind-labs", &org)

	if org.Name != "Northwind Labs" {
		t.Errorf("name = %q, want Northwind Labs", org.Name)
	}
	if org.Plan != "free" {
		t.Errorf("plan = %q, want free", org.Plan)
	}
	if !slices.Contains(org.AllowedReleaseChannels, "ga") {
		t.Errorf("allowed_release_channels = %v, want ga among them", org.AllowedReleaseChannels)
	}
}

func TestOrganizationProjectsPagination(t *testing.T) {
	tests := []struct {
		query     string
		wantNames []string
		wantCount int
		wantLimit int
		wantOff   int
	}{
		{"", []string{"Acme Mobile API", "Acme Staging", "Acme Web", "Marketing Site"}, 4, 100, 0},
		{"?limit=2", []string{"Acme Mobile API", "Acme Staging"}, 4, 2, 0},
		{"?limit=2&offset=2", []string{"Acme Web", "Marketing Site"}, 4, 2, 2},
		{"?limit=3&offset=3", []string{"Marketing Site"}, 4, 3, 3},
		{"?offset=10", nil, 4, 100, 10},
		{"?sort=name_desc&limit=1", []string{"Marketing Site"}, 4, 1, 0},
		{"?sort=created_asc", []string{"Acme Staging", "Acme Web", "Acme Mobile API", "Marketing Site"}, 4, 100, 0},
		{"?sort=created_desc&limit=2", []string{"Marketing Site", "Acme Mobile API"}, 4, 2, 0},
		{"?search=acme", []string{"Acme Mobile API", "Acme Staging", "Acme Web"}, 3, 100, 0},
		{"?search=WEB", []string{"Acme Web"}, 1, 100, 0},
		{"?statuses=INACTIVE", []string{"Acme Staging"}, 1, 100, 0},
		{"?statuses=ACTIVE_HEALTHY,INACTIVE&limit=1&offset=1", []string{"Acme Staging"}, 4, 1, 1},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		var page projectPage
		f.getJSON(token, "/v1/organizations/acme-studio/projects"+tt.query, &page)

		if got := page.names(); !slices.Equal(got, tt.wantNames) {
			t.Errorf("%s: projects = %q, want %q", tt.query, got, tt.wantNames)
		}
		got := page.Pagination
		if got.Count != tt.wantCount || got.Limit != tt.wantLimit || got.Offset != tt.wantOff {
			t.Errorf("%s: pagination = %+v, want count %d, limit %d, offset %d",
				tt.query, got, tt.wantCount, tt.wantLimit, tt.wantOff)
		}
	}
}

func TestOrganizationProjectsRejectsBadQuery(t *testing.T) {
	tests := []struct {
		query      string
		conforming bool // whether the OpenAPI description allows the query
	}{
		{"limit=0", false},
		{"limit=101", false},
		{"limit=ten", false},
		{"limit=", false},
		{"offset=-1", false},
		{"offset=1.5", false},
		{"sort=newest", false},
		{"statuses=COMING_UP", true},
		{"statuses=ACTIVE_HEALTHY,", true},
		{"limit=1&limit=2", true},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		req, err := http.NewRequest(http.MethodGet, f.url+"/v1/organizations/acme-studio/projects?"+tt.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)

		resp, body := f.send(f.clientFor(tt.conforming), req)

		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.query, resp.StatusCode)
		}
		if messageOf(body) == "" {
			t.Errorf("%s: body %s has no message", tt.query, body)
		}
	}
}

func TestProjectNotFound(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()

	resp, body := f.get(token, "/v1/projects/aaaaaaaaaaaaaaaaaaaa")

	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	if messageOf(body) == "" {
		t.Errorf("body %s has no message", body)
	}
}

func TestUnauthorizedRequests(t *testing.T) {
	tests := []struct {
		name   string
		header string
	}{
		{"no header", ""},
		{"unknown token", "Bearer sbp_oauth_" + strings.Repeat("0", 40)},
		{"basic scheme", "Basic dXNlcjpwYXNz"},
		{"empty bearer", "Bearer "},
	}
	f := newFixture(t, sandbox.Options{})
	for _, tt := range tests {
		for _, path := range []string{"/v1/profile", "/v1/organizations", "/v1/projects"} {
			req, err := http.NewRequest(http.MethodGet, f.url+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}

			resp, body := f.send(f.api, req)

			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s, GET %s: status %d, want 401", tt.name, path, resp.StatusCode)
			}
			if messageOf(body) == "" {
				t.Errorf("%s, GET %s: body %s has no message", tt.name, path, body)
			}
			if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s, GET %s: WWW-Authenticate = %q, want a Bearer challenge",
					tt.name, path, resp.Header.Get("WWW-Authenticate"))
			}
		}
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	other := f.server.NewPersonalAccessToken()

	for i := 1; i <= 120; i++ {
		resp, _ := f.get(token, "/v1/profile")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d, want 200", i, resp.StatusCode)
		}
		wantReset := 60
		if i > 60 {
			wantReset = 30
		}
		checkRateHeaders(t, resp, 120-i, wantReset)
		if i == 60 {
			f.clock.Advance(30 * time.Second)
		}
	}

	resp, body := f.get(token, "/v1/profile")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("request 121: status %d, want 429", resp.StatusCode)
	}
	if messageOf(body) == "" {
		t.Errorf("request 121: body %s has no message", body)
	}
	checkRateHeaders(t, resp, 0, 30)

	if resp, _ := f.get(other, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("another token: status %d, want 200", resp.StatusCode)
	}
	f.clock.Advance(30 * time.Second)
	resp, _ = f.get(token, "/v1/profile")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after the window: status %d, want 200", resp.StatusCode)
	}
	checkRateHeaders(t, resp, 119, 60)
}

// checkRateHeaders checks the rate-limit headers of resp.
func checkRateHeaders(t *testing.T, resp *http.Response, wantRemaining, wantReset int) {
	t.Helper()

	if got := resp.Header.Get("X-RateLimit-Limit"); got != "120" {
		t.Errorf("X-RateLimit-Limit = %q, want 120", got)
	}
	if got := resp.Header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(wantRemaining) {
		t.Errorf("X-RateLimit-Remaining = %q, want %d", got, wantRemaining)
	}
	if got := resp.Header.Get("X-RateLimit-Reset"); got != strconv.Itoa(wantReset) {
		t.Errorf("X-RateLimit-Reset = %q, want %d", got, wantReset)
	}
}

func TestRateLimitHeadersOnOAuthEndpoints(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	authURL, _ := f.authorizeURL("s")

	page := f.openConsent(authURL)
	resp, _ := f.refresh("unknown")

	for name, header := range map[string]http.Header{"authorize": page.header, "token": resp.Header} {
		for _, key := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"} {
			if header.Get(key) == "" {
				t.Errorf("%s response has no %s header", name, key)
			}
		}
	}
}
