package session

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// bearerRecorder records the distinct access tokens of API requests.
type bearerRecorder struct {
	base   http.RoundTripper
	mu     sync.Mutex
	tokens map[string]bool
}

func (b *bearerRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
		b.mu.Lock()
		b.tokens[token] = true
		b.mu.Unlock()
	}
	return b.base.RoundTrip(req)
}

func (b *bearerRecorder) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.tokens)
}

// TestSoakRefreshesOncePerExpiry runs four simulated hours of a session
// whose access tokens live five minutes, with three concurrent calls every
// fifteen seconds. A token is refreshed when it has one minute left, so
// every four minutes: 60 times. The traffic skips the contract check,
// which the other tests make, to keep the test fast.
func TestSoakRefreshesOncePerExpiry(t *testing.T) {
	const (
		ttl      = 5 * time.Minute
		step     = 15 * time.Second
		duration = 4 * time.Hour
		parallel = 3
	)
	f := newFixtureWith(t, sandbox.Options{AccessTokenTTL: ttl})
	recorder := &bearerRecorder{base: f.base, tokens: map[string]bool{}}
	m, _ := f.signedIn(func(o *Options) { o.Transport = recorder })
	client, err := m.Client()
	if err != nil {
		t.Fatal(err)
	}

	calls, failures := 0, 0
	for elapsed := step; elapsed <= duration; elapsed += step {
		f.clock.Advance(step)
		var wg sync.WaitGroup
		errs := make(chan error, parallel)
		for i := range parallel {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i%2 == 0 {
					_, err := client.Organizations(t.Context())
					errs <- err
					return
				}
				_, err := client.Projects(t.Context())
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			calls++
			if err != nil {
				failures++
				t.Errorf("call at %s: %v", elapsed, err)
			}
		}
		if failures > 5 {
			t.Fatal("stopping after repeated failures")
		}
	}

	wantRefreshes := int(duration / (ttl - expiryMargin))
	if n := f.sandbox.TokenRequests("refresh_token"); n != wantRefreshes {
		t.Errorf("token endpoint saw %d refreshes in %d calls, want %d, one per expiry", n, calls, wantRefreshes)
	}
	if n := recorder.count(); n != wantRefreshes+1 {
		t.Errorf("%d distinct access tokens used, want %d", n, wantRefreshes+1)
	}
}
