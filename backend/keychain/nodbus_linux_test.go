package keychain

import (
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestSystemWithoutDBus runs the real Secret Service client with a D-Bus
// address that leads nowhere, as in an SSH session or WSL without a
// session bus. It runs in a child process, because go-keyring keeps its
// first bus connection for the life of the process.
func TestSystemWithoutDBus(t *testing.T) {
	if os.Getenv("SUPACONNECT_NODBUS_CHILD") == "1" {
		checkUnavailable(t)
		return
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestSystemWithoutDBus$", "-test.v")
	cmd.Env = append(os.Environ(),
		"SUPACONNECT_NODBUS_CHILD=1",
		"DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/supaconnect-test-bus",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
}

func checkUnavailable(t *testing.T) {
	s := &System{Service: "supaconnect-nodbus-test", Timeout: 10 * time.Second}
	_, err := s.Get("oauth.refresh_token")
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Get without D-Bus: %v, want ErrUnavailable", err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Fatalf("Get without D-Bus matches ErrNotFound: %v", err)
	}
	if err := s.Set("oauth.refresh_token", "x"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set without D-Bus: %v, want ErrUnavailable", err)
	}
}
