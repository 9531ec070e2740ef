package sandbox_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

type regionEntry struct {
	Name     string `json:"name"`
	Code     string `json:"code"`
	Type     string `json:"type"`
	Provider string `json:"provider"`
	Status   string `json:"status"`
}

type regionsInfo struct {
	Recommendations struct {
		SmartGroup regionEntry   `json:"smartGroup"`
		Specific   []regionEntry `json:"specific"`
	} `json:"recommendations"`
	All struct {
		SmartGroup []regionEntry `json:"smartGroup"`
		Specific   []regionEntry `json:"specific"`
	} `json:"all"`
}

type apiKeyEntry struct {
	Name              string            `json:"name"`
	APIKey            *string           `json:"api_key"`
	ID                *string           `json:"id"`
	Type              *string           `json:"type"`
	SecretJWTTemplate map[string]string `json:"secret_jwt_template"`
}

type poolerEntry struct {
	Identifier       string `json:"identifier"`
	DatabaseType     string `json:"database_type"`
	DBUser           string `json:"db_user"`
	DBHost           string `json:"db_host"`
	DBPort           int    `json:"db_port"`
	DBName           string `json:"db_name"`
	ConnectionString string `json:"connection_string"`
	Deprecated       string `json:"connectionString"`
	PoolMode         string `json:"pool_mode"`
}

func TestAvailableRegions(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()

	var info regionsInfo
	f.getJSON(token, "/v1/projects/available-regions?organization_slug=acme-studio", &info)

	var groups []string
	for _, g := range info.All.SmartGroup {
		groups = append(groups, g.Code)
	}
	if !slices.Equal(groups, []string{"americas", "emea", "apac"}) {
		t.Errorf("smart groups = %v, want americas, emea, apac", groups)
	}
	if got := info.Recommendations.SmartGroup.Code; got != "americas" {
		t.Errorf("recommended group without continent = %q, want americas", got)
	}
	if len(info.All.Specific) != 18 {
		t.Errorf("%d specific regions, want the 18 of the region enum", len(info.All.Specific))
	}
	i := slices.IndexFunc(info.All.Specific, func(r regionEntry) bool { return r.Code == "us-east-1" })
	if i < 0 || info.All.Specific[i].Name != "East US (North Virginia)" || info.All.Specific[i].Provider != "AWS" {
		t.Errorf("us-east-1 missing or misnamed in %+v", info.All.Specific)
	}
}

func TestAvailableRegionsByContinent(t *testing.T) {
	tests := map[string]string{"EU": "emea", "AF": "emea", "OC": "apac", "AS": "apac", "SA": "americas"}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for continent, want := range tests {
		var info regionsInfo
		f.getJSON(token, "/v1/projects/available-regions?organization_slug=acme-studio&continent="+continent, &info)

		if got := info.Recommendations.SmartGroup.Code; got != want {
			t.Errorf("continent %s: recommended group %q, want %q", continent, got, want)
		}
		if len(info.Recommendations.Specific) == 0 {
			t.Errorf("continent %s: no recommended regions", continent)
		}
	}
}

func TestAvailableRegionsRejectsQuery(t *testing.T) {
	tests := []struct {
		query  string
		status int
	}{
		{"", http.StatusBadRequest},
		{"?organization_slug=", http.StatusBadRequest},
		{"?organization_slug=acme-studio&continent=XX", http.StatusBadRequest},
		{"?organization_slug=acme-studio&desired_instance_size=huge", http.StatusBadRequest},
		{"?organization_slug=nobody-here", http.StatusNotFound},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		req, err := http.NewRequest(http.MethodGet, f.url+"/v1/projects/available-regions"+tt.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)

		resp, body := f.send(f.clientFor(tt.status == http.StatusNotFound), req)

		if resp.StatusCode != tt.status {
			t.Errorf("%q: status %d, want %d", tt.query, resp.StatusCode, tt.status)
		}
		if messageOf(body) == "" {
			t.Errorf("%q: body %s has no message", tt.query, body)
		}
	}
}

