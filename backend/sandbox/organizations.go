package sandbox

import (
	"net/http"
	"slices"
)

// profileResponse is V1ProfileResponse.
type profileResponse struct {
	GotrueID     string `json:"gotrue_id"`
	PrimaryEmail string `json:"primary_email"`
	Username     string `json:"username"`
}

// organizationSummary is OrganizationResponseV1, an entry of
// GET /v1/organizations.
type organizationSummary struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// organizationDetail is V1OrganizationSlugResponse.
type organizationDetail struct {
	ID                     string   `json:"id"`
	Name                   string   `json:"name"`
	Plan                   string   `json:"plan"`
	OptInTags              []string `json:"opt_in_tags"`
	AllowedReleaseChannels []string `json:"allowed_release_channels"`
}

// handleProfile serves GET /v1/profile. Every token reaches the profile,
// whatever its organizations.
func (s *Server) handleProfile(w http.ResponseWriter, _ *http.Request, _ scope) {
	profile := s.data.getProfile()
	writeJSON(w, http.StatusOK, profileResponse{
		GotrueID:     profile.GotrueID,
		PrimaryEmail: profile.PrimaryEmail,
		Username:     profile.Username,
	})
}

// handleOrganizations serves GET /v1/organizations: the organizations
// that the token reaches.
func (s *Server) handleOrganizations(w http.ResponseWriter, _ *http.Request, sc scope) {
	summaries := []organizationSummary{}
	for _, org := range s.data.listOrganizations(sc) {
		summaries = append(summaries, organizationSummary{ID: org.ID, Slug: org.Slug, Name: org.Name})
	}
	writeJSON(w, http.StatusOK, summaries)
}

// handleOrganization serves GET /v1/organizations/{slug}. An organization
// that the token does not reach gets the same 404 as an unknown one.
func (s *Server) handleOrganization(w http.ResponseWriter, r *http.Request, sc scope) {
	org, ok := s.organizationFromPath(w, r, sc)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, organizationDetail{
		ID:                     org.ID,
		Name:                   org.Name,
		Plan:                   org.Plan,
		OptInTags:              nonNil(org.OptInTags),
		AllowedReleaseChannels: nonNil(org.AllowedReleaseChannels),
	})
}

// organizationFromPath returns the organization named by the {slug} path
// value. When the slug is invalid or the token does not reach it, it sends
// the error response and returns false.
func (s *Server) organizationFromPath(w http.ResponseWriter, r *http.Request, sc scope) (Organization, bool) {
	slug := r.PathValue("slug")
	if !organizationSlugFormat.MatchString(slug) {
		writeMessage(w, http.StatusBadRequest, "invalid organization slug: use letters, digits, _ and -")
		return Organization{}, false
	}

	org, ok := s.data.findOrganization(sc, slug)
	if !ok {
		s.log.Info("sandbox: organization not found", "organization", slug)
		writeMessage(w, http.StatusNotFound, "Organization not found")
		return Organization{}, false
	}
	return org, true
}

// nonNil returns values, or an empty slice when it is nil, so that JSON
// encodes an array where the schema requires one.
func nonNil(values []string) []string {
	if values == nil {
		return []string{}
	}
	return slices.Clone(values)
}
