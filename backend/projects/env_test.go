package projects_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// testKeys are keys of testRef with short stand-in values.
var testKeys = projects.Keys{
	Ref:              testRef,
	URL:              "https://abcdefghijklmnopqrst.supabase.co",
	Publishable:      "sb_publishable_pub123",
	Anon:             "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig",
	Secret:           "sb_secret_sec456",
	ServiceRole:      "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.sig",
	SecretsPermitted: true,
}

const testDatabaseURL = "postgresql://postgres.abcdefghijklmnopqrst:p%23ss@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"

func TestRenderEnvPerFramework(t *testing.T) {
	tests := []struct {
		framework projects.Framework
		want      string
	}{
		{projects.FrameworkPlain, `# Supabase project abcdefghijklmnopqrst, written by Supaconnect.
SUPABASE_URL="https://abcdefghijklmnopqrst.supabase.co"
SUPABASE_PUBLISHABLE_KEY="sb_publishable_pub123"
SUPABASE_ANON_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig"

# Server-side only: DATABASE_URL contains the database password.
DATABASE_URL="postgresql://postgres.abcdefghijklmnopqrst:p%23ss@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"
`},
		{projects.FrameworkNextJS, `# Supabase project abcdefghijklmnopqrst, written by Supaconnect.
NEXT_PUBLIC_SUPABASE_URL="https://abcdefghijklmnopqrst.supabase.co"
NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY="sb_publishable_pub123"
NEXT_PUBLIC_SUPABASE_ANON_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig"

# Server-side only: DATABASE_URL contains the database password.
DATABASE_URL="postgresql://postgres.abcdefghijklmnopqrst:p%23ss@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"
`},
		{projects.FrameworkVite, `# Supabase project abcdefghijklmnopqrst, written by Supaconnect.
VITE_SUPABASE_URL="https://abcdefghijklmnopqrst.supabase.co"
VITE_SUPABASE_PUBLISHABLE_KEY="sb_publishable_pub123"
VITE_SUPABASE_ANON_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig"

# Server-side only: DATABASE_URL contains the database password.
DATABASE_URL="postgresql://postgres.abcdefghijklmnopqrst:p%23ss@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"
`},
		{projects.FrameworkSvelteKit, `# Supabase project abcdefghijklmnopqrst, written by Supaconnect.
PUBLIC_SUPABASE_URL="https://abcdefghijklmnopqrst.supabase.co"
PUBLIC_SUPABASE_PUBLISHABLE_KEY="sb_publishable_pub123"
PUBLIC_SUPABASE_ANON_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig"

# Server-side only: DATABASE_URL contains the database password.
DATABASE_URL="postgresql://postgres.abcdefghijklmnopqrst:p%23ss@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"
`},
		{projects.FrameworkExpo, `# Supabase project abcdefghijklmnopqrst, written by Supaconnect.
EXPO_PUBLIC_SUPABASE_URL="https://abcdefghijklmnopqrst.supabase.co"
EXPO_PUBLIC_SUPABASE_PUBLISHABLE_KEY="sb_publishable_pub123"
EXPO_PUBLIC_SUPABASE_ANON_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig"

# Server-side only: DATABASE_URL contains the database password.
DATABASE_URL="postgresql://postgres.abcdefghijklmnopqrst:p%23ss@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"
`},
	}
	for _, tt := range tests {
		got, err := projects.RenderEnv(projects.EnvInput{Framework: tt.framework, Keys: testKeys, DatabaseURL: testDatabaseURL})
		if err != nil {
			t.Fatalf("%s: RenderEnv: %v", tt.framework, err)
		}
		if got != tt.want {
			t.Errorf("%s: RenderEnv =\n%s\nwant\n%s", tt.framework, got, tt.want)
		}
	}
}

func TestRenderEnvSecrets(t *testing.T) {
	got, err := projects.RenderEnv(projects.EnvInput{Framework: projects.FrameworkNextJS, Keys: testKeys, IncludeSecrets: true})
	if err != nil {
		t.Fatalf("RenderEnv: %v", err)
	}

	want := `# Supabase project abcdefghijklmnopqrst, written by Supaconnect.
NEXT_PUBLIC_SUPABASE_URL="https://abcdefghijklmnopqrst.supabase.co"
NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY="sb_publishable_pub123"
NEXT_PUBLIC_SUPABASE_ANON_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.sig"

# Secret keys bypass Row Level Security. Never ship them to a browser or an app:
# use them only in server code.
SUPABASE_SECRET_KEY="sb_secret_sec456"
SUPABASE_SERVICE_ROLE_KEY="eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.sig"
`
	if got != want {
		t.Errorf("RenderEnv =\n%s\nwant\n%s", got, want)
	}
}

