package projects_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

func TestAPIKeysRevealed(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	keys, err := f.service.APIKeys(context.Background(), acmeWebRef)
	if err != nil {
		t.Fatalf("APIKeys: %v", err)
	}

	if !keys.SecretsPermitted {
		t.Error("SecretsPermitted = false, want true")
	}
	if keys.URL != "https://"+acmeWebRef+".supabase.co" {
		t.Errorf("URL = %q", keys.URL)
	}
	checks := map[string]bool{
		"anon JWT":              strings.HasPrefix(keys.Anon, "eyJ"),
		"service_role JWT":      strings.HasPrefix(keys.ServiceRole, "eyJ"),
		"publishable key":       strings.HasPrefix(keys.Publishable, "sb_publishable_"),
		"unmasked secret key":   strings.HasPrefix(keys.Secret, "sb_secret_") && !strings.Contains(keys.Secret, "·"),
		"distinct legacy keys":  keys.Anon != keys.ServiceRole,
		"String hides the keys": !strings.Contains(keys.String()+keys.GoString(), keys.Secret),
	}
	for name, ok := range checks {
		if !ok {
			t.Errorf("want %s", name)
		}
	}
}

func TestAPIKeysRevealDenied(t *testing.T) {
	f := newFixture(t, sandbox.Options{DenyReveal: true})

	keys, err := f.service.APIKeys(context.Background(), acmeWebRef)
	if err != nil {
		t.Fatalf("APIKeys: %v, want the keys without secrets", err)
	}

	if keys.SecretsPermitted {
		t.Error("SecretsPermitted = true after a 403 on reveal")
	}
	if !strings.HasPrefix(keys.Publishable, "sb_publishable_") || !strings.HasPrefix(keys.Anon, "eyJ") {
		t.Errorf("publishable or anon key missing")
	}
	if keys.Secret != "" || keys.ServiceRole != "" {
		t.Error("secret keys returned although revealing them was denied")
	}
}

// keysAPI returns a fixed key list.
type keysAPI struct {
	projects.API
	keys []supabase.APIKey
}

func (k keysAPI) APIKeys(context.Context, string, bool) ([]supabase.APIKey, error) {
	return k.keys, nil
}

func TestAPIKeysPicksDefaultAndSkipsMasked(t *testing.T) {
	api := keysAPI{keys: []supabase.APIKey{
		{Name: "mobile", Type: supabase.KeyTypePublishable, Value: "sb_publishable_mobile"},
		{Name: "default", Type: supabase.KeyTypePublishable, Value: "sb_publishable_default"},
		{Name: "later", Type: supabase.KeyTypePublishable, Value: "sb_publishable_later"},
		{Name: "default", Type: supabase.KeyTypeSecret, Value: "sb_secret_abcd··········"},
	}}
	service, _ := scriptedService(api)

	keys, err := service.APIKeys(context.Background(), testRef)
	if err != nil {
		t.Fatalf("APIKeys: %v", err)
	}

	if keys.Publishable != "sb_publishable_default" {
		t.Errorf("Publishable = %q, want the key named default", keys.Publishable)
	}
	if keys.Secret != "" {
		t.Errorf("Secret = %q, want no masked value", keys.Secret)
	}
}

func TestServiceConnectionStrings(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	created, err := f.service.Create(context.Background(), createRequest("Connect Me"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	ref := created.Project.Ref
	pw, _ := f.service.Password(ref)

	conn, err := f.service.ConnectionStrings(context.Background(), ref, false)
	if err != nil {
		t.Fatalf("ConnectionStrings: %v", err)
	}

	if !conn.HasPassword || !conn.DirectIPv6Only {
		t.Errorf("HasPassword, DirectIPv6Only = %v, %v; want true, true", conn.HasPassword, conn.DirectIPv6Only)
	}
	u, err := url.Parse(conn.SessionPooler)
	if err != nil {
		t.Fatalf("parse session pooler URI: %v", err)
	}
	if got, _ := u.User.Password(); got != pw {
		t.Error("session pooler URI does not carry the saved password")
	}
	if !strings.HasSuffix(u.Hostname(), "-eu-central-1.pooler.supabase.com") || u.Port() != "5432" {
		t.Errorf("session pooler host %q port %q, want the sandbox pooler on 5432", u.Hostname(), u.Port())
	}
	if u.User.Username() != "postgres."+ref {
		t.Errorf("user = %q, want postgres.%s", u.User.Username(), ref)
	}
}

func TestServiceConnectionStringsWithoutPassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	conn, err := f.service.ConnectionStrings(context.Background(), acmeWebRef, true)
	if err != nil {
		t.Fatalf("ConnectionStrings: %v", err)
	}

	if conn.HasPassword || !strings.Contains(conn.Direct, projects.PasswordPlaceholder) {
		t.Errorf("Direct = %q, want the placeholder", conn.Direct)
	}
	if conn.DirectIPv6Only {
		t.Error("DirectIPv6Only = true with the IPv4 add-on")
	}
}

func TestServiceEnv(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	if err := f.service.SetPassword(acmeWebRef, "typed pass#1"); err != nil {
		t.Fatal(err)
	}

	env, err := f.service.Env(context.Background(), projects.EnvRequest{Ref: acmeWebRef, Framework: projects.FrameworkVite})
	if err != nil {
		t.Fatalf("Env: %v", err)
	}

	for _, want := range []string{
		`VITE_SUPABASE_URL="https://` + acmeWebRef + `.supabase.co"`,
		`VITE_SUPABASE_PUBLISHABLE_KEY="sb_publishable_`,
		`VITE_SUPABASE_ANON_KEY="eyJ`,
		`DATABASE_URL="postgresql://postgres.` + acmeWebRef + `:typed%20pass%231@aws-`,
		`.pooler.supabase.com:5432/postgres"`,
	} {
		if !strings.Contains(env, want) {
			t.Errorf("env lacks %s:\n%s", want, env)
		}
	}
	if strings.Contains(env, "SECRET") {
		t.Errorf("env has secret keys without IncludeSecrets:\n%s", env)
	}
}

func TestServiceEnvWithoutPassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	env, err := f.service.Env(context.Background(), projects.EnvRequest{
		Ref: acmeWebRef, Framework: projects.FrameworkPlain, IncludeSecrets: true, Connection: projects.ConnectionDirect,
	})
	if err != nil {
		t.Fatalf("Env: %v", err)
	}

	if strings.Contains(env, "DATABASE_URL") {
		t.Errorf("env has DATABASE_URL without a saved password:\n%s", env)
	}
	if !strings.Contains(env, `SUPABASE_SECRET_KEY="sb_secret_`) {
		t.Errorf("env lacks the secret key with IncludeSecrets:\n%s", env)
	}
}
