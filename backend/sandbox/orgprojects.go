package sandbox

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxProjectLimit is the maximum and default page size of
// GET /v1/organizations/{slug}/projects.
const maxProjectLimit = 100

var (
	// projectSorts are the sort orders of the projects of an organization.
	projectSorts = []string{"name_asc", "name_desc", "created_asc", "created_desc"}

	// filterStatuses are the statuses that the statuses parameter accepts.
	filterStatuses = []string{"ACTIVE_HEALTHY", "INACTIVE"}
)

// organizationProjects is OrganizationProjectsResponse.
type organizationProjects struct {
	Projects   []organizationProject `json:"projects"`
	Pagination pagination            `json:"pagination"`
}

// organizationProject is an entry of OrganizationProjectsResponse.
type organizationProject struct {
	Ref           string            `json:"ref"`
	Name          string            `json:"name"`
	CloudProvider string            `json:"cloud_provider"`
	Region        string            `json:"region"`
	IsBranch      bool              `json:"is_branch"`
	Status        string            `json:"status"`
	InsertedAt    string            `json:"inserted_at"`
	Databases     []projectDatabase `json:"databases"`
}

// projectDatabase is an entry of the databases of an organizationProject.
type projectDatabase struct {
	InfraComputeSize string `json:"infra_compute_size"`
	Region           string `json:"region"`
	Status           string `json:"status"`
	CloudProvider    string `json:"cloud_provider"`
	Identifier       string `json:"identifier"`
	Type             string `json:"type"`
}

// pagination describes one page: count is the number of projects on all
// pages together.
type pagination struct {
	Count  int `json:"count"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// projectQuery is the parsed query of GET /v1/organizations/{slug}/projects.
type projectQuery struct {
	offset   int
	limit    int
	search   string
	sort     string
	statuses []string // empty means every status
}

// handleOrganizationProjects serves GET /v1/organizations/{slug}/projects:
// one page of the organization's projects, filtered and sorted as the
// query requests. An invalid query parameter gets 400 with a message.
func (s *Server) handleOrganizationProjects(w http.ResponseWriter, r *http.Request, sc scope) {
	org, ok := s.organizationFromPath(w, r, sc)
	if !ok {
		return
	}
	query, err := parseProjectQuery(r.URL.Query())
	if err != nil {
		s.log.Info("sandbox: invalid query", "path", r.URL.Path, "reason", err)
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}

	var projects []Project
	for _, p := range s.data.listProjects(sc) {
		if p.OrganizationSlug == org.Slug {
			projects = append(projects, p)
		}
	}
	page, count := query.apply(projects)

	response := organizationProjects{
		Projects:   []organizationProject{},
		Pagination: pagination{Count: count, Limit: query.limit, Offset: query.offset},
	}
	for _, p := range page {
		response.Projects = append(response.Projects, organizationProjectResponse(p))
	}
	writeJSON(w, http.StatusOK, response)
}

// parseProjectQuery validates and parses the query parameters offset,
// limit, search, sort and statuses, and applies their defaults.
func parseProjectQuery(values url.Values) (projectQuery, error) {
	for _, name := range []string{"offset", "limit", "search", "sort", "statuses"} {
		if len(values[name]) > 1 {
			return projectQuery{}, fmt.Errorf("query parameter %s must not be repeated", name)
		}
	}

	query := projectQuery{search: values.Get("search"), sort: "name_asc"}
	var err error
	if query.offset, err = intParam(values, "offset", 0, 0, math.MaxInt); err != nil {
		return projectQuery{}, err
	}
	if query.limit, err = intParam(values, "limit", maxProjectLimit, 1, maxProjectLimit); err != nil {
		return projectQuery{}, err
	}

	if values.Has("sort") {
		query.sort = values.Get("sort")
		if !slices.Contains(projectSorts, query.sort) {
			return projectQuery{}, fmt.Errorf("invalid sort %q: use one of %s", query.sort, strings.Join(projectSorts, ", "))
		}
	}
	if values.Has("statuses") {
		for _, status := range strings.Split(values.Get("statuses"), ",") {
			status = strings.TrimSpace(status)
			if !slices.Contains(filterStatuses, status) {
				return projectQuery{}, fmt.Errorf("invalid status %q in statuses: use a comma-separated list of %s",
					status, strings.Join(filterStatuses, ", "))
			}
			query.statuses = append(query.statuses, status)
		}
	}
	return query, nil
}

// intParam parses an integer query parameter that must lie from minimum to
// maximum. A missing parameter has the value fallback.
func intParam(values url.Values, name string, fallback, minimum, maximum int) (int, error) {
	if !values.Has(name) {
		return fallback, nil
	}

	n, err := strconv.Atoi(values.Get(name))
	if err == nil && n >= minimum && n <= maximum {
		return n, nil
	}
	if maximum == math.MaxInt {
		return 0, fmt.Errorf("invalid %s %q: use a whole number of at least %d", name, values.Get(name), minimum)
	}
	return 0, fmt.Errorf("invalid %s %q: use a whole number from %d to %d", name, values.Get(name), minimum, maximum)
}

// apply filters and sorts projects and returns the requested page and the
// number of projects on all pages.
func (q projectQuery) apply(projects []Project) ([]Project, int) {
	var matched []Project
	search := strings.ToLower(q.search)
	for _, p := range projects {
		if search != "" && !strings.Contains(strings.ToLower(p.Name), search) {
			continue
		}
		if len(q.statuses) > 0 && !slices.Contains(q.statuses, p.Status) {
			continue
		}
		matched = append(matched, p)
	}

	slices.SortStableFunc(matched, q.compare)
	start := min(q.offset, len(matched))
	end := min(start+q.limit, len(matched))
	return matched[start:end], len(matched)
}

// compare orders two projects by the query's sort order, then by ref, so
// that pages never overlap.
func (q projectQuery) compare(a, b Project) int {
	var order int
	switch q.sort {
	case "name_asc":
		order = cmp.Compare(a.Name, b.Name)
	case "name_desc":
		order = cmp.Compare(b.Name, a.Name)
	case "created_asc":
		order = a.CreatedAt.Compare(b.CreatedAt)
	case "created_desc":
		order = b.CreatedAt.Compare(a.CreatedAt)
	}
	return cmp.Or(order, cmp.Compare(a.Ref, b.Ref))
}

// organizationProjectResponse converts a project to its entry in
// OrganizationProjectsResponse, with its primary database.
func organizationProjectResponse(p Project) organizationProject {
	return organizationProject{
		Ref:           p.Ref,
		Name:          p.Name,
		CloudProvider: p.CloudProvider,
		Region:        p.Region,
		IsBranch:      p.IsBranch,
		Status:        p.Status,
		InsertedAt:    p.CreatedAt.UTC().Format(time.RFC3339),
		Databases: []projectDatabase{{
			InfraComputeSize: p.Database.ComputeSize,
			Region:           p.Region,
			Status:           p.Database.Status,
			CloudProvider:    p.CloudProvider,
			Identifier:       p.Ref,
			Type:             "PRIMARY",
		}},
	}
}
