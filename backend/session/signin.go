package session

import (
	"context"
	"fmt"
)

// StartSignIn begins an OAuth sign-in: it opens the loopback listener and
// the consent page. A sign-in already waiting is cancelled first, because
// the user asked for a new one.
func (m *Manager) StartSignIn(ctx context.Context, organizationSlug string) (SignInStart, error) {
	m.restoreOnce()
	m.CancelSignIn()

	attempt, err := m.flow.Begin(ctx, organizationSlug)
	if err != nil {
		return SignInStart{}, err
	}

	m.mu.Lock()
	m.attempt = attempt
	m.mu.Unlock()

	start := SignInStart{
		AuthorizeURL:  attempt.URL,
		RedirectURI:   attempt.RedirectURI(),
		BrowserOpened: attempt.BrowserErr == nil,
	}
	if attempt.BrowserErr != nil {
		start.BrowserError = attempt.BrowserErr.Error()
		m.opts.Logger.Warn("opening the browser failed", "error", attempt.BrowserErr)
	}
	m.opts.Logger.Info("sign-in started", "redirect_uri", start.RedirectURI)
	return start, nil
}

// AwaitSignIn waits for the sign-in started by StartSignIn, saves the
// tokens and returns the new status.
func (m *Manager) AwaitSignIn(ctx context.Context) (Status, error) {
	m.mu.Lock()
	attempt := m.attempt
	m.mu.Unlock()
	if attempt == nil {
		return Status{}, ErrSignInNotStarted
	}

	tok, err := attempt.Wait(ctx)

	m.mu.Lock()
	if m.attempt == attempt {
		m.attempt = nil
	}
	m.mu.Unlock()
	if err != nil {
		m.opts.Logger.Info("sign-in ended without tokens", "error", err)
		return Status{}, err
	}

	stampExpiry(tok, m.opts.Now)
	m.mu.Lock()
	saveErr := tokenStore{store: m.store}.save(tok)
	m.startOAuthLocked(tok)
	m.mu.Unlock()
	if saveErr != nil {
		// The session works for this run; the window reports the keychain.
		m.opts.Logger.Error("saving the session failed", "error", saveErr)
		m.markKeychainFailed(saveErr)
	}

	m.opts.Logger.Info("signed in")
	m.loadProfile(ctx)
	return m.status(), nil
}

// CancelSignIn cancels the sign-in waiting for the browser, if any.
func (m *Manager) CancelSignIn() {
	m.mu.Lock()
	attempt := m.attempt
	m.attempt = nil
	m.mu.Unlock()

	if attempt != nil {
		attempt.Cancel()
	}
}

func (m *Manager) markKeychainFailed(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.keychainErr == nil {
		m.keychainErr = fmt.Errorf("session: the session could not be saved: %w", err)
	}
}
