package sandbox

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/supaconnect/supaconnect/backend/contract"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// authConfigClient returns a Management API client with a personal access
// token of a fresh sandbox, its traffic validated against the spec.
func authConfigClient(t *testing.T) (*supabase.Client, string) {
	return authConfigClientOver(t, contract.Load(t).Transport(t, http.DefaultTransport))
}

// authConfigClientOver is authConfigClient over another transport, for
// requests that break the spec on purpose.
func authConfigClientOver(t *testing.T, base http.RoundTripper) (*supabase.Client, string) {
	t.Helper()
	server := New(Options{})
	url, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Close() })

	transport := &bearer{token: server.NewPersonalAccessToken(), base: base}
	client := supabase.NewClient(url, &http.Client{Transport: transport}, "Supaconnect/test")
	return client, server.Projects()[0].Ref
}

type bearer struct {
	token string
	base  http.RoundTripper
}

func (b *bearer) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+b.token)
	return b.base.RoundTrip(req)
}

func TestAuthConfigDefaults(t *testing.T) {
	client, ref := authConfigClient(t)
	config, err := client.AuthConfig(context.Background(), ref)
	if err != nil {
		t.Fatalf("AuthConfig: %v", err)
	}
	if config.Host != nil || config.SMTPPassHash != nil {
		t.Errorf("new project has SMTP host %v and password %v, want both null", config.Host, config.SMTPPassHash)
	}
}

func TestAuthConfigSMTPRoundTrip(t *testing.T) {
	client, ref := authConfigClient(t)
	ctx := context.Background()
	body := map[string]any{
		"smtp_admin_email":      "no-reply@example.com",
		"smtp_sender_name":      "Example",
		"smtp_host":             "smtp.example.com",
		"smtp_port":             "587",
		"smtp_user":             "apikey",
		"smtp_pass":             "plain-text-password",
		"smtp_max_frequency":    30,
		"rate_limit_email_sent": 100,
	}
	updated, err := client.UpdateAuthConfig(ctx, ref, body)
	if err != nil {
		t.Fatalf("UpdateAuthConfig: %v", err)
	}
	if updated.Host == nil || *updated.Host != "smtp.example.com" || updated.Port == nil || *updated.Port != "587" {
		t.Errorf("updated = host %v port %v, want smtp.example.com:587", updated.Host, updated.Port)
	}

	read, err := client.AuthConfig(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if read.SMTPPassHash == nil || *read.SMTPPassHash == "plain-text-password" || len(*read.SMTPPassHash) != 64 {
		t.Errorf("smtp_pass = %v, want a SHA-256 hash, never the password", read.SMTPPassHash)
	}
	if read.RateLimitEmailSent == nil || *read.RateLimitEmailSent != 100 {
		t.Errorf("rate_limit_email_sent = %v, want 100", read.RateLimitEmailSent)
	}

	if _, err := client.UpdateAuthConfig(ctx, ref, map[string]any{"smtp_host": ""}); err != nil {
		t.Fatalf("disabling SMTP: %v", err)
	}
	read, _ = client.AuthConfig(ctx, ref)
	if read.Host != nil {
		t.Errorf("smtp_host after disabling = %q, want null", *read.Host)
	}
}

func TestAuthConfigRejectsInvalidFields(t *testing.T) {
	cases := []struct {
		name string
		body map[string]any
		want string
	}{
		{"numeric port", map[string]any{"smtp_host": "smtp.example.com", "smtp_port": 587}, "smtp_port"},
		{"port out of range", map[string]any{"smtp_port": "70000"}, "smtp_port"},
		{"frequency too high", map[string]any{"smtp_max_frequency": 32768}, "smtp_max_frequency"},
		{"rate limit zero", map[string]any{"smtp_host": "smtp.example.com", "rate_limit_email_sent": 0}, "rate_limit_email_sent"},
		{"rate limit without SMTP", map[string]any{"rate_limit_email_sent": 10}, "custom SMTP"},
		{"unknown field", map[string]any{"smtp_hots": "x"}, "smtp_hots"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// These bodies break the spec on purpose, so the client goes
			// around the contract check to reach the sandbox's own.
			client, ref := authConfigClientOver(t, http.DefaultTransport)
			_, err := client.UpdateAuthConfig(context.Background(), ref, c.body)
			var apiErr *supabase.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
				t.Fatalf("error = %v, want a 400", err)
			}
			if !strings.Contains(apiErr.Message, c.want) {
				t.Errorf("message %q does not name %s", apiErr.Message, c.want)
			}
		})
	}
}
