package session

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// Keychain entries of an OAuth session. Each token has its own entry, so
// no entry approaches the platforms' size limits.
const (
	keyRefreshToken = "oauth.refresh_token"
	keyAccessToken  = "oauth.access_token"
	keyExpiry       = "oauth.expiry"
)

// sessionKeys lists every entry a session may leave in the keychain.
var sessionKeys = []string{keyRefreshToken, keyAccessToken, keyExpiry}

// tokenStore saves an OAuth token in a keychain.Store.
type tokenStore struct {
	store keychain.Store
}

// load returns the saved token. A token saved without an expiry gets one
// in the past, so it is refreshed before use instead of being trusted
// forever. The error matches keychain.ErrNotFound when no session is saved.
func (t tokenStore) load() (*oauth2.Token, error) {
	refresh, err := t.store.Get(keyRefreshToken)
	if err != nil {
		return nil, err
	}

	tok := &oauth2.Token{RefreshToken: refresh, TokenType: "Bearer", Expiry: time.Unix(0, 0)}
	access, err := t.store.Get(keyAccessToken)
	switch {
	case err == nil:
		tok.AccessToken = access
	case !errors.Is(err, keychain.ErrNotFound):
		return nil, err
	}

	expiry, err := t.store.Get(keyExpiry)
	switch {
	case err == nil:
		if parsed, perr := time.Parse(time.RFC3339, expiry); perr == nil {
			tok.Expiry = parsed
		}
	case !errors.Is(err, keychain.ErrNotFound):
		return nil, err
	}
	return tok, nil
}

// save writes the refresh token first: Supabase rotates refresh tokens, so
// once a refresh succeeds the old one is dead, and losing the new one
// would sign the user out. The expiry goes last, so a save cut short
// leaves an old expiry, which only causes one more refresh.
func (t tokenStore) save(tok *oauth2.Token) error {
	if tok.RefreshToken == "" {
		return errors.New("session: token response has no refresh token")
	}
	entries := []struct{ key, value string }{
		{keyRefreshToken, tok.RefreshToken},
		{keyAccessToken, tok.AccessToken},
		{keyExpiry, tok.Expiry.UTC().Format(time.RFC3339)},
	}
	for _, e := range entries {
		if err := t.store.Set(e.key, e.value); err != nil {
			return fmt.Errorf("session: saving %s: %w", e.key, err)
		}
	}
	return nil
}

// clear deletes every entry of the session, trying all of them even when
// one fails.
func (t tokenStore) clear() error {
	var errs []error
	for _, key := range sessionKeys {
		if err := t.store.Delete(key); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
