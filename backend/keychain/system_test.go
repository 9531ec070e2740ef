package keychain

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestSystemSortsErrors(t *testing.T) {
	keyring.MockInit()
	s := &System{Service: "supaconnect-test"}

	if _, err := s.Get("missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a missing key: %v, want ErrNotFound", err)
	}
	if err := s.Set("k", "v"); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if got, err := s.Get("k"); err != nil || got != "v" {
		t.Errorf("Get = %q, %v; want v", got, err)
	}
	if err := s.Delete("k"); err != nil {
		t.Errorf("Delete: %v", err)
	}
	if err := s.Delete("k"); err != nil {
		t.Errorf("Delete of a missing key: %v, want nil", err)
	}

	keyring.MockInitWithError(errors.New("org.freedesktop.DBus.Error.ServiceUnknown"))
	_, err := s.Get("k")
	if !errors.Is(err, ErrUnavailable) {
		t.Errorf("Get with a broken service: %v, want ErrUnavailable", err)
	}
	if errors.Is(err, ErrNotFound) {
		t.Errorf("Get with a broken service matches ErrNotFound: %v", err)
	}
}

func TestSystemCallTimesOut(t *testing.T) {
	s := &System{Service: "supaconnect-test", Timeout: 20 * time.Millisecond}
	release := make(chan struct{})
	defer close(release)

	err := s.call("read", "k", func() error {
		<-release
		return nil
	})
	if !errors.Is(err, ErrUnavailable) {
		t.Errorf("call that hangs: %v, want ErrUnavailable", err)
	}
}

func TestSystemRejectsOversizedValueBeforeCalling(t *testing.T) {
	// A keyring that fails every call shows whether Set reached it.
	keyring.MockInitWithError(errors.New("the platform store was called"))
	s := &System{Service: "supaconnect-test"}
	limit := MaxValueSize(runtime.GOOS, s.Service, "oauth.access_token")

	err := s.Set("oauth.access_token", strings.Repeat("a", limit+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("Set of %d bytes: %v, want ErrTooLarge before the platform store is called", limit+1, err)
	}
}