func TestHealthOfSeedProjects(t *testing.T) {
	tests := []struct {
		ref    string
		status string
	}{
		{acmeWebRef, "ACTIVE_HEALTHY"},
		{"cvzmpwqtbnxkrlhjdfsg", "COMING_UP"},
		{"ybmcrkqzvwxtlpnhfdgs", "UNHEALTHY"},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		entries := f.health(token, tt.ref)

		var names []string
		for _, entry := range entries {
			names = append(names, entry.Name)
			if entry.Status != tt.status {
				t.Errorf("%s %s: status %q, want %q", tt.ref, entry.Name, entry.Status, tt.status)
			}
			if entry.Healthy != (tt.status == "ACTIVE_HEALTHY") {
				t.Errorf("%s %s: healthy %v disagrees with status %q", tt.ref, entry.Name, entry.Healthy, entry.Status)
			}
		}
		if !slices.Equal(names, []string{"db", "auth", "rest", "realtime"}) {
			t.Errorf("%s: services %v, want db, auth, rest, realtime in request order", tt.ref, names)
		}
	}
}

func TestHealthInfoOfAuth(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()

	var entries []healthEntry
	f.getJSON(token, "/v1/projects/"+acmeWebRef+"/health?services=auth&services=auth&timeout_ms=2000", &entries)

	if len(entries) != 1 {
		t.Fatalf("%d entries for a repeated service, want 1", len(entries))
	}
	var info struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(entries[0].Info, &info); err != nil || info.Name != "GoTrue" {
		t.Errorf("auth info = %s, want name GoTrue", entries[0].Info)
	}
}

func TestHealthRejectsQuery(t *testing.T) {
	tests := []struct {
		query  string
		status int
	}{
		{"", http.StatusBadRequest},
		{"?services=graphql", http.StatusBadRequest},
		{"?services=db,auth", http.StatusBadRequest},
		{"?services=db&timeout_ms=20000", http.StatusBadRequest},
		{"?services=db&timeout_ms=soon", http.StatusBadRequest},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		req, err := http.NewRequest(http.MethodGet, f.url+"/v1/projects/"+acmeWebRef+"/health"+tt.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)

		resp, body := f.send(f.browser, req)

		if resp.StatusCode != tt.status {
			t.Errorf("%q: status %d, want %d", tt.query, resp.StatusCode, tt.status)
		}
		if messageOf(body) == "" {
			t.Errorf("%q: body %s has no message", tt.query, body)
		}
	}
	if resp, _ := f.get(token, "/v1/projects/aaaaaaaaaaaaaaaaaaaa/health?services=db"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown project: status %d, want 404", resp.StatusCode)
	}
}

// keysByType returns the keys of a project by type, failing the test on
// anything but 200.
func (f *fixture) keysByType(token, ref, reveal string) map[string][]apiKeyEntry {
	f.t.Helper()

	var keys []apiKeyEntry
	f.getJSON(token, "/v1/projects/"+ref+"/api-keys"+reveal, &keys)
	byType := map[string][]apiKeyEntry{}
	for _, key := range keys {
		if key.Type == nil || key.APIKey == nil {
			f.t.Fatalf("key %q has no type or value", key.Name)
		}
		byType[*key.Type] = append(byType[*key.Type], key)
	}
	return byType
}

var (
	jwtFormat         = regexp.MustCompile(`^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$`)
	publishableFormat = regexp.MustCompile(`^sb_publishable_[A-Za-z0-9_-]{20,}$`)
	secretFormat      = regexp.MustCompile(`^sb_secret_[A-Za-z0-9_-]{20,}$`)
	maskedFormat      = regexp.MustCompile(`^sb_secret_[A-Za-z0-9_-]{4}·{10}$`)
)

