package projects

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// clockSkew is how much earlier than its pending entry a project may have
// been created and still be the project of that entry. It covers a clock
// difference between this computer and Supabase.
const clockSkew = 10 * time.Minute

// Recovery is the outcome of Recover.
type Recovery struct {
	// Attached are pending passwords that Recover saved under the project
	// they were created for.
	Attached []AttachedPassword `json:"attached"`

	// Unclaimed are pending passwords that Recover could not attach. The
	// window shows them so the user can save them, attach them with
	// AttachPending or discard them with DiscardPending. They stay in the
	// keychain until then.
	Unclaimed []PendingPassword `json:"unclaimed"`
}

// AttachedPassword names a pending password that Recover attached.
type AttachedPassword struct {
	PendingID        string `json:"pendingId"`
	Ref              string `json:"ref"`
	Name             string `json:"name"`
	OrganizationSlug string `json:"organizationSlug"`
}

// createdMatch is the project that a pending create entry was for.
type createdMatch struct {
	project   supabase.Project
	found     bool
	committed bool // the project's entry already holds the pending password
}

// Recover resolves the pending passwords that an earlier run left
// behind. For each pending create, it looks for a project of that name
// in that organization, created at most clockSkew before the entry, that
// has no other saved password. When exactly one matches, the password is
// saved under its ref. Otherwise, and for every pending reset, the entry
// is returned as unclaimed. An entry is deleted only after its password
// is saved under a project.
//
// Call it once signed in at start, before any Create or ResetPassword,
// because it would return the entries of requests still in flight as
// unclaimed. Entries that could not be checked, for example because the
// network is down, are in neither list. They stay pending, and the error
// names them.
func (s *Service) Recover(ctx context.Context) (Recovery, error) {
	recovery := Recovery{Attached: []AttachedPassword{}, Unclaimed: []PendingPassword{}}
	entries, listErr := s.pending.list()
	if len(entries) == 0 {
		return recovery, listErr
	}
	api, err := s.client()
	if err != nil {
		return recovery, err
	}

	errs := []error{listErr}
	for _, p := range entries {
		if err := s.recoverOne(ctx, api, p, &recovery); err != nil {
			errs = append(errs, err)
		}
	}
	return recovery, errors.Join(errs...)
}

// recoverOne resolves one pending entry into recovery.
func (s *Service) recoverOne(ctx context.Context, api API, p PendingPassword, recovery *Recovery) error {
	if p.Kind != PendingCreate {
		recovery.Unclaimed = append(recovery.Unclaimed, p)
		return nil
	}

	match, err := s.findCreated(ctx, api, p)
	switch {
	case hasStatus(err, http.StatusForbidden) || hasStatus(err, http.StatusNotFound):
		// The session cannot see the organization, so only the user can
		// tell where the password belongs.
		recovery.Unclaimed = append(recovery.Unclaimed, p)
		return nil
	case err != nil:
		return fmt.Errorf("projects: check pending password %s for %q: %w", p.ID, p.Name, err)
	case !match.found:
		recovery.Unclaimed = append(recovery.Unclaimed, p)
		return nil
	}

	if match.committed {
		err = s.pending.remove(p.ID)
	} else {
		err = s.commit(p.ID, match.project.Ref, p.Password)
	}
	if err != nil {
		return err
	}
	s.log.Info("projects: recovered a pending password", "pending", p.ID, "ref", match.project.Ref)
	recovery.Attached = append(recovery.Attached, AttachedPassword{
		PendingID: p.ID, Ref: match.project.Ref, Name: p.Name, OrganizationSlug: p.OrganizationSlug,
	})
	return nil
}

// findCreated looks for the project that a pending create entry was for:
// first among the search results for its name, then, because search
// rules may differ from an exact comparison, among all projects of the
// organization. It reports no match when several projects qualify.
func (s *Service) findCreated(ctx context.Context, api API, p PendingPassword) (createdMatch, error) {
	for _, search := range []string{p.Name, ""} {
		projects, err := api.SearchOrganizationProjects(ctx, p.OrganizationSlug, search)
		if err != nil {
			return createdMatch{}, err
		}
		match, err := s.pickCreated(projects, p)
		if err != nil || match.found {
			return match, err
		}
	}
	return createdMatch{}, nil
}

// pickCreated returns the one project in projects that matches p.
// NOTE: a project of the same name that someone else created in the same
// organization within clockSkew, while the app's own creation failed,
// would be taken for the app's project. Only the names, times and saved
// passwords are there to tell them apart.
func (s *Service) pickCreated(projects []supabase.Project, p PendingPassword) (createdMatch, error) {
	var candidates []supabase.Project
	for _, project := range projects {
		if project.Name != p.Name || createdBefore(project, p.CreatedAt.Add(-clockSkew)) {
			continue
		}
		saved, err := s.store.Get(passwordKey(project.Ref))
		switch {
		case err == nil && saved == p.Password:
			return createdMatch{project: project, found: true, committed: true}, nil
		case err == nil:
			continue
		case !errors.Is(err, keychain.ErrNotFound):
			return createdMatch{}, fmt.Errorf("projects: read the database password of %s: %w", project.Ref, err)
		}
		candidates = append(candidates, project)
	}
	if len(candidates) != 1 {
		return createdMatch{}, nil
	}
	return createdMatch{project: candidates[0], found: true}, nil
}

// createdBefore reports whether the project was created before t. A
// creation time that cannot be parsed never excludes a project.
func createdBefore(project supabase.Project, t time.Time) bool {
	created, err := time.Parse(time.RFC3339Nano, project.CreatedAt)
	return err == nil && created.Before(t)
}

// Pending returns every pending password, oldest first.
func (s *Service) Pending() ([]PendingPassword, error) {
	entries, err := s.pending.list()
	if entries == nil {
		entries = []PendingPassword{}
	}
	return entries, err
}

// AttachPending saves a pending password as the database password of
// ref, replacing any saved one, and deletes the pending entry. The window
// calls it when the user says which project an unclaimed password
// belongs to.
func (s *Service) AttachPending(id, ref string) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	p, err := s.pending.get(id)
	if err != nil {
		return err
	}
	return s.commit(p.ID, ref, p.Password)
}

// DiscardPending deletes a pending password, once the user has saved it
// elsewhere or decided that it is not needed.
func (s *Service) DiscardPending(id string) error {
	if _, err := s.pending.get(id); err != nil {
		return err
	}
	return s.pending.remove(id)
}
