package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/testenv"
)

// scriptServer responds to the n-th request, counted from 1, with
// reply(n, w, r) and records the request bodies.
type scriptServer struct {
	*httptest.Server
	mu     sync.Mutex
	bodies []string
}

func newScriptServer(t *testing.T, reply func(n int, w http.ResponseWriter, r *http.Request)) *scriptServer {
	t.Helper()
	s := &scriptServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.bodies = append(s.bodies, string(body))
		n := len(s.bodies)
		s.mu.Unlock()
		reply(n, w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *scriptServer) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

// writeStatus sends status with a Management API error body and the given
// rate-limit headers; remaining < 0 leaves them out.
func writeStatus(w http.ResponseWriter, status, remaining, reset int) {
	if remaining >= 0 {
		w.Header().Set(headerLimit, "120")
		w.Header().Set(headerRemaining, strconv.Itoa(remaining))
		w.Header().Set(headerReset, strconv.Itoa(reset))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"message":%q}`, http.StatusText(status))
}

// dropConnection closes the connection without a response.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	conn.Close()
}

// newTestTransport returns a Transport on clock with no jitter.
func newTestTransport(clock *testenv.Clock, configure ...func(*Options)) *Transport {
	opts := Options{Now: clock.Now, Sleep: clock.Sleep, Jitter: func() float64 { return 0 }}
	for _, c := range configure {
		c(&opts)
	}
	return New(opts)
}

func do(t *testing.T, tr http.RoundTripper, method, url, body string) (*http.Response, error) {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := tr.RoundTrip(req)
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

func TestGetRetriedAfterRateLimitReset(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			writeStatus(w, http.StatusTooManyRequests, 0, 7)
			return
		}
		writeStatus(w, http.StatusOK, 119, 60)
	})
	clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	var reported []time.Duration
	tr := newTestTransport(clock, func(o *Options) {
		o.OnWait = func(d time.Duration) { reported = append(reported, d) }
	})

	resp, err := do(t, tr, http.MethodGet, server.URL+"/v1/organizations", "")
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status = %d, want 200 after the reset", resp.StatusCode)
	}
	if n := server.requests(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
	if got := fmt.Sprint(clock.Sleeps()); got != "[7s]" {
		t.Errorf("waits = %s, want [7s] from X-RateLimit-Reset", got)
	}
	if got := fmt.Sprint(reported); got != "[7s]" {
		t.Errorf("OnWait got %s, want [7s]", got)
	}
}

func TestPostAndPatchNotRetriedAfterRateLimit(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPatch} {
		t.Run(method, func(t *testing.T) {
			server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					writeStatus(w, http.StatusTooManyRequests, 0, 20)
					return
				}
				writeStatus(w, http.StatusOK, 119, 60)
			})
			clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
			tr := newTestTransport(clock)

			resp, err := do(t, tr, method, server.URL+"/v1/projects", `{"name":"x"}`)
			if err != nil {
				t.Fatalf("RoundTrip: %v", err)
			}
			if resp.StatusCode != http.StatusTooManyRequests {
				t.Errorf("status = %d, want the 429 returned", resp.StatusCode)
			}
			if n := server.requests(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
			if waits := clock.Sleeps(); len(waits) != 0 {
				t.Errorf("waited %v before returning the 429, want no wait", waits)
			}

			// The next request to that endpoint waits for the reset
			// instead of being rejected.
			if _, err := do(t, tr, http.MethodGet, server.URL+"/v1/projects", ""); err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(clock.Sleeps()); got != "[20s]" {
				t.Errorf("waits before the next request = %s, want [20s]", got)
			}
		})
	}
}

func TestServerErrorsRetriedWithBackoff(t *testing.T) {
	statuses := []int{http.StatusServiceUnavailable, http.StatusBadGateway, http.StatusOK}
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeStatus(w, statuses[n-1], 100, 60)
	})
	clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	tr := newTestTransport(clock)

	resp, err := do(t, tr, http.MethodGet, server.URL+"/v1/profile", "")
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status = %d, want 200", resp.StatusCode)
	}
	if got := fmt.Sprint(clock.Sleeps()); got != "[250ms 500ms]" {
		t.Errorf("waits = %s, want [250ms 500ms] with no jitter", got)
	}
}

func TestAttemptsAreBounded(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusInternalServerError, 100, 60)
	})
	tr := newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)))

	resp, err := do(t, tr, http.MethodGet, server.URL+"/v1/profile", "")
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("status = %d, want the last 500", resp.StatusCode)
	}
	if n := server.requests(); n != DefaultMaxAttempts {
		t.Errorf("server saw %d requests, want %d", n, DefaultMaxAttempts)
	}
}

func TestStatusesNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusForbidden, http.StatusNotFound, http.StatusNotImplemented, http.StatusBadRequest} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				writeStatus(w, status, 100, 60)
			})
			resp, err := do(t, newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))), http.MethodGet, server.URL+"/v1/profile", "")
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != status {
				t.Errorf("status = %d, want %d", resp.StatusCode, status)
			}
			if n := server.requests(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

func TestDroppedConnectionRetriedForGetOnly(t *testing.T) {
	cases := []struct {
		method   string
		requests int
		wantErr  bool
	}{
		{http.MethodGet, 2, false},
		{http.MethodDelete, 2, false},
		{http.MethodPost, 1, true},
	}
	for _, c := range cases {
		t.Run(c.method, func(t *testing.T) {
			server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					dropConnection(t, w)
					return
				}
				writeStatus(w, http.StatusOK, 100, 60)
			})
			_, err := do(t, newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))), c.method, server.URL+"/v1/projects", "")
			if gotErr := err != nil; gotErr != c.wantErr {
				t.Errorf("error = %v, want error %v", err, c.wantErr)
			}
			if n := server.requests(); n != c.requests {
				t.Errorf("server saw %d requests, want %d", n, c.requests)
			}
		})
	}
}

func TestPutBodyReplayed(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			writeStatus(w, http.StatusBadGateway, 100, 60)
			return
		}
		writeStatus(w, http.StatusOK, 100, 60)
	})
	const body = `{"enabled":true}`
	if _, err := do(t, newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))), http.MethodPut, server.URL+"/v1/x", body); err != nil {
		t.Fatal(err)
	}
	server.mu.Lock()
	defer server.mu.Unlock()
	if len(server.bodies) != 2 || server.bodies[0] != body || server.bodies[1] != body {
		t.Errorf("bodies = %q, want %q twice", server.bodies, body)
	}
}

func TestUnreplayableBodyNotRetried(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusServiceUnavailable, 100, 60)
	})
	req, err := http.NewRequest(http.MethodPut, server.URL+"/v1/x", io.NopCloser(strings.NewReader("{}")))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if n := server.requests(); n != 1 {
		t.Errorf("server saw %d requests for a body without GetBody, want 1", n)
	}
}

func TestShortWaitsNotReported(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			writeStatus(w, http.StatusServiceUnavailable, 100, 60)
			return
		}
		writeStatus(w, http.StatusOK, 100, 60)
	})
	var reported []time.Duration
	tr := newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)), func(o *Options) {
		o.OnWait = func(d time.Duration) { reported = append(reported, d) }
	})
	if _, err := do(t, tr, http.MethodGet, server.URL+"/v1/profile", ""); err != nil {
		t.Fatal(err)
	}
	if len(reported) != 0 {
		t.Errorf("OnWait got %v for a 250ms backoff, want no report under %s", reported, DefaultReportWaitsFrom)
	}
}

func TestCancelEndsRateLimitWait(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusTooManyRequests, 0, 30)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr := New(Options{OnWait: func(time.Duration) { cancel() }})

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, server.URL+"/v1/profile", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tr.RoundTrip(req)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("RoundTrip after cancel: %v, want context.Canceled", err)
	}
	if n := server.requests(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestLongResetReturnsRateLimit(t *testing.T) {
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		writeStatus(w, http.StatusTooManyRequests, 0, 600)
	})
	clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	resp, err := do(t, newTestTransport(clock), http.MethodGet, server.URL+"/v1/profile", "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("status = %d, want 429 for a reset beyond MaxWait", resp.StatusCode)
	}
	if waits := clock.Sleeps(); len(waits) != 0 {
		t.Errorf("waited %v, want no wait beyond MaxWait", waits)
	}
}

func TestAttemptTimeoutRetriesThenFails(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	server := newScriptServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	tr := newTestTransport(testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)), func(o *Options) {
		o.AttemptTimeout = 50 * time.Millisecond
		o.MaxAttempts = 2
	})

	_, err := do(t, tr, http.MethodGet, server.URL+"/v1/profile", "")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("RoundTrip: %v, want context.DeadlineExceeded", err)
	}
	if n := server.requests(); n != 2 {
		t.Errorf("server saw %d requests, want 2 attempts", n)
	}
}
