package sandbox_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

func TestFaultRateLimitSetsResetHeaders(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	f.server.InjectFaults(sandbox.FaultRule{
		Method: http.MethodGet, PathPrefix: "/v1/organizations",
		Fault: sandbox.FaultRateLimit, Reset: 6500 * time.Millisecond, Count: 1,
	})

	resp, body := f.get(token, "/v1/organizations")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d, want 429", resp.StatusCode)
	}
	if messageOf(body) == "" {
		t.Errorf("body %s has no message", body)
	}
	for header, want := range map[string]string{
		"X-RateLimit-Limit": "120", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "7",
	} {
		if got := resp.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}

	if resp, _ := f.get(token, "/v1/organizations"); resp.StatusCode != http.StatusOK {
		t.Errorf("second request: status %d, want 200 once the rule's count is used", resp.StatusCode)
	}
	if n := f.server.InjectedFaults(); n != 1 {
		t.Errorf("InjectedFaults = %d, want 1", n)
	}
}

func TestFaultRuleSchedule(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	f.server.InjectFaults(
		sandbox.FaultRule{Method: http.MethodPost, Fault: sandbox.FaultServerError},
		sandbox.FaultRule{
			Method: http.MethodGet, PathPrefix: "/v1/projects",
			Skip: 1, Every: 2, Count: 2, Fault: sandbox.FaultServerError,
		},
	)

	var statuses []int
	for range 7 {
		resp, _ := f.get(token, "/v1/projects")
		statuses = append(statuses, resp.StatusCode)
	}
	if got, want := fmt.Sprint(statuses), "[200 500 200 500 200 200 200]"; got != want {
		t.Errorf("statuses = %s, want %s: skip one, then every second, twice", got, want)
	}
	if resp, _ := f.get(token, "/v1/organizations"); resp.StatusCode != http.StatusOK {
		t.Errorf("unmatched path: status %d, want 200", resp.StatusCode)
	}
}

func TestFaultStatusOnRefresh(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("acme-studio")
	f.server.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPost, PathPrefix: "/v1/oauth/token",
		Fault: sandbox.FaultStatus, Status: http.StatusNotFound, Message: "Refresh token not found",
	})

	resp, body := f.refresh(token.RefreshToken)
	if resp.StatusCode != http.StatusNotFound || messageOf(body) != "Refresh token not found" {
		t.Errorf("refresh: status %d, body %s; want 404 Refresh token not found", resp.StatusCode, body)
	}

	f.server.ClearFaults()
	if resp, body := f.refresh(token.RefreshToken); resp.StatusCode != http.StatusCreated {
		t.Errorf("refresh after ClearFaults: status %d, body %s; want 201", resp.StatusCode, body)
	}
}

func TestFaultDropConnection(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	f.server.InjectFaults(sandbox.FaultRule{PathPrefix: "/v1/profile", Fault: sandbox.FaultDropConnection, Count: 1})

	req, err := http.NewRequest(http.MethodGet, f.url+"/v1/profile", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := f.browser.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request: status %d, want a connection error", resp.StatusCode)
	}
	if resp, _ := f.get(token, "/v1/profile"); resp.StatusCode != http.StatusOK {
		t.Errorf("next request: status %d, want 200", resp.StatusCode)
	}
}

func TestFaultLatency(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.server.NewPersonalAccessToken()
	const latency = 30 * time.Millisecond
	f.server.InjectFaults(sandbox.FaultRule{PathPrefix: "/v1/profile", Latency: latency, Count: 1})

	start := time.Now()
	resp, _ := f.get(token, "/v1/profile")
	if elapsed := time.Since(start); elapsed < latency {
		t.Errorf("response after %s, want at least %s", elapsed, latency)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d, want 200 after the latency", resp.StatusCode)
	}
}

func TestFaultLatencyOutlastsClientTimeout(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	f.server.InjectFaults(sandbox.FaultRule{PathPrefix: "/v1/profile", Latency: time.Minute})

	client := &http.Client{Timeout: 20 * time.Millisecond}
	if resp, err := client.Get(f.url + "/v1/profile"); err == nil {
		resp.Body.Close()
		t.Fatalf("status %d, want the client's timeout", resp.StatusCode)
	}
}

func TestFaultRevokeGrants(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("acme-studio")
	f.server.InjectFaults(sandbox.FaultRule{PathPrefix: "/v1/profile", Fault: sandbox.FaultRevokeGrants, Count: 1})

	if resp, _ := f.get(token.AccessToken, "/v1/profile"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("request that revokes: status %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.refresh(token.RefreshToken); resp.StatusCode != http.StatusNotFound {
		t.Errorf("refresh after revocation: status %d, want 404", resp.StatusCode)
	}
}

func TestFaultExpireTokens(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	token := f.signIn("acme-studio")
	personal := f.server.NewPersonalAccessToken()
	f.server.InjectFaults(sandbox.FaultRule{PathPrefix: "/v1/organizations", Fault: sandbox.FaultExpireTokens, Count: 1})

	if resp, _ := f.get(token.AccessToken, "/v1/organizations"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("expired access token: status %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.get(personal, "/v1/organizations"); resp.StatusCode != http.StatusOK {
		t.Errorf("personal access token: status %d, want 200", resp.StatusCode)
	}
	var renewed struct {
		AccessToken string `json:"access_token"`
	}
	resp, body := f.refresh(token.RefreshToken)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("refresh: status %d, want 201; body %s", resp.StatusCode, body)
	}
	if err := json.Unmarshal([]byte(body), &renewed); err != nil {
		t.Fatalf("decode refresh response: %v", err)
	}
	if resp, _ := f.get(renewed.AccessToken, "/v1/organizations"); resp.StatusCode != http.StatusOK {
		t.Errorf("refreshed access token: status %d, want 200", resp.StatusCode)
	}
}
