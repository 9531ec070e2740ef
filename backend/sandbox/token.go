package sandbox

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
)

// tokenFields are the fields of a token request body: the properties of
// OAuthTokenBody, which allows no others.
var tokenFields = []string{
	"grant_type", "client_id", "client_secret", "code", "code_verifier",
	"redirect_uri", "refresh_token", "resource", "scope",
}

// tokenResponse is the body of a successful token request.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
	TokenType    string `json:"token_type"`
}

// handleToken serves POST /v1/oauth/token for the authorization_code and
// refresh_token grants. Errors use the RFC 6749 format, except for an
// unknown refresh token, which gets 404 with a message as on Supabase.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	form, problem := readTokenForm(w, r)
	grantType := form.Get("grant_type")
	s.auth.countTokenRequest(grantType)
	if problem != "" {
		s.rejectToken(w, http.StatusBadRequest, grantType, "invalid_request", problem)
		return
	}

	clientID, problem := s.authenticateClient(r, form)
	if problem != "" {
		if _, _, basic := r.BasicAuth(); basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="sandbox"`)
		}
		s.rejectToken(w, http.StatusUnauthorized, grantType, "invalid_client", problem)
		return
	}

	switch grantType {
	case "authorization_code":
		s.exchangeCode(w, form, clientID)
	case "refresh_token":
		s.refreshTokens(w, form, clientID)
	case "":
		s.rejectToken(w, http.StatusBadRequest, grantType, "invalid_request", "grant_type is missing")
	default:
		s.rejectToken(w, http.StatusBadRequest, grantType, "unsupported_grant_type",
			fmt.Sprintf("grant_type %q is not supported: use authorization_code or refresh_token", grantType))
	}
}

// readTokenForm parses a form-encoded token request body. It returns a
// problem description when the body is not a form or has an unknown or
// repeated field (RFC 6749, section 3.2).
func readTokenForm(w http.ResponseWriter, r *http.Request) (url.Values, string) {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/x-www-form-urlencoded" {
		return nil, "the body must be application/x-www-form-urlencoded"
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxFormBytes))
	if err != nil {
		return nil, "the body could not be read"
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, "the body is not valid form encoding"
	}

	for name, values := range form {
		if !slices.Contains(tokenFields, name) {
			return form, fmt.Sprintf("unknown field %q", name)
		}
		if len(values) > 1 {
			return form, fmt.Sprintf("field %q is repeated", name)
		}
	}
	return form, ""
}

// authenticateClient checks the client credentials, sent with HTTP Basic
// authentication or as client_id and client_secret form fields (RFC 6749,
// section 2.3.1). It returns the client ID, or a problem description.
func (s *Server) authenticateClient(r *http.Request, form url.Values) (string, string) {
	user, password, basic := r.BasicAuth()
	var clientID, secret string

	switch {
	case basic && form.Has("client_secret"):
		return "", "use one client authentication method, HTTP Basic or form fields, not both"
	case basic:
		// Basic credentials are form-encoded before base64 encoding.
		var errID, errSecret error
		clientID, errID = url.QueryUnescape(user)
		secret, errSecret = url.QueryUnescape(password)
		if errID != nil || errSecret != nil {
			return "", "the Basic credentials are not form-encoded"
		}
		if form.Has("client_id") && form.Get("client_id") != clientID {
			return "", "client_id does not match the Basic credentials"
		}
	case form.Has("client_id"):
		clientID, secret = form.Get("client_id"), form.Get("client_secret")
	default:
		return "", "client authentication is missing: send HTTP Basic credentials or client_id and client_secret"
	}

	if clientID != s.opts.ClientID || !equalSecret(secret, s.opts.ClientSecret) {
		return "", "client authentication failed: unknown client_id or wrong client_secret"
	}
	return clientID, ""
}

// exchangeCode serves grant_type=authorization_code.
func (s *Server) exchangeCode(w http.ResponseWriter, form url.Values, clientID string) {
	redemption := codeRedemption{
		code:         form.Get("code"),
		clientID:     clientID,
		redirectURI:  form.Get("redirect_uri"),
		codeVerifier: form.Get("code_verifier"),
	}
	const grantType = "authorization_code"
	if redemption.code == "" {
		s.rejectToken(w, http.StatusBadRequest, grantType, "invalid_request", "code is missing")
		return
	}
	if redemption.redirectURI == "" {
		s.rejectToken(w, http.StatusBadRequest, grantType, "invalid_request", "redirect_uri is missing")
		return
	}

	pair, err := s.auth.redeemCode(redemption, s.now(), s.opts.AccessTokenTTL)
	if err != nil {
		s.rejectToken(w, http.StatusBadRequest, grantType, "invalid_grant", err.Error())
		return
	}
	s.log.Info("sandbox: issued tokens", "grant_type", grantType, "grant", pair.grantID)
	writeTokens(w, pair)
}

// refreshTokens serves grant_type=refresh_token. The refresh token is
// rotated: the response carries a new one and the old one stops working.
func (s *Server) refreshTokens(w http.ResponseWriter, form url.Values, clientID string) {
	const grantType = "refresh_token"
	token := form.Get("refresh_token")
	if token == "" {
		s.rejectToken(w, http.StatusBadRequest, grantType, "invalid_request", "refresh_token is missing")
		return
	}

	pair, err := s.auth.refresh(token, clientID, s.now(), s.opts.AccessTokenTTL)
	if err != nil {
		s.log.Info("sandbox: token request rejected", "grant_type", grantType, "status", http.StatusNotFound,
			"reason", err)
		writeMessage(w, http.StatusNotFound, "Refresh token not found")
		return
	}
	s.log.Info("sandbox: issued tokens", "grant_type", grantType, "grant", pair.grantID)
	writeTokens(w, pair)
}

// rejectToken logs a rejected token request and sends an RFC 6749 error.
func (s *Server) rejectToken(w http.ResponseWriter, status int, grantType, code, description string) {
	s.log.Info("sandbox: token request rejected", "grant_type", grantType, "status", status,
		"error", code, "reason", description)
	writeOAuthError(w, status, code, description)
}

// writeTokens sends a token pair with status 201 Created, the status that
// the Management API documents for this endpoint.
func writeTokens(w http.ResponseWriter, pair tokenPair) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusCreated, tokenResponse{
		AccessToken:  pair.accessToken,
		RefreshToken: pair.refreshToken,
		ExpiresIn:    pair.expiresIn,
		TokenType:    "Bearer",
	})
}
