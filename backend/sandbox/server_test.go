package sandbox_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/contract"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

func TestStartServesOnLoopback(t *testing.T) {
	server := sandbox.New(sandbox.Options{})
	if got := server.URL(); got != "" {
		t.Errorf("URL() before Start = %q, want empty", got)
	}

	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { server.Close() })

	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+$`).MatchString(baseURL) {
		t.Errorf("Start returned %q, want http://127.0.0.1:PORT", baseURL)
	}
	if got := server.URL(); got != baseURL {
		t.Errorf("URL() = %q, want %q", got, baseURL)
	}
	client := &http.Client{Transport: contract.Load(t).Transport(t, nil)}
	req, err := http.NewRequest(http.MethodGet, baseURL+"/v1/organizations", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+server.NewPersonalAccessToken())
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET /v1/organizations: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /v1/organizations: status %d, want 200", resp.StatusCode)
	}
	if _, err := server.Start("127.0.0.1:0"); err == nil {
		t.Error("second Start succeeded, want an error")
	}
}

func TestCloseStopsServing(t *testing.T) {
	server := sandbox.New(sandbox.Options{})
	if err := server.Close(); err != nil {
		t.Errorf("Close before Start: %v", err)
	}
	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("Start: %v", err)
	}

	if err := server.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	resp, err := http.Get(baseURL + "/v1/profile")
	if err == nil {
		resp.Body.Close()
		t.Errorf("GET after Close: status %d, want a connection error", resp.StatusCode)
	}
}

func TestStartRejectsBadAddress(t *testing.T) {
	server := sandbox.New(sandbox.Options{})

	if _, err := server.Start("127.0.0.1:not-a-port"); err == nil {
		server.Close()
		t.Error("Start with an invalid address succeeded, want an error")
	}
}

func TestSeedDataShape(t *testing.T) {
	server := sandbox.New(sandbox.Options{})
	refFormat := regexp.MustCompile(`^[a-z]{20}$`)
	var slugs []string
	for _, org := range server.Organizations() {
		slugs = append(slugs, org.Slug)
	}

	projects := server.Projects()
	if len(projects) < 7 {
		t.Errorf("len(Projects()) = %d, want at least 7", len(projects))
	}
	seen := map[string]bool{}
	statuses := map[string]int{}
	for _, p := range projects {
		if !refFormat.MatchString(p.Ref) {
			t.Errorf("project %q: ref %q does not match %s", p.Name, p.Ref, refFormat)
		}
		if seen[p.Ref] {
			t.Errorf("ref %q is used twice", p.Ref)
		}
		seen[p.Ref] = true
		if !slices.Contains(slugs, p.OrganizationSlug) {
			t.Errorf("project %q: organization %q does not exist", p.Name, p.OrganizationSlug)
		}
		statuses[p.Status]++
	}
	for _, status := range []string{"ACTIVE_HEALTHY", "INACTIVE", "COMING_UP"} {
		if statuses[status] == 0 {
			t.Errorf("no project has status %s", status)
		}
	}
}

func TestAccessorsReturnCopies(t *testing.T) {
	server := sandbox.New(sandbox.Options{})

	orgs := server.Organizations()
	orgs[0].Name = "Changed"
	orgs[0].AllowedReleaseChannels[0] = "changed"

	again := server.Organizations()
	if again[0].Name == "Changed" {
		t.Error("changing the result of Organizations changed the server's data")
	}
	if again[0].AllowedReleaseChannels[0] == "changed" {
		t.Error("changing a slice returned by Organizations changed the server's data")
	}
}

func TestLogsContainNoSecrets(t *testing.T) {
	var logs testenv.SyncBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFixture(t, sandbox.Options{Logger: logger})
	code, verifier := f.authorizeCode("acme-studio")
	token, err := f.config().Exchange(f.context(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	f.config().Exchange(f.context(), code, oauth2.VerifierOption(verifier))
	f.refresh(token.RefreshToken)
	f.refresh(token.RefreshToken)
	f.get(token.AccessToken, "/v1/profile")
	f.revoke(sandbox.DefaultClientSecret, token.RefreshToken)

	output := logs.String()
	if output == "" {
		t.Fatal("the sandbox wrote no logs")
	}
	secrets := map[string]string{
		"authorization code": code,
		"code verifier":      verifier,
		"access token":       token.AccessToken,
		"refresh token":      token.RefreshToken,
		"client secret":      sandbox.DefaultClientSecret,
	}
	for name, secret := range secrets {
		if strings.Contains(output, secret) {
			t.Errorf("logs contain the %s", name)
		}
	}
}

func TestConcurrentSignIns(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	orgs := []string{"acme-studio", "northwind-labs", "pixel-garden"}

	t.Run("group", func(t *testing.T) {
		for i := range 9 {
			org := orgs[i%len(orgs)]
			t.Run(fmt.Sprintf("%d-%s", i, org), func(t *testing.T) {
				t.Parallel()
				g := f.withT(t)

				token := g.signIn(org)

				if got := g.organizationSlugs(token.AccessToken); !slices.Equal(got, []string{org}) {
					t.Errorf("organizations = %v, want [%s]", got, org)
				}
				if resp, _ := g.refresh(token.RefreshToken); resp.StatusCode != http.StatusCreated {
					t.Errorf("refresh: status %d, want 201", resp.StatusCode)
				}
			})
		}
	})

	if got := f.server.TokenRequests("authorization_code"); got != 9 {
		t.Errorf("TokenRequests(authorization_code) = %d, want 9", got)
	}
	if got := f.server.TokenRequests("refresh_token"); got != 9 {
		t.Errorf("TokenRequests(refresh_token) = %d, want 9", got)
	}
}
