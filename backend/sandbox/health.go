package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// maxHealthTimeout is the maximum of the timeout_ms parameter.
const maxHealthTimeout = 10000

// healthServices are the values of the services parameter.
var healthServices = []string{"auth", "db", "db_postgres_user", "pooler", "realtime", "rest", "storage", "pg_bouncer"}

// serviceHealth is V1ServiceHealthResponse. Healthy is deprecated in
// favor of Status but still required.
type serviceHealth struct {
	Name    string `json:"name"`
	Healthy bool   `json:"healthy"`
	Status  string `json:"status"`
	Info    any    `json:"info,omitempty"`
	Error   string `json:"error,omitempty"`
}

// authInfo, realtimeInfo and restInfo are the three shapes of the info
// field: GoTrue's version, Realtime's connection state and PostgREST's
// exposed schemas.
type (
	authInfo struct {
		Name        string `json:"name"`
		Version     string `json:"version"`
		Description string `json:"description"`
	}
	realtimeInfo struct {
		Healthy              bool `json:"healthy"`
		DBConnected          bool `json:"db_connected"`
		ReplicationConnected bool `json:"replication_connected"`
		ConnectedCluster     int  `json:"connected_cluster"`
	}
	restInfo struct {
		DBSchema string `json:"db_schema"`
	}
)

// handleHealth serves GET /v1/projects/{ref}/health: one entry per
// requested service, in request order without repeats. Every service
// follows the project status: COMING_UP while the project is created,
// ACTIVE_HEALTHY once it is, and UNHEALTHY with an error otherwise.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request, sc scope) {
	services, err := parseHealthQuery(r.URL.Query())
	if err != nil {
		s.log.Info("sandbox: invalid query", "path", r.URL.Path, "reason", err)
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}
	project, ok := s.projectFromPath(w, r, sc)
	if !ok {
		return
	}

	status, reason := serviceStatus(project.Status)
	entries := []serviceHealth{}
	for _, name := range services {
		entry := serviceHealth{Name: name, Healthy: status == statusActiveHealthy, Status: status, Error: reason}
		if entry.Healthy {
			entry.Info = serviceInfo(name)
		}
		entries = append(entries, entry)
	}
	writeJSON(w, http.StatusOK, entries)
}

// parseHealthQuery validates the services and timeout_ms parameters and
// returns the services without repeats. The sandbox responds at once,
// so the timeout is not used.
func parseHealthQuery(query url.Values) ([]string, error) {
	if len(query["services"]) == 0 {
		return nil, fmt.Errorf("services is required: repeat it for each service, as in services=db&services=auth")
	}
	var services []string
	for _, name := range query["services"] {
		if !slices.Contains(healthServices, name) {
			return nil, fmt.Errorf("invalid service %q: use one of %s", name, strings.Join(healthServices, ", "))
		}
		if !slices.Contains(services, name) {
			services = append(services, name)
		}
	}
	if _, err := intParam(query, "timeout_ms", 0, 0, maxHealthTimeout); err != nil {
		return nil, err
	}
	return services, nil
}

// serviceInfo returns the info of a healthy service, or nil for services
// that report none.
func serviceInfo(name string) any {
	switch name {
	case "auth":
		return authInfo{Name: "GoTrue", Version: "v2.177.0", Description: "GoTrue is a user registration and authentication API"}
	case "realtime":
		return realtimeInfo{Healthy: true, DBConnected: true, ReplicationConnected: true, ConnectedCluster: 1}
	case "rest":
		return restInfo{DBSchema: "public,graphql_public"}
	}
	return nil
}
