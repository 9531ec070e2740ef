package contract

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// recordingT is a testing.TB that records failures instead of failing the
// test, so tests can prove that validation fails when it should.
type recordingT struct {
	testing.TB

	mu       sync.Mutex
	failures []string
	fatal    bool
}

func newRecordingT(t *testing.T) *recordingT {
	return &recordingT{TB: t}
}

func (r *recordingT) Helper() {}

func (r *recordingT) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// Fatalf records the failure and stops the calling goroutine, as
// testing.T.Fatalf does. Call code that may reach it through run.
func (r *recordingT) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
	r.fatal = true
	r.mu.Unlock()
	runtime.Goexit()
}

// run calls f on a new goroutine and waits, so that Fatalf stops only f.
func (r *recordingT) run(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	<-done
}

// messages returns the recorded failures joined by newlines.
func (r *recordingT) messages() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.failures, "\n")
}

func (r *recordingT) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.failures) > 0
}
