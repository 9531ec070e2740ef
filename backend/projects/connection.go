package projects

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

const (
	// directPort is the Postgres port of the direct connection.
	directPort = 5432

	// sessionPoolerPort is the port of Supavisor in session mode.
	sessionPoolerPort = 5432

	// transactionPoolerPort is the port of Supavisor in transaction mode,
	// used when the pooler configuration does not name it.
	transactionPoolerPort = 6543

	// PasswordPlaceholder replaces the password in connection strings
	// when none is saved, as in the Supabase dashboard.
	PasswordPlaceholder = "[YOUR-PASSWORD]"
)

// ConnectionStrings are the Postgres URIs of a project's primary
// database. Its String method leaves out the URIs, which contain the
// password.
type ConnectionStrings struct {
	// Direct connects to the database server itself, as user postgres.
	Direct string `json:"direct"`

	// DirectIPv6Only reports that the direct host resolves only to IPv6
	// addresses, so networks without IPv6 must use a pooler. It is false
	// for projects with the IPv4 add-on.
	DirectIPv6Only bool `json:"directIPv6Only"`

	// SessionPooler goes through Supavisor in session mode, on port 5432,
	// over IPv4 and IPv6. It suits long-lived servers.
	SessionPooler string `json:"sessionPooler"`

	// TransactionPooler goes through Supavisor in transaction mode, on
	// port 6543. It suits serverless functions, which open many short
	// connections, but prepared statements do not work through it.
	TransactionPooler string `json:"transactionPooler"`

	// HasPassword reports whether the URIs contain the saved password.
	// When false, they contain PasswordPlaceholder instead.
	HasPassword bool `json:"hasPassword"`
}

// String describes c without its URIs.
func (c ConnectionStrings) String() string {
	return fmt.Sprintf("connection strings (password included: %v)", c.HasPassword)
}

// GoString describes c for the %#v verb without its URIs.
func (c ConnectionStrings) GoString() string {
	return "projects.ConnectionStrings{" + c.String() + "}"
}

// BuildConnectionStrings returns the URIs of project ref's primary
// database, with the pooler host and user from pooler, never derived from
// the region, because Supabase runs several pooler clusters per region.
// An empty password puts PasswordPlaceholder in its place. ipv4AddOn
// reports whether the project has the IPv4 add-on, which makes the
// direct host reachable over IPv4.
//
// The password is percent-encoded in every byte outside RFC 3986's
// unreserved characters, stricter than url.UserPassword, which keeps
// $ & + , ; = as they are: these break .env files and shells. url.Parse
// and libpq decode both forms to the same password.
func BuildConnectionStrings(ref string, pooler supabase.PoolerConfig, password string, ipv4AddOn bool) ConnectionStrings {
	database := pooler.Database
	if database == "" {
		database = "postgres"
	}
	transactionPort := transactionPoolerPort
	if pooler.PoolMode == "transaction" && pooler.Port > 0 {
		transactionPort = pooler.Port
	}

	return ConnectionStrings{
		Direct:            postgresURI("postgres", password, "db."+ref+".supabase.co", directPort, database),
		DirectIPv6Only:    !ipv4AddOn,
		SessionPooler:     postgresURI(pooler.User, password, pooler.Host, sessionPoolerPort, database),
		TransactionPooler: postgresURI(pooler.User, password, pooler.Host, transactionPort, database),
		HasPassword:       password != "",
	}
}

// postgresURI returns postgresql://user:password@host:port/database.
func postgresURI(user, password, host string, port int, database string) string {
	secret := PasswordPlaceholder
	if password != "" {
		secret = EscapePassword(password)
	}
	return "postgresql://" + url.User(user).String() + ":" + secret + "@" +
		host + ":" + strconv.Itoa(port) + "/" + url.PathEscape(database)
}

// EscapePassword percent-encodes every byte of password except ASCII
// letters, digits and - . _ ~, for the userinfo of a URI.
func EscapePassword(password string) string {
	// QueryEscape leaves exactly those characters and turns spaces into
	// +, which is only a space in form encoding.
	return strings.ReplaceAll(url.QueryEscape(password), "+", "%20")
}

// PrimaryPooler returns the entry of the primary database in a pooler
// configuration, or an error matching ErrNoPrimaryPooler.
func PrimaryPooler(configs []supabase.PoolerConfig) (supabase.PoolerConfig, error) {
	for _, c := range configs {
		if c.DatabaseType == supabase.DatabasePrimary {
			return c, nil
		}
	}
	return supabase.PoolerConfig{}, fmt.Errorf("projects: %w (%d entries)", ErrNoPrimaryPooler, len(configs))
}

// ConnectionStrings reads the pooler configuration of a project and
// returns its connection strings with the saved password, or with
// PasswordPlaceholder when none is saved.
func (s *Service) ConnectionStrings(ctx context.Context, ref string, ipv4AddOn bool) (ConnectionStrings, error) {
	pooler, err := s.primaryPooler(ctx, ref)
	if err != nil {
		return ConnectionStrings{}, err
	}
	password, err := s.Password(ref)
	if err != nil && !errors.Is(err, ErrNoPassword) {
		return ConnectionStrings{}, err
	}
	return BuildConnectionStrings(ref, pooler, password, ipv4AddOn), nil
}

// primaryPooler fetches the pooler entry of a project's primary database.
func (s *Service) primaryPooler(ctx context.Context, ref string) (supabase.PoolerConfig, error) {
	if err := checkRef(ref); err != nil {
		return supabase.PoolerConfig{}, err
	}
	api, err := s.client()
	if err != nil {
		return supabase.PoolerConfig{}, err
	}
	configs, err := api.PoolerConfig(ctx, ref)
	if err != nil {
		return supabase.PoolerConfig{}, fmt.Errorf("projects: pooler configuration of %s: %w", ref, err)
	}
	return PrimaryPooler(configs)
}
