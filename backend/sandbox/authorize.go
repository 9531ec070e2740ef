package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
)

// maxRedirectAndState is the maximum combined length in bytes of
// redirect_uri and state, the limit that Supabase documents.
const maxRedirectAndState = 4096

var (
	// organizationSlugFormat is the pattern of organization slugs.
	organizationSlugFormat = regexp.MustCompile(`^[\w-]+$`)

	// codeChallengeFormat matches an S256 code challenge: 32 bytes in
	// unpadded base64url (RFC 7636, section 4.2).
	codeChallengeFormat = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)
)

// authorizeError is an error that is sent to the client by redirect, as
// RFC 6749, section 4.1.2.1, describes.
type authorizeError struct {
	code        string // such as invalid_request
	description string
}

// invalidRequest returns an invalid_request error with a formatted
// description.
func invalidRequest(format string, args ...any) *authorizeError {
	return &authorizeError{code: "invalid_request", description: fmt.Sprintf(format, args...)}
}

// handleAuthorize serves GET /v1/oauth/authorize. A request with an
// unknown client or an unregistered redirect URI gets an error page,
// because redirecting to an unverified URI would make the sandbox an open
// redirector. Other invalid requests are redirected back with an error. A
// valid request gets the consent page.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	clientID := query.Get("client_id")

	if problem := s.checkClient(query); problem != "" {
		s.log.Info("sandbox: authorization request rejected", "client_id", clientID, "reason", problem)
		s.renderError(w, http.StatusBadRequest, problem)
		return
	}
	redirectURI := query.Get("redirect_uri")
	state := query.Get("state")

	request, authErr := parseAuthorizeRequest(query)
	if authErr != nil {
		s.log.Info("sandbox: authorization request rejected", "client_id", clientID,
			"error", authErr.code, "reason", authErr.description)
		params := url.Values{"error": {authErr.code}, "error_description": {authErr.description}}
		if state != "" {
			params.Set("state", state)
		}
		s.redirect(w, r, redirectURI, params)
		return
	}

	consentID := s.auth.newConsent(request, s.now())
	s.renderConsent(w, consentID, request)
}

// checkClient returns why client_id or redirect_uri is unacceptable, or ""
// when both match the registered client exactly.
func (s *Server) checkClient(query url.Values) string {
	switch {
	case len(query["client_id"]) != 1:
		return "The request must contain exactly one client_id."
	case query.Get("client_id") != s.opts.ClientID:
		return fmt.Sprintf("No application with client ID %q is registered.", query.Get("client_id"))
	case len(query["redirect_uri"]) != 1:
		return "The request must contain exactly one redirect_uri."
	case !slices.Contains(s.opts.RedirectURIs, query.Get("redirect_uri")):
		return fmt.Sprintf("The redirect URI %q is not registered for this application. "+
			"Registered URIs must match exactly.", query.Get("redirect_uri"))
	}
	return ""
}

// singleParams are the parameters that parseAuthorizeRequest reads. Each
// may appear at most once (RFC 6749, section 3.1).
var singleParams = []string{
	"response_type", "state", "scope", "response_mode", "code_challenge",
	"code_challenge_method", "organization_slug", "resource",
}

// parseAuthorizeRequest validates the parameters other than client_id and
// redirect_uri, which checkClient has verified. The sandbox requires state
// and PKCE with S256, which the Management API description marks optional.
func parseAuthorizeRequest(query url.Values) (*consentRequest, *authorizeError) {
	for _, name := range singleParams {
		if len(query[name]) > 1 {
			return nil, invalidRequest("%s must not be repeated", name)
		}
	}

	request := &consentRequest{
		clientID:      query.Get("client_id"),
		redirectURI:   query.Get("redirect_uri"),
		state:         query.Get("state"),
		codeChallenge: query.Get("code_challenge"),
		organization:  query.Get("organization_slug"),
	}
	switch responseType := query.Get("response_type"); {
	case responseType == "":
		return nil, invalidRequest("response_type is missing: use code")
	case responseType != "code":
		return nil, &authorizeError{code: "unsupported_response_type",
			description: fmt.Sprintf("response_type %q is not supported: use code", responseType)}
	}
	if err := checkAuthorizeDetails(query, request); err != nil {
		return nil, err
	}
	return request, nil
}

// checkAuthorizeDetails validates state, PKCE and the optional parameters.
func checkAuthorizeDetails(query url.Values, request *consentRequest) *authorizeError {
	method := query.Get("code_challenge_method")
	switch {
	case request.state == "":
		return invalidRequest("state is missing")
	case len(request.redirectURI)+len(request.state) > maxRedirectAndState:
		return invalidRequest("redirect_uri and state together exceed %d bytes", maxRedirectAndState)
	case request.codeChallenge == "":
		return invalidRequest("code_challenge is missing: PKCE is required")
	case method == "":
		return invalidRequest("code_challenge_method is missing: use S256")
	case method != "S256":
		return invalidRequest("code_challenge_method %q is not supported: use S256", method)
	case !codeChallengeFormat.MatchString(request.codeChallenge):
		return invalidRequest("code_challenge must be 43 base64url characters")
	case query.Has("response_mode") && query.Get("response_mode") != "query":
		return invalidRequest("response_mode %q is not supported: use query", query.Get("response_mode"))
	case query.Has("organization_slug") && !organizationSlugFormat.MatchString(request.organization):
		return invalidRequest("organization_slug %q is invalid: use letters, digits, _ and -", request.organization)
	}

	if query.Has("resource") {
		if u, err := url.Parse(query.Get("resource")); err != nil || !u.IsAbs() {
			return invalidRequest("resource must be an absolute URI")
		}
	}
	return nil
}

// redirect sends the browser to a registered redirect URI, with params
// added to its query, by a 302 Found response.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values) {
	target, err := url.Parse(redirectURI)
	if err != nil {
		s.log.Error("sandbox: registered redirect URI is invalid", "redirect_uri", redirectURI, "error", err)
		s.renderError(w, http.StatusInternalServerError, "The registered redirect URI is invalid.")
		return
	}

	query := target.Query()
	for name, values := range params {
		query[name] = values
	}
	target.RawQuery = query.Encode()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, target.String(), http.StatusFound)
}
