// Package contract checks HTTP traffic against the official OpenAPI
// description of the Supabase Management API.
//
// Tests load the description once with Load and then validate requests and
// responses one by one, or wrap a client's transport with Spec.Transport so
// that every exchange is checked. The package is meant for tests only: it
// reports failures through testing.TB.
//
// The description is not copied into this repository. Load reads it from
// the shared folder next to the repository root, or from the file named by
// the SUPACONNECT_OPENAPI_SPEC environment variable.
package contract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// EnvSpecPath is the environment variable that, when set, names the
// OpenAPI file to load instead of the default location.
const EnvSpecPath = "SUPACONNECT_OPENAPI_SPEC"

// defaultSpecPath is the location of the description relative to the
// repository root, the directory that contains go.mod.
var defaultSpecPath = filepath.Join("..", "shared", "supabase", "management-api-v1.openapi.json")

// Spec is a parsed OpenAPI description with a router that maps requests to
// its operations. A Spec is safe for concurrent use and is never modified
// after Load returns it.
type Spec struct {
	path   string
	doc    *openapi3.T
	router routers.Router
}

// loadResult is the outcome of parsing one file, computed once per path.
type loadResult struct {
	once sync.Once
	spec *Spec
	err  error
}

// cache maps a cleaned file path to its *loadResult. Parsing the
// description takes a noticeable fraction of a second because it is large,
// so each file is parsed once per test binary.
var cache sync.Map

// Load returns the parsed Management API description. It calls t.Fatalf
// when the file is missing or invalid, because a contract test that cannot
// read the contract must fail, not skip.
func Load(t testing.TB) *Spec {
	t.Helper()

	path, err := specPath()
	if err != nil {
		t.Fatalf("contract: %v", err)
		return nil
	}

	entry, _ := cache.LoadOrStore(path, &loadResult{})
	result := entry.(*loadResult)
	result.once.Do(func() {
		result.spec, result.err = parse(path)
	})
	if result.err != nil {
		t.Fatalf("contract: %v", result.err)
		return nil
	}
	return result.spec
}

// specPath returns the file to load: the value of EnvSpecPath when set,
// else the default location next to the repository root.
func specPath() (string, error) {
	if path := os.Getenv(EnvSpecPath); path != "" {
		return checkFile(filepath.Clean(path), "it is named by "+EnvSpecPath)
	}

	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	path := filepath.Join(root, defaultSpecPath)
	return checkFile(path, "it is the default location next to the repository root "+root)
}

// checkFile returns path when a regular file exists there, and otherwise an
// error that names the path, where it came from and how to fix it.
func checkFile(path, origin string) (string, error) {
	info, err := os.Stat(path)
	if err == nil && info.Mode().IsRegular() {
		return path, nil
	}
	if err == nil {
		err = errors.New("not a regular file")
	}
	return "", fmt.Errorf("cannot read the OpenAPI description at %s (%s): %w; "+
		"place management-api-v1.openapi.json there or set %s to its path",
		path, origin, err, EnvSpecPath)
}

// repoRoot walks up from the working directory to the first directory that
// contains go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cannot find the repository root: %w", err)
	}

	for start := dir; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("cannot find the repository root: no go.mod in %s or its parents; "+
				"run the tests inside the repository or set %s", start, EnvSpecPath)
		}
		dir = parent
	}
}

// parse loads and validates the description at path and builds its router.
func parse(path string) (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot parse the OpenAPI description at %s: %w", path, err)
	}

	// The description declares no servers, so the legacy router matches on
	// the URL path alone, whatever the host: the sandbox on loopback and
	// api.supabase.com route the same way.
	dropSecurity(doc)

	// The router validates the document first. Three flaws of the
	// published description are tolerated because none changes how traffic
	// is checked: a non-standard "hideDefinitions" keyword on
	// V1CreateProjectBody, examples that do not match their own schemas
	// (the branch_id_or_ref example matches both branches of a oneOf), and
	// defaults of the wrong type (the boolean "force" parameter of
	// DELETE /v1/branches/{branch_id_or_ref} defaults to the string "true").
	// Validation never fills in defaults, see validationOptions.
	router, err := legacy.NewRouter(doc,
		openapi3.SetRegexCompiler(compilePattern),
		openapi3.AllowExtraSiblingFields("hideDefinitions"),
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
	)
	if err != nil {
		return nil, fmt.Errorf("invalid OpenAPI description at %s: %w", path, err)
	}
	return &Spec{path: path, doc: doc, router: router}, nil
}

// dropSecurity removes every security requirement from doc. The
// description lists requirements such as "bearer" and "oauth2" on nearly
// every operation but declares no security schemes, which makes the
// document invalid and makes openapi3filter reject every request. Contract
// tests check shapes, not credentials: the sandbox tests cover
// authentication themselves.
func dropSecurity(doc *openapi3.T) {
	doc.Security = nil
	for _, item := range doc.Paths.Map() {
		for _, operation := range item.Operations() {
			operation.Security = nil
		}
	}
}

// Path returns the file the description was loaded from.
func (s *Spec) Path() string {
	return s.path
}
