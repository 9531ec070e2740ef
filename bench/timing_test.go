//go:build bench

package bench

import (
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// tokenTimer is an http.RoundTripper that times the token request
// (POST /v1/oauth/token) from the moment it is sent until its response
// body is closed, which x/oauth2 does after reading the body.
type tokenTimer struct {
	base http.RoundTripper

	mu    sync.Mutex
	start time.Time
	end   time.Time
}

func (t *tokenTimer) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path != "/v1/oauth/token" {
		return t.base.RoundTrip(req)
	}
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resp.Body = &timedBody{ReadCloser: resp.Body, closed: func(end time.Time) {
		t.mu.Lock()
		t.start, t.end = start, end
		t.mu.Unlock()
	}}
	return resp, nil
}

// exchange returns when the token request was sent and when its response
// was read. Both are zero until a token request completed.
func (t *tokenTimer) exchange() (time.Time, time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.start, t.end
}

// timedBody calls closed with the time of the first Close.
type timedBody struct {
	io.ReadCloser
	once   sync.Once
	closed func(time.Time)
}

func (b *timedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(func() { b.closed(time.Now()) })
	return err
}

// writeTimer is a keychain.Store that records when each write, a Set or a
// Delete, starts and ends.
type writeTimer struct {
	keychain.Store

	mu     sync.Mutex
	writes []span
}

// span is the start and end of one keychain write.
type span struct{ start, end time.Time }

func (w *writeTimer) Set(key, value string) error {
	start := time.Now()
	err := w.Store.Set(key, value)
	w.record(start)
	return err
}

func (w *writeTimer) Delete(key string) error {
	start := time.Now()
	err := w.Store.Delete(key)
	w.record(start)
	return err
}

func (w *writeTimer) record(start time.Time) {
	end := time.Now()
	w.mu.Lock()
	w.writes = append(w.writes, span{start, end})
	w.mu.Unlock()
}

// writesAfter returns the writes that started at or after t, in order.
func (w *writeTimer) writesAfter(t time.Time) []span {
	w.mu.Lock()
	defer w.mu.Unlock()
	var after []span
	for _, s := range w.writes {
		if !s.start.Before(t) {
			after = append(after, s)
		}
	}
	return after
}

// median returns the median of durations, which must not be empty.
func median(durations []time.Duration) time.Duration {
	sorted := slices.Clone(durations)
	slices.Sort(sorted)
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

// percentile returns the nearest-rank p-th percentile of durations, the
// smallest value that p percent of them do not exceed. durations must not
// be empty.
func percentile(durations []time.Duration, p int) time.Duration {
	sorted := slices.Clone(durations)
	slices.Sort(sorted)
	rank := (p*len(sorted) + 99) / 100
	return sorted[max(rank, 1)-1]
}

// milliseconds converts d to fractional milliseconds for ReportMetric.
func milliseconds(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}
