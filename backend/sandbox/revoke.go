package sandbox

import (
	"encoding/json"
	"mime"
	"net/http"
)

// revokeRequest is the JSON body of POST /v1/oauth/revoke.
type revokeRequest struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RefreshToken string `json:"refresh_token"`
}

// handleRevoke serves POST /v1/oauth/revoke: it ends the grant of a
// refresh token, so that the grant's access and refresh tokens stop
// working, and responds 204. An unknown refresh token also gets 204,
// because the client's goal, a token that no longer works, is met
// (RFC 7009, section 2.2). Errors use the RFC 6749 format, as RFC 7009,
// section 2.2.1, specifies.
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	body, problem := readRevokeRequest(w, r)
	if problem != "" {
		s.log.Info("sandbox: revocation rejected", "error", "invalid_request", "reason", problem)
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", problem)
		return
	}

	if body.ClientID != s.opts.ClientID || !equalSecret(body.ClientSecret, s.opts.ClientSecret) {
		s.log.Info("sandbox: revocation rejected", "error", "invalid_client", "client_id", body.ClientID)
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client",
			"client authentication failed: unknown client_id or wrong client_secret")
		return
	}

	if grantID := s.auth.revokeRefresh(body.RefreshToken, body.ClientID); grantID != "" {
		s.log.Info("sandbox: revoked grant", "grant", grantID)
	} else {
		s.log.Info("sandbox: revocation of an unknown refresh token ignored")
	}
	w.WriteHeader(http.StatusNoContent)
}

// readRevokeRequest decodes the JSON body of a revocation. Like the
// OAuthRevokeTokenBody schema, it requires every field and rejects
// unknown ones.
func readRevokeRequest(w http.ResponseWriter, r *http.Request) (revokeRequest, string) {
	var body revokeRequest
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return body, "the body must be application/json"
	}

	decoder := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxFormBytes))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&body); err != nil {
		return body, "the body must be a JSON object with client_id, client_secret and refresh_token strings"
	}
	if decoder.More() {
		return body, "the body must contain one JSON object"
	}
	if body.ClientID == "" || body.ClientSecret == "" || body.RefreshToken == "" {
		return body, "client_id, client_secret and refresh_token are required"
	}
	return body, ""
}
