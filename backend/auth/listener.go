package auth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Listener is the loopback HTTP server that receives the authorization
// redirect (RFC 8252, section 7.3). It serves only CallbackPath, accepts
// one callback, and is shut down by Close.
type Listener struct {
	port   int
	state  string
	ln     net.Listener
	server *http.Server
	result chan callbackResult

	mu   sync.Mutex
	done bool
}

type callbackResult struct {
	code string
	err  error
}

// Listen opens the first free port of ports on 127.0.0.1 and serves the
// callback for the given state. A port that is in use, or that the OS
// reserves, is skipped. When none opens, the error is a *PortsError.
func Listen(ports []int, state string) (*Listener, error) {
	if len(ports) == 0 {
		return nil, &PortsError{}
	}

	var causes []error
	for _, port := range ports {
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			causes = append(causes, err)
			continue
		}
		return serve(ln, state), nil
	}
	return nil, &PortsError{Ports: ports, Causes: causes}
}

func serve(ln net.Listener, state string) *Listener {
	l := &Listener{
		port:   ln.Addr().(*net.TCPAddr).Port,
		ln:     ln,
		state:  state,
		result: make(chan callbackResult, 1),
	}
	l.server = &http.Server{
		Handler:           http.HandlerFunc(l.handle),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() {
		// Serve returns http.ErrServerClosed after Close, which is expected.
		_ = l.server.Serve(ln)
	}()
	return l
}

// Port returns the port the listener is bound to.
func (l *Listener) Port() int {
	return l.port
}

// RedirectURI returns the redirect URI that reaches this listener.
func (l *Listener) RedirectURI() string {
	return RedirectURI(l.port)
}

// Wait returns the authorization code of the first callback, or the
// error it carried. It returns ctx.Err() when ctx ends first.
func (l *Listener) Wait(ctx context.Context) (string, error) {
	select {
	case r := <-l.result:
		return r.code, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Close shuts the server down, waiting briefly for the page of a callback
// still being written.
func (l *Listener) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()

	err := l.server.Shutdown(ctx)
	// Shutdown only closes listeners that Serve has started using, so a
	// Close right after Listen closes the socket itself.
	_ = l.ln.Close()
	if err != nil {
		return fmt.Errorf("auth: closing the callback listener: %w", err)
	}
	return nil
}

func (l *Listener) handle(w http.ResponseWriter, r *http.Request) {
	// Browsers ask for /favicon.ico and may prefetch other paths. Only the
	// callback path is served, so those never consume the callback.
	if r.URL.Path != CallbackPath || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		writePage(w, http.StatusConflict, pageAlreadyUsed)
		return
	}

	result := l.parse(r)
	l.done = true
	l.result <- result

	switch {
	case result.err == nil:
		writePage(w, http.StatusOK, pageSuccess)
	case errors.Is(result.err, ErrStateMismatch):
		writePage(w, http.StatusBadRequest, pageStateMismatch)
	case errors.Is(result.err, ErrAccessDenied):
		writePage(w, http.StatusOK, pageDenied)
	default:
		writePage(w, http.StatusBadRequest, pageFailed)
	}
}

// parse reads a callback's query (RFC 6749, sections 4.1.2 and 4.1.2.1).
// The state is checked first, so an error response with a foreign state is
// rejected like any other request that this sign-in did not cause.
func (l *Listener) parse(r *http.Request) callbackResult {
	q := r.URL.Query()
	if !statesMatch(q.Get("state"), l.state) {
		return callbackResult{err: ErrStateMismatch}
	}

	if code := q.Get("error"); code != "" {
		if code == "access_denied" {
			return callbackResult{err: ErrAccessDenied}
		}
		return callbackResult{err: &CallbackError{Code: code, Description: q.Get("error_description")}}
	}

	code := q.Get("code")
	if code == "" {
		return callbackResult{err: &CallbackError{Code: "invalid_response", Description: "the callback has no code"}}
	}
	return callbackResult{code: code}
}
