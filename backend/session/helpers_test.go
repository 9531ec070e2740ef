package session

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// authConfigPath is the auth settings endpoint of a seed project. The
// sandbox does not serve it, so tests inject every response it gives.
const authConfigPath = "/v1/projects/hqvzkfmbrtplxcwnadje/config/auth"

// smtpBody is a valid UpdateAuthConfigBody.
const smtpBody = `{"smtp_host":"smtp.example.com","smtp_port":"587"}`

// response is what a test reads from a raw API response.
type response struct {
	status  int
	message string
}

// send sends a request to path through the session's authenticated
// client. net/http sets GetBody for a body given this way, so it can be
// replayed.
func send(t *testing.T, m *Manager, method, path, body string) (response, error) {
	t.Helper()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, m.opts.APIBaseURL+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return do(t, m, req)
}

// do sends req through the session's authenticated client.
func do(t *testing.T, m *Manager, req *http.Request) (response, error) {
	t.Helper()
	m.mu.Lock()
	client := m.apiHTTP
	m.mu.Unlock()
	if client == nil {
		t.Fatal("no session to send the request with")
	}

	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var parsed struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(data, &parsed)
	return response{status: resp.StatusCode, message: parsed.Message}, nil
}

// countRequests injects a rule that changes nothing and only counts the
// requests that match it, through InjectedFaults. It must be injected
// after any rule that should win for the same requests.
func countRequests(s *sandbox.Server, method, pathPrefix string) {
	s.InjectFaults(sandbox.FaultRule{Method: method, PathPrefix: pathPrefix})
}

// signedIn returns a Manager signed in with OAuth on a Memory keychain.
func (f *fixture) signedIn(configure ...func(*Options)) (*Manager, *keychain.Memory) {
	f.t.Helper()
	store := &keychain.Memory{}
	m := f.manager(store, approve(f.t, "authorize"), configure...)
	f.signIn(f.t, m)
	return m, store
}

// organizations lists the organizations through the session's client.
func organizations(m *Manager) error {
	client, err := m.Client()
	if err != nil {
		return err
	}
	_, err = client.Organizations(context.Background())
	return err
}

// statusOf returns the Manager's status, failing the test on an error.
func statusOf(t *testing.T, m *Manager) Status {
	t.Helper()
	status, err := m.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	return status
}

// recordingStore is a keychain that records every value written to it.
type recordingStore struct {
	keychain.Memory
	mu      sync.Mutex
	written []string
}

func (r *recordingStore) Set(key, value string) error {
	r.mu.Lock()
	r.written = append(r.written, value)
	r.mu.Unlock()
	return r.Memory.Set(key, value)
}

func (r *recordingStore) values() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.written...)
}

// lockedStore is a keychain that exists but refuses every call, like a
// locked Secret Service or one that denies access. Unlike brokenStore it
// does not fail the test on writes; it counts them.
type lockedStore struct {
	cause  string
	mu     sync.Mutex
	writes int
}

func (l *lockedStore) Get(string) (string, error) {
	return "", errors.Join(keychain.ErrUnavailable, errors.New(l.cause))
}

func (l *lockedStore) Set(string, string) error {
	l.mu.Lock()
	l.writes++
	l.mu.Unlock()
	return keychain.ErrUnavailable
}

func (l *lockedStore) Delete(string) error {
	l.mu.Lock()
	l.writes++
	l.mu.Unlock()
	return keychain.ErrUnavailable
}

func (l *lockedStore) writeCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writes
}

// containsAny returns the first of secrets that text contains.
func containsAny(text string, secrets []string) (string, bool) {
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			return s, true
		}
	}
	return "", false
}
