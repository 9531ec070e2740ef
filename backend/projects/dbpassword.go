package projects

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

const (
	// resetAttempts is how often ResetPassword sends the PATCH when no
	// response arrives. Setting the same password again is harmless.
	resetAttempts = 3

	// resetRetryDelay is the wait before the second attempt. It doubles
	// for each further attempt.
	resetRetryDelay = time.Second
)

// Password returns the saved database password of a project, or an error
// matching ErrNoPassword when none is saved.
func (s *Service) Password(ref string) (string, error) {
	if err := checkRef(ref); err != nil {
		return "", err
	}
	pw, err := s.store.Get(passwordKey(ref))
	if errors.Is(err, keychain.ErrNotFound) {
		return "", fmt.Errorf("projects: project %s: %w", ref, ErrNoPassword)
	}
	if err != nil {
		return "", fmt.Errorf("projects: read the database password of %s: %w", ref, err)
	}
	return pw, nil
}

// SetPassword saves the database password of a project that the app did
// not create, as the user typed it. The password is not checked against
// the database, because the API cannot do that.
func (s *Service) SetPassword(ref, password string) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	if password == "" {
		return fmt.Errorf("projects: %w: the database password is empty", supabase.ErrInvalidInput)
	}
	if err := s.store.Set(passwordKey(ref), password); err != nil {
		return fmt.Errorf("projects: save the database password of %s: %w", ref, err)
	}
	return nil
}

// ForgetPassword deletes the saved database password of a project. The
// database keeps its password.
func (s *Service) ForgetPassword(ref string) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	if err := s.store.Delete(passwordKey(ref)); err != nil {
		return fmt.Errorf("projects: delete the database password of %s: %w", ref, err)
	}
	return nil
}

// ResetPassword gives a project a new generated database password and
// saves it. The password is saved under a pending entry before the PATCH
// is sent and moved to the project's entry after the API accepted it.
//
// When the API rejects the request, the old password stays valid and the
// pending entry is deleted. When no response arrives after three
// attempts, the error matches ErrOutcomeUnknown. The pending entry stays,
// and Recover returns it so the user can try it.
func (s *Service) ResetPassword(ctx context.Context, ref string) error {
	if err := checkRef(ref); err != nil {
		return err
	}
	api, err := s.client()
	if err != nil {
		return err
	}
	pw, err := GeneratePassword()
	if err != nil {
		return err
	}

	id, err := s.pending.add(PendingPassword{Kind: PendingReset, Ref: ref, Password: pw, CreatedAt: s.opts.Now()})
	if err != nil {
		return err
	}
	err = s.updatePassword(ctx, api, ref, pw)
	switch {
	case err == nil:
		s.log.Info("projects: database password reset", "ref", ref)
		if err := s.commit(id, ref, pw); err != nil {
			return err
		}
		s.dropEarlierResets(ref)
		return nil
	case isRejection(err):
		s.discardQuietly(id)
		return fmt.Errorf("projects: reset the database password of %s: %w", ref, err)
	default:
		s.log.Warn("projects: database password reset got no response", "ref", ref, "pending", id, "error", err)
		return fmt.Errorf("projects: reset the database password of %s: %w: %w", ref, ErrOutcomeUnknown, err)
	}
}

// updatePassword sends the PATCH, repeating it when no response arrives,
// which is safe because the password is the same each time.
func (s *Service) updatePassword(ctx context.Context, api API, ref, pw string) error {
	delay := resetRetryDelay
	var err error
	for attempt := 1; attempt <= resetAttempts; attempt++ {
		err = api.UpdateDatabasePassword(ctx, ref, pw)
		if err == nil || isRejection(err) || ctx.Err() != nil || attempt == resetAttempts {
			return err
		}
		s.log.Info("projects: retrying the password reset", "ref", ref, "attempt", attempt, "error", err)
		if sleepErr := s.opts.Sleep(ctx, delay); sleepErr != nil {
			return err
		}
		delay *= 2
	}
	return err
}

// commit saves pw as the password of ref and deletes the pending entry
// id. A failure to delete the entry is only logged: the password is
// saved, and Recover removes an entry whose password the project has.
func (s *Service) commit(id, ref, pw string) error {
	if err := s.store.Set(passwordKey(ref), pw); err != nil {
		return fmt.Errorf("projects: save the database password of %s: %w", ref, err)
	}
	if err := s.pending.remove(id); err != nil {
		s.log.Warn("projects: deleting a committed pending password failed", "pending", id, "ref", ref, "error", err)
	}
	return nil
}

// dropEarlierResets deletes the pending entries of earlier resets of ref
// whose outcome was unknown. The reset that just succeeded replaced their
// passwords, so none of them can be valid.
func (s *Service) dropEarlierResets(ref string) {
	entries, err := s.pending.list()
	if err != nil {
		s.log.Warn("projects: listing pending passwords failed", "error", err)
	}
	for _, p := range entries {
		if p.Kind == PendingReset && p.Ref == ref {
			s.discardQuietly(p.ID)
		}
	}
}

// discardQuietly deletes a pending entry whose request was rejected, so
// its password was never used, and logs a failure.
func (s *Service) discardQuietly(id string) {
	if err := s.pending.remove(id); err != nil {
		s.log.Warn("projects: deleting an unused pending password failed", "pending", id, "error", err)
	}
}
