package supabase

import (
	"context"
	"fmt"
	"net/url"
	"slices"
)

// Service names of GET /v1/projects/{ref}/health.
const (
	ServiceAuth           = "auth"
	ServiceDB             = "db"
	ServiceDBPostgresUser = "db_postgres_user"
	ServicePooler         = "pooler"
	ServiceRealtime       = "realtime"
	ServiceREST           = "rest"
	ServiceStorage        = "storage"
	ServicePgBouncer      = "pg_bouncer"
)

// healthServices are the values that the services parameter accepts.
var healthServices = []string{
	ServiceAuth, ServiceDB, ServiceDBPostgresUser, ServicePooler,
	ServiceRealtime, ServiceREST, ServiceStorage, ServicePgBouncer,
}

// Service health statuses.
const (
	HealthComingUp      = "COMING_UP"
	HealthActiveHealthy = "ACTIVE_HEALTHY"
	HealthUnhealthy     = "UNHEALTHY"
)

// ServiceHealth is the health of one service of a project.
type ServiceHealth struct {
	// Name is a service name, such as ServiceDB.
	Name string `json:"name"`

	// Status is HealthComingUp, HealthActiveHealthy or HealthUnhealthy.
	Status string `json:"status"`

	// Error is the reason the service is unhealthy, when the API gives
	// one.
	Error string `json:"error,omitempty"`
}

// Healthy reports whether the service is up.
func (h ServiceHealth) Healthy() bool {
	return h.Status == HealthActiveHealthy
}

// ProjectHealth returns the health of the named services of a project
// (GET /v1/projects/{ref}/health). At least one service is required.
func (c *Client) ProjectHealth(ctx context.Context, ref string, services ...string) ([]ServiceHealth, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}
	if len(services) == 0 {
		return nil, fmt.Errorf("%w: no service named for the health check", ErrInvalidInput)
	}
	for _, name := range services {
		if !slices.Contains(healthServices, name) {
			return nil, fmt.Errorf("%w: unknown service %q", ErrInvalidInput, name)
		}
	}

	// The parameter is an exploded array: services=db&services=auth.
	query := url.Values{"services": services}
	health := []ServiceHealth{}
	if err := c.get(ctx, projectPath(ref, "/health"), query, &health); err != nil {
		return nil, err
	}
	return health, nil
}
