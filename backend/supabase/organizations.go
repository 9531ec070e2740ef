package supabase

import (
	"context"
	"net/url"
	"strconv"
)

// pageSize is the largest page GET /v1/organizations/{slug}/projects
// returns.
const pageSize = 100

// maxPages bounds the pagination loop against a server whose count never
// stops growing.
const maxPages = 100

// Organizations lists the organizations the token can reach
// (GET /v1/organizations).
func (c *Client) Organizations(ctx context.Context) ([]Organization, error) {
	var wire []organizationWire
	if err := c.get(ctx, "/v1/organizations", nil, &wire); err != nil {
		return nil, err
	}
	orgs := make([]Organization, len(wire))
	for i, w := range wire {
		orgs[i] = Organization{Slug: w.Slug, Name: w.Name}
	}
	return orgs, nil
}

// OrganizationProjects lists the projects of one organization, reading
// every page of GET /v1/organizations/{slug}/projects.
func (c *Client) OrganizationProjects(ctx context.Context, slug string) ([]Project, error) {
	return c.organizationProjects(ctx, slug, "")
}

// SearchOrganizationProjects lists the projects of one organization whose
// names match search, reading every page. Supabase matches part of the
// name, so callers that want one name compare the results themselves.
func (c *Client) SearchOrganizationProjects(ctx context.Context, slug, search string) ([]Project, error) {
	return c.organizationProjects(ctx, slug, search)
}

// organizationProjects reads every page of the organization's projects,
// filtered by search unless it is empty.
func (c *Client) organizationProjects(ctx context.Context, slug, search string) ([]Project, error) {
	if err := checkSlug(slug); err != nil {
		return nil, err
	}

	path := "/v1/organizations/" + url.PathEscape(slug) + "/projects"
	projects := []Project{}
	for page := 0; page < maxPages; page++ {
		query := url.Values{
			"offset": {strconv.Itoa(len(projects))},
			"limit":  {strconv.Itoa(pageSize)},
		}
		if search != "" {
			query.Set("search", search)
		}
		var body organizationProjectsPage
		if err := c.get(ctx, path, query, &body); err != nil {
			return nil, err
		}
		for _, w := range body.Projects {
			projects = append(projects, w.project(slug))
		}
		if len(body.Projects) == 0 || len(projects) >= body.Pagination.Count {
			break
		}
	}
	return projects, nil
}
