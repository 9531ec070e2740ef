package session

import "github.com/supaconnect/supaconnect/backend/keychain"

// Keychain returns a keychain.Store that writes where the session does:
// to the OS keychain, or to memory for this run when the OS keychain is
// unavailable. Other secrets of the app, such as database passwords, use
// it so they follow the same rule.
func (m *Manager) Keychain() keychain.Store {
	return sharedStore{m: m}
}

type sharedStore struct{ m *Manager }

func (s sharedStore) current() keychain.Store {
	s.m.restoreOnce()

	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	return s.m.store
}

func (s sharedStore) Get(key string) (string, error) { return s.current().Get(key) }
func (s sharedStore) Set(key, value string) error    { return s.current().Set(key, value) }
func (s sharedStore) Delete(key string) error        { return s.current().Delete(key) }
