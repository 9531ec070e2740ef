package supabase

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
)

var refPattern = regexp.MustCompile(`^[a-z]{20}$`)

// Projects lists every project the token can reach, across organizations
// (GET /v1/projects). This endpoint is not paginated; prefer
// OrganizationProjects for one organization.
func (c *Client) Projects(ctx context.Context) ([]Project, error) {
	var wire []projectWire
	if err := c.get(ctx, "/v1/projects", nil, &wire); err != nil {
		return nil, err
	}
	projects := make([]Project, len(wire))
	for i, w := range wire {
		projects[i] = w.project("")
	}
	return projects, nil
}

// Project returns one project by its ref (GET /v1/projects/{ref}).
func (c *Client) Project(ctx context.Context, ref string) (Project, error) {
	if err := checkRef(ref); err != nil {
		return Project{}, err
	}
	var wire projectWire
	if err := c.get(ctx, projectPath(ref, ""), nil, &wire); err != nil {
		return Project{}, err
	}
	return wire.project(""), nil
}

// Profile returns the user behind the token (GET /v1/profile).
func (c *Client) Profile(ctx context.Context) (Profile, error) {
	var wire profileWire
	if err := c.get(ctx, "/v1/profile", nil, &wire); err != nil {
		return Profile{}, err
	}
	return Profile{ID: wire.GotrueID, Email: wire.PrimaryEmail, Username: wire.Username}, nil
}

// checkRef rejects a string that is not a project ref.
func checkRef(ref string) error {
	if !refPattern.MatchString(ref) {
		return fmt.Errorf("%w: project ref %q: a ref is 20 lowercase letters", ErrInvalidInput, ref)
	}
	return nil
}

// projectPath returns the path of a project's endpoint: /v1/projects/{ref}
// followed by suffix, such as "/health".
func projectPath(ref, suffix string) string {
	return "/v1/projects/" + url.PathEscape(ref) + suffix
}
