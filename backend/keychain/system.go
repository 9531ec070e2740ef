package keychain

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/zalando/go-keyring"
)

// DefaultTimeout bounds each call to the OS credential store.
const DefaultTimeout = 5 * time.Second

// System is the OS credential store. Entries are saved with Service as the
// service name and the key as the account name.
type System struct {
	Service string

	// Timeout bounds each call; DefaultTimeout when zero.
	Timeout time.Duration
}

// Get returns the value saved under key.
func (s *System) Get(key string) (string, error) {
	var value string
	err := s.call("read", key, func() error {
		var err error
		value, err = keyring.Get(s.Service, key)
		return err
	})
	return value, err
}

// Set saves value under key. A value larger than the platform's limit is
// rejected with ErrTooLarge before the platform is called.
func (s *System) Set(key, value string) error {
	if limit := MaxValueSize(runtime.GOOS, s.Service, key); len(value) > limit {
		return fmt.Errorf("%w: %d bytes under %q, the limit is %d", ErrTooLarge, len(value), key, limit)
	}
	return s.call("write", key, func() error {
		return keyring.Set(s.Service, key, value)
	})
}

// Delete removes the value under key.
func (s *System) Delete(key string) error {
	err := s.call("delete", key, func() error {
		return keyring.Delete(s.Service, key)
	})
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// call runs op with the timeout and sorts its error. On a timeout the
// goroutine is left behind: go-keyring offers no way to cancel a call.
func (s *System) call(verb, key string, op func() error) error {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}

	done := make(chan error, 1)
	go func() { done <- op() }()

	select {
	case err := <-done:
		return classify(verb, key, err)
	case <-time.After(timeout):
		return fmt.Errorf("%w: %s of %q timed out after %s", ErrUnavailable, verb, key, timeout)
	}
}

func classify(verb, key string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return fmt.Errorf("%w: %q", ErrNotFound, key)
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%w: %q", ErrTooLarge, key)
	default:
		return fmt.Errorf("%w: %s of %q failed: %v", ErrUnavailable, verb, key, err)
	}
}
