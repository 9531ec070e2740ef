package sandbox

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateLimitPerMinute is the Management API's documented limit of 120
// requests per minute.
const rateLimitPerMinute = 120

// maxIdleWindows is the number of tracked clients above which windows
// that have ended are removed.
const maxIdleWindows = 1024

// rateLimiter counts requests per key in fixed windows that start with a
// key's first request. Supabase counts per identity, scope and endpoint,
// where the identity is the OAuth app, the user or the IP address, and
// the scope is the project or organization in the path. The sandbox
// counts per bearer token (or client IP address without one), method and
// path: the path names both the endpoint and the scope. It is stricter
// than Supabase in one way: every user of an OAuth app shares that app's
// budget there, and only one token's requests share it here.
type rateLimiter struct {
	mu      sync.Mutex
	limit   int
	window  time.Duration
	windows map[string]*rateWindow
}

// rateWindow is the request count of one key in the current window.
type rateWindow struct {
	start time.Time
	count int
}

// rateDecision is the outcome of counting one request.
type rateDecision struct {
	allowed   bool
	remaining int
	reset     time.Duration // until the window ends
}

func newRateLimiter(limit int, window time.Duration) *rateLimiter {
	return &rateLimiter{limit: limit, window: window, windows: map[string]*rateWindow{}}
}

// take counts one request for key at now. Once a key exceeds the limit,
// its requests are rejected until its window ends.
func (l *rateLimiter) take(key string, now time.Time) rateDecision {
	l.mu.Lock()
	defer l.mu.Unlock()

	if len(l.windows) > maxIdleWindows {
		for k, w := range l.windows {
			if !now.Before(w.start.Add(l.window)) {
				delete(l.windows, k)
			}
		}
	}

	w := l.windows[key]
	if w == nil || !now.Before(w.start.Add(l.window)) {
		w = &rateWindow{start: now}
		l.windows[key] = w
	}
	w.count++

	return rateDecision{
		allowed:   w.count <= l.limit,
		remaining: max(l.limit-w.count, 0),
		reset:     w.start.Add(l.window).Sub(now),
	}
}

// rateLimit wraps next with the rate limit. Every response carries the
// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers,
// the last in whole seconds until the window ends, rounded up. A request
// over the limit gets 429 with a message.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		decision := s.limiter.take(rateLimitKey(r), s.now())

		header := w.Header()
		header.Set("X-RateLimit-Limit", strconv.Itoa(s.limiter.limit))
		header.Set("X-RateLimit-Remaining", strconv.Itoa(decision.remaining))
		header.Set("X-RateLimit-Reset", strconv.Itoa(ceilSeconds(decision.reset)))

		if !decision.allowed {
			s.log.Info("sandbox: rate limit exceeded", "method", r.Method, "path", r.URL.Path)
			writeMessage(w, http.StatusTooManyRequests, "Rate limit exceeded: try again when X-RateLimit-Reset seconds have passed")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// rateLimitKey returns the key that a request is counted under: its bearer
// token, else its client IP address, with its method and path.
func rateLimitKey(r *http.Request) string {
	endpoint := " " + r.Method + " " + r.URL.Path
	if token, ok := bearerToken(r); ok {
		return "token " + token + endpoint
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "address " + host + endpoint
}

// ceilSeconds returns d in whole seconds, rounded up.
func ceilSeconds(d time.Duration) int {
	return int((d + time.Second - 1) / time.Second)
}
