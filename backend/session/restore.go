package session

import (
	"context"
	"errors"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// Status reports the session. The first call restores a session saved in
// the keychain and checks it with GET /v1/profile, refreshing the token
// when it has expired.
func (m *Manager) Status(ctx context.Context) (Status, error) {
	m.restoreOnce()
	m.loadProfile(ctx)
	return m.status(), nil
}

// restoreOnce reads the saved session on the first call. When the
// keychain cannot be read, the Manager switches to an in-memory store for
// this run, so a new sign-in can never overwrite a session that exists
// but could not be read.
func (m *Manager) restoreOnce() {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.restored {
		return
	}
	m.restored = true

	tok, err := tokenStore{store: m.store}.load()
	switch {
	case err == nil:
		m.startLocked(tok)
		m.opts.Logger.Info("session restored from the keychain")
	case errors.Is(err, keychain.ErrNotFound):
		m.opts.Logger.Info("no saved session")
	default:
		m.keychainErr = err
		m.store = &keychain.Memory{}
		m.opts.Logger.Warn("keychain unavailable, keeping the session in memory", "error", err)
	}
}

// loadProfile reads the signed-in user once per session. A failure other
// than an ended session leaves the user unknown: the session may still
// work once the network is back.
func (m *Manager) loadProfile(ctx context.Context) {
	m.mu.Lock()
	client, known := m.client, m.user != nil
	m.mu.Unlock()
	if client == nil || known {
		return
	}

	profile, err := client.Profile(ctx)
	if err != nil {
		m.opts.Logger.Warn("reading the profile failed", "error", err)
		return
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	if m.client == client {
		m.user = &User{Email: profile.Email, Username: profile.Username}
	}
}

func (m *Manager) status() Status {
	m.mu.Lock()
	defer m.mu.Unlock()

	s := Status{
		SignedIn: m.client != nil,
		Expired:  m.expired,
		User:     m.user,
		Keychain: KeychainStatus{Available: m.keychainErr == nil},
	}
	if s.SignedIn {
		s.Method = "oauth"
	}
	if m.keychainErr != nil {
		s.Keychain.Reason = m.keychainErr.Error()
	}
	return s
}
