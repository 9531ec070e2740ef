package sandbox

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	// maxRequestBody bounds a JSON request body.
	maxRequestBody = 1 << 20

	// maxProjectName is the maxLength of name in V1CreateProjectBody.
	maxProjectName = 256

	// newProjectVersion is the Postgres version of new projects.
	newProjectVersion = "17.4.1.054"
)

// createProjectFields are the properties of V1CreateProjectBody, whose
// additionalProperties is false.
var createProjectFields = []string{
	"db_pass", "name", "organization_id", "organization_slug", "plan", "region",
	"region_selection", "kps_enabled", "desired_instance_size", "template_url",
}

// createProjectBody is V1CreateProjectBody. A null field counts as
// missing. organization_id, plan and kps_enabled are deprecated and
// ignored after their types are checked.
type createProjectBody struct {
	DBPass              *string          `json:"db_pass"`
	Name                *string          `json:"name"`
	OrganizationID      *string          `json:"organization_id"`
	OrganizationSlug    *string          `json:"organization_slug"`
	Plan                *string          `json:"plan"`
	Region              *string          `json:"region"`
	RegionSelection     *regionSelection `json:"region_selection"`
	KPSEnabled          *bool            `json:"kps_enabled"`
	DesiredInstanceSize *string          `json:"desired_instance_size"`
	TemplateURL         *string          `json:"template_url"`
}

// regionSelection is the region_selection of V1CreateProjectBody.
type regionSelection struct {
	Type string `json:"type"`
	Code string `json:"code"`
}

// projectResponse is V1ProjectResponse, the response to POST /v1/projects.
type projectResponse struct {
	ID               string `json:"id"`
	Ref              string `json:"ref"`
	OrganizationID   string `json:"organization_id"`
	OrganizationSlug string `json:"organization_slug"`
	Name             string `json:"name"`
	Region           string `json:"region"`
	CreatedAt        string `json:"created_at"`
	Status           string `json:"status"`
}

// handleCreateProject serves POST /v1/projects. The new project is
// COMING_UP for Options.ProjectReadyAfter and then ACTIVE_HEALTHY, or
// INIT_FAILED when its name contains Options.FailingProjectMarker. An
// invalid body gets 400 with a message, and an organization that the
// token does not reach gets 404.
func (s *Server) handleCreateProject(w http.ResponseWriter, r *http.Request, sc scope) {
	body, err := readCreateProjectBody(r)
	if err == nil {
		err = body.validate()
	}
	if err != nil {
		s.log.Info("sandbox: invalid project creation", "reason", err)
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}

	org, ok := s.data.findOrganization(sc, *body.OrganizationSlug)
	if !ok {
		s.log.Info("sandbox: organization not found", "organization", *body.OrganizationSlug)
		writeMessage(w, http.StatusNotFound, "Organization not found")
		return
	}

	project := s.newProject(body, org)
	s.data.addProject(project, newProjectSecrets(project, *body.DBPass), lifecycle{
		readyAt: project.CreatedAt.Add(s.opts.ProjectReadyAfter),
		final:   finalStatus(project.Name, s.opts.FailingProjectMarker),
	})
	s.log.Info("sandbox: project created", "ref", project.Ref, "organization", org.Slug, "region", project.Region)

	writeJSON(w, http.StatusCreated, projectResponse{
		ID:               project.Ref,
		Ref:              project.Ref,
		OrganizationID:   org.ID,
		OrganizationSlug: org.Slug,
		Name:             project.Name,
		Region:           project.Region,
		CreatedAt:        project.CreatedAt.UTC().Format(time.RFC3339),
		Status:           project.Status,
	})
}

// readCreateProjectBody decodes a JSON request body and rejects fields
// that V1CreateProjectBody does not list, with the message that Supabase's
// validation uses.
func readCreateProjectBody(r *http.Request) (createProjectBody, error) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return createProjectBody{}, errors.New("request body must be JSON: send Content-Type: application/json")
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
	if err != nil {
		return createProjectBody{}, fmt.Errorf("failed to read the request body: %w", err)
	}

	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return createProjectBody{}, errors.New("request body must be a JSON object")
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if !slices.Contains(createProjectFields, name) {
			return createProjectBody{}, fmt.Errorf("property %s should not exist", name)
		}
	}

	var body createProjectBody
	if err := json.Unmarshal(data, &body); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return createProjectBody{}, fmt.Errorf("%s must be a %s", typeErr.Field, typeName(typeErr))
		}
		return createProjectBody{}, errors.New("request body must be a JSON object")
	}
	return body, nil
}

