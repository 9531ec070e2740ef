package sandbox

import (
	"bytes"
	"crypto/rand"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"time"
)

// consentPath is the path that the consent page posts the user's decision
// to. The form sends consent_id, organization (a slug) and decision, which
// is "authorize" or "deny".
const consentPath = "/sandbox/consent"

// maxFormBytes bounds the size of a consent form body.
const maxFormBytes = 64 << 10

//go:embed templates/*.html
var templateFiles embed.FS

var pages = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// consentView is the data of the consent page.
type consentView struct {
	AppName          string
	Email            string
	RedirectURI      string
	ConsentID        string
	Action           string
	AllOrganizations bool
	Organizations    []organizationChoice
}

// organizationChoice is one radio button of the consent page.
type organizationChoice struct {
	InputID string
	Slug    string
	Name    string
	Plan    string
	Checked bool
}

// newConsent stores a validated authorization request and returns the ID
// that the consent page posts back.
func (a *authState) newConsent(request *consentRequest, now time.Time) string {
	a.mu.Lock()
	defer a.mu.Unlock()

	a.pruneLocked(now)
	id := rand.Text()
	request.expiresAt = now.Add(consentTTL)
	a.consents[id] = request
	return id
}

// takeConsent removes a consent request and returns it if it has not
// expired, so that each request is used at most once.
func (a *authState) takeConsent(id string, now time.Time) (*consentRequest, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()

	request, ok := a.consents[id]
	if !ok {
		return nil, false
	}
	delete(a.consents, id)
	return request, now.Before(request.expiresAt)
}

// renderConsent sends the consent page for a validated request. The
// organization named by organization_slug is preselected when the user
// belongs to it, and the first organization otherwise.
func (s *Server) renderConsent(w http.ResponseWriter, consentID string, request *consentRequest) {
	orgs := s.data.listOrganizations(scope{all: true})
	preselect := ""
	if len(orgs) > 0 {
		preselect = orgs[0].Slug
	}
	for _, org := range orgs {
		if org.Slug == request.organization {
			preselect = org.Slug
		}
	}

	view := consentView{
		AppName:          s.opts.AppName,
		Email:            s.data.getProfile().PrimaryEmail,
		RedirectURI:      request.redirectURI,
		ConsentID:        consentID,
		Action:           consentPath,
		AllOrganizations: s.opts.GrantAllOrganizations,
	}
	for _, org := range orgs {
		view.Organizations = append(view.Organizations, organizationChoice{
			InputID: "org-" + org.Slug,
			Slug:    org.Slug,
			Name:    org.Name,
			Plan:    org.Plan,
			Checked: org.Slug == preselect,
		})
	}
	s.renderPage(w, http.StatusOK, "consent", view)
}

// renderError sends the HTML error page with a message for the user.
func (s *Server) renderError(w http.ResponseWriter, status int, message string) {
	s.renderPage(w, status, "error", struct{ Message string }{message})
}

// renderPage executes a page template and sends it with headers that keep
// the page out of caches and frames and allow no external resources.
func (s *Server) renderPage(w http.ResponseWriter, status int, name string, data any) {
	var body bytes.Buffer
	if err := pages.ExecuteTemplate(&body, name, data); err != nil {
		s.log.Error("sandbox: render page failed", "page", name, "error", err)
		http.Error(w, "failed to render the page", http.StatusInternalServerError)
		return
	}

	header := w.Header()
	header.Set("Content-Type", "text/html; charset=utf-8")
	header.Set("Cache-Control", "no-store")
	header.Set("Content-Security-Policy",
		"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'")
	header.Set("X-Frame-Options", "DENY")
	header.Set("X-Content-Type-Options", "nosniff")
	header.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	w.Write(body.Bytes())
}

// handleConsent serves the consent form's POST. Authorize redirects to the
// client with a code and the state. Deny redirects with access_denied.
func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.renderError(w, http.StatusBadRequest, "The form could not be read.")
		return
	}
	form := r.PostForm
	decision := form.Get("decision")

	var sc scope
	switch decision {
	case "authorize":
		slug := form.Get("organization")
		if _, ok := s.data.findOrganization(scope{all: true}, slug); !ok {
			s.renderError(w, http.StatusBadRequest, "Choose one of your organizations.")
			return
		}
		sc = scope{all: s.opts.GrantAllOrganizations, organization: slug}
	case "deny":
	default:
		s.renderError(w, http.StatusBadRequest, "Choose Authorize or Deny.")
		return
	}

	request, ok := s.auth.takeConsent(form.Get("consent_id"), s.now())
	if !ok {
		s.log.Info("sandbox: consent rejected", "reason", "unknown or expired consent request")
		s.renderError(w, http.StatusBadRequest,
			"This authorization request has expired or was already used.")
		return
	}
	s.finishConsent(w, r, request, decision, sc)
}

// finishConsent redirects the browser back to the client with the
// outcome of a consent request.
func (s *Server) finishConsent(w http.ResponseWriter, r *http.Request, request *consentRequest, decision string, sc scope) {
	params := url.Values{"state": {request.state}}
	if decision == "deny" {
		s.log.Info("sandbox: user denied access", "client_id", request.clientID)
		params.Set("error", "access_denied")
		params.Set("error_description", "The user denied access to the application.")
		s.redirect(w, r, request.redirectURI, params)
		return
	}

	code := s.auth.issueCode(request, sc, s.now())
	s.log.Info("sandbox: user authorized access", "client_id", request.clientID,
		"organization", sc.organization, "all_organizations", sc.all)
	params.Set("code", code)
	s.redirect(w, r, request.redirectURI, params)
}
