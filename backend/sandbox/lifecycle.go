package sandbox

import (
	"strings"
	"time"
)

// Project statuses that the sandbox sets itself. The API's enum has more.
const (
	statusActiveHealthy = "ACTIVE_HEALTHY"
	statusComingUp      = "COMING_UP"
	statusInitFailed    = "INIT_FAILED"
)

// lifecycle is the rest of a new project's creation: at readyAt its
// status becomes final.
type lifecycle struct {
	readyAt time.Time
	final   string
}

// finalStatus returns the status in which a new project named name ends:
// INIT_FAILED when the name contains marker, compared case-insensitively,
// and ACTIVE_HEALTHY otherwise.
func finalStatus(name, marker string) string {
	if marker != "" && strings.Contains(strings.ToLower(name), strings.ToLower(marker)) {
		return statusInitFailed
	}
	return statusActiveHealthy
}

// addProject stores a new project with its secrets. Its status changes to
// lc.final at lc.readyAt.
func (st *store) addProject(p Project, secrets *projectSecrets, lc lifecycle) {
	st.mu.Lock()
	defer st.mu.Unlock()

	st.projects = append(st.projects, p)
	st.secrets[p.Ref] = secrets
	st.pending[p.Ref] = lc
}

// hasRef reports whether a project with ref exists, in any organization.
func (st *store) hasRef(ref string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()

	_, ok := st.secrets[ref]
	return ok
}

// advanceLocked gives every project whose creation has finished by now
// its final status. The caller holds st.mu.
func (st *store) advanceLocked() {
	if len(st.pending) == 0 {
		return
	}
	now := st.now()
	for i := range st.projects {
		p := &st.projects[i]
		lc, ok := st.pending[p.Ref]
		if !ok || now.Before(lc.readyAt) {
			continue
		}
		p.Status = lc.final
		p.Database.Status = databaseStatus(lc.final)
		delete(st.pending, p.Ref)
	}
}

// serviceStatus returns the health status of every service of a project
// with the given project status, and the error text for an unhealthy
// service.
func serviceStatus(projectStatus string) (string, string) {
	switch projectStatus {
	case statusActiveHealthy:
		return "ACTIVE_HEALTHY", ""
	case statusComingUp, "UNKNOWN", "RESTORING", "RESTARTING", "UPGRADING", "RESIZING":
		return "COMING_UP", ""
	case statusInitFailed:
		return "UNHEALTHY", "project failed to initialize"
	case "INACTIVE", "PAUSING":
		return "UNHEALTHY", "project is paused"
	default:
		return "UNHEALTHY", "project status is " + projectStatus
	}
}