func TestAPIKeysRevealed(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()

	keys := f.keysByType(token, acmeWebRef, "?reveal=true")

	legacy := keys["legacy"]
	if len(legacy) != 2 || legacy[0].Name != "anon" || legacy[1].Name != "service_role" {
		t.Fatalf("legacy keys = %+v, want anon and service_role", legacy)
	}
	for _, key := range legacy {
		value := *key.APIKey
		if !jwtFormat.MatchString(value) {
			t.Errorf("%s key is not a JWT", key.Name)
			continue
		}
		if role := jwtClaim(t, value, "role"); role != key.Name {
			t.Errorf("%s key has role %q", key.Name, role)
		}
		if ref := jwtClaim(t, value, "ref"); ref != acmeWebRef {
			t.Errorf("%s key has ref %q, want %s", key.Name, ref, acmeWebRef)
		}
	}
	if len(keys["publishable"]) != 1 || !publishableFormat.MatchString(*keys["publishable"][0].APIKey) {
		t.Errorf("want one sb_publishable_ key")
	}
	secret := keys["secret"]
	if len(secret) != 1 || !secretFormat.MatchString(*secret[0].APIKey) {
		t.Fatalf("want one revealed sb_secret_ key")
	}
	if role := secret[0].SecretJWTTemplate["role"]; role != "service_role" {
		t.Errorf("secret_jwt_template.role = %q, want service_role", role)
	}
}

// jwtClaim returns a string claim of a JWT's payload.
func jwtClaim(t *testing.T, token, name string) string {
	t.Helper()

	payload, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[1])
	if err != nil {
		t.Fatalf("decode JWT payload: %v", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		t.Fatalf("parse JWT payload: %v", err)
	}
	value, _ := claims[name].(string)
	return value
}

func TestAPIKeysMaskedWithoutReveal(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	revealed := f.keysByType(token, acmeWebRef, "?reveal=true")

	for _, query := range []string{"", "?reveal=false"} {
		keys := f.keysByType(token, acmeWebRef, query)

		masked := *keys["secret"][0].APIKey
		if !maskedFormat.MatchString(masked) {
			t.Errorf("%q: secret key %q is not masked as sb_secret_xxxx··········", query, masked)
		}
		if want := (*revealed["secret"][0].APIKey)[:len("sb_secret_")+4]; !strings.HasPrefix(masked, want) {
			t.Errorf("%q: masked key does not start with the first four characters of the key", query)
		}
		for _, kind := range []string{"legacy", "publishable"} {
			for i, key := range keys[kind] {
				if *key.APIKey != *revealed[kind][i].APIKey {
					t.Errorf("%q: %s key %s differs from the revealed one", query, kind, key.Name)
				}
			}
		}
	}
}

func TestAPIKeysDiffer(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()

	first := f.keysByType(token, acmeWebRef, "?reveal=true")
	second := f.keysByType(token, northwindCRMRef, "?reveal=true")

	for _, kind := range []string{"legacy", "publishable", "secret"} {
		if *first[kind][0].APIKey == *second[kind][0].APIKey {
			t.Errorf("two projects share their %s key", kind)
		}
	}
}

func TestDenyReveal(t *testing.T) {
	f := newFixture(t, sandbox.Options{DenyReveal: true})
	token := f.server.NewPersonalAccessToken()
	path := "/v1/projects/" + acmeWebRef + "/api-keys"

	resp, body := f.get(token, path+"?reveal=true")
	if resp.StatusCode != http.StatusForbidden || messageOf(body) == "" {
		t.Errorf("reveal=true: status %d body %s, want 403 with a message", resp.StatusCode, body)
	}
	if resp, _ := f.get(token, path+"?reveal=false"); resp.StatusCode != http.StatusOK {
		t.Errorf("reveal=false: status %d, want 200", resp.StatusCode)
	}

	f.server.SetDenyReveal(false)
	if resp, _ := f.get(token, path+"?reveal=true"); resp.StatusCode != http.StatusOK {
		t.Errorf("after SetDenyReveal(false): status %d, want 200", resp.StatusCode)
	}
	f.server.SetDenyReveal(true)
	if resp, _ := f.get(token, path+"?reveal=true"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("after SetDenyReveal(true): status %d, want 403", resp.StatusCode)
	}
}

