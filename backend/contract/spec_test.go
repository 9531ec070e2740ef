package contract

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadReturnsCachedSpec(t *testing.T) {
	first := Load(t)
	second := Load(t)

	if first != second {
		t.Errorf("Load returned %p then %p, want the same cached *Spec", first, second)
	}
	if !strings.HasSuffix(first.Path(), "management-api-v1.openapi.json") {
		t.Errorf("Path() = %q, want the management-api-v1.openapi.json file", first.Path())
	}
}

func TestLoadMissingFileFails(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "absent.json")
	t.Setenv(EnvSpecPath, missing)
	rec := newRecordingT(t)

	var spec *Spec
	rec.run(func() { spec = Load(rec) })

	if !rec.fatal {
		t.Fatalf("Load with a missing file did not call Fatalf, returned %v", spec)
	}
	for _, want := range []string{missing, EnvSpecPath} {
		if !strings.Contains(rec.messages(), want) {
			t.Errorf("failure message %q does not mention %q", rec.messages(), want)
		}
	}
}

func TestLoadInvalidFileFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.json")
	if err := os.WriteFile(path, []byte(`{"openapi": "3.0.0", "paths": [`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvSpecPath, path)
	rec := newRecordingT(t)

	rec.run(func() { Load(rec) })

	if !rec.fatal {
		t.Fatal("Load with a malformed file did not call Fatalf")
	}
	if !strings.Contains(rec.messages(), path) {
		t.Errorf("failure message %q does not mention %q", rec.messages(), path)
	}
}

func TestOperationMatchesPath(t *testing.T) {
	spec := Load(t)
	tests := []struct {
		method, target string
		want           string
	}{
		{"GET", "/v1/oauth/authorize?client_id=x", "v1-authorize-user"},
		{"POST", "/v1/oauth/token", "v1-exchange-oauth-token"},
		{"POST", "/v1/oauth/revoke", "v1-revoke-token"},
		{"GET", "/v1/profile", "v1-get-profile"},
		{"GET", "/v1/organizations", "v1-list-all-organizations"},
		{"GET", "/v1/organizations/acme-studio", "v1-get-an-organization"},
		{"GET", "/v1/organizations/acme-studio/projects", "v1-get-all-projects-for-organization"},
		{"GET", "/v1/projects", "v1-list-all-projects"},
		{"GET", "/v1/projects/abcdefghijklmnopqrst", "v1-get-project"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, "http://127.0.0.1:9999"+tt.target, nil)

		got, err := spec.Operation(req)

		if err != nil {
			t.Errorf("Operation(%s %s) error: %v", tt.method, tt.target, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Operation(%s %s) = %q, want %q", tt.method, tt.target, got, tt.want)
		}
	}
}

func TestOperationRejectsUnknownRoute(t *testing.T) {
	spec := Load(t)
	for _, target := range []string{"GET /v1/nothing-here", "DELETE /v1/profile", "GET /sandbox/consent"} {
		method, path, _ := strings.Cut(target, " ")
		req := httptest.NewRequest(method, path, nil)

		if op, err := spec.Operation(req); err == nil {
			t.Errorf("Operation(%s) = %q, want an error", target, op)
		}
	}
}

func TestCompilePatternLookahead(t *testing.T) {
	matcher, err := compilePattern(`^(?!SUPABASE_).*`)
	if err != nil {
		t.Fatalf("compilePattern error: %v", err)
	}
	tests := []struct {
		value string
		want  bool
	}{
		{"MY_SECRET", true},
		{"", true},
		{"SUPABASE_URL", false},
		{"X_SUPABASE_URL", true},
	}
	for _, tt := range tests {
		if got := matcher.MatchString(tt.value); got != tt.want {
			t.Errorf("MatchString(%q) = %v, want %v", tt.value, got, tt.want)
		}
	}
}

func TestCompilePatternRejectsUnsupported(t *testing.T) {
	for _, expr := range []string{`^(?!(a)b)c`, `a(?=b)`, `^(?![)])x`} {
		if _, err := compilePattern(expr); err == nil {
			t.Errorf("compilePattern(%q) succeeded, want an error", expr)
		}
	}
}
