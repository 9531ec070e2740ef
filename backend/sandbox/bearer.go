package sandbox

import (
	"net/http"
	"strings"
)

// scopedHandler serves a Management API request whose bearer token
// reaches the organizations in scope.
type scopedHandler func(w http.ResponseWriter, r *http.Request, sc scope)

// requireToken wraps next with bearer token authentication (RFC 6750). A
// request without a token, or with an unknown, revoked or expired one,
// gets 401 with a message.
func (s *Server) requireToken(next scopedHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := bearerToken(r)
		if !ok {
			s.unauthorized(w, r, `Bearer realm="sandbox"`,
				"missing access token: send the header Authorization: Bearer <token>")
			return
		}

		sc, err := s.auth.resolve(token, s.now())
		if err != nil {
			s.unauthorized(w, r, `Bearer realm="sandbox", error="invalid_token"`, err.Error())
			return
		}
		next(w, r, sc)
	})
}

// bearerToken returns the token of an "Authorization: Bearer" header. The
// scheme name is case-insensitive (RFC 9110, section 11.1).
func bearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// unauthorized logs a rejected request and sends 401 with a message and a
// WWW-Authenticate challenge.
func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, challenge, message string) {
	s.log.Info("sandbox: request unauthorized", "method", r.Method, "path", r.URL.Path, "reason", message)
	w.Header().Set("WWW-Authenticate", challenge)
	writeMessage(w, http.StatusUnauthorized, message)
}
