package supabase

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
)

const testRef = "abcdefghijklmnopqrst"

func TestAvailableRegions(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"recommendations":{"smartGroup":{"name":"Europe","code":"emea","type":"smartGroup"},`+
			`"specific":[{"name":"Central EU (Frankfurt)","code":"eu-central-1","type":"specific","provider":"AWS","status":"other"}]},`+
			`"all":{"smartGroup":[{"name":"Americas","code":"americas","type":"smartGroup"},`+
			`{"name":"Europe","code":"emea","type":"smartGroup"}],`+
			`"specific":[{"name":"East US (North Virginia)","code":"us-east-1","type":"specific","provider":"AWS"}]}}`)
	})

	regions, err := client.AvailableRegions(context.Background(), "acme")
	if err != nil {
		t.Fatalf("AvailableRegions: %v", err)
	}

	if got := api.requests[0].URL.Query().Get("organization_slug"); got != "acme" {
		t.Errorf("organization_slug = %q, want acme", got)
	}
	if got := regions.RecommendedSmartGroup; got.Code != "emea" || got.Type != RegionSmartGroup {
		t.Errorf("recommended smart group = %+v, want emea", got)
	}
	if len(regions.Recommended) != 1 || regions.Recommended[0].Provider != "AWS" {
		t.Errorf("recommended = %+v, want one AWS region", regions.Recommended)
	}
	if len(regions.SmartGroups) != 2 {
		t.Errorf("smart groups = %+v, want 2", regions.SmartGroups)
	}
	if len(regions.Specific) != 1 || regions.Specific[0].Name != "East US (North Virginia)" {
		t.Errorf("specific = %+v, want East US (North Virginia)", regions.Specific)
	}
	if _, err := client.AvailableRegions(context.Background(), "a b"); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("AvailableRegions(a b): %v, want ErrInvalidInput", err)
	}
}

func TestProjectHealth(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `[{"name":"db","healthy":true,"status":"ACTIVE_HEALTHY"},`+
			`{"name":"auth","healthy":false,"status":"UNHEALTHY","error":"GoTrue is down"}]`)
	})

	health, err := client.ProjectHealth(context.Background(), testRef, ServiceDB, ServiceAuth)
	if err != nil {
		t.Fatalf("ProjectHealth: %v", err)
	}

	if got := api.requests[0].URL.Query()["services"]; !slices.Equal(got, []string{"db", "auth"}) {
		t.Errorf("services = %q, want repeated db and auth", got)
	}
	if len(health) != 2 {
		t.Fatalf("got %d entries, want 2", len(health))
	}
	if !health[0].Healthy() {
		t.Errorf("db = %+v, want healthy", health[0])
	}
	if health[1].Healthy() || health[1].Error != "GoTrue is down" {
		t.Errorf("auth = %+v, want unhealthy with its error", health[1])
	}
}

func TestProjectHealthRejectsInput(t *testing.T) {
	tests := []struct {
		name     string
		ref      string
		services []string
	}{
		{"no services", testRef, nil},
		{"unknown service", testRef, []string{"db", "graphql"}},
		{"comma list", testRef, []string{"db,auth"}},
		{"bad ref", "ABC", []string{"db"}},
	}
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {})
	for _, tt := range tests {
		if _, err := client.ProjectHealth(context.Background(), tt.ref, tt.services...); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error = %v, want ErrInvalidInput", tt.name, err)
		}
	}
	if len(api.requests) != 0 {
		t.Errorf("sent %d requests, want 0", len(api.requests))
	}
}

const apiKeysJSON = `[` +
	`{"name":"anon","api_key":"eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2ln","id":"anon","type":"legacy",` +
	`"prefix":null,"description":null,"hash":null,"secret_jwt_template":null,"inserted_at":null,"updated_at":null},` +
	`{"name":"default","api_key":"sb_publishable_abc","id":"7f0e3c1a","type":"publishable"},` +
	`{"name":"default","api_key":"%s","id":"9a8b7c6d","type":"secret",` +
	`"secret_jwt_template":{"role":"service_role"},"inserted_at":"2026-01-02T03:04:05Z"}]`

func TestAPIKeys(t *testing.T) {
	tests := []struct {
		reveal     bool
		secret     string
		wantQuery  string
		wantMasked bool
	}{
		{true, "sb_secret_abcdEFGHijklMNOP", "true", false},
		{false, "sb_secret_abcd··········", "false", true},
	}
	for _, tt := range tests {
		client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, apiKeysJSON, tt.secret)
		})

		keys, err := client.APIKeys(context.Background(), testRef, tt.reveal)
		if err != nil {
			t.Fatalf("reveal %v: APIKeys: %v", tt.reveal, err)
		}

		if got := api.requests[0].URL.Query().Get("reveal"); got != tt.wantQuery {
			t.Errorf("reveal %v: query reveal = %q, want %q", tt.reveal, got, tt.wantQuery)
		}
		if len(keys) != 3 {
			t.Fatalf("reveal %v: got %d keys, want 3", tt.reveal, len(keys))
		}
		if keys[0].Type != KeyTypeLegacy || keys[0].ID != "anon" || keys[0].Masked() {
			t.Errorf("reveal %v: anon key = %v, want an unmasked legacy key with id anon", tt.reveal, keys[0])
		}
		secret := keys[2]
		if secret.Type != KeyTypeSecret || secret.Role != "service_role" || secret.Value != tt.secret {
			t.Errorf("reveal %v: secret key = %v role %q, want type secret, role service_role", tt.reveal, secret, secret.Role)
		}
		if secret.Masked() != tt.wantMasked {
			t.Errorf("reveal %v: Masked() = %v, want %v", tt.reveal, secret.Masked(), tt.wantMasked)
		}
	}
}

func TestAPIKeysForbidden(t *testing.T) {
	client, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"message":"Missing permission to reveal secret keys"}`)
	})

	_, err := client.APIKeys(context.Background(), testRef, true)

	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden {
		t.Errorf("error = %v, want *APIError with status 403", err)
	}
}

