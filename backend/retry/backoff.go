package retry

import (
	"context"
	"time"
)

// Sleep waits for d or until ctx ends, whichever comes first, and returns
// ctx's error in the second case.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Backoff returns the delay before retry number attempt, counted from 1:
// base doubled attempt-1 times and capped at maxDelay, of which the first
// half is fixed and the second half scaled by jitter, a number in [0, 1).
// The fixed half keeps retries apart, and the random half keeps many
// clients from retrying in step.
func Backoff(attempt int, base, maxDelay time.Duration, jitter float64) time.Duration {
	d := base
	for i := 1; i < attempt && d < maxDelay; i++ {
		d *= 2
	}
	d = min(d, maxDelay)
	half := d / 2
	return half + time.Duration(jitter*float64(d-half))
}
