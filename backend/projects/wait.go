package projects

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// Project statuses that WaitUntilReady treats specially.
const (
	statusActiveHealthy = "ACTIVE_HEALTHY"
	statusComingUp      = "COMING_UP"
)

// failedStatuses are the project statuses from which a project does not
// become ready by waiting. INACTIVE and PAUSING mean it is being paused.
// Any other status, including ACTIVE_UNHEALTHY and statuses added to the
// API later, keeps the wait going until the time limit.
var failedStatuses = []string{
	"INIT_FAILED", "RESTORE_FAILED", "PAUSE_FAILED", "REMOVED", "GOING_DOWN", "INACTIVE", "PAUSING",
}

// WaitUntilReady polls a project until it is ACTIVE_HEALTHY and the
// services of WaitOptions are healthy, calling report after every poll.
// Polls back off exponentially from PollInterval to MaxPollInterval.
//
// It returns the last Progress and nil when the project is ready, an
// error matching ErrProjectFailed when the project reaches a failed
// status, one matching ErrWaitTimedOut after the time limit, and
// ctx.Err() when ctx ends. Network errors and responses with status 429
// or 5xx are retried, and other API errors end the wait. The report
// callback runs on the calling goroutine.
func (s *Service) WaitUntilReady(ctx context.Context, ref string, report func(Progress)) (Progress, error) {
	if err := checkRef(ref); err != nil {
		return Progress{}, err
	}
	api, err := s.client()
	if err != nil {
		return Progress{}, err
	}
	if report == nil {
		report = func(Progress) {}
	}

	opts := s.opts.Wait
	start := s.opts.Now()
	interval := opts.PollInterval
	progress := Progress{Ref: ref, Services: []supabase.ServiceHealth{}}
	for attempt := 1; ; attempt++ {
		var done bool
		progress.Attempt = attempt
		progress, done, err = s.poll(ctx, api, progress)
		elapsed := s.opts.Now().Sub(start)
		progress.ElapsedMillis = elapsed.Milliseconds()

		switch {
		case ctx.Err() != nil:
			return progress, fmt.Errorf("projects: wait for %s: %w", ref, ctx.Err())
		case done:
			report(progress)
			return progress, err
		case elapsed >= opts.Timeout:
			progress.Stage = StageTimedOut
			report(progress)
			return progress, fmt.Errorf("projects: project %s after %s: %w", ref, opts.Timeout, ErrWaitTimedOut)
		}

		report(progress)
		if err := s.opts.Sleep(ctx, min(interval, opts.Timeout-elapsed)); err != nil {
			return progress, fmt.Errorf("projects: wait for %s: %w", ref, err)
		}
		interval = min(interval*2, opts.MaxPollInterval)
	}
}

// poll reads the project and, while it is COMING_UP or ACTIVE_HEALTHY,
// the health of its services. It returns the updated progress and whether
// the wait is over, with the error that ends it, if any.
func (s *Service) poll(ctx context.Context, api API, p Progress) (Progress, bool, error) {
	p.RetryError = ""
	project, err := api.Project(ctx, p.Ref)
	if err != nil {
		return s.pollFailed(ctx, p, err)
	}

	p.Status = project.Status
	if slices.Contains(failedStatuses, project.Status) {
		p.Stage = StageFailed
		return p, true, fmt.Errorf("projects: project %s has status %s: %w", p.Ref, project.Status, ErrProjectFailed)
	}
	p.Stage = StageStarting
	if project.Status == statusActiveHealthy {
		p.Stage = StageServices
	}
	if project.Status != statusComingUp && project.Status != statusActiveHealthy {
		return p, false, nil
	}

	health, err := api.ProjectHealth(ctx, p.Ref, s.opts.Wait.Services...)
	switch {
	case err == nil:
		p.Services = health
	case project.Status == statusComingUp || retryable(ctx, err):
		// Health often fails while a project starts, so the next poll
		// requests it again.
		p.RetryError = err.Error()
		return p, false, nil
	default:
		// The project reports itself healthy and its health cannot be
		// read with this session, so the project status decides.
		s.log.Warn("projects: health check failed, relying on the project status", "ref", p.Ref, "error", err)
		p.Stage = StageReady
		return p, true, nil
	}

	if project.Status == statusActiveHealthy && allHealthy(health, s.opts.Wait.Services) {
		p.Stage = StageReady
		return p, true, nil
	}
	return p, false, nil
}

// pollFailed handles an error of GET /v1/projects/{ref}: it keeps waiting
// after a retryable error and ends the wait otherwise.
func (s *Service) pollFailed(ctx context.Context, p Progress, err error) (Progress, bool, error) {
	if p.Stage == "" {
		p.Stage = StageStarting
	}
	if retryable(ctx, err) {
		s.log.Info("projects: polling the project failed, retrying", "ref", p.Ref, "error", err)
		p.RetryError = err.Error()
		return p, false, nil
	}
	p.Stage = StageFailed
	return p, true, fmt.Errorf("projects: wait for %s: %w", p.Ref, err)
}

// retryable reports whether a poll that failed with err is worth
// repeating: a network error while ctx is live, 429, or a 5xx status.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, supabase.ErrInvalidInput) {
		return false
	}
	var apiErr *supabase.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Status == http.StatusTooManyRequests || apiErr.Status >= 500
	}
	return true
}

// allHealthy reports whether every service in names is in health and
// healthy.
func allHealthy(health []supabase.ServiceHealth, names []string) bool {
	for _, name := range names {
		i := slices.IndexFunc(health, func(h supabase.ServiceHealth) bool { return h.Name == name })
		if i < 0 || !health[i].Healthy() {
			return false
		}
	}
	return true
}
