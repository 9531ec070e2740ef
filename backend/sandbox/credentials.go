package sandbox

import (
	"crypto/rand"
	"errors"
	"regexp"
	"time"
)

var (
	// personalTokenFormat is the format of a Supabase personal access token.
	personalTokenFormat = regexp.MustCompile(`^sbp_[0-9a-f]{40}$`)

	// codeVerifierFormat is the format of a PKCE code verifier (RFC 7636,
	// section 4.1): 43 to 128 unreserved characters.
	codeVerifierFormat = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)
)

// codeRedemption is a token request with grant_type=authorization_code.
type codeRedemption struct {
	code         string
	clientID     string
	redirectURI  string
	codeVerifier string
}

// issueCode stores a new authorization code for a consent request that the
// user approved with scope sc, and returns the code.
func (a *authState) issueCode(c *consentRequest, sc scope, now time.Time) string {
	a.mu.Lock()
	defer a.mu.Unlock()

	a.pruneLocked(now)
	code := rand.Text() + rand.Text()
	a.codes[code] = &authorizationCode{
		clientID:      c.clientID,
		redirectURI:   c.redirectURI,
		codeChallenge: c.codeChallenge,
		scope:         sc,
		expiresAt:     now.Add(codeTTL),
	}
	return code
}

// redeemCode exchanges an authorization code for tokens. The returned
// error is the description of an invalid_grant error. Any attempt consumes
// the code, so a wrong verifier cannot be retried, and a second redemption
// of a code that already produced tokens revokes them (RFC 6749,
// section 4.1.2).
func (a *authState) redeemCode(r codeRedemption, now time.Time, ttl time.Duration) (tokenPair, error) {
	a.mu.Lock()
	defer a.mu.Unlock()

	code, ok := a.codes[r.code]
	if !ok {
		return tokenPair{}, errors.New("authorization code is invalid")
	}
	if code.redeemed {
		if code.grant != nil {
			a.revokeLocked(code.grant)
		}
		return tokenPair{}, errors.New("authorization code was already used, so the tokens issued for it are revoked")
	}
	code.redeemed = true

	if err := code.check(r, now); err != nil {
		return tokenPair{}, err
	}
	code.grant = &grant{id: randomHex(6), clientID: code.clientID, scope: code.scope}
	return a.issueLocked(code.grant, now, ttl), nil
}

// check compares a redemption with what the code was issued for.
func (c *authorizationCode) check(r codeRedemption, now time.Time) error {
	switch {
	case !now.Before(c.expiresAt):
		return errors.New("authorization code has expired")
	case r.clientID != c.clientID:
		return errors.New("authorization code was issued to another client")
	case r.redirectURI != c.redirectURI:
		return errors.New("redirect_uri does not match the one of the authorization request")
	case r.codeVerifier == "":
		return errors.New("code_verifier is missing")
	case !codeVerifierFormat.MatchString(r.codeVerifier):
		return errors.New("code_verifier must be 43 to 128 letters, digits or -._~")
	case !equalSecret(s256Challenge(r.codeVerifier), c.codeChallenge):
		return errors.New("code_verifier does not match the code_challenge")
	}
	return nil
}

// refresh rotates a refresh token: it returns a new token pair for the
// grant, and the old refresh token stops working.
func (a *authState) refresh(refreshToken, clientID string, now time.Time, ttl time.Duration) (tokenPair, error) {
	a.mu.Lock()
	defer a.mu.Unlock()

	g, ok := a.refreshTokens[refreshToken]
	if !ok || g.revoked || g.clientID != clientID {
		return tokenPair{}, errRefreshNotFound
	}
	return a.issueLocked(g, now, ttl), nil
}

// revokeRefresh ends the grant of a refresh token issued to clientID. It
// returns the grant's ID, or "" when no such token exists.
func (a *authState) revokeRefresh(refreshToken, clientID string) string {
	a.mu.Lock()
	defer a.mu.Unlock()

	g, ok := a.refreshTokens[refreshToken]
	if !ok || g.clientID != clientID {
		return ""
	}
	a.revokeLocked(g)
	return g.id
}

// resolve returns the scope of a bearer token: a personal access token or
// an unexpired access token of a live grant.
func (a *authState) resolve(token string, now time.Time) (scope, error) {
	a.mu.Lock()
	defer a.mu.Unlock()

	if a.personalTokens[token] {
		return scope{all: true}, nil
	}
	t, ok := a.accessTokens[token]
	if !ok || t.grant.revoked {
		return scope{}, errTokenUnknown
	}
	if !now.Before(t.expiresAt) {
		return scope{}, errTokenExpired
	}
	return t.grant.scope, nil
}

// AddPersonalAccessToken registers a personal access token, which reaches
// every organization and survives RevokeGrants. The token must have
// Supabase's format: "sbp_" and 40 lowercase hexadecimal digits.
func (s *Server) AddPersonalAccessToken(token string) error {
	if !personalTokenFormat.MatchString(token) {
		return errors.New("sandbox: invalid personal access token: use sbp_ followed by 40 lowercase hexadecimal digits")
	}

	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	s.auth.personalTokens[token] = true
	return nil
}

// NewPersonalAccessToken registers a random personal access token and
// returns it.
func (s *Server) NewPersonalAccessToken() string {
	token := "sbp_" + randomHex(20)
	if err := s.AddPersonalAccessToken(token); err != nil {
		panic(err) // unreachable: the token has the required format
	}
	return token
}
