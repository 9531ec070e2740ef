package session

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// Keychain entries of a session. Each token has its own entry, so no
// entry approaches the platforms' size limits. A session is either OAuth
// or a personal access token, and saving one deletes the other.
const (
	keyRefreshToken  = "oauth.refresh_token"
	keyAccessToken   = "oauth.access_token"
	keyExpiry        = "oauth.expiry"
	keyPersonalToken = "personal_access_token"
)

// oauthKeys lists the entries of an OAuth session.
var oauthKeys = []string{keyRefreshToken, keyAccessToken, keyExpiry}

// sessionKeys lists every entry a session may leave in the keychain.
var sessionKeys = append(append([]string(nil), oauthKeys...), keyPersonalToken)

// savedSession is a session read from a store: an OAuth token or a
// personal access token.
type savedSession struct {
	oauth         *oauth2.Token
	personalToken string
}

// tokenStore saves a session in a keychain.Store.
type tokenStore struct {
	store keychain.Store
}

// load returns the saved session, OAuth first. The error matches
// keychain.ErrNotFound only when neither kind is saved.
func (t tokenStore) load() (savedSession, error) {
	tok, err := t.loadOAuth()
	if err == nil {
		return savedSession{oauth: tok}, nil
	}
	if !errors.Is(err, keychain.ErrNotFound) {
		return savedSession{}, err
	}

	personal, err := t.store.Get(keyPersonalToken)
	if err != nil {
		return savedSession{}, err
	}
	return savedSession{personalToken: personal}, nil
}

// loadOAuth returns the saved OAuth token. A token saved without an expiry
// gets one in the past, so it is refreshed before use instead of being
// trusted forever.
func (t tokenStore) loadOAuth() (*oauth2.Token, error) {
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
	return t.delete(keyPersonalToken)
}

// savePersonal writes a personal access token and deletes any OAuth
// session.
func (t tokenStore) savePersonal(token string) error {
	if err := t.store.Set(keyPersonalToken, token); err != nil {
		return fmt.Errorf("session: saving %s: %w", keyPersonalToken, err)
	}
	return t.delete(oauthKeys...)
}

// saveSession writes a session of either kind.
func (t tokenStore) saveSession(s savedSession) error {
	if s.oauth != nil {
		return t.save(s.oauth)
	}
	return t.savePersonal(s.personalToken)
}

// clear deletes every entry of the session.
func (t tokenStore) clear() error {
	return t.delete(sessionKeys...)
}

// delete removes the entries, trying all of them even when one fails.
func (t tokenStore) delete(keys ...string) error {
	var errs []error
	for _, key := range keys {
		if err := t.store.Delete(key); err != nil {
			errs = append(errs, fmt.Errorf("session: deleting %s: %w", key, err))
		}
	}
	return errors.Join(errs...)
}
