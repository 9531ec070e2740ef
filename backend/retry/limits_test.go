package retry

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/testenv"
)

// windowServer enforces limit requests per 60-second window on clock and
// counts the requests it had to reject.
type windowServer struct {
	clock    *testenv.Clock
	limit    int
	mu       sync.Mutex
	start    time.Time
	count    int
	rejected int
}

func (s *windowServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	now := s.clock.Now()
	if s.start.IsZero() || !now.Before(s.start.Add(time.Minute)) {
		s.start, s.count = now, 0
	}
	s.count++
	reset := int((s.start.Add(time.Minute).Sub(now) + time.Second - 1) / time.Second)
	remaining := max(s.limit-s.count, 0)
	over := s.count > s.limit
	if over {
		s.rejected++
	}
	s.mu.Unlock()

	w.Header().Set(headerLimit, strconv.Itoa(s.limit))
	if over {
		writeStatus(w, http.StatusTooManyRequests, remaining, reset)
		return
	}
	w.Header().Set(headerRemaining, strconv.Itoa(remaining))
	w.Header().Set(headerReset, strconv.Itoa(reset))
	w.WriteHeader(http.StatusOK)
}

func TestLowBudgetSpreadsRequests(t *testing.T) {
	clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	limited := &windowServer{clock: clock, limit: 10}
	server := httptest.NewServer(limited)
	t.Cleanup(server.Close)
	tr := newTestTransport(clock)

	var waitedAt []int
	for i := 1; i <= 15; i++ {
		before := len(clock.Sleeps())
		resp, err := do(t, tr, http.MethodPost, server.URL+"/v1/projects", "{}")
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d, want 200", i, resp.StatusCode)
		}
		if len(clock.Sleeps()) > before {
			waitedAt = append(waitedAt, i)
		}
	}
	if limited.rejected != 0 {
		t.Errorf("server rejected %d requests, want 0", limited.rejected)
	}
	if got := fmt.Sprint(waitedAt); got != "[10 11]" {
		t.Errorf("requests that waited = %s, want [10 11]: the last of the budget is spread, then the reset awaited", got)
	}
	var total time.Duration
	for _, d := range clock.Sleeps() {
		total += d
	}
	if total > time.Minute {
		t.Errorf("waited %s in all, want at most the 1m window", total)
	}
}

func TestResetWaitHeaders(t *testing.T) {
	cases := []struct {
		name      string
		header    http.Header
		want      time.Duration
		wantKnown bool
	}{
		{"reset", http.Header{"X-Ratelimit-Reset": {"12"}}, 12 * time.Second, true},
		{"retry-after", http.Header{"Retry-After": {"3"}}, 3 * time.Second, true},
		{"reset wins", http.Header{"X-Ratelimit-Reset": {"5"}, "Retry-After": {"9"}}, 5 * time.Second, true},
		{"zero reset", http.Header{"X-Ratelimit-Reset": {"0"}}, 0, false},
		{"date", http.Header{"Retry-After": {"Wed, 21 Oct 2026 07:28:00 GMT"}}, 0, false},
		{"negative", http.Header{"X-Ratelimit-Reset": {"-4"}}, 0, false},
		{"none", http.Header{}, 0, false},
	}
	for _, c := range cases {
		got, known := resetWait(c.header)
		if got != c.want || known != c.wantKnown {
			t.Errorf("%s: resetWait = %s, %v; want %s, %v", c.name, got, known, c.want, c.wantKnown)
		}
	}
}
