package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// listenAny opens a listener on a port the OS picks.
func listenAny(t *testing.T, state string) *Listener {
	t.Helper()
	l, err := Listen([]int{0}, state)
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l
}

func get(t *testing.T, rawURL string) (int, string) {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func waitResult(t *testing.T, l *Listener) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return l.Wait(ctx)
}

func TestListenerBindsLoopbackOnly(t *testing.T) {
	l := listenAny(t, "s")
	if l.Port() == 0 {
		t.Fatal("Port() = 0, want the bound port")
	}
	if want := "http://127.0.0.1:" + strconv.Itoa(l.Port()) + "/callback"; l.RedirectURI() != want {
		t.Errorf("RedirectURI() = %q, want %q", l.RedirectURI(), want)
	}
	conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(l.Port()))
	if err != nil {
		t.Fatalf("dial 127.0.0.1: %v", err)
	}
	conn.Close()
	if conn, err := net.Dial("tcp", "[::1]:"+strconv.Itoa(l.Port())); err == nil {
		conn.Close()
		t.Errorf("listener answered on ::1, want 127.0.0.1 only")
	}
}

func TestListenerFaviconFirstThenCallback(t *testing.T) {
	l := listenAny(t, "good-state")
	base := "http://127.0.0.1:" + strconv.Itoa(l.Port())

	for _, path := range []string{"/favicon.ico", "/", "/callback/extra", "/robots.txt"} {
		if status, _ := get(t, base+path); status != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, status)
		}
	}

	status, body := get(t, base+"/callback?code=the-code&state=good-state")
	if status != http.StatusOK {
		t.Errorf("callback status = %d, want 200", status)
	}
	if !strings.Contains(body, "close this tab") {
		t.Errorf("callback page = %q, want it to say the tab can be closed", body)
	}

	code, err := waitResult(t, l)
	if err != nil || code != "the-code" {
		t.Errorf("Wait() = %q, %v; want the-code, nil", code, err)
	}
}

func TestListenerCallbackErrors(t *testing.T) {
	cases := []struct {
		name       string
		query      string
		wantStatus int
		check      func(error) bool
	}{
		{"wrong state", "code=c&state=other", http.StatusBadRequest,
			func(err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"missing state", "code=c", http.StatusBadRequest,
			func(err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"access denied", "error=access_denied&error_description=no&state=good", http.StatusOK,
			func(err error) bool { return errors.Is(err, ErrAccessDenied) }},
		{"denied with wrong state", "error=access_denied&state=bad", http.StatusBadRequest,
			func(err error) bool { return errors.Is(err, ErrStateMismatch) }},
		{"server error", "error=server_error&error_description=boom&state=good", http.StatusBadRequest,
			func(err error) bool {
				var ce *CallbackError
				return errors.As(err, &ce) && ce.Code == "server_error" && ce.Description == "boom"
			}},
		{"no code", "state=good", http.StatusBadRequest,
			func(err error) bool {
				var ce *CallbackError
				return errors.As(err, &ce)
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := listenAny(t, "good")
			status, _ := get(t, l.RedirectURI()+"?"+c.query)
			if status != c.wantStatus {
				t.Errorf("status = %d, want %d", status, c.wantStatus)
			}
			code, err := waitResult(t, l)
			if code != "" {
				t.Errorf("Wait() code = %q, want empty", code)
			}
			if !c.check(err) {
				t.Errorf("Wait() error = %v, not the expected kind", err)
			}
		})
	}
}

func TestListenerAcceptsCodeOnce(t *testing.T) {
	l := listenAny(t, "s")
	if status, _ := get(t, l.RedirectURI()+"?code=first&state=s"); status != http.StatusOK {
		t.Fatalf("first callback status = %d, want 200", status)
	}
	if status, _ := get(t, l.RedirectURI()+"?code=second&state=s"); status != http.StatusConflict {
		t.Errorf("second callback status = %d, want 409", status)
	}
	code, err := waitResult(t, l)
	if err != nil || code != "first" {
		t.Errorf("Wait() = %q, %v; want first, nil", code, err)
	}
}

func TestListenerWaitHonoursContext(t *testing.T) {
	l := listenAny(t, "s")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Wait() error = %v, want DeadlineExceeded", err)
	}
}

func TestListenerSkipsPortInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := busy.Addr().(*net.TCPAddr).Port

	l, err := Listen([]int{busyPort, 0}, "s")
	if err != nil {
		t.Fatalf("Listen: %v", err)
	}
	defer l.Close()
	if l.Port() == busyPort {
		t.Errorf("listener took busy port %d", busyPort)
	}
}

func TestListenerAllPortsInUse(t *testing.T) {
	var ports []int
	for range 2 {
		busy, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer busy.Close()
		ports = append(ports, busy.Addr().(*net.TCPAddr).Port)
	}

	_, err := Listen(ports, "s")
	if !errors.Is(err, ErrPortsUnavailable) {
		t.Fatalf("Listen error = %v, want ErrPortsUnavailable", err)
	}
	for _, p := range ports {
		if !strings.Contains(err.Error(), strconv.Itoa(p)) {
			t.Errorf("error %q does not name port %d", err, p)
		}
	}
}

func TestListenerCloseStopsServing(t *testing.T) {
	l, err := Listen([]int{0}, "s")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(l.Port())); err == nil {
		conn.Close()
		t.Error("port still accepts connections after Close")
	}
}
