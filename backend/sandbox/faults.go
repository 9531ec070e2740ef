package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault is the effect of an injected fault on a request, after any
// latency.
type Fault int

const (
	// FaultNone serves the request normally, so a rule with only Latency
	// slows requests down.
	FaultNone Fault = iota

	// FaultRateLimit responds 429 with X-RateLimit-Remaining 0 and
	// X-RateLimit-Reset set to the rule's Reset.
	FaultRateLimit

	// FaultServerError responds 500 with a message.
	FaultServerError

	// FaultDropConnection closes the connection without a response, as a
	// network failure or a crashed proxy does.
	FaultDropConnection

	// FaultStatus responds with the rule's Status and Message. On
	// POST /v1/oauth/token, Status 404 with the message "Refresh token not
	// found" is Supabase's response to an unknown refresh token.
	FaultStatus

	// FaultRevokeGrants revokes every OAuth grant, as RevokeGrants does,
	// and then serves the request.
	FaultRevokeGrants

	// FaultExpireTokens makes every access token issued so far expire, as
	// ExpireAccessTokens does, and then serves the request.
	FaultExpireTokens
)

// defaultFaultReset is the X-RateLimit-Reset of a FaultRateLimit rule
// whose Reset is zero: the length of the Management API's window.
const defaultFaultReset = time.Minute

// FaultRule injects a fault into the requests it matches. A request
// matches when its method equals Method and its path starts with
// PathPrefix, an empty field matching everything. Rules are checked in the
// order they were injected, and the first rule that applies to a request
// decides what happens to it.
type FaultRule struct {
	Method     string
	PathPrefix string

	// Skip is the number of matching requests that pass untouched before
	// the rule starts to apply.
	Skip int

	// Every makes the rule apply to every Every-th matching request after
	// the skipped ones, starting with the first. Zero or one means every
	// request.
	Every int

	// Count is the number of requests the rule applies to before it stops.
	// Zero means until ClearFaults.
	Count int

	// Latency delays the response by real time, not by Options.Now, so
	// that a client's timeout can expire. The wait ends when the client
	// goes away.
	Latency time.Duration

	Fault Fault

	// Status and Message are the response of FaultStatus.
	Status  int
	Message string

	// Reset is the X-RateLimit-Reset of FaultRateLimit, rounded up to
	// whole seconds. Zero means one minute.
	Reset time.Duration
}

// faultRule is an injected rule with its counters.
type faultRule struct {
	FaultRule
	matched int
	applied int
}

// faultInjector contains the injected rules. The zero value has none.
type faultInjector struct {
	mu       sync.Mutex
	rules    []*faultRule
	injected int
}

// InjectFaults adds rules after those already injected. Every fault
// response follows the Management API's error shape, {"message": ...}, and
// carries the rate-limit headers, so contract tests keep passing.
func (s *Server) InjectFaults(rules ...FaultRule) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	for _, rule := range rules {
		s.faults.rules = append(s.faults.rules, &faultRule{FaultRule: rule})
	}
}

// ClearFaults removes every injected rule.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.rules = nil
}

// InjectedFaults returns how many requests a rule has applied to since
// the Server started.
func (s *Server) InjectedFaults() int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	return s.faults.injected
}

// ExpireAccessTokens makes every access token issued so far expire now,
// as if its lifetime had passed. Refresh tokens and personal access tokens
// keep working.
func (s *Server) ExpireAccessTokens() {
	a := s.auth
	a.mu.Lock()
	defer a.mu.Unlock()

	now := s.now()
	for token, t := range a.accessTokens {
		t.expiresAt = now
		a.accessTokens[token] = t
	}
	s.log.Info("sandbox: expired every access token")
}

// next returns the rule that applies to r, counting r against it, or nil.
func (f *faultInjector) next(r *http.Request) *FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()

	for _, rule := range f.rules {
		if !rule.matches(r) {
			continue
		}
		rule.matched++
		if rule.appliesToMatch() {
			rule.applied++
			f.injected++
			applied := rule.FaultRule
			return &applied
		}
	}
	return nil
}

func (r *faultRule) matches(req *http.Request) bool {
	if r.Method != "" && r.Method != req.Method {
		return false
	}
	return strings.HasPrefix(req.URL.Path, r.PathPrefix)
}

// appliesToMatch reports whether the rule applies to its latest match.
func (r *faultRule) appliesToMatch() bool {
	if r.matched <= r.Skip || (r.Count > 0 && r.applied >= r.Count) {
		return false
	}
	return r.Every <= 1 || (r.matched-r.Skip-1)%r.Every == 0
}

// injectFaults wraps next with the injected rules. It sits inside the rate
// limiter, so injected responses carry its headers and count against it.
func (s *Server) injectFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rule := s.faults.next(r)
		if rule == nil {
			next.ServeHTTP(w, r)
			return
		}
		if rule.Latency > 0 && !s.delay(r, rule.Latency) {
			return
		}
		s.log.Info("sandbox: injecting a fault", "method", r.Method, "path", r.URL.Path, "fault", rule.Fault)
		s.applyFault(w, r, rule, next)
	})
}

// delay waits for d of real time and reports whether the client is still
// there.
func (s *Server) delay(r *http.Request, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, rule *FaultRule, next http.Handler) {
	switch rule.Fault {
	case FaultRateLimit:
		reset := rule.Reset
		if reset <= 0 {
			reset = defaultFaultReset
		}
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", strconv.Itoa(ceilSeconds(reset)))
		writeMessage(w, http.StatusTooManyRequests, "Rate limit exceeded (injected fault)")
	case FaultServerError:
		writeMessage(w, http.StatusInternalServerError, "Internal server error (injected fault)")
	case FaultDropConnection:
		dropConnection(w)
	case FaultStatus:
		writeMessage(w, rule.Status, rule.Message)
	case FaultRevokeGrants:
		s.RevokeGrants()
		next.ServeHTTP(w, r)
	case FaultExpireTokens:
		s.ExpireAccessTokens()
		next.ServeHTTP(w, r)
	default:
		next.ServeHTTP(w, r)
	}
}

// dropConnection closes the client's connection without writing a
// response. A server whose ResponseWriter cannot be hijacked, such as an
// HTTP/2 one, aborts the handler instead, which resets the stream.
func dropConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

// String returns the name of the fault for logs.
func (f Fault) String() string {
	names := []string{"none", "rate_limit", "server_error", "drop_connection", "status", "revoke_grants", "expire_tokens"}
	if int(f) >= 0 && int(f) < len(names) {
		return names[f]
	}
	return "fault(" + strconv.Itoa(int(f)) + ")"
}
