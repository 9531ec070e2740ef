package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"unicode/utf8"
)

const (
	// transactionPoolerPort is the port of Supavisor in transaction mode.
	transactionPoolerPort = 6543

	// minDatabasePassword is the minLength of password in
	// V1UpdatePasswordBody.
	minDatabasePassword = 4
)

// supavisorConfig is SupavisorConfigResponse. connectionString is a
// deprecated copy of connection_string that the schema still requires.
type supavisorConfig struct {
	Identifier                 string `json:"identifier"`
	DatabaseType               string `json:"database_type"`
	IsUsingScramAuth           bool   `json:"is_using_scram_auth"`
	DBUser                     string `json:"db_user"`
	DBHost                     string `json:"db_host"`
	DBPort                     int    `json:"db_port"`
	DBName                     string `json:"db_name"`
	ConnectionString           string `json:"connection_string"`
	DeprecatedConnectionString string `json:"connectionString"`
	DefaultPoolSize            *int   `json:"default_pool_size"`
	MaxClientConn              *int   `json:"max_client_conn"`
	PoolMode                   string `json:"pool_mode"`
}

// handlePoolerConfig serves GET /v1/projects/{ref}/config/database/pooler:
// one PRIMARY entry in transaction mode. Its connection string contains
// the literal placeholder [YOUR-PASSWORD], as Supabase's does.
func (s *Server) handlePoolerConfig(w http.ResponseWriter, r *http.Request, sc scope) {
	project, secrets, ok := s.projectWithSecrets(w, r, sc)
	if !ok {
		return
	}

	user := "postgres." + project.Ref
	connection := fmt.Sprintf("postgresql://%s:[YOUR-PASSWORD]@%s:%d/postgres",
		user, secrets.poolerHost, transactionPoolerPort)
	poolSize, maxClients := poolLimits(project.Database.ComputeSize)
	writeJSON(w, http.StatusOK, []supavisorConfig{{
		Identifier:                 project.Ref,
		DatabaseType:               "PRIMARY",
		IsUsingScramAuth:           true,
		DBUser:                     user,
		DBHost:                     secrets.poolerHost,
		DBPort:                     transactionPoolerPort,
		DBName:                     "postgres",
		ConnectionString:           connection,
		DeprecatedConnectionString: connection,
		DefaultPoolSize:            &poolSize,
		MaxClientConn:              &maxClients,
		PoolMode:                   "transaction",
	}})
}

// poolLimits returns the pool size and the client connection limit for a
// compute size. The values grow with the size as Supabase's do, but they
// are illustrative, not Supabase's table.
func poolLimits(computeSize string) (int, int) {
	switch computeSize {
	case "nano", "micro":
		return 15, 200
	case "small":
		return 15, 400
	case "medium":
		return 15, 600
	default:
		return 20, 800
	}
}

// handleUpdatePassword serves PATCH /v1/projects/{ref}/database/password.
// The password must have at least four characters.
// NOTE: the sandbox returns 400 for a project that is not ACTIVE_HEALTHY
// or ACTIVE_UNHEALTHY, because its database is not running. The status
// and message that Supabase uses for this case are a guess.
func (s *Server) handleUpdatePassword(w http.ResponseWriter, r *http.Request, sc scope) {
	password, err := readPasswordBody(r)
	if err != nil {
		s.log.Info("sandbox: invalid password update", "reason", err)
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}
	project, ok := s.projectFromPath(w, r, sc)
	if !ok {
		return
	}
	if project.Status != statusActiveHealthy && project.Status != "ACTIVE_UNHEALTHY" {
		writeMessage(w, http.StatusBadRequest, "project status is "+project.Status+": the database is not running")
		return
	}

	s.data.setDatabasePassword(project.Ref, password)
	s.log.Info("sandbox: database password updated", "ref", project.Ref)
	writeJSON(w, http.StatusOK, messageBody{Message: "Database password updated"})
}

// readPasswordBody decodes V1UpdatePasswordBody and returns its password.
func readPasswordBody(r *http.Request) (string, error) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return "", errors.New("request body must be JSON: send Content-Type: application/json")
	}

	var body struct {
		Password *string `json:"password"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBody)).Decode(&body); err != nil {
		return "", errors.New("request body must be a JSON object with a string password")
	}
	switch {
	case body.Password == nil:
		return "", errors.New("password is required")
	case utf8.RuneCountInString(*body.Password) < minDatabasePassword:
		return "", fmt.Errorf("password must be longer than or equal to %d characters", minDatabasePassword)
	}
	return *body.Password, nil
}
