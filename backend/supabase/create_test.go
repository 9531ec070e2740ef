package supabase

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/supaconnect/supaconnect/backend/contract"
)

// testPassword is a database password that tests search for in output
// that must not contain it.
const testPassword = "Wq7-s3cr3t.pass_x9Z"

const createdProjectJSON = `{"id":"abcdefghijklmnopqrst","ref":"abcdefghijklmnopqrst","organization_id":"org-id",` +
	`"organization_slug":"acme","name":"Shop","region":"eu-central-1","created_at":"2026-01-02T03:04:05Z",` +
	`"status":"COMING_UP"}`

func TestCreateProjectSendsOnlyFourFields(t *testing.T) {
	tests := []struct {
		name   string
		region RegionSelection
	}{
		{"specific", RegionSelection{Type: RegionSpecific, Code: "eu-central-1"}},
		{"smart group", RegionSelection{Type: RegionSmartGroup, Code: "emea"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body []byte
			client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				body, _ = io.ReadAll(r.Body)
				w.WriteHeader(http.StatusCreated)
				fmt.Fprint(w, createdProjectJSON)
			})

			project, err := client.CreateProject(context.Background(), CreateProjectRequest{
				Name: "Shop", OrganizationSlug: "acme", DBPass: testPassword, Region: tt.region,
			})
			if err != nil {
				t.Fatalf("CreateProject: %v", err)
			}

			var sent map[string]any
			if err := json.Unmarshal(body, &sent); err != nil {
				t.Fatalf("request body is not JSON: %v", err)
			}
			keys := slices.Sorted(maps.Keys(sent))
			if want := []string{"db_pass", "name", "organization_slug", "region_selection"}; !slices.Equal(keys, want) {
				t.Errorf("body fields = %v, want %v", keys, want)
			}
			if sent["name"] != "Shop" || sent["organization_slug"] != "acme" || sent["db_pass"] != testPassword {
				t.Errorf("name, organization_slug or db_pass differ from the request")
			}
			want := map[string]any{"type": tt.region.Type, "code": tt.region.Code}
			if got, _ := sent["region_selection"].(map[string]any); !maps.Equal(got, want) {
				t.Errorf("region_selection = %v, want %v", sent["region_selection"], want)
			}

			req := api.requests[0]
			if req.Method != http.MethodPost || req.URL.Path != "/v1/projects" {
				t.Errorf("request = %s %s, want POST /v1/projects", req.Method, req.URL.Path)
			}
			if got := req.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", got)
			}
			if project.Ref != "abcdefghijklmnopqrst" || project.Status != "COMING_UP" || project.OrganizationSlug != "acme" {
				t.Errorf("project = %+v, want ref abcdefghijklmnopqrst, COMING_UP, in acme", project)
			}
		})
	}
}

func TestCreateProjectAPIErrors(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusForbidden, http.StatusTooManyRequests, http.StatusInternalServerError} {
		client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			fmt.Fprint(w, `{"message":"rejected"}`)
		})

		_, err := client.CreateProject(context.Background(), validCreateRequest())

		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Status != status {
			t.Errorf("status %d: error = %v, want *APIError with that status", status, err)
		}
		if len(api.requests) != 1 {
			t.Errorf("status %d: sent %d requests, want 1", status, len(api.requests))
		}
	}
}

func TestCreateProjectNeverRetried(t *testing.T) {
	var attempts atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		io.Copy(io.Discard, r.Body)
		// Drop the connection without a response, as a crashed proxy
		// would after the project was created.
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	t.Cleanup(server.Close)
	spec := contract.Load(t)
	client := NewClient(server.URL, &http.Client{Transport: spec.Transport(t, server.Client().Transport)}, "test")

	_, err := client.CreateProject(context.Background(), validCreateRequest())

	if err == nil {
		t.Fatal("CreateProject succeeded on a dropped connection, want an error")
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		t.Errorf("error = %v, want a transport error, not *APIError", err)
	}
	if n := attempts.Load(); n != 1 {
		t.Errorf("server saw %d attempts, want exactly 1", n)
	}
	if strings.Contains(err.Error(), testPassword) {
		t.Error("error text contains the database password")
	}
}

func TestCreateProjectRejectsInvalidInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(*CreateProjectRequest)
	}{
		{"empty name", func(r *CreateProjectRequest) { r.Name = "" }},
		{"blank name", func(r *CreateProjectRequest) { r.Name = "   " }},
		{"long name", func(r *CreateProjectRequest) { r.Name = strings.Repeat("é", 257) }},
		{"bad slug", func(r *CreateProjectRequest) { r.OrganizationSlug = "acme/other" }},
		{"empty password", func(r *CreateProjectRequest) { r.DBPass = "" }},
		{"unknown region type", func(r *CreateProjectRequest) { r.Region.Type = "continent" }},
		{"empty region code", func(r *CreateProjectRequest) { r.Region.Code = "" }},
	}
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {})
	for _, tt := range tests {
		req := validCreateRequest()
		tt.change(&req)

		_, err := client.CreateProject(context.Background(), req)

		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: error = %v, want ErrInvalidInput", tt.name, err)
		}
		if err != nil && strings.Contains(err.Error(), testPassword) {
			t.Errorf("%s: error text contains the database password", tt.name)
		}
	}
	if len(api.requests) != 0 {
		t.Errorf("sent %d requests for invalid input, want 0", len(api.requests))
	}
}

func TestCreateProjectNameOf256Characters(t *testing.T) {
	client, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, createdProjectJSON)
	})
	req := validCreateRequest()
	req.Name = strings.Repeat("é", 256)

	if _, err := client.CreateProject(context.Background(), req); err != nil {
		t.Errorf("CreateProject with 256 characters: %v", err)
	}
}

func TestCreateProjectRequestHidesPassword(t *testing.T) {
	req := validCreateRequest()
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("creating", "request", req)
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("creating", "request", req)

	outputs := map[string]string{
		"%v":  fmt.Sprintf("%v", req),
		"%+v": fmt.Sprintf("%+v", req),
		"%#v": fmt.Sprintf("%#v", req),
		"%s":  fmt.Sprintf("%s", req),
		"log": logged.String(),
	}
	for verb, out := range outputs {
		if strings.Contains(out, testPassword) {
			t.Errorf("%s output contains the database password", verb)
		}
		if !strings.Contains(out, "Shop") {
			t.Errorf("%s output %q lacks the project name", verb, out)
		}
	}
}

func validCreateRequest() CreateProjectRequest {
	return CreateProjectRequest{
		Name:             "Shop",
		OrganizationSlug: "acme",
		DBPass:           testPassword,
		Region:           RegionSelection{Type: RegionSmartGroup, Code: "emea"},
	}
}
