package session

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/logging"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// secretCollector is a transport that records every secret it carries:
// bearer tokens, Basic credentials, the token endpoint's form fields and
// responses, and the JSON fields that hold secrets.
type secretCollector struct {
	base    http.RoundTripper
	mu      sync.Mutex
	secrets []string
}

// secretFields are the form and JSON fields whose values are secrets.
var secretFields = []string{"code", "code_verifier", "refresh_token", "access_token", "client_secret", "password"}

func (c *secretCollector) add(values ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.secrets = append(c.secrets, values...)
}

func (c *secretCollector) collected() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.secrets...)
}

func (c *secretCollector) RoundTrip(req *http.Request) (*http.Response, error) {
	c.addHeader(req.Header.Get("Authorization"))
	if req.Body != nil {
		body, _ := io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
		c.addFields(body)
	}
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	c.addFields(body)
	return resp, nil
}

func (c *secretCollector) addHeader(header string) {
	scheme, value, ok := strings.Cut(header, " ")
	if !ok {
		return
	}
	c.add(value)
	if scheme == "Basic" {
		if decoded, err := base64.StdEncoding.DecodeString(value); err == nil {
			_, password, _ := strings.Cut(string(decoded), ":")
			c.add(password)
		}
	}
}

// addFields records the secret fields of a JSON or form body.
func (c *secretCollector) addFields(body []byte) {
	var object map[string]any
	if json.Unmarshal(body, &object) == nil {
		for _, field := range secretFields {
			if value, ok := object[field].(string); ok {
				c.add(value)
			}
		}
		return
	}
	if form, err := url.ParseQuery(string(body)); err == nil {
		for _, field := range secretFields {
			c.add(form[field]...)
		}
	}
}

// TestDebugLogHasNoSecrets runs a whole session with a debug-level logger
// on the Manager and the sandbox. The session has an OAuth sign-in, calls,
// a rejected token, an expiry, a failed refresh, a 429, a database
// password change, a rejected PATCH and a sign-out. Then come two token
// sign-ins that fail, one that works, and a second sign-out. No secret
// that crossed the wire may be in the log.
func TestDebugLogHasNoSecrets(t *testing.T) {
	var logs testenv.SyncBuffer
	logger := logging.New(&logs, slog.LevelDebug)
	f := newFixtureWith(t, sandbox.Options{Logger: logger})
	collector := &secretCollector{base: f.transport}
	m := f.manager(&keychain.Memory{}, approve(t, "authorize"), func(o *Options) {
		o.Transport = collector
		o.Logger = logger
	})
	ctx := context.Background()
	const password = "correct-horse-battery-staple-42"

	f.signIn(t, m)
	mustCall(t, organizations(m))
	f.sandbox.ExpireAccessTokens()
	mustCall(t, organizations(m))
	f.clock.Advance(2 * time.Hour)
	f.sandbox.InjectFaults(
		sandbox.FaultRule{Method: http.MethodPost, PathPrefix: tokenEndpoint, Fault: sandbox.FaultServerError, Count: 1},
		sandbox.FaultRule{Method: http.MethodGet, PathPrefix: "/v1/organizations", Fault: sandbox.FaultRateLimit, Count: 1},
		sandbox.FaultRule{
			Method: http.MethodPatch, PathPrefix: authConfigPath,
			Fault: sandbox.FaultStatus, Status: http.StatusUnauthorized, Message: "SMTP credentials are invalid",
		},
	)
	mustCall(t, organizations(m))
	if _, err := send(t, m, http.MethodPatch, "/v1/projects/hqvzkfmbrtplxcwnadje/database/password",
		`{"password":"`+password+`"}`); err != nil {
		t.Fatalf("password change: %v", err)
	}
	if _, err := send(t, m, http.MethodPatch, authConfigPath, smtpBody); err != nil {
		t.Fatalf("auth settings change: %v", err)
	}
	if _, err := m.SignOut(ctx); err != nil {
		t.Fatalf("SignOut: %v", err)
	}

	pat := f.sandbox.NewPersonalAccessToken()
	unknownPAT := "sbp_" + strings.Repeat("5e", 20)
	oauthToken := "sbp_oauth_" + strings.Repeat("7c", 20)
	_, _ = m.SignInWithToken(ctx, oauthToken)
	_, _ = m.SignInWithToken(ctx, unknownPAT)
	if _, err := m.SignInWithToken(ctx, pat); err != nil {
		t.Fatalf("SignInWithToken: %v", err)
	}
	mustCall(t, organizations(m))
	if _, err := m.SignOut(ctx); err != nil {
		t.Fatalf("second SignOut: %v", err)
	}

	output := logs.String()
	if !strings.Contains(output, "level=DEBUG") {
		t.Fatalf("log has no debug lines:\n%s", output)
	}
	secrets := append(collector.collected(), sandbox.DefaultClientSecret, pat, unknownPAT, oauthToken, password)
	if len(secrets) < 20 {
		t.Fatalf("collected %d secrets, want the tokens, codes and verifiers of the whole session", len(secrets))
	}
	if secret, found := containsAny(output, secrets); found {
		t.Errorf("log contains the secret %q:\n%s", secret, output)
	}
}

func mustCall(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("call: %v", err)
	}
}