func TestAPIKeyStringHidesValue(t *testing.T) {
	key := APIKey{Name: "default", Type: KeyTypeSecret, Value: "sb_secret_" + testPassword}

	for _, out := range []string{fmt.Sprint(key), fmt.Sprintf("%+v", key), fmt.Sprintf("%#v", key), fmt.Sprint([]APIKey{key})} {
		if strings.Contains(out, testPassword) {
			t.Error("formatted APIKey contains the key value")
		}
	}
}

func TestPoolerConfig(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		conn := "postgresql://postgres.abcdefghijklmnopqrst:[YOUR-PASSWORD]@aws-1-eu-central-1.pooler.supabase.com:6543/postgres"
		fmt.Fprintf(w, `[{"identifier":"abcdefghijklmnopqrst","database_type":"PRIMARY","is_using_scram_auth":true,`+
			`"db_user":"postgres.abcdefghijklmnopqrst","db_host":"aws-1-eu-central-1.pooler.supabase.com","db_port":6543,`+
			`"db_name":"postgres","connection_string":%q,"connectionString":%q,"default_pool_size":15,`+
			`"max_client_conn":200,"pool_mode":"transaction"}]`, conn, conn)
	})

	configs, err := client.PoolerConfig(context.Background(), testRef)
	if err != nil {
		t.Fatalf("PoolerConfig: %v", err)
	}

	if got := api.requests[0].URL.Path; got != "/v1/projects/"+testRef+"/config/database/pooler" {
		t.Errorf("path = %q", got)
	}
	want := PoolerConfig{
		Identifier:       testRef,
		DatabaseType:     DatabasePrimary,
		User:             "postgres." + testRef,
		Host:             "aws-1-eu-central-1.pooler.supabase.com",
		Port:             6543,
		Database:         "postgres",
		PoolMode:         "transaction",
		ConnectionString: "postgresql://postgres.abcdefghijklmnopqrst:[YOUR-PASSWORD]@aws-1-eu-central-1.pooler.supabase.com:6543/postgres",
	}
	if len(configs) != 1 || configs[0] != want {
		t.Errorf("configs = %+v, want [%+v]", configs, want)
	}
}

func TestUpdateDatabasePassword(t *testing.T) {
	var body []byte
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		fmt.Fprint(w, `{"message":"ok"}`)
	})

	if err := client.UpdateDatabasePassword(context.Background(), testRef, testPassword); err != nil {
		t.Fatalf("UpdateDatabasePassword: %v", err)
	}

	req := api.requests[0]
	if req.Method != http.MethodPatch || req.URL.Path != "/v1/projects/"+testRef+"/database/password" {
		t.Errorf("request = %s %s, want PATCH .../database/password", req.Method, req.URL.Path)
	}
	var sent map[string]string
	if err := json.Unmarshal(body, &sent); err != nil {
		t.Fatalf("body is not a JSON object of strings: %v", err)
	}
	if len(sent) != 1 || sent["password"] != testPassword {
		t.Errorf("body has fields %d, want only the password", len(sent))
	}
}

func TestUpdateDatabasePasswordErrors(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"message":"Failed to update database password"}`)
	})

	if err := client.UpdateDatabasePassword(context.Background(), testRef, "abc"); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("three characters: error = %v, want ErrInvalidInput", err)
	}
	if len(api.requests) != 0 {
		t.Errorf("sent %d requests for a short password, want 0", len(api.requests))
	}
	err := client.UpdateDatabasePassword(context.Background(), testRef, "abcd")
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusInternalServerError {
		t.Errorf("error = %v, want *APIError with status 500", err)
	}
}

func TestSearchOrganizationProjects(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"projects":[{"ref":"abcdefghijklmnopqrst","name":"Shop","cloud_provider":"AWS",`+
			`"region":"us-east-1","is_branch":false,"status":"COMING_UP","inserted_at":"2026-01-02T03:04:05Z",`+
			`"databases":[]}],"pagination":{"count":1,"limit":100,"offset":0}}`)
	})

	projects, err := client.SearchOrganizationProjects(context.Background(), "acme", "Shop & Co")
	if err != nil {
		t.Fatalf("SearchOrganizationProjects: %v", err)
	}

	if got := api.requests[0].URL.Query().Get("search"); got != "Shop & Co" {
		t.Errorf("search = %q, want %q", got, "Shop & Co")
	}
	if len(projects) != 1 || projects[0].Name != "Shop" || projects[0].OrganizationSlug != "acme" {
		t.Errorf("projects = %+v, want Shop in acme", projects)
	}
}
