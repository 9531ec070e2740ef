package supabase

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/supaconnect/supaconnect/backend/contract"
)

// fakeAPI serves canned bodies by path and records the requests.
type fakeAPI struct {
	mu       sync.Mutex
	requests []*http.Request
	handler  http.HandlerFunc
}

func newClient(t *testing.T, handler http.HandlerFunc) (*Client, *fakeAPI) {
	t.Helper()
	api := &fakeAPI{handler: handler}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.mu.Lock()
		api.requests = append(api.requests, r.Clone(context.Background()))
		api.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		api.handler(w, r)
	}))
	t.Cleanup(server.Close)

	spec := contract.Load(t)
	httpClient := &http.Client{Transport: spec.Transport(t, http.DefaultTransport)}
	return NewClient(server.URL, httpClient, "Supaconnect/test"), api
}

const projectJSON = `{"id":"abcdefghijklmnopqrst","ref":"abcdefghijklmnopqrst","organization_id":"acme",` +
	`"organization_slug":"acme","name":"Shop","region":"eu-central-1","created_at":"2026-01-02T03:04:05Z",` +
	`"status":"ACTIVE_HEALTHY","database":{"host":"db.abcdefghijklmnopqrst.supabase.co","version":"15.8.1.085",` +
	`"postgres_engine":"15","release_channel":"ga"}}`

func TestOrganizations(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `[{"id":"x1","slug":"acme","name":"Acme"},{"id":"x2","slug":"side-project","name":"Side"}]`)
	})
	orgs, err := client.Organizations(context.Background())
	if err != nil {
		t.Fatalf("Organizations: %v", err)
	}
	want := []Organization{{Slug: "acme", Name: "Acme"}, {Slug: "side-project", Name: "Side"}}
	if fmt.Sprint(orgs) != fmt.Sprint(want) {
		t.Errorf("Organizations = %v, want %v", orgs, want)
	}
	if ua := api.requests[0].Header.Get("User-Agent"); ua != "Supaconnect/test" {
		t.Errorf("User-Agent = %q, want Supaconnect/test", ua)
	}
}

func TestOrganizationProjectsReadsEveryPage(t *testing.T) {
	const total = 230
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var items []string
		for i := offset; i < min(offset+limit, total); i++ {
			ref := fmt.Sprintf("proj%016d", i)
			ref = strings.Map(func(c rune) rune {
				if c >= '0' && c <= '9' {
					return 'a' + (c - '0')
				}
				return c
			}, ref)
			items = append(items, fmt.Sprintf(`{"ref":%q,"name":"p%d","cloud_provider":"AWS","region":"us-east-1",`+
				`"is_branch":false,"status":"ACTIVE_HEALTHY","inserted_at":"2026-01-02T03:04:05Z","databases":[]}`, ref, i))
		}
		fmt.Fprintf(w, `{"projects":[%s],"pagination":{"count":%d,"limit":%d,"offset":%d}}`,
			strings.Join(items, ","), total, limit, offset)
	})

	projects, err := client.OrganizationProjects(context.Background(), "acme")
	if err != nil {
		t.Fatalf("OrganizationProjects: %v", err)
	}
	if len(projects) != total {
		t.Fatalf("got %d projects, want %d", len(projects), total)
	}
	if len(api.requests) != 3 {
		t.Errorf("sent %d requests, want 3 pages", len(api.requests))
	}
	if p := projects[0]; p.OrganizationSlug != "acme" || p.CreatedAt == "" || p.Status != "ACTIVE_HEALTHY" {
		t.Errorf("first project = %+v, want slug acme, a creation time and a status", p)
	}
}

func TestOrganizationProjectsRejectsBadSlug(t *testing.T) {
	client, api := newClient(t, func(w http.ResponseWriter, r *http.Request) {})
	for _, slug := range []string{"", "a/b", "a b", "../x"} {
		if _, err := client.OrganizationProjects(context.Background(), slug); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("slug %q: %v, want ErrInvalidInput", slug, err)
		}
	}
	if len(api.requests) != 0 {
		t.Errorf("sent %d requests for invalid slugs, want 0", len(api.requests))
	}
}

func TestProjectAndProfile(t *testing.T) {
	client, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/projects/abcdefghijklmnopqrst":
			fmt.Fprint(w, projectJSON)
		case "/v1/projects":
			fmt.Fprint(w, "["+projectJSON+"]")
		case "/v1/profile":
			fmt.Fprint(w, `{"gotrue_id":"9b0c...","primary_email":"ada@example.com","username":"ada"}`)
		}
	})
	p, err := client.Project(context.Background(), "abcdefghijklmnopqrst")
	if err != nil || p.Name != "Shop" || p.OrganizationSlug != "acme" || p.Region != "eu-central-1" {
		t.Errorf("Project = %+v, %v; want Shop in acme, eu-central-1", p, err)
	}
	all, err := client.Projects(context.Background())
	if err != nil || len(all) != 1 || all[0].Ref != "abcdefghijklmnopqrst" {
		t.Errorf("Projects = %+v, %v; want the one project", all, err)
	}
	profile, err := client.Profile(context.Background())
	if err != nil || profile.Email != "ada@example.com" || profile.Username != "ada" {
		t.Errorf("Profile = %+v, %v; want ada@example.com", profile, err)
	}
	if _, err := client.Project(context.Background(), "short"); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("Project(short): %v, want ErrInvalidInput", err)
	}
}

func TestAPIErrors(t *testing.T) {
	cases := []struct {
		status  int
		body    string
		message string
	}{
		{http.StatusUnauthorized, `{"message":"Unauthorized"}`, "Unauthorized"},
		{http.StatusForbidden, `{"message":"Your account does not have the necessary privileges"}`,
			"Your account does not have the necessary privileges"},
		{http.StatusTooManyRequests, `{"message":"Too many requests"}`, "Too many requests"},
		{http.StatusInternalServerError, `{"message":"Internal error"}`, "Internal error"},
	}
	for _, c := range cases {
		t.Run(strconv.Itoa(c.status), func(t *testing.T) {
			client, _ := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Request-Id", "req-123")
				w.WriteHeader(c.status)
				fmt.Fprint(w, c.body)
			})
			_, err := client.Organizations(context.Background())
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v, want *APIError", err)
			}
			if apiErr.Status != c.status || apiErr.Message != c.message || apiErr.RequestID != "req-123" {
				t.Errorf("APIError = %+v, want status %d, message %q, request id req-123", apiErr, c.status, c.message)
			}
		})
	}
}
