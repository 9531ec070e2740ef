package smtp

import (
	"strconv"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// FromConfig reads the SMTP settings out of a project's Auth config.
// Custom SMTP is on when smtp_host is set. The hash in smtp_pass only
// shows that a password is saved, and it is never put into the form.
func FromConfig(c supabase.AuthSMTPConfig) Saved {
	s := Saved{
		SenderEmail:   deref(c.AdminEmail),
		SenderName:    deref(c.SenderName),
		Host:          deref(c.Host),
		Port:          deref(c.Port),
		User:          deref(c.User),
		PasswordSaved: deref(c.SMTPPassHash) != "",
	}
	s.Enabled = s.Host != ""
	if c.MaxFrequency != nil {
		s.MaxFrequency = strconv.FormatInt(*c.MaxFrequency, 10)
	}
	if c.RateLimitEmailSent != nil {
		s.EmailsPerHour = strconv.FormatInt(*c.RateLimitEmailSent, 10)
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
