package supabase

import (
	"context"
	"fmt"
	"net/http"
	"unicode/utf8"
)

// MinDatabasePasswordLength is the minLength of password in
// V1UpdatePasswordBody, counted in characters.
const MinDatabasePasswordLength = 4

// Pooler database types.
const (
	DatabasePrimary     = "PRIMARY"
	DatabaseReadReplica = "READ_REPLICA"
)

// PoolerConfig is the Supavisor connection pooler of one database of a
// project (SupavisorConfigResponse).
type PoolerConfig struct {
	Identifier string `json:"identifier"`

	// DatabaseType is DatabasePrimary or DatabaseReadReplica.
	DatabaseType string `json:"databaseType"`

	// User is the database user through the pooler: postgres.<ref>.
	User string `json:"user"`

	// Host is the pooler host, such as aws-0-eu-central-1.pooler.supabase.com.
	// It cannot be derived from the region: the aws-0 or aws-1 part
	// differs between projects.
	Host string `json:"host"`

	// Port is the port of PoolMode, 6543 for transaction mode.
	Port int `json:"port"`

	Database string `json:"database"`

	// PoolMode is "transaction" or "session".
	PoolMode string `json:"poolMode"`

	// ConnectionString is the pooler URI with the literal placeholder
	// [YOUR-PASSWORD] in place of the password.
	ConnectionString string `json:"connectionString"`
}

// poolerWire is the subset of SupavisorConfigResponse that the app reads.
// The deprecated connectionString duplicate is ignored.
type poolerWire struct {
	Identifier       string `json:"identifier"`
	DatabaseType     string `json:"database_type"`
	DBUser           string `json:"db_user"`
	DBHost           string `json:"db_host"`
	DBPort           int    `json:"db_port"`
	DBName           string `json:"db_name"`
	ConnectionString string `json:"connection_string"`
	PoolMode         string `json:"pool_mode"`
}

// PoolerConfig returns the connection pooler settings of a project's
// databases (GET /v1/projects/{ref}/config/database/pooler).
func (c *Client) PoolerConfig(ctx context.Context, ref string) ([]PoolerConfig, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}

	var wire []poolerWire
	if err := c.get(ctx, projectPath(ref, "/config/database/pooler"), nil, &wire); err != nil {
		return nil, err
	}
	configs := make([]PoolerConfig, len(wire))
	for i, w := range wire {
		configs[i] = PoolerConfig{
			Identifier:       w.Identifier,
			DatabaseType:     w.DatabaseType,
			User:             w.DBUser,
			Host:             w.DBHost,
			Port:             w.DBPort,
			Database:         w.DBName,
			PoolMode:         w.PoolMode,
			ConnectionString: w.ConnectionString,
		}
	}
	return configs, nil
}

// UpdateDatabasePassword sets the password of the project's postgres
// user (PATCH /v1/projects/{ref}/database/password). Setting the same
// password twice has the same effect as once, so a caller may repeat the
// call after a lost response.
func (c *Client) UpdateDatabasePassword(ctx context.Context, ref, password string) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(password); n < MinDatabasePasswordLength {
		return fmt.Errorf("%w: database password has %d characters, the minimum is %d",
			ErrInvalidInput, n, MinDatabasePasswordLength)
	}

	body := struct {
		Password string `json:"password"`
	}{password}
	var reply struct {
		Message string `json:"message"`
	}
	r := request{method: http.MethodPatch, path: projectPath(ref, "/database/password"), body: body, want: http.StatusOK}
	return c.do(ctx, r, &reply)
}
