package projects

import (
	"errors"
	"fmt"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

var (
	// ErrOutcomeUnknown means a request that creates a project or changes
	// a password got no response, so it may or may not have taken effect.
	// The password stays in a pending entry for Recover.
	ErrOutcomeUnknown = errors.New("no response arrived, so the request may or may not have succeeded")

	// ErrPasswordNotCommitted means a project was created but its
	// password could not be moved to the project's keychain entry. The
	// password is still in its pending entry, and Recover attaches it.
	ErrPasswordNotCommitted = errors.New("the project was created, but its password could not be saved under it")

	// ErrNoPassword means no database password is saved for the project.
	ErrNoPassword = errors.New("no database password is saved for this project")

	// ErrPendingNotFound means no pending password has the given ID.
	ErrPendingNotFound = errors.New("no pending password has this ID")

	// ErrWeakPassword means a password typed for a new project was rated
	// weak by EstimateStrength. It matches supabase.ErrInvalidInput too.
	ErrWeakPassword = fmt.Errorf("the database password is too weak: %w", supabase.ErrInvalidInput)

	// ErrProjectFailed means a project reached a status from which it
	// does not become ready by waiting, such as INIT_FAILED or INACTIVE.
	ErrProjectFailed = errors.New("the project will not become ready")

	// ErrWaitTimedOut means a project was not ready within the time
	// limit of WaitUntilReady. It may still become ready later.
	ErrWaitTimedOut = errors.New("the project was not ready in time")

	// ErrNoPrimaryPooler means the pooler configuration has no entry for
	// the primary database.
	ErrNoPrimaryPooler = errors.New("the pooler configuration has no primary database")

	// ErrFileExists means WriteEnvFile was asked not to overwrite a file
	// that exists.
	ErrFileExists = errors.New("the file exists already")
)

// isRejection reports whether err shows that the request had no effect:
// a response with a 4xx status, or input that the client rejected before
// sending. A 5xx may come from a proxy after
// the API acted, and a transport error has no response at all.
func isRejection(err error) bool {
	if errors.Is(err, supabase.ErrInvalidInput) {
		return true
	}
	var apiErr *supabase.APIError
	return errors.As(err, &apiErr) && apiErr.Status >= 400 && apiErr.Status < 500
}

// hasStatus reports whether err is an *supabase.APIError with status.
func hasStatus(err error, status int) bool {
	var apiErr *supabase.APIError
	return errors.As(err, &apiErr) && apiErr.Status == status
}