func TestAPIKeysRejectsReveal(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	req, err := http.NewRequest(http.MethodGet, f.url+"/v1/projects/"+acmeWebRef+"/api-keys?reveal=yes", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)

	resp, body := f.send(f.browser, req)

	if resp.StatusCode != http.StatusBadRequest || messageOf(body) == "" {
		t.Errorf("status %d body %s, want 400 with a message", resp.StatusCode, body)
	}
}

func TestPoolerConfigOfSeeds(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	clusters := map[string]bool{}

	for _, project := range f.server.Projects() {
		var entries []poolerEntry
		f.getJSON(token, "/v1/projects/"+project.Ref+"/config/database/pooler", &entries)

		if len(entries) != 1 {
			t.Fatalf("%s: %d entries, want 1", project.Ref, len(entries))
		}
		e := entries[0]
		host := regexp.MustCompile(`^(aws-[01])-` + regexp.QuoteMeta(project.Region) + `\.pooler\.supabase\.com$`)
		match := host.FindStringSubmatch(e.DBHost)
		if match == nil {
			t.Errorf("%s: db_host %q, want aws-0 or aws-1 in %s", project.Ref, e.DBHost, project.Region)
			continue
		}
		clusters[match[1]] = true

		if e.DatabaseType != "PRIMARY" || e.DBPort != 6543 || e.DBName != "postgres" || e.PoolMode != "transaction" {
			t.Errorf("%s: entry %+v, want PRIMARY on 6543 in transaction mode", project.Ref, e)
		}
		if e.DBUser != "postgres."+project.Ref || e.Identifier != project.Ref {
			t.Errorf("%s: db_user %q identifier %q", project.Ref, e.DBUser, e.Identifier)
		}
		want := "postgresql://postgres." + project.Ref + ":[YOUR-PASSWORD]@" + e.DBHost + ":6543/postgres"
		if e.ConnectionString != want || e.Deprecated != want {
			t.Errorf("%s: connection strings %q and %q, want %q", project.Ref, e.ConnectionString, e.Deprecated, want)
		}
	}
	if !clusters["aws-0"] || !clusters["aws-1"] {
		t.Errorf("seed projects use clusters %v, want both aws-0 and aws-1", clusters)
	}
}

func TestUpdateDatabasePassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	const password = "n3w-Passw0rd.with_sym"

	resp, body := f.sendJSON(f.api, http.MethodPatch, token,
		"/v1/projects/"+acmeWebRef+"/database/password", `{"password":"`+password+`"}`)

	if resp.StatusCode != http.StatusOK || messageOf(body) == "" {
		t.Fatalf("status %d body %s, want 200 with a message", resp.StatusCode, body)
	}
	if !f.server.CheckDatabasePassword(acmeWebRef, password) {
		t.Error("CheckDatabasePassword(new password) = false, want true")
	}
	if f.server.CheckDatabasePassword(acmeWebRef, password+"x") {
		t.Error("CheckDatabasePassword(other password) = true, want false")
	}
	if strings.Contains(body, password) {
		t.Error("response contains the password")
	}
}

func TestUpdateDatabasePasswordRejects(t *testing.T) {
	tests := []struct {
		name       string
		ref        string
		body       string
		status     int
		conforming bool
	}{
		{"short password", acmeWebRef, `{"password":"abc"}`, http.StatusBadRequest, false},
		{"missing password", acmeWebRef, `{}`, http.StatusBadRequest, false},
		{"paused project", "ybmcrkqzvwxtlpnhfdgs", `{"password":"long-enough"}`, http.StatusBadRequest, true},
		{"project coming up", "cvzmpwqtbnxkrlhjdfsg", `{"password":"long-enough"}`, http.StatusBadRequest, true},
		{"unknown project", "aaaaaaaaaaaaaaaaaaaa", `{"password":"long-enough"}`, http.StatusNotFound, true},
	}
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	for _, tt := range tests {
		resp, body := f.sendJSON(f.clientFor(tt.conforming), http.MethodPatch, token,
			"/v1/projects/"+tt.ref+"/database/password", tt.body)

		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
		if messageOf(body) == "" {
			t.Errorf("%s: body %s has no message", tt.name, body)
		}
	}
}
