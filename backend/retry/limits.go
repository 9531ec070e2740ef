package retry

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rate-limit headers of the Management API. X-RateLimit-Reset is in
// seconds until the window resets, not a point in time.
const (
	headerLimit     = "X-RateLimit-Limit"
	headerRemaining = "X-RateLimit-Remaining"
	headerReset     = "X-RateLimit-Reset"
)

// paceFraction is the share of a window's budget below which requests
// are spaced out: with a limit of 120, pacing starts at 24 remaining.
const paceFraction = 5

// maxBuckets is the number of tracked endpoints above which those whose
// window has ended are dropped.
const maxBuckets = 256

// limits is the rate-limit state of each endpoint, as the latest response
// reported it.
type limits struct {
	mu      sync.Mutex
	buckets map[string]*bucket
}

// bucket is the budget of one endpoint in its current window.
type bucket struct {
	limit     int
	remaining int
	resetAt   time.Time

	// next is the earliest time the next paced request may leave. It is
	// zero while the budget is not low.
	next time.Time
}

func newLimits() *limits {
	return &limits{buckets: map[string]*bucket{}}
}

// bucketKey names the budget that req counts against. Supabase counts per
// identity, scope and endpoint, and the scope of a project or organization
// endpoint is part of its path, so the host and path approximate that key
// for one token. POST /v1/projects is counted per organization in its
// body, which this key cannot see, so all its calls share one budget here,
// which errs on the slow side.
func bucketKey(req *http.Request) string {
	return req.URL.Host + req.URL.Path
}

// reserve returns how long a request must wait before it leaves, and
// counts it against the budget. Once the budget is low, the remaining
// requests are spread evenly over the time left until the reset. When it
// is spent, the request waits for the reset.
func (l *limits) reserve(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()

	b := l.buckets[key]
	if b == nil || !now.Before(b.resetAt) {
		return 0
	}
	if b.remaining <= 0 {
		return b.resetAt.Sub(now)
	}

	left := b.remaining
	b.remaining--
	if left > b.limit/paceFraction {
		return 0
	}
	interval := b.resetAt.Sub(now) / time.Duration(left)
	start := now
	if b.next.After(now) {
		start = b.next
	}
	b.next = start.Add(interval)
	return start.Sub(now)
}

// update records the rate-limit headers of a response. A response without
// them, such as one from a proxy, changes nothing.
func (l *limits) update(key string, h http.Header, now time.Time) {
	remaining, okRemaining := headerInt(h, headerRemaining)
	reset, okReset := headerInt(h, headerReset)
	if !okRemaining || !okReset {
		return
	}
	limit, _ := headerInt(h, headerLimit)

	l.mu.Lock()
	defer l.mu.Unlock()

	if len(l.buckets) >= maxBuckets {
		l.pruneLocked(now)
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{}
		l.buckets[key] = b
	}
	b.limit = limit
	b.remaining = remaining
	b.resetAt = now.Add(time.Duration(reset) * time.Second)
	if remaining > limit/paceFraction {
		b.next = time.Time{}
	}
}

// pruneLocked drops the buckets whose window has ended.
func (l *limits) pruneLocked(now time.Time) {
	for key, b := range l.buckets {
		if !now.Before(b.resetAt) {
			delete(l.buckets, key)
		}
	}
}

// resetWait returns the wait that a 429 response requests:
// X-RateLimit-Reset, else Retry-After in seconds (RFC 9110, section
// 10.2.3). known is false when neither header is usable.
func resetWait(h http.Header) (wait time.Duration, known bool) {
	for _, name := range []string{headerReset, "Retry-After"} {
		if seconds, ok := headerInt(h, name); ok && seconds > 0 {
			return time.Duration(seconds) * time.Second, true
		}
	}
	return 0, false
}

// headerInt parses a header holding a non-negative whole number.
func headerInt(h http.Header, name string) (int, bool) {
	value := strings.TrimSpace(h.Get(name))
	if value == "" {
		return 0, false
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}
