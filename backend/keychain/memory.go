package keychain

import (
	"fmt"
	"sync"
)

// Memory is a Store that keeps values in process memory. The app uses it
// when the OS keychain is unavailable, so a session lasts until the app
// exits; tests use it as a fake.
type Memory struct {
	// MaxValueSize, when positive, rejects larger values with ErrTooLarge,
	// as a platform store would.
	MaxValueSize int

	mu     sync.Mutex
	values map[string]string
}

// Get returns the value saved under key.
func (m *Memory) Get(key string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()

	v, ok := m.values[key]
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrNotFound, key)
	}
	return v, nil
}

// Set saves value under key.
func (m *Memory) Set(key, value string) error {
	if m.MaxValueSize > 0 && len(value) > m.MaxValueSize {
		return fmt.Errorf("%w: %d bytes under %q, the limit is %d", ErrTooLarge, len(value), key, m.MaxValueSize)
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.values == nil {
		m.values = map[string]string{}
	}
	m.values[key] = value
	return nil
}

// Delete removes the value under key.
func (m *Memory) Delete(key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()

	delete(m.values, key)
	return nil
}

// Len returns the number of saved entries.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()

	return len(m.values)
}
