package session

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// SignOut revokes the OAuth grant on Supabase (POST /v1/oauth/revoke) and
// deletes the session from the keychain and from memory. The local session
// is removed even when revocation fails, for example when offline; the
// result reports it. A personal access token is only forgotten, because the
// Management API has no endpoint that revokes one.
func (m *Manager) SignOut(ctx context.Context) (SignOutResult, error) {
	m.CancelSignIn()

	m.mu.Lock()
	cred, method := m.cred, m.method
	m.forgetLocked()
	m.expired = false
	clearErr := tokenStore{store: m.store}.clear()
	m.mu.Unlock()

	result := SignOutResult{PersonalAccessToken: method == methodToken}
	if source, ok := cred.(*savingSource); ok {
		result.Revoked, result.RevokeError = m.revokeSource(ctx, source)
	}

	if clearErr != nil {
		return result, fmt.Errorf("session: deleting the saved session: %w", clearErr)
	}
	m.opts.Logger.Info("signed out", "revoked", result.Revoked)
	return result, nil
}

// revokeSource revokes the grant of an OAuth source that is no longer
// the session's, and reports whether Supabase confirmed it or why not.
func (m *Manager) revokeSource(ctx context.Context, source *savingSource) (bool, string) {
	refresh := source.refreshToken(ctx)
	if refresh == "" {
		return false, ""
	}
	if err := m.revoke(ctx, refresh); err != nil {
		m.opts.Logger.Warn("revoking the grant failed", "error", err)
		return false, err.Error()
	}
	return true, ""
}

// revoke sends the refresh token to the revocation endpoint. The body is
// JSON with the client credentials, as Supabase's OAuthRevokeTokenBody
// defines it, and success is 204.
func (m *Manager) revoke(ctx context.Context, refreshToken string) error {
	body, err := json.Marshal(map[string]string{
		"client_id":     m.opts.ClientID,
		"client_secret": m.opts.ClientSecret,
		"refresh_token": refreshToken,
	})
	if err != nil {
		return fmt.Errorf("session: encoding the revocation request: %w", err)
	}

	url := m.opts.APIBaseURL + "/v1/oauth/revoke"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("session: building the revocation request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", m.opts.UserAgent)

	resp, err := m.httpClient().Do(req)
	if err != nil {
		return fmt.Errorf("session: sending the revocation: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("session: revocation returned status %d", resp.StatusCode)
	}
	return nil
}
