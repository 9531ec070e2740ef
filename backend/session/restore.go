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

// restoreOnce reads the saved session on the first call.
//
// A keychain that cannot be read is never treated as an empty one. The
// Manager switches to the encrypted file, if the user opted in to it, or
// to memory for this run. A new sign-in then never overwrites a session
// that exists but could not be read.
func (m *Manager) restoreOnce() {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.restored {
		return
	}
	m.restored = true
	m.fileFallback = m.loadFallbackSetting()

	saved, err := tokenStore{store: m.store}.load()
	switch {
	case err == nil:
		m.resumeLocked(saved)
		m.opts.Logger.Info("session restored from the keychain", "method", m.method)
	case errors.Is(err, keychain.ErrNotFound):
		m.restoreFromFileLocked()
	default:
		m.keychainErr = err
		m.opts.Logger.Warn("keychain unavailable", "error", err)
		m.useFallbackStoreLocked()
	}
}

// resumeLocked starts the session that was saved.
func (m *Manager) resumeLocked(saved savedSession) {
	if saved.oauth != nil {
		m.startOAuthLocked(saved.oauth)
		return
	}
	m.startPersonalLocked(saved.personalToken)
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
		Method:   m.method,
		Expired:  m.expired,
		User:     m.user,
		Keychain: KeychainStatus{
			Available:    m.keychainErr == nil,
			FileFallback: m.fileFallback,
			Storage:      m.storage,
		},
	}
	if m.keychainErr != nil {
		s.Keychain.Reason = m.keychainErr.Error()
	}
	return s
}
