package supabase

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxProjectNameLength is the maxLength of name in V1CreateProjectBody,
// counted in characters.
const maxProjectNameLength = 256

// RegionSelection is the location of a new project: one region, or a
// smart group in which Supabase picks the region.
type RegionSelection struct {
	// Type is RegionSpecific or RegionSmartGroup.
	Type string `json:"type"`

	// Code is a region code, such as eu-central-1, or a smart group code,
	// such as emea. Take it from AvailableRegions.
	Code string `json:"code"`
}

// CreateProjectRequest is the input of CreateProject. Its String,
// GoString and LogValue methods leave out DBPass, so printing or logging
// a request never reveals the password.
type CreateProjectRequest struct {
	Name             string
	OrganizationSlug string
	DBPass           string // the password of the postgres database user
	Region           RegionSelection
}

// String describes r without its password.
func (r CreateProjectRequest) String() string {
	return fmt.Sprintf("project %q in organization %q, region %s %s",
		r.Name, r.OrganizationSlug, r.Region.Type, r.Region.Code)
}

// GoString describes r for the %#v verb without its password.
func (r CreateProjectRequest) GoString() string {
	return "supabase.CreateProjectRequest{" + r.String() + "}"
}

// LogValue describes r for log/slog without its password.
func (r CreateProjectRequest) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("name", r.Name),
		slog.String("organization", r.OrganizationSlug),
		slog.String("region_type", r.Region.Type),
		slog.String("region_code", r.Region.Code),
	)
}

// createProjectBody is the subset of V1CreateProjectBody that the app
// sends. The deprecated region and organization_id fields are never sent,
// and the schema rejects any field it does not list.
type createProjectBody struct {
	Name             string          `json:"name"`
	OrganizationSlug string          `json:"organization_slug"`
	DBPass           string          `json:"db_pass"`
	RegionSelection  RegionSelection `json:"region_selection"`
}

// CreateProject creates a project (POST /v1/projects) and returns it as
// the 201 response describes it, usually with the status COMING_UP or
// UNKNOWN.
//
// The request is sent once and never retried, because a retry after a
// lost response would create a second project. When the error is not an
// *APIError, the project may or may not exist: look it up by name before
// trying again.
func (c *Client) CreateProject(ctx context.Context, r CreateProjectRequest) (Project, error) {
	if err := r.validate(); err != nil {
		return Project{}, err
	}

	body := createProjectBody{
		Name:             r.Name,
		OrganizationSlug: r.OrganizationSlug,
		DBPass:           r.DBPass,
		RegionSelection:  r.Region,
	}
	var wire projectWire
	err := c.do(ctx, request{method: http.MethodPost, path: "/v1/projects", body: body, want: http.StatusCreated}, &wire)
	if err != nil {
		return Project{}, err
	}
	return wire.project(r.OrganizationSlug), nil
}

// validate checks r against V1CreateProjectBody before anything is sent.
func (r CreateProjectRequest) validate() error {
	if err := checkSlug(r.OrganizationSlug); err != nil {
		return err
	}
	switch n := utf8.RuneCountInString(r.Name); {
	case strings.TrimSpace(r.Name) == "":
		return fmt.Errorf("%w: project name is empty", ErrInvalidInput)
	case n > maxProjectNameLength:
		return fmt.Errorf("%w: project name has %d characters, the maximum is %d",
			ErrInvalidInput, n, maxProjectNameLength)
	}
	if r.DBPass == "" {
		return fmt.Errorf("%w: database password is empty", ErrInvalidInput)
	}
	if r.Region.Type != RegionSpecific && r.Region.Type != RegionSmartGroup {
		return fmt.Errorf("%w: region type %q: use %q or %q",
			ErrInvalidInput, r.Region.Type, RegionSpecific, RegionSmartGroup)
	}
	if r.Region.Code == "" {
		return fmt.Errorf("%w: region code is empty", ErrInvalidInput)
	}
	return nil
}
