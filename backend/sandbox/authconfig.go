package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"slices"
	"strconv"
	"sync"
)

// authConfigStore keeps the Auth settings that PATCH changed, per project.
// Fields never changed take the defaults of authConfigDefaults.
type authConfigStore struct {
	mu      sync.Mutex
	changed map[string]map[string]any
}

func newAuthConfigStore() *authConfigStore {
	return &authConfigStore{changed: map[string]map[string]any{}}
}

// authConfigDefaults are the values a new project's Auth config has in
// the sandbox. Every other field of AuthConfigResponse is null. The
// values are plausible for a new project, not copied from Supabase.
var authConfigDefaults = map[string]any{
	"site_url":                   "http://localhost:3000",
	"disable_signup":             false,
	"jwt_exp":                    3600,
	"external_email_enabled":     true,
	"mailer_autoconfirm":         false,
	"mailer_otp_exp":             3600,
	"mailer_otp_length":          6,
	"mfa_phone_otp_length":       6,
	"sms_otp_length":             6,
	"smtp_max_frequency":         60,
	"rate_limit_email_sent":      2,
	"passkey_enabled":            false,
	"oauth_server_enabled":       false,
	"custom_oauth_enabled":       false,
	"custom_oauth_max_providers": 3,

	"oauth_server_allow_dynamic_registration": false,
}

// response returns the full AuthConfigResponse of a project. The SMTP
// password is returned as its SHA-256 hash, as Supabase does.
func (a *authConfigStore) response(ref string) map[string]any {
	a.mu.Lock()
	defer a.mu.Unlock()

	body := make(map[string]any, len(authConfigFields))
	for _, field := range authConfigFields {
		body[field] = nil
	}
	for field, value := range authConfigDefaults {
		body[field] = value
	}
	for field, value := range a.changed[ref] {
		body[field] = value
	}
	if pass, ok := body["smtp_pass"].(string); ok && pass != "" {
		sum := sha256.Sum256([]byte(pass))
		body["smtp_pass"] = hex.EncodeToString(sum[:])
	}
	return body
}

// update applies a validated PATCH body to a project's settings.
func (a *authConfigStore) update(ref string, changes map[string]any) {
	a.mu.Lock()
	defer a.mu.Unlock()

	current := a.changed[ref]
	if current == nil {
		current = map[string]any{}
		a.changed[ref] = current
	}
	for field, value := range changes {
		current[field] = value
	}
	// An empty smtp_host turns custom SMTP off; GET then returns null.
	if host, ok := current["smtp_host"].(string); ok && host == "" {
		current["smtp_host"] = nil
	}
}

// smtpEnabled reports whether custom SMTP is on after changes.
func (a *authConfigStore) smtpEnabled(ref string, changes map[string]any) bool {
	if host, ok := changes["smtp_host"]; ok {
		s, _ := host.(string)
		return s != ""
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s, _ := a.changed[ref]["smtp_host"].(string)
	return s != ""
}

// handleGetAuthConfig serves GET /v1/projects/{ref}/config/auth.
func (s *Server) handleGetAuthConfig(w http.ResponseWriter, r *http.Request, sc scope) {
	project, ok := s.projectFromPath(w, r, sc)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, s.authConfigs.response(project.Ref))
}

// handleUpdateAuthConfig serves PATCH /v1/projects/{ref}/config/auth. It
// checks the SMTP fields as UpdateAuthConfigBody declares them and
// returns 400 with a message naming the field otherwise.
func (s *Server) handleUpdateAuthConfig(w http.ResponseWriter, r *http.Request, sc scope) {
	project, ok := s.projectFromPath(w, r, sc)
	if !ok {
		return
	}
	changes, err := readAuthConfigBody(r)
	if err == nil {
		_, limitSet := changes["rate_limit_email_sent"]
		if limitSet && !s.authConfigs.smtpEnabled(project.Ref, changes) {
			err = fmt.Errorf("rate_limit_email_sent can only be changed with custom SMTP set up")
		}
	}
	if err != nil {
		s.log.Info("sandbox: invalid auth config update", "ref", project.Ref, "reason", err)
		writeMessage(w, http.StatusBadRequest, err.Error())
		return
	}

	s.authConfigs.update(project.Ref, changes)
	s.log.Info("sandbox: auth config updated", "ref", project.Ref, "fields", len(changes))
	writeJSON(w, http.StatusOK, s.authConfigs.response(project.Ref))
}

// readAuthConfigBody decodes a PATCH body and checks the fields the
// sandbox models. Unknown fields are rejected, because a misspelled field
// would otherwise be ignored silently.
func readAuthConfigBody(r *http.Request) (map[string]any, error) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBody)).Decode(&raw); err != nil {
		return nil, fmt.Errorf("request body must be a JSON object")
	}

	changes := make(map[string]any, len(raw))
	for field, value := range raw {
		if !slices.Contains(authConfigFields, field) {
			return nil, fmt.Errorf("%s is not an Auth config field", field)
		}
		decoded, err := decodeAuthField(field, value)
		if err != nil {
			return nil, err
		}
		changes[field] = decoded
	}
	return changes, nil
}

// integerRanges are the bounds of the integer fields the sandbox checks.
var integerRanges = map[string][2]int64{
	"smtp_max_frequency":    {0, 32767},
	"rate_limit_email_sent": {1, 2147483647},
}

var stringFields = []string{"smtp_host", "smtp_user", "smtp_pass", "smtp_sender_name", "smtp_admin_email", "smtp_port"}

func decodeAuthField(field string, value json.RawMessage) (any, error) {
	if string(value) == "null" {
		return nil, nil
	}
	if bounds, ok := integerRanges[field]; ok {
		var n int64
		if err := json.Unmarshal(value, &n); err != nil || n < bounds[0] || n > bounds[1] {
			return nil, fmt.Errorf("%s must be an integer from %d to %d", field, bounds[0], bounds[1])
		}
		return n, nil
	}
	if !slices.Contains(stringFields, field) {
		var v any
		err := json.Unmarshal(value, &v)
		return v, err
	}

	var text string
	if err := json.Unmarshal(value, &text); err != nil {
		return nil, fmt.Errorf("%s must be a string", field)
	}
	switch field {
	case "smtp_port":
		if port, err := strconv.Atoi(text); err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("smtp_port must be a port number from 1 to 65535, as a string")
		}
	case "smtp_admin_email":
		if addr, err := mail.ParseAddress(text); err != nil || addr.Address != text {
			return nil, fmt.Errorf("smtp_admin_email must be an email address")
		}
	}
	return text, nil
}
