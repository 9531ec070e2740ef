package smtp

import (
	"strconv"
	"strings"
)

// Saved is the SMTP part of a project's Auth config as Supabase returns
// it. The API never returns the password, only a hash of it, so Saved
// records only whether one is set.
type Saved struct {
	// Enabled is true when custom SMTP is on: smtp_host is set.
	Enabled bool `json:"enabled"`

	SenderEmail   string `json:"senderEmail"`
	SenderName    string `json:"senderName"`
	Host          string `json:"host"`
	Port          string `json:"port"`
	User          string `json:"user"`
	PasswordSaved bool   `json:"passwordSaved"`

	// MaxFrequency and EmailsPerHour are empty when unset.
	MaxFrequency  string `json:"maxFrequency"`
	EmailsPerHour string `json:"emailsPerHour"`
}

// Changes returns the PATCH /v1/projects/{ref}/config/auth body that turns
// saved into s: only the fields that differ. smtp_port is a string, as the
// API requires, and smtp_pass is sent only when the user typed a new
// password. Call Validate first: it requires a host, so the body always
// leaves custom SMTP on, which is the only state in which Supabase accepts
// rate_limit_email_sent.
func (s Settings) Changes(saved Saved) map[string]any {
	body := map[string]any{}
	setString := func(field, typed, current string) {
		if typed = strings.TrimSpace(typed); typed != current {
			body[field] = typed
		}
	}
	setString("smtp_admin_email", s.SenderEmail, saved.SenderEmail)
	setString("smtp_sender_name", s.SenderName, saved.SenderName)
	setString("smtp_host", s.Host, saved.Host)
	setString("smtp_user", s.User, saved.User)
	if port, msg := ParsePort(s.Port); msg == "" && strconv.Itoa(port) != saved.Port {
		body["smtp_port"] = strconv.Itoa(port)
	}
	if s.Password != "" {
		body["smtp_pass"] = s.Password
	}
	setNumber(body, "smtp_max_frequency", s.MaxFrequency, saved.MaxFrequency)
	setNumber(body, "rate_limit_email_sent", s.EmailsPerHour, saved.EmailsPerHour)
	return body
}

// DisableBody returns the PATCH body that turns custom SMTP off: an empty
// smtp_host, which Supabase reads as "use the built-in mailer".
func DisableBody() map[string]any {
	return map[string]any{"smtp_host": ""}
}

// setNumber adds field when typed is a number that differs from current.
// An empty typed value leaves the saved one alone.
func setNumber(body map[string]any, field, typed, current string) {
	typed = strings.TrimSpace(typed)
	if typed == "" || typed == current {
		return
	}
	if n, err := strconv.ParseInt(typed, 10, 64); err == nil {
		body[field] = n
	}
}

// HasChanges reports whether s differs from saved in any field the form
// edits, which is when leaving the form must ask first.
func (s Settings) HasChanges(saved Saved) bool {
	return len(s.Changes(saved)) > 0
}
