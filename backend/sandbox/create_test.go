package sandbox_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// createdPassword is the database password of projects created by tests.
const createdPassword = "Tr0ub4dor-and.3-more_words"

type createdProject struct {
	ID               string `json:"id"`
	Ref              string `json:"ref"`
	OrganizationID   string `json:"organization_id"`
	OrganizationSlug string `json:"organization_slug"`
	Name             string `json:"name"`
	Region           string `json:"region"`
	CreatedAt        string `json:"created_at"`
	Status           string `json:"status"`
}

type healthEntry struct {
	Name    string          `json:"name"`
	Healthy bool            `json:"healthy"`
	Status  string          `json:"status"`
	Info    json.RawMessage `json:"info"`
	Error   string          `json:"error"`
}

// sendJSON sends a request with a JSON body through client.
func (f *fixture) sendJSON(client *http.Client, method, token, path, body string) (*http.Response, string) {
	f.t.Helper()

	req, err := http.NewRequest(method, f.url+path, strings.NewReader(body))
	if err != nil {
		f.t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	return f.send(client, req)
}

// createProject creates a project in organization through the api client
// and fails the test unless the status is 201.
func (f *fixture) createProject(token, organization, name, regionSelection string) createdProject {
	f.t.Helper()

	body := fmt.Sprintf(`{"name":%q,"organization_slug":%q,"db_pass":%q,"region_selection":%s}`,
		name, organization, createdPassword, regionSelection)
	resp, text := f.sendJSON(f.api, http.MethodPost, token, "/v1/projects", body)
	if resp.StatusCode != http.StatusCreated {
		f.t.Fatalf("POST /v1/projects: status %d, want 201; body %s", resp.StatusCode, text)
	}
	var project createdProject
	if err := json.Unmarshal([]byte(text), &project); err != nil {
		f.t.Fatalf("decode created project: %v", err)
	}
	return project
}

// projectStatus returns the status that GET /v1/projects/{ref} reports.
func (f *fixture) projectStatus(token, ref string) string {
	f.t.Helper()

	var project projectEntry
	f.getJSON(token, "/v1/projects/"+ref, &project)
	return project.Status
}

// health returns the health of services db, auth, rest and realtime.
func (f *fixture) health(token, ref string) []healthEntry {
	f.t.Helper()

	var entries []healthEntry
	f.getJSON(token, "/v1/projects/"+ref+"/health?services=db&services=auth&services=rest&services=realtime", &entries)
	return entries
}

func TestCreateProjectBecomesHealthy(t *testing.T) {
	f := newFixture(t, sandbox.Options{ProjectReadyAfter: 90 * time.Second})
	token := f.server.NewPersonalAccessToken()

	project := f.createProject(token, "acme-studio", "Shop", `{"type":"specific","code":"eu-west-3"}`)

	if project.Status != "COMING_UP" {
		t.Errorf("created status = %q, want COMING_UP", project.Status)
	}
	if project.Ref != project.ID || project.OrganizationSlug != "acme-studio" || project.Region != "eu-west-3" {
		t.Errorf("created project = %+v, want id = ref, acme-studio, eu-west-3", project)
	}
	if !f.server.CheckDatabasePassword(project.Ref, createdPassword) {
		t.Error("the sandbox did not store the database password of the new project")
	}

	f.clock.Advance(89 * time.Second)
	if got := f.projectStatus(token, project.Ref); got != "COMING_UP" {
		t.Errorf("status before the delay = %q, want COMING_UP", got)
	}
	for _, entry := range f.health(token, project.Ref) {
		if entry.Status != "COMING_UP" || entry.Healthy {
			t.Errorf("%s before the delay: status %q healthy %v, want COMING_UP", entry.Name, entry.Status, entry.Healthy)
		}
	}

	f.clock.Advance(time.Second)
	if got := f.projectStatus(token, project.Ref); got != "ACTIVE_HEALTHY" {
		t.Errorf("status after the delay = %q, want ACTIVE_HEALTHY", got)
	}
	for _, entry := range f.health(token, project.Ref) {
		if entry.Status != "ACTIVE_HEALTHY" || !entry.Healthy {
			t.Errorf("%s after the delay: status %q healthy %v, want ACTIVE_HEALTHY", entry.Name, entry.Status, entry.Healthy)
		}
	}
}

func TestCreatedProjectIsListed(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("northwind-labs").AccessToken

	project := f.createProject(token, "northwind-labs", "Fresh Start", `{"type":"smartGroup","code":"apac"}`)

	var page projectPage
	f.getJSON(token, "/v1/organizations/northwind-labs/projects?search=fresh", &page)
	if got := page.names(); !slices.Equal(got, []string{"Fresh Start"}) {
		t.Errorf("search results = %q, want [Fresh Start]", got)
	}
	var all []projectEntry
	f.getJSON(token, "/v1/projects", &all)
	if !slices.ContainsFunc(all, func(p projectEntry) bool { return p.Ref == project.Ref }) {
		t.Errorf("GET /v1/projects lacks the new project %s", project.Ref)
	}
}

func TestCreateProjectSmartGroupPicksMember(t *testing.T) {
	groups := map[string][]string{
		"americas": {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1"},
		"emea":     {"eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "eu-central-1", "eu-central-2"},
		"apac":     {"ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-east-1"},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for group, members := range groups {
		project := f.createProject(token, "pixel-garden", "In "+group, fmt.Sprintf(`{"type":"smartGroup","code":%q}`, group))

		if !slices.Contains(members, project.Region) {
			t.Errorf("smart group %s: region %q, want one of %v", group, project.Region, members)
		}
	}
}

func TestCreateProjectFailMarker(t *testing.T) {
	tests := []struct {
		name   string
		marker string
		want   string
	}{
		{"Shop", "", "ACTIVE_HEALTHY"},
		{"Will FAIL soon", "", "INIT_FAILED"},
		{"Shop fail", "boom", "ACTIVE_HEALTHY"},
		{"Shop Boom", "boom", "INIT_FAILED"},
	}
	for _, tt := range tests {
		f := newFixture(t, sandbox.Options{FailingProjectMarker: tt.marker})
		token := f.server.NewPersonalAccessToken()
		project := f.createProject(token, "acme-studio", tt.name, `{"type":"specific","code":"us-east-1"}`)

		f.clock.Advance(sandbox.DefaultProjectReadyAfter)

		if got := f.projectStatus(token, project.Ref); got != tt.want {
			t.Errorf("%q with marker %q: status %q, want %s", tt.name, tt.marker, got, tt.want)
		}
		if tt.want != "INIT_FAILED" {
			continue
		}
		for _, entry := range f.health(token, project.Ref) {
			if entry.Status != "UNHEALTHY" || entry.Error == "" {
				t.Errorf("%q: %s is %q with error %q, want UNHEALTHY with an error", tt.name, entry.Name, entry.Status, entry.Error)
			}
		}
	}
}

func TestCreateProjectRejectsBody(t *testing.T) {
	const valid = `"name":"Shop","organization_slug":"acme-studio","db_pass":"secret-pass"`
	tests := []struct {
		name       string
		body       string
		conforming bool // whether the OpenAPI description allows the body
	}{
		{"unknown field", `{` + valid + `,"region_selection":{"type":"smartGroup","code":"emea"},"color":"red"}`, false},
		{"region and region_selection", `{` + valid + `,"region":"us-east-1","region_selection":{"type":"smartGroup","code":"emea"}}`, false},
		{"no region", `{` + valid + `}`, true},
		{"missing db_pass", `{"name":"Shop","organization_slug":"acme-studio","region":"us-east-1"}`, false},
		{"empty db_pass", `{"name":"Shop","organization_slug":"acme-studio","db_pass":"","region":"us-east-1"}`, true},
		{"numeric db_pass", `{"name":"Shop","organization_slug":"acme-studio","db_pass":12345,"region":"us-east-1"}`, false},
		{"missing name", `{"organization_slug":"acme-studio","db_pass":"secret-pass","region":"us-east-1"}`, false},
		{"long name", `{"name":"` + strings.Repeat("n", 257) + `","organization_slug":"acme-studio","db_pass":"x","region":"us-east-1"}`, false},
		{"bad slug", `{"name":"Shop","organization_slug":"acme studio","db_pass":"x","region":"us-east-1"}`, false},
		{"unknown region", `{` + valid + `,"region":"mars-north-1"}`, false},
		{"unknown selection type", `{` + valid + `,"region_selection":{"type":"continent","code":"emea"}}`, false},
		{"unknown smart group", `{` + valid + `,"region_selection":{"type":"smartGroup","code":"antarctica"}}`, false},
		{"specific with group code", `{` + valid + `,"region_selection":{"type":"specific","code":"emea"}}`, false},
		{"not an object", `["Shop"]`, false},
		{"not JSON", `name=Shop`, false},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		resp, body := f.sendJSON(f.clientFor(tt.conforming), http.MethodPost, token, "/v1/projects", tt.body)

		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.name, resp.StatusCode)
		}
		if messageOf(body) == "" {
			t.Errorf("%s: body %s has no message", tt.name, body)
		}
	}
	if got := len(f.server.Projects()); got != 8 {
		t.Errorf("%d projects after rejected bodies, want the 8 seeds", got)
	}
}

func TestCreateProjectMessages(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	body := `{"name":"Shop","organization_slug":"acme-studio","db_pass":"x","region":"us-east-1","color":"red"}`

	_, text := f.sendJSON(f.browser, http.MethodPost, token, "/v1/projects", body)

	if got := messageOf(text); got != "property color should not exist" {
		t.Errorf("message = %q, want %q", got, "property color should not exist")
	}
}

func TestCreateProjectWrongContentType(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	req, err := http.NewRequest(http.MethodPost, f.url+"/v1/projects",
		strings.NewReader(`{"name":"Shop","organization_slug":"acme-studio","db_pass":"x","region":"us-east-1"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "text/plain")

	resp, body := f.send(f.browser, req)

	if resp.StatusCode != http.StatusBadRequest || messageOf(body) == "" {
		t.Errorf("status %d body %s, want 400 with a message", resp.StatusCode, body)
	}
}

func TestCreateProjectOutsideGrant(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("northwind-labs").AccessToken
	body := `{"name":"Shop","organization_slug":"acme-studio","db_pass":"x","region_selection":{"type":"smartGroup","code":"emea"}}`

	resp, text := f.sendJSON(f.api, http.MethodPost, token, "/v1/projects", body)

	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
	if messageOf(text) == "" {
		t.Errorf("body %s has no message", text)
	}
}

func TestCreateProjectNeverReturnsPassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	project := f.createProject(token, "acme-studio", "Secretive", `{"type":"specific","code":"us-east-1"}`)
	f.clock.Advance(sandbox.DefaultProjectReadyAfter)

	for _, path := range []string{
		"/v1/projects",
		"/v1/projects/" + project.Ref,
		"/v1/projects/" + project.Ref + "/api-keys?reveal=true",
		"/v1/projects/" + project.Ref + "/config/database/pooler",
		"/v1/organizations/acme-studio/projects",
	} {
		_, body := f.get(token, path)
		if strings.Contains(body, createdPassword) {
			t.Errorf("GET %s returned the database password", path)
		}
	}
}

func TestCreateProjectConcurrently(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	const n = 20
	refs := make([]string, n)

	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			refs[i] = postProject(t, f, token, fmt.Sprintf("Parallel %d", i))
		})
	}
	wg.Wait()

	slices.Sort(refs)
	if got := len(slices.Compact(refs)); got != n {
		t.Errorf("%d distinct refs for %d projects, want %d", got, n, n)
	}
	if got := len(f.server.Projects()); got != 8+n {
		t.Errorf("%d projects, want %d", got, 8+n)
	}
}

// postProject creates a project in pixel-garden and returns its ref, or
// "" after reporting an error. It is safe to call from any goroutine.
func postProject(t *testing.T, f *fixture, token, name string) string {
	body := fmt.Sprintf(`{"name":%q,"organization_slug":"pixel-garden","db_pass":%q,`+
		`"region_selection":{"type":"smartGroup","code":"americas"}}`, name, createdPassword)
	req, err := http.NewRequest(http.MethodPost, f.url+"/v1/projects", strings.NewReader(body))
	if err != nil {
		t.Errorf("new request: %v", err)
		return ""
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)

	resp, err := f.api.Do(req)
	if err != nil {
		t.Errorf("POST /v1/projects: %v", err)
		return ""
	}
	defer resp.Body.Close()
	var project createdProject
	if err := json.NewDecoder(resp.Body).Decode(&project); err != nil || resp.StatusCode != http.StatusCreated {
		t.Errorf("POST /v1/projects: status %d, decode error %v", resp.StatusCode, err)
	}
	return project.Ref
}
