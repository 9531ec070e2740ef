package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"sync"
	"time"
)

// Lifetimes of the short-lived OAuth state. RFC 6749, section 4.1.2,
// recommends at most ten minutes for an authorization code.
const (
	consentTTL = 10 * time.Minute
	codeTTL    = 5 * time.Minute

	// codeRetention is how long a redeemed code is kept after it expires,
	// so that a replay within that time still revokes its grant.
	codeRetention = time.Hour
)

// Errors of access token lookups, returned as 401 messages.
var (
	errTokenUnknown = errors.New("invalid access token")
	errTokenExpired = errors.New("access token has expired")
)

// errRefreshNotFound is returned for a refresh token that is unknown,
// already rotated or revoked. Supabase responds to these with 404.
var errRefreshNotFound = errors.New("refresh token not found")

// grant is one authorization of the client by the user: every access and
// refresh token issued from one authorization code belongs to it.
type grant struct {
	id           string // random, for logs only
	clientID     string
	scope        scope
	refreshToken string // the current one, replaced on every refresh
	revoked      bool
}

// consentRequest is a validated authorization request waiting for the
// user's decision on the consent page. It is stored server-side, so the
// page posts only its ID and cannot change the client or redirect URI.
type consentRequest struct {
	clientID      string
	redirectURI   string
	state         string
	codeChallenge string
	organization  string // slug to preselect, or ""
	expiresAt     time.Time
}

// authorizationCode is an issued code and what it was issued for.
type authorizationCode struct {
	clientID      string
	redirectURI   string
	codeChallenge string
	scope         scope
	expiresAt     time.Time
	redeemed      bool
	grant         *grant // set when a redemption succeeded
}

// accessToken is an issued access token.
type accessToken struct {
	grant     *grant
	expiresAt time.Time
}

// tokenPair is the result of a successful token request.
type tokenPair struct {
	grantID      string
	accessToken  string
	refreshToken string
	expiresIn    int // seconds
}

// authState contains every consent request, code, token and grant. Tokens
// live in memory only and are looked up by value.
type authState struct {
	mu             sync.Mutex
	consents       map[string]*consentRequest
	codes          map[string]*authorizationCode
	accessTokens   map[string]accessToken
	refreshTokens  map[string]*grant
	personalTokens map[string]bool
	tokenRequests  map[string]int // by grant_type
}

func newAuthState() *authState {
	return &authState{
		consents:       map[string]*consentRequest{},
		codes:          map[string]*authorizationCode{},
		accessTokens:   map[string]accessToken{},
		refreshTokens:  map[string]*grant{},
		personalTokens: map[string]bool{},
		tokenRequests:  map[string]int{},
	}
}

// randomHex returns n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	// crypto/rand.Read never returns an error since Go 1.24: the program
	// crashes instead.
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// s256Challenge returns the S256 code challenge of a code verifier:
// BASE64URL(SHA256(verifier)) without padding (RFC 7636, section 4.2).
func s256Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// equalSecret compares two secrets in constant time.
func equalSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// pruneLocked removes expired consent requests, codes and access tokens.
// The caller holds a.mu.
func (a *authState) pruneLocked(now time.Time) {
	for id, c := range a.consents {
		if !now.Before(c.expiresAt) {
			delete(a.consents, id)
		}
	}
	for code, c := range a.codes {
		if !now.Before(c.expiresAt.Add(codeRetention)) {
			delete(a.codes, code)
		}
	}
	for token, t := range a.accessTokens {
		if !now.Before(t.expiresAt) {
			delete(a.accessTokens, token)
		}
	}
}

// issueLocked creates a new access token and refresh token for g,
// replacing g's previous refresh token. The caller holds a.mu.
func (a *authState) issueLocked(g *grant, now time.Time, ttl time.Duration) tokenPair {
	a.pruneLocked(now)
	delete(a.refreshTokens, g.refreshToken)

	pair := tokenPair{
		grantID:      g.id,
		accessToken:  "sbp_oauth_" + randomHex(20),
		refreshToken: rand.Text() + rand.Text(),
		expiresIn:    int(ttl / time.Second),
	}
	g.refreshToken = pair.refreshToken
	a.accessTokens[pair.accessToken] = accessToken{grant: g, expiresAt: now.Add(ttl)}
	a.refreshTokens[pair.refreshToken] = g
	return pair
}

// revokeLocked ends g: its access tokens stop working at their next use
// and its refresh token is removed. The caller holds a.mu.
func (a *authState) revokeLocked(g *grant) {
	g.revoked = true
	delete(a.refreshTokens, g.refreshToken)
}

// countTokenRequest records one call of the token endpoint.
func (a *authState) countTokenRequest(grantType string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.tokenRequests[grantType]++
}

// TokenRequests returns how many calls of the token endpoint with this
// grant_type the server has received, failed ones included.
func (s *Server) TokenRequests(grantType string) int {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	return s.auth.tokenRequests[grantType]
}

// RevokeGrants ends every OAuth authorization, as when the user removes
// the app in the Supabase dashboard: all access and refresh tokens stop
// working, and pending consent requests and codes are dropped. Personal
// access tokens keep working.
func (s *Server) RevokeGrants() {
	a := s.auth
	a.mu.Lock()
	defer a.mu.Unlock()

	for _, t := range a.accessTokens {
		t.grant.revoked = true
	}
	for _, g := range a.refreshTokens {
		g.revoked = true
	}
	clear(a.accessTokens)
	clear(a.refreshTokens)
	clear(a.codes)
	clear(a.consents)
	s.log.Info("sandbox: revoked every OAuth grant")
}