// typeName returns the JSON type that a mistyped field must have.
func typeName(err *json.UnmarshalTypeError) string {
	switch err.Type.Kind().String() {
	case "bool":
		return "boolean"
	case "struct":
		return "object"
	default:
		return err.Type.Kind().String()
	}
}

// validate checks the fields of a creation body against
// V1CreateProjectBody.
func (b createProjectBody) validate() error {
	switch {
	case b.DBPass == nil:
		return errors.New("db_pass is required")
	case *b.DBPass == "":
		return errors.New("db_pass should not be empty")
	case b.Name == nil:
		return errors.New("name is required")
	case strings.TrimSpace(*b.Name) == "":
		return errors.New("name should not be empty")
	case utf8.RuneCountInString(*b.Name) > maxProjectName:
		return fmt.Errorf("name must be shorter than or equal to %d characters", maxProjectName)
	case b.OrganizationSlug == nil:
		return errors.New("organization_slug is required")
	case !organizationSlugFormat.MatchString(*b.OrganizationSlug):
		return fmt.Errorf("invalid organization_slug %q: use letters, digits, _ and -", *b.OrganizationSlug)
	case b.Plan != nil && *b.Plan != "free" && *b.Plan != "pro":
		return errors.New("plan must be one of free, pro")
	case b.DesiredInstanceSize != nil && !slices.Contains(instanceSizes, *b.DesiredInstanceSize):
		return fmt.Errorf("invalid desired_instance_size %q", *b.DesiredInstanceSize)
	case b.TemplateURL != nil && !isAbsoluteURL(*b.TemplateURL):
		return errors.New("template_url must be an absolute URL")
	}
	_, err := b.regionCode()
	return err
}

// regionCode returns the AWS region in which to create the project. A
// smart group becomes its default region.
// NOTE: Supabase may pick a region when the body names none. The sandbox
// rejects such a body, so a client that forgets the region fails.
func (b createProjectBody) regionCode() (string, error) {
	switch {
	case b.Region != nil && b.RegionSelection != nil:
		return "", errors.New("only one of region or region_selection can be specified")
	case b.Region != nil:
		return specificRegion(*b.Region, "region")
	case b.RegionSelection == nil:
		return "", errors.New("region_selection is required")
	}

	selection := *b.RegionSelection
	switch selection.Type {
	case "specific":
		return specificRegion(selection.Code, "region_selection.code")
	case "smartGroup":
		group, ok := findSmartGroup(selection.Code)
		if !ok {
			return "", fmt.Errorf("invalid region_selection.code %q: use americas, emea or apac", selection.Code)
		}
		return group.defaultCode, nil
	}
	return "", fmt.Errorf("invalid region_selection.type %q: use specific or smartGroup", selection.Type)
}

// specificRegion returns code when it names an AWS region, and an error
// that names field otherwise.
func specificRegion(code, field string) (string, error) {
	for _, region := range awsRegions {
		if region.code == code {
			return code, nil
		}
	}
	return "", fmt.Errorf("invalid %s %q: use a code from GET /v1/projects/available-regions", field, code)
}

// isAbsoluteURL reports whether s is a URL with a scheme.
func isAbsoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs()
}

// newProject builds the project that a valid body creates in org.
func (s *Server) newProject(b createProjectBody, org Organization) Project {
	region, _ := b.regionCode()
	size := "micro"
	if org.Plan == "free" {
		size = "nano"
	}
	if b.DesiredInstanceSize != nil {
		size = *b.DesiredInstanceSize
	}

	engine, _, _ := strings.Cut(newProjectVersion, ".")
	return Project{
		Ref:              s.newRef(),
		Name:             *b.Name,
		OrganizationSlug: org.Slug,
		Region:           region,
		CloudProvider:    "AWS",
		Status:           statusComingUp,
		CreatedAt:        s.now().UTC(),
		Database: Database{
			Version:        newProjectVersion,
			PostgresEngine: engine,
			ReleaseChannel: "ga",
			ComputeSize:    size,
			Status:         statusComingUp,
		},
	}
}

// newRef returns a random project ref that no project has.
func (s *Server) newRef() string {
	for {
		ref := make([]byte, 20)
		rand.Read(ref)
		for i, b := range ref {
			ref[i] = 'a' + b%26
		}
		if !s.data.hasRef(string(ref)) {
			return string(ref)
		}
	}
}
