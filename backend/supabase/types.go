package supabase

// Organization is a Supabase organization, identified by its slug. The
// numeric-looking id that the API also returns is deprecated.
type Organization struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// Project is a Supabase project as the project lists return it.
type Project struct {
	Ref              string `json:"ref"`
	Name             string `json:"name"`
	OrganizationSlug string `json:"organizationSlug"`
	Region           string `json:"region"`

	// Status is one of the API's project states, such as ACTIVE_HEALTHY,
	// COMING_UP or INACTIVE.
	Status    string `json:"status"`
	CreatedAt string `json:"createdAt"`
}

// Profile is the user behind an access token.
type Profile struct {
	ID       string `json:"id"`
	Email    string `json:"email"`
	Username string `json:"username"`
}

// organizationWire is the body of an entry of GET /v1/organizations.
type organizationWire struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// projectWire is the subset of V1ProjectWithDatabaseResponse and of the
// entries of GET /v1/organizations/{slug}/projects that the app reads.
// Both carry ref, name, region and status; only the first carries
// organization_slug and created_at, and only the second inserted_at.
type projectWire struct {
	Ref              string `json:"ref"`
	Name             string `json:"name"`
	OrganizationSlug string `json:"organization_slug"`
	Region           string `json:"region"`
	Status           string `json:"status"`
	CreatedAt        string `json:"created_at"`
	InsertedAt       string `json:"inserted_at"`
}

func (w projectWire) project(orgSlug string) Project {
	p := Project{
		Ref:              w.Ref,
		Name:             w.Name,
		OrganizationSlug: w.OrganizationSlug,
		Region:           w.Region,
		Status:           w.Status,
		CreatedAt:        w.CreatedAt,
	}
	if p.OrganizationSlug == "" {
		p.OrganizationSlug = orgSlug
	}
	if p.CreatedAt == "" {
		p.CreatedAt = w.InsertedAt
	}
	return p
}

type profileWire struct {
	GotrueID     string `json:"gotrue_id"`
	PrimaryEmail string `json:"primary_email"`
	Username     string `json:"username"`
}

type organizationProjectsPage struct {
	Projects   []projectWire `json:"projects"`
	Pagination struct {
		Count  int `json:"count"`
		Limit  int `json:"limit"`
		Offset int `json:"offset"`
	} `json:"pagination"`
}
