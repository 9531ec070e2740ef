package session

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// waitRecorder collects the waits reported through OnRateLimitWait.
type waitRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (w *waitRecorder) record(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.waits = append(w.waits, d)
}

func (w *waitRecorder) recorded() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.waits...)
}

func TestRateLimitedCallWaitsAndReports(t *testing.T) {
	f := newFixture(t)
	recorder := &waitRecorder{}
	m, _ := f.signedIn(func(o *Options) { o.OnRateLimitWait = recorder.record })
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodGet, PathPrefix: "/v1/organizations",
		Fault: sandbox.FaultRateLimit, Reset: 20 * time.Second, Count: 1,
	})

	if err := organizations(m); err != nil {
		t.Fatalf("call after a 429: %v, want success after the reset", err)
	}
	// The wait has up to a second of jitter on top of the reset.
	waits := recorder.recorded()
	if len(waits) != 1 || waits[0] < 20*time.Second || waits[0] > 21*time.Second {
		t.Errorf("reported waits = %v, want one of 20s to 21s", waits)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 0 {
		t.Errorf("%d refreshes, want 0: a 429 is not about the token", n)
	}
}

func TestRateLimitedPatchIsNotRetried(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPatch, PathPrefix: authConfigPath, Fault: sandbox.FaultRateLimit, Reset: 5 * time.Second,
	})

	resp, err := send(t, m, http.MethodPatch, authConfigPath, smtpBody)
	if err != nil || resp.status != http.StatusTooManyRequests {
		t.Fatalf("PATCH = %+v, %v; want its 429 returned", resp, err)
	}
	if n := f.sandbox.InjectedFaults(); n != 1 {
		t.Errorf("PATCH sent %d times, want once", n)
	}
}

func TestServerErrorsRetriedForReads(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodGet, PathPrefix: "/v1/organizations", Fault: sandbox.FaultServerError, Count: 2,
	})

	if err := organizations(m); err != nil {
		t.Fatalf("call after two 500s: %v, want the third attempt to succeed", err)
	}
	if n := f.sandbox.InjectedFaults(); n != 2 {
		t.Errorf("%d failed attempts, want 2", n)
	}
}

func TestForbiddenIsNotSignOut(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	const denied = "Your account does not have the necessary privileges to access this endpoint"
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodGet, PathPrefix: "/v1/organizations",
		Fault: sandbox.FaultStatus, Status: http.StatusForbidden, Message: denied,
	})

	err := organizations(m)
	var apiErr *supabase.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden || apiErr.Message != denied {
		t.Fatalf("call: %v, want a 403 APIError with the server's message", err)
	}
	if n := f.sandbox.InjectedFaults(); n != 1 {
		t.Errorf("403 sent %d times, want once", n)
	}
	if status := statusOf(t, m); !status.SignedIn {
		t.Errorf("Status = %+v, want signed in", status)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 0 {
		t.Errorf("%d refreshes, want 0", n)
	}
	if _, err := store.Get(keyRefreshToken); err != nil {
		t.Errorf("session deleted from the keychain: %v", err)
	}
}