func TestRenderEnvLeavesOutSecrets(t *testing.T) {
	for _, framework := range projects.Frameworks {
		got, err := projects.RenderEnv(projects.EnvInput{Framework: framework, Keys: testKeys})
		if err != nil {
			t.Fatalf("%s: RenderEnv: %v", framework, err)
		}

		for _, secret := range []string{testKeys.Secret, testKeys.ServiceRole, "SECRET", "SERVICE_ROLE", "DATABASE_URL"} {
			if strings.Contains(got, secret) {
				t.Errorf("%s: output without IncludeSecrets or a database URL contains %q", framework, secret)
			}
		}
	}
}

func TestRenderEnvSecretsNotPermitted(t *testing.T) {
	keys := testKeys
	keys.SecretsPermitted = false
	keys.Secret, keys.ServiceRole = "", ""

	got, err := projects.RenderEnv(projects.EnvInput{Framework: projects.FrameworkPlain, Keys: keys, IncludeSecrets: true})
	if err != nil {
		t.Fatalf("RenderEnv: %v", err)
	}

	if !strings.Contains(got, "# Secret keys are not included: this sign-in may not reveal them.\n") {
		t.Errorf("output lacks the note about missing secret keys:\n%s", got)
	}
	if strings.Contains(got, "SECRET_KEY=") {
		t.Errorf("output has a secret key line:\n%s", got)
	}
}

func TestRenderEnvRejectsUnsafeValues(t *testing.T) {
	for _, value := range []string{`a"b`, `a\b`, "a$b", "a`b", "a\nb"} {
		keys := testKeys
		keys.Anon = value

		if _, err := projects.RenderEnv(projects.EnvInput{Framework: projects.FrameworkPlain, Keys: keys}); err == nil {
			t.Errorf("RenderEnv accepted a value with %q", value)
		}
	}
	if _, err := projects.RenderEnv(projects.EnvInput{Framework: "rails", Keys: testKeys}); !errors.Is(err, supabase.ErrInvalidInput) {
		t.Errorf("RenderEnv with an unknown framework: %v, want an error matching supabase.ErrInvalidInput", err)
	}
}

func TestRenderEnvTypedPasswordURL(t *testing.T) {
	for _, pw := range nastyPasswords {
		if strings.ContainsRune(pw, 0) {
			continue
		}
		c := projects.BuildConnectionStrings(testRef, testPooler, pw, false)

		if _, err := projects.RenderEnv(projects.EnvInput{Framework: projects.FrameworkPlain, Keys: testKeys, DatabaseURL: c.SessionPooler}); err != nil {
			t.Errorf("RenderEnv rejected the URI of a typed password: %v", err)
		}
	}
}

func TestWriteEnvFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")

	if err := projects.WriteEnvFile(path, "A=1\n", false); err != nil {
		t.Fatalf("WriteEnvFile: %v", err)
	}

	data, err := os.ReadFile(path)
	if err != nil || string(data) != "A=1\n" {
		t.Errorf("file content = %q, %v; want A=1", data, err)
	}
	checkMode(t, path)
}

func TestWriteEnvFileRefusesOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(path, []byte("KEEP=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	err := projects.WriteEnvFile(path, "A=1\n", false)

	if !errors.Is(err, projects.ErrFileExists) {
		t.Errorf("error = %v, want ErrFileExists", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "KEEP=1\n" {
		t.Errorf("existing file changed to %q", data)
	}
}

func TestWriteEnvFileOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	if err := os.WriteFile(path, []byte("OLD=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	if err := projects.WriteEnvFile(path, "NEW=1\n", true); err != nil {
		t.Fatalf("WriteEnvFile: %v", err)
	}

	if data, _ := os.ReadFile(path); string(data) != "NEW=1\n" {
		t.Errorf("file content = %q, want NEW=1", data)
	}
	checkMode(t, path)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory has %d entries, want only .env without temporary files", len(entries))
	}
}

func TestWriteEnvFileMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", ".env")

	for _, overwrite := range []bool{false, true} {
		if err := projects.WriteEnvFile(path, "A=1\n", overwrite); err == nil || errors.Is(err, projects.ErrFileExists) {
			t.Errorf("overwrite %v: error = %v, want a creation error", overwrite, err)
		}
	}
}

// checkMode fails unless path has mode 0600. Windows has no such mode.
func checkMode(t *testing.T, path string) {
	t.Helper()

	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("mode = %o, want 600", mode)
	}
}
