package session_test

import (
	"net/http"
	"slices"
	"sync"
	"time"
)

// requestLog records when each request reached the sandbox, under the
// bearer token that sent it, because the sandbox counts its rate limit
// per token.
type requestLog struct {
	mu      sync.Mutex
	arrived map[string][]time.Time
	limited map[string]int // 429 responses by token
}

func newRequestLog() *requestLog {
	return &requestLog{arrived: map[string][]time.Time{}, limited: map[string]int{}}
}

// wrap returns next with every request recorded.
func (l *requestLog) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token := r.Header.Get("Authorization")
		l.mu.Lock()
		l.arrived[token] = append(l.arrived[token], time.Now())
		l.mu.Unlock()

		recorder := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(recorder, r)
		if recorder.status == http.StatusTooManyRequests {
			l.mu.Lock()
			l.limited[token]++
			l.mu.Unlock()
		}
	})
}

// peakPerMinute returns the largest number of requests that token sent
// within any 60-second window.
func (l *requestLog) peakPerMinute(token string) int {
	l.mu.Lock()
	times := slices.Clone(l.arrived["Bearer "+token])
	l.mu.Unlock()

	slices.SortFunc(times, time.Time.Compare)
	peak, first := 0, 0
	for last := range times {
		for times[last].Sub(times[first]) >= time.Minute {
			first++
		}
		peak = max(peak, last-first+1)
	}
	return peak
}

// rateLimited returns the number of 429 responses that token received.
func (l *requestLog) rateLimited(token string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.limited["Bearer "+token]
}

// statusRecorder keeps the status code of a response.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(status int) {
	s.status = status
	s.ResponseWriter.WriteHeader(status)
}
