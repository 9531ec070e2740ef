// Package retry is an http.RoundTripper for the Supabase Management API
// that keeps to its rate limits and retries transient failures.
//
// Supabase allows 120 requests a minute per identity, scope and endpoint,
// reports the state of that budget in the X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset headers of every response,
// and responds with 429 Too Many Requests once it is spent. The Transport reads
// those headers, spaces requests out when the budget runs low, and after a
// 429 waits until the window resets before it sends an idempotent request
// again.
//
// Network errors and the 5xx statuses 500, 502, 503 and 504 are retried
// with jittered exponential backoff, for idempotent requests only: GET,
// HEAD, PUT, DELETE and OPTIONS (RFC 9110, section 9.2.2). POST and PATCH
// are sent once, because the server may have acted on a request whose
// response was lost. Every wait ends early when the request's context is
// cancelled.
package retry

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"
)

// Defaults for the fields of Options.
const (
	DefaultMaxAttempts     = 4
	DefaultAttemptTimeout  = 30 * time.Second
	DefaultMaxWait         = 3 * time.Minute
	DefaultBaseDelay       = 500 * time.Millisecond
	DefaultMaxDelay        = 8 * time.Second
	DefaultReportWaitsFrom = time.Second
)

// Options configures a Transport. The zero value uses the defaults above.
type Options struct {
	// Base sends each attempt; http.DefaultTransport when nil.
	Base http.RoundTripper

	// MaxAttempts is the maximum number of times one request is sent,
	// the first included.
	MaxAttempts int

	// AttemptTimeout bounds one attempt, from sending the request to
	// closing the response body.
	AttemptTimeout time.Duration

	// MaxWait is the maximum wait for a rate-limit window to reset. When
	// the window resets later, the 429 response is returned at once.
	MaxWait time.Duration

	// BaseDelay and MaxDelay shape the backoff after a network error or a
	// 5xx status: the delay doubles from BaseDelay up to MaxDelay.
	BaseDelay time.Duration
	MaxDelay  time.Duration

	// OnWait, when set, is called before every wait of at least
	// ReportWaitsFrom, with the length of the wait, so the window can show
	// a countdown. It must return quickly.
	OnWait          func(wait time.Duration)
	ReportWaitsFrom time.Duration

	// Logger receives one line per retry and per wait, with the method,
	// the path and the reason, never a header or a body.
	Logger *slog.Logger

	// Now and Sleep are the clock; time.Now and Sleep when nil. Tests
	// replace them so that waits take no real time.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	// Jitter returns a random number in [0, 1); math/rand/v2's Float64
	// when nil.
	Jitter func() float64
}

// Transport is the rate-limited, retrying http.RoundTripper. It is safe
// for concurrent use, and one Transport should serve every request of a
// session, because it remembers the rate-limit state of each endpoint.
type Transport struct {
	opts   Options
	limits *limits
}

// New returns a Transport configured by opts.
func New(opts Options) *Transport {
	if opts.Base == nil {
		opts.Base = http.DefaultTransport
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = DefaultMaxAttempts
	}
	if opts.AttemptTimeout <= 0 {
		opts.AttemptTimeout = DefaultAttemptTimeout
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	if opts.BaseDelay <= 0 {
		opts.BaseDelay = DefaultBaseDelay
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = DefaultMaxDelay
	}
	if opts.ReportWaitsFrom <= 0 {
		opts.ReportWaitsFrom = DefaultReportWaitsFrom
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = Sleep
	}
	if opts.Jitter == nil {
		opts.Jitter = rand.Float64
	}
	return &Transport{opts: opts, limits: newLimits()}
}

// RoundTrip sends req, waiting first when the endpoint's rate limit runs
// low, and sends it again after a 429, a network error or a retryable 5xx
// status when the request is idempotent and its body can be replayed. It
// returns the last response or error.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	key := bucketKey(req)
	retryable := isIdempotent(req.Method) && canReplay(req)

	for attempt := 1; ; attempt++ {
		if err := t.pace(ctx, req, key); err != nil {
			closeRequestBody(req, attempt)
			return nil, err
		}

		resp, err := t.send(req, attempt)
		if err == nil {
			t.limits.update(key, resp.Header, t.opts.Now())
			t.opts.Logger.Debug("response", "method", req.Method, "path", req.URL.Path, "attempt", attempt,
				"status", resp.StatusCode, "rate_limit_remaining", resp.Header.Get(headerRemaining))
		}
		if ctx.Err() != nil || !retryable || attempt >= t.opts.MaxAttempts {
			return resp, err
		}
		wait, again := t.retryDelay(resp, err, attempt)
		if !again {
			return resp, err
		}

		t.logRetry(req, resp, err, attempt, wait)
		discard(resp)
		if err := t.wait(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// send makes one attempt with its own timeout. The timeout keeps running
// while the caller reads the body, and closing the body releases it.
func (t *Transport) send(req *http.Request, attempt int) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.opts.AttemptTimeout)
	out := req.Clone(ctx)
	if attempt > 1 && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			cancel()
			return nil, err
		}
		out.Body = body
	}

	resp, err := t.opts.Base.RoundTrip(out)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

// retryDelay decides whether a retryable request is sent again, and after
// how long.
func (t *Transport) retryDelay(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	switch {
	case err != nil:
		return t.backoff(attempt), true
	case resp.StatusCode == http.StatusTooManyRequests:
		wait, known := resetWait(resp.Header)
		if !known {
			return t.backoff(attempt), true
		}
		if wait > t.opts.MaxWait {
			return 0, false
		}
		return wait + t.resetJitter(wait), true
	case isRetryableStatus(resp.StatusCode):
		return t.backoff(attempt), true
	}
	return 0, false
}

// pace waits until the endpoint's rate limit allows another request. A
// wait longer than MaxWait is skipped: the request goes out, and its 429
// is returned to the caller.
func (t *Transport) pace(ctx context.Context, req *http.Request, key string) error {
	wait := t.limits.reserve(key, t.opts.Now())
	if wait <= 0 || wait > t.opts.MaxWait {
		return nil
	}
	t.opts.Logger.Debug("slowing down for the rate limit", "method", req.Method, "path", req.URL.Path, "wait", wait)
	return t.wait(ctx, wait)
}

// wait sleeps for d, reporting long waits through OnWait. It returns the
// context's error when the context ends first.
func (t *Transport) wait(ctx context.Context, d time.Duration) error {
	if t.opts.OnWait != nil && d >= t.opts.ReportWaitsFrom {
		t.opts.OnWait(d)
	}
	return t.opts.Sleep(ctx, d)
}

func (t *Transport) backoff(attempt int) time.Duration {
	return Backoff(attempt, t.opts.BaseDelay, t.opts.MaxDelay, t.opts.Jitter())
}

// resetJitter spreads the retries of clients that hit the same window,
// such as every user of one OAuth app, over up to a tenth of the wait,
// and at most one second.
func (t *Transport) resetJitter(wait time.Duration) time.Duration {
	spread := min(wait/10, time.Second)
	return time.Duration(t.opts.Jitter() * float64(spread))
}

func (t *Transport) logRetry(req *http.Request, resp *http.Response, err error, attempt int, wait time.Duration) {
	args := []any{"method", req.Method, "path", req.URL.Path, "attempt", attempt, "wait", wait}
	switch {
	case err != nil:
		args = append(args, "error", err)
	default:
		args = append(args, "status", resp.StatusCode)
	}
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		t.opts.Logger.Info("rate limit reached, waiting for the window to reset", args...)
		return
	}
	t.opts.Logger.Info("request failed, retrying", args...)
}
