package projects

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// Framework selects the variable names of an .env file.
type Framework string

// Frameworks with their prefix for variables that the framework exposes
// to browser code.
const (
	FrameworkPlain     Framework = "plain"     // no prefix
	FrameworkNextJS    Framework = "nextjs"    // NEXT_PUBLIC_
	FrameworkVite      Framework = "vite"      // VITE_
	FrameworkSvelteKit Framework = "sveltekit" // PUBLIC_
	FrameworkExpo      Framework = "expo"      // EXPO_PUBLIC_
)

// Frameworks lists every Framework, for the window's picker.
var Frameworks = []Framework{FrameworkPlain, FrameworkNextJS, FrameworkVite, FrameworkSvelteKit, FrameworkExpo}

// publicPrefixes maps a framework to the prefix of variables it bundles
// into client code.
var publicPrefixes = map[Framework]string{
	FrameworkPlain:     "",
	FrameworkNextJS:    "NEXT_PUBLIC_",
	FrameworkVite:      "VITE_",
	FrameworkSvelteKit: "PUBLIC_",
	FrameworkExpo:      "EXPO_PUBLIC_",
}

// Connection selects the connection string of DATABASE_URL.
type Connection string

// Connections.
const (
	ConnectionSession     Connection = "session"     // session pooler, the default
	ConnectionTransaction Connection = "transaction" // transaction pooler
	ConnectionDirect      Connection = "direct"      // direct, IPv6 only without the add-on
)

// EnvInput is the content of an .env file.
type EnvInput struct {
	Framework Framework
	Keys      Keys

	// DatabaseURL is written as DATABASE_URL unless it is empty.
	DatabaseURL string

	// IncludeSecrets adds the secret and service_role keys, which bypass
	// Row Level Security, under a warning comment.
	IncludeSecrets bool
}

// RenderEnv returns the text of an .env file for in.Framework. The
// project URL and the publishable and anon keys get the framework's
// public prefix. DATABASE_URL and, with IncludeSecrets, the secret keys
// follow without the prefix, so no framework bundles them into client
// code. Values are double-quoted. A value that cannot be quoted safely, because it
// contains a quote, a backslash, a $, a backtick or a control character,
// is an error rather than a broken file.
func RenderEnv(in EnvInput) (string, error) {
	prefix, ok := publicPrefixes[in.Framework]
	if !ok {
		return "", fmt.Errorf("projects: %w: unknown framework %q: use one of %v", supabase.ErrInvalidInput, in.Framework, Frameworks)
	}

	var b envBuilder
	b.comment("Supabase project " + in.Keys.Ref + ", written by Supaconnect.")
	b.set(prefix+"SUPABASE_URL", in.Keys.URL)
	b.set(prefix+"SUPABASE_PUBLISHABLE_KEY", in.Keys.Publishable)
	b.set(prefix+"SUPABASE_ANON_KEY", in.Keys.Anon)

	if in.DatabaseURL != "" {
		b.blank()
		b.comment("Server-side only: DATABASE_URL contains the database password.")
		b.set("DATABASE_URL", in.DatabaseURL)
	}
	if in.IncludeSecrets {
		b.blank()
		b.secrets(in.Keys)
	}
	return b.String(), b.err
}

// envBuilder collects the lines of an .env file and the first error.
type envBuilder struct {
	strings.Builder
	err error
}

func (b *envBuilder) comment(text string) {
	b.WriteString("# " + text + "\n")
}

func (b *envBuilder) blank() {
	b.WriteString("\n")
}

// set writes name="value", or nothing when value is empty.
func (b *envBuilder) set(name, value string) {
	if value == "" {
		return
	}
	if i := strings.IndexFunc(value, unsafeInQuotes); i >= 0 {
		if b.err == nil {
			b.err = fmt.Errorf("projects: the value of %s contains %q, which an .env file cannot hold safely",
				name, value[i:i+1])
		}
		return
	}
	b.WriteString(name + `="` + value + "\"\n")
}

// secrets writes the secret keys under a warning, or explains why there
// are none.
func (b *envBuilder) secrets(k Keys) {
	if !k.SecretsPermitted || (k.Secret == "" && k.ServiceRole == "") {
		b.comment("Secret keys are not included: this sign-in may not reveal them.")
		return
	}
	b.comment("Secret keys bypass Row Level Security. Never ship them to a browser or an app:")
	b.comment("use them only in server code.")
	b.set("SUPABASE_SECRET_KEY", k.Secret)
	b.set("SUPABASE_SERVICE_ROLE_KEY", k.ServiceRole)
}

// unsafeInQuotes reports whether r changes the meaning of a double-quoted
// .env value in common loaders, which expand $ and backslash escapes.
func unsafeInQuotes(r rune) bool {
	return r == '"' || r == '\\' || r == '$' || r == '`' || unicode.IsControl(r)
}

// EnvRequest selects what Service.Env writes.
type EnvRequest struct {
	Ref            string     `json:"ref"`
	Framework      Framework  `json:"framework"`
	Connection     Connection `json:"connection"` // ConnectionSession when empty
	IncludeSecrets bool       `json:"includeSecrets"`
	IPv4AddOn      bool       `json:"ipv4AddOn"`
}

// Env fetches a project's keys and connection strings and returns the
// text of an .env file. DATABASE_URL is included only when a database
// password is saved for the project.
func (s *Service) Env(ctx context.Context, req EnvRequest) (string, error) {
	if req.Connection == "" {
		req.Connection = ConnectionSession
	}
	if !slices.Contains([]Connection{ConnectionSession, ConnectionTransaction, ConnectionDirect}, req.Connection) {
		return "", fmt.Errorf("projects: unknown connection %q: use session, transaction or direct", req.Connection)
	}
	keys, err := s.APIKeys(ctx, req.Ref)
	if err != nil {
		return "", err
	}

	in := EnvInput{Framework: req.Framework, Keys: keys, IncludeSecrets: req.IncludeSecrets}
	if _, err := s.Password(req.Ref); err == nil {
		conn, err := s.ConnectionStrings(ctx, req.Ref, req.IPv4AddOn)
		if err != nil {
			return "", err
		}
		in.DatabaseURL = map[Connection]string{
			ConnectionSession:     conn.SessionPooler,
			ConnectionTransaction: conn.TransactionPooler,
			ConnectionDirect:      conn.Direct,
		}[req.Connection]
	} else if !errors.Is(err, ErrNoPassword) {
		return "", err
	}
	return RenderEnv(in)
}
