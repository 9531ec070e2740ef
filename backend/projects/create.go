package projects

import (
	"context"
	"fmt"
	"strings"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// CreateRequest is the input of Create. Its String method leaves out the
// password.
type CreateRequest struct {
	OrganizationSlug string                   `json:"organizationSlug"`
	Name             string                   `json:"name"`
	Region           supabase.RegionSelection `json:"region"`

	// Password is a database password that the user typed. Empty means
	// a generated one, which is what the app offers by default. A typed
	// password that EstimateStrength rates weak is rejected.
	Password string `json:"password,omitempty"`
}

// String describes r without its password.
func (r CreateRequest) String() string {
	return fmt.Sprintf("project %q in %s, region %s %s", r.Name, r.OrganizationSlug, r.Region.Type, r.Region.Code)
}

// GoString describes r for the %#v verb without its password.
func (r CreateRequest) GoString() string {
	return "projects.CreateRequest{" + r.String() + "}"
}

// Created is the outcome of Create.
type Created struct {
	// Project is the new project, usually COMING_UP. Pass its ref to
	// WaitUntilReady.
	Project supabase.Project `json:"project"`

	// GeneratedPassword reports whether the app generated the database
	// password. Password returns it either way.
	GeneratedPassword bool `json:"generatedPassword"`
}

// Create creates a project and saves its database password in the
// keychain under the project's ref.
//
// The password is saved under a pending entry before POST /v1/projects is
// sent, so it survives a crash or a lost response. The POST is sent once.
// When the API rejects it, the pending entry is deleted. When no response
// arrives, Create looks the project up by name. If the project is not
// found, the error matches ErrOutcomeUnknown and the entry stays for
// Recover. When the project was created but the password could not be
// moved to its entry, Create returns the project together with an error
// matching ErrPasswordNotCommitted.
func (s *Service) Create(ctx context.Context, req CreateRequest) (Created, error) {
	name, err := ValidateName(req.Name)
	if err != nil {
		return Created{}, err
	}
	pw, generated, err := choosePassword(req.Password)
	if err != nil {
		return Created{}, err
	}
	api, err := s.client()
	if err != nil {
		return Created{}, err
	}
	if err := ctx.Err(); err != nil {
		return Created{}, fmt.Errorf("projects: create %q: %w", name, err)
	}

	pending := PendingPassword{Kind: PendingCreate, OrganizationSlug: req.OrganizationSlug,
		Name: name, Password: pw, CreatedAt: s.opts.Now()}
	id, err := s.pending.add(pending)
	if err != nil {
		return Created{}, err
	}
	pending.ID = id

	project, err := api.CreateProject(ctx, supabase.CreateProjectRequest{
		Name: name, OrganizationSlug: req.OrganizationSlug, DBPass: pw, Region: req.Region,
	})
	if err != nil {
		project, err = s.afterCreateFailed(ctx, api, pending, err)
		if err != nil {
			return Created{}, err
		}
	}
	return s.finishCreate(pending, project, generated)
}

// choosePassword returns the typed password, or a generated one when it
// is empty, and whether it was generated.
func choosePassword(typed string) (string, bool, error) {
	if typed == "" {
		pw, err := GeneratePassword()
		return pw, true, err
	}
	if strength := EstimateStrength(typed); strength.Level == StrengthWeak {
		return "", false, fmt.Errorf("projects: %w (%s): use at least 12 characters that mix letters, digits and symbols, or the generated password",
			ErrWeakPassword, strings.ReplaceAll(string(strength.Reason), "_", " "))
	}
	return typed, false, nil
}

// afterCreateFailed handles a failed POST. A rejection deletes the pending
// entry. Without a response, the project is looked up by name, and a
// match is returned as if the POST had succeeded.
func (s *Service) afterCreateFailed(ctx context.Context, api API, pending PendingPassword, postErr error) (supabase.Project, error) {
	if isRejection(postErr) {
		s.discardQuietly(pending.ID)
		return supabase.Project{}, fmt.Errorf("projects: create %q: %w", pending.Name, postErr)
	}

	s.log.Warn("projects: project creation got no response", "organization", pending.OrganizationSlug,
		"pending", pending.ID, "error", postErr)
	if ctx.Err() == nil {
		match, err := s.findCreated(ctx, api, pending)
		if err == nil && match.found {
			s.log.Info("projects: found the project after a lost response", "ref", match.project.Ref)
			return match.project, nil
		}
	}
	return supabase.Project{}, fmt.Errorf("projects: create %q: %w: %w", pending.Name, ErrOutcomeUnknown, postErr)
}

// finishCreate moves the password of a created project from its pending
// entry to the project's entry.
func (s *Service) finishCreate(pending PendingPassword, project supabase.Project, generated bool) (Created, error) {
	created := Created{Project: project, GeneratedPassword: generated}
	s.log.Info("projects: project created", "ref", project.Ref, "organization", pending.OrganizationSlug)

	if err := s.commit(pending.ID, project.Ref, pending.Password); err != nil {
		s.log.Error("projects: saving the new project's password failed", "ref", project.Ref,
			"pending", pending.ID, "error", err)
		return created, fmt.Errorf("projects: project %s: %w: %w", project.Ref, ErrPasswordNotCommitted, err)
	}
	return created, nil
}
