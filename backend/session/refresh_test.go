package session

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// tokenEndpoint is the path of the token endpoint.
const tokenEndpoint = "/v1/oauth/token"

func TestRefreshRetriesServerErrors(t *testing.T) {
	f := newFixture(t)
	m, _ := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPost, PathPrefix: tokenEndpoint, Fault: sandbox.FaultServerError, Count: 2,
	})
	f.clock.Advance(2 * time.Hour)

	if err := organizations(m); err != nil {
		t.Fatalf("call after two failed refreshes: %v, want the third to succeed", err)
	}
	if n := f.sandbox.InjectedFaults(); n != 2 {
		t.Errorf("%d refreshes failed, want 2", n)
	}
	if waits := f.clock.Sleeps(); len(waits) != 2 {
		t.Errorf("waits between refreshes = %v, want 2", waits)
	}
}

func TestRefreshUnreachableKeepsSession(t *testing.T) {
	for name, fault := range map[string]sandbox.Fault{
		"dropped connection": sandbox.FaultDropConnection,
		"server error":       sandbox.FaultServerError,
	} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			m, store := f.signedIn()
			refresh, _ := store.Get(keyRefreshToken)
			f.sandbox.InjectFaults(sandbox.FaultRule{Method: http.MethodPost, PathPrefix: tokenEndpoint, Fault: fault})
			f.clock.Advance(2 * time.Hour)

			err := organizations(m)
			if !errors.Is(err, ErrRefreshFailed) {
				t.Fatalf("call: %v, want ErrRefreshFailed", err)
			}
			if errors.Is(err, ErrSessionExpired) {
				t.Errorf("call: %v matches ErrSessionExpired, want the session kept", err)
			}
			if n := f.sandbox.InjectedFaults(); n != maxRefreshAttempts {
				t.Errorf("%d refresh attempts, want %d", n, maxRefreshAttempts)
			}
			if status := statusOf(t, m); !status.SignedIn || status.Expired {
				t.Errorf("Status = %+v, want still signed in", status)
			}
			if saved, _ := store.Get(keyRefreshToken); saved != refresh {
				t.Error("the saved refresh token changed although no refresh succeeded")
			}

			f.sandbox.ClearFaults()
			if err := organizations(m); err != nil {
				t.Errorf("call once Supabase is back: %v", err)
			}
		})
	}
}

func TestRefreshNotFoundEndsSession(t *testing.T) {
	f := newFixture(t)
	m, store := f.signedIn()
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPost, PathPrefix: tokenEndpoint,
		Fault: sandbox.FaultStatus, Status: http.StatusNotFound, Message: "Refresh token not found",
	})
	f.clock.Advance(2 * time.Hour)

	if err := organizations(m); !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("call: %v, want ErrSessionExpired", err)
	}
	if n := f.sandbox.InjectedFaults(); n != 1 {
		t.Errorf("%d refresh attempts, want 1: a gone grant is not retried", n)
	}
	if status := statusOf(t, m); !status.Expired {
		t.Errorf("Status = %+v, want expired", status)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("%d keychain entries left, want 0", n)
	}
}

func TestRateLimitedRefreshWaitsForReset(t *testing.T) {
	f := newFixture(t)
	var reported []time.Duration
	m, _ := f.signedIn(func(o *Options) {
		o.OnRateLimitWait = func(d time.Duration) { reported = append(reported, d) }
	})
	f.sandbox.InjectFaults(sandbox.FaultRule{
		Method: http.MethodPost, PathPrefix: tokenEndpoint,
		Fault: sandbox.FaultRateLimit, Reset: 30 * time.Second, Count: 1,
	})
	f.clock.Advance(2 * time.Hour)

	if err := organizations(m); err != nil {
		t.Fatalf("call after a rate-limited refresh: %v", err)
	}
	var waited time.Duration
	for _, d := range f.clock.Sleeps() {
		waited += d
	}
	if waited < 30*time.Second {
		t.Errorf("waited %s in all, want at least the 30s reset", waited)
	}
	if len(reported) == 0 {
		t.Error("OnRateLimitWait was not called for the wait until the reset")
	}
}

// gateTransport holds token requests, once armed, until release is
// closed, after signalling arrived.
type gateTransport struct {
	base    http.RoundTripper
	armed   atomic.Bool
	arrived chan struct{}
	release chan struct{}
}

func (g *gateTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == tokenEndpoint && g.armed.Load() {
		g.arrived <- struct{}{}
		<-g.release
	}
	return g.base.RoundTrip(req)
}

func TestCancelledCallKeepsRotatedToken(t *testing.T) {
	f := newFixture(t)
	gate := &gateTransport{base: f.transport, arrived: make(chan struct{}, 1), release: make(chan struct{})}
	m, store := f.signedIn(func(o *Options) { o.Transport = gate })
	gate.armed.Store(true)
	oldRefresh, _ := store.Get(keyRefreshToken)
	f.clock.Advance(2 * time.Hour)

	ctx, cancel := context.WithCancel(context.Background())
	returned := make(chan error, 1)
	go func() {
		client, err := m.Client()
		if err == nil {
			_, err = client.Organizations(ctx)
		}
		returned <- err
	}()
	<-gate.arrived
	cancel()
	if err := <-returned; !errors.Is(err, context.Canceled) {
		t.Fatalf("call cancelled during its refresh: %v, want context.Canceled", err)
	}
	close(gate.release)

	// The next call waits for the refresh in flight and uses its token.
	if err := organizations(m); err != nil {
		t.Fatalf("next call: %v", err)
	}
	if n := f.sandbox.TokenRequests("refresh_token"); n != 1 {
		t.Errorf("%d refreshes, want 1: the cancelled call's refresh completed", n)
	}
	if refresh, _ := store.Get(keyRefreshToken); refresh == oldRefresh {
		t.Error("the rotated refresh token was not saved")
	}
}
