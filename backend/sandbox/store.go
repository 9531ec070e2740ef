package sandbox

import (
	"slices"
	"sync"
	"time"
)

// Profile is the Supabase user that every sandbox token belongs to.
type Profile struct {
	GotrueID     string // UUID of the user in Supabase Auth
	PrimaryEmail string
	Username     string
}

// Organization is a Supabase organization.
type Organization struct {
	ID   string // deprecated by Supabase in favor of Slug, still returned
	Slug string // matches ^[\w-]+$
	Name string
	Plan string // free, pro, team, enterprise or platform

	OptInTags              []string // such as AI_SQL_GENERATOR_OPT_IN
	AllowedReleaseChannels []string // such as ga and preview
}

// Project is a Supabase project with its primary database.
type Project struct {
	Ref              string // 20 lowercase letters, the project's ID
	Name             string
	OrganizationSlug string
	Region           string // AWS region code, such as us-east-1
	CloudProvider    string // AWS
	Status           string // a project status, such as ACTIVE_HEALTHY
	IsBranch         bool
	CreatedAt        time.Time
	Database         Database
}

// Database is the primary Postgres database of a project.
type Database struct {
	Version        string // Supabase Postgres version, such as 15.8.1.085
	PostgresEngine string // major version, such as 15
	ReleaseChannel string // ga, preview and so on
	ComputeSize    string // instance size, such as nano or micro

	// Status is the database status. Its enum differs from the project
	// status enum: it has no INACTIVE, for example.
	Status string
}

// Host returns the direct connection host of the project's database.
func (p Project) Host() string {
	return "db." + p.Ref + ".supabase.co"
}

// clone returns a copy of o that shares no slices with it.
func (o Organization) clone() Organization {
	o.OptInTags = slices.Clone(o.OptInTags)
	o.AllowedReleaseChannels = slices.Clone(o.AllowedReleaseChannels)
	return o
}

// store contains the account data that the Management API serves. Every
// method returns copies, so callers never share its slices, and every
// read first moves projects whose creation finished to their final
// status.
type store struct {
	mu            sync.Mutex
	now           func() time.Time
	profile       Profile
	organizations []Organization
	projects      []Project

	// secrets holds the keys, pooler host and database password of each
	// project, by ref.
	secrets map[string]*projectSecrets

	// pending holds, by ref, the projects that are still being created.
	pending map[string]lifecycle
}

func newStore(now func() time.Time, profile Profile, organizations []Organization, projects []Project) *store {
	st := &store{
		now:     now,
		profile: profile,
		secrets: map[string]*projectSecrets{},
		pending: map[string]lifecycle{},
	}
	for _, org := range organizations {
		st.organizations = append(st.organizations, org.clone())
	}
	st.projects = slices.Clone(projects)
	for _, p := range projects {
		st.secrets[p.Ref] = newProjectSecrets(p, randomPassword())
	}
	return st
}

func (st *store) getProfile() Profile {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.profile
}

// listOrganizations returns the organizations that scope reaches, in seed
// order.
func (st *store) listOrganizations(sc scope) []Organization {
	st.mu.Lock()
	defer st.mu.Unlock()

	var orgs []Organization
	for _, org := range st.organizations {
		if sc.reaches(org.Slug) {
			orgs = append(orgs, org.clone())
		}
	}
	return orgs
}

// findOrganization returns the organization with slug if scope reaches it.
func (st *store) findOrganization(sc scope, slug string) (Organization, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()

	for _, org := range st.organizations {
		if org.Slug == slug && sc.reaches(slug) {
			return org.clone(), true
		}
	}
	return Organization{}, false
}

// listProjects returns the projects of the organizations that scope
// reaches, in seed order.
func (st *store) listProjects(sc scope) []Project {
	st.mu.Lock()
	defer st.mu.Unlock()

	st.advanceLocked()
	var projects []Project
	for _, p := range st.projects {
		if sc.reaches(p.OrganizationSlug) {
			projects = append(projects, p)
		}
	}
	return projects
}

// findProject returns the project with ref if scope reaches its
// organization.
func (st *store) findProject(sc scope, ref string) (Project, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()

	st.advanceLocked()
	for _, p := range st.projects {
		if p.Ref == ref && sc.reaches(p.OrganizationSlug) {
			return p, true
		}
	}
	return Project{}, false
}

// scope is the set of organizations that a token reaches.
type scope struct {
	all          bool   // every organization, as for a personal access token
	organization string // the one organization, when all is false
}

func (sc scope) reaches(slug string) bool {
	return sc.all || sc.organization == slug
}

// Profile returns the sandbox user.
func (s *Server) Profile() Profile {
	return s.data.getProfile()
}

// Organizations returns every sandbox organization.
func (s *Server) Organizations() []Organization {
	return s.data.listOrganizations(scope{all: true})
}

// Projects returns every sandbox project.
func (s *Server) Projects() []Project {
	return s.data.listProjects(scope{all: true})
}
