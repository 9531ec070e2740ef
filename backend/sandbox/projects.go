package sandbox

import (
	"net/http"
	"regexp"
	"time"
)

// projectRefFormat is the pattern of project refs.
var projectRefFormat = regexp.MustCompile(`^[a-z]{20}$`)

// projectWithDatabase is V1ProjectWithDatabaseResponse. The schema still
// requires the deprecated id and organization_id, so they are sent: id is
// the ref and organization_id the organization's ID.
type projectWithDatabase struct {
	ID               string       `json:"id"`
	Ref              string       `json:"ref"`
	OrganizationID   string       `json:"organization_id"`
	OrganizationSlug string       `json:"organization_slug"`
	Name             string       `json:"name"`
	Region           string       `json:"region"`
	CreatedAt        string       `json:"created_at"`
	Status           string       `json:"status"`
	Database         databaseInfo `json:"database"`
}

// databaseInfo is the database object of V1ProjectWithDatabaseResponse.
type databaseInfo struct {
	Host           string `json:"host"`
	Version        string `json:"version"`
	PostgresEngine string `json:"postgres_engine"`
	ReleaseChannel string `json:"release_channel"`
}

// handleProjects serves GET /v1/projects: every project of the
// organizations that the token reaches, without pagination.
func (s *Server) handleProjects(w http.ResponseWriter, _ *http.Request, sc scope) {
	projects := []projectWithDatabase{}
	for _, p := range s.data.listProjects(sc) {
		projects = append(projects, s.projectResponse(p))
	}
	writeJSON(w, http.StatusOK, projects)
}

// handleProject serves GET /v1/projects/{ref}. A project whose
// organization the token does not reach gets the same 404 as an unknown
// one.
func (s *Server) handleProject(w http.ResponseWriter, r *http.Request, sc scope) {
	project, ok := s.projectFromPath(w, r, sc)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, s.projectResponse(project))
}

// projectFromPath returns the project named by the {ref} path value. When
// the ref is invalid or the token does not reach the project, it sends the
// error response and returns false.
func (s *Server) projectFromPath(w http.ResponseWriter, r *http.Request, sc scope) (Project, bool) {
	project, _, ok := s.projectWithSecrets(w, r, sc)
	return project, ok
}

// projectWithSecrets is projectFromPath that also returns the project's
// secrets. A project whose organization the token does not reach gets the
// same 404 as an unknown one.
func (s *Server) projectWithSecrets(w http.ResponseWriter, r *http.Request, sc scope) (Project, projectSecrets, bool) {
	ref := r.PathValue("ref")
	if !projectRefFormat.MatchString(ref) {
		writeMessage(w, http.StatusBadRequest, "invalid project ref: use 20 lowercase letters")
		return Project{}, projectSecrets{}, false
	}

	project, secrets, ok := s.data.projectSecretsFor(sc, ref)
	if !ok {
		s.log.Info("sandbox: project not found", "ref", ref)
		writeMessage(w, http.StatusNotFound, "Project not found")
		return Project{}, projectSecrets{}, false
	}
	return project, secrets, true
}

// projectResponse converts a project to its response shape.
func (s *Server) projectResponse(p Project) projectWithDatabase {
	orgID := ""
	if org, ok := s.data.findOrganization(scope{all: true}, p.OrganizationSlug); ok {
		orgID = org.ID
	}
	return projectWithDatabase{
		ID:               p.Ref,
		Ref:              p.Ref,
		OrganizationID:   orgID,
		OrganizationSlug: p.OrganizationSlug,
		Name:             p.Name,
		Region:           p.Region,
		CreatedAt:        p.CreatedAt.UTC().Format(time.RFC3339),
		Status:           p.Status,
		Database: databaseInfo{
			Host:           p.Host(),
			Version:        p.Database.Version,
			PostgresEngine: p.Database.PostgresEngine,
			ReleaseChannel: p.Database.ReleaseChannel,
		},
	}
}
