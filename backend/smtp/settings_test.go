package smtp

import (
	"strings"
	"testing"
)

func validSettings() Settings {
	return Settings{
		SenderEmail:   "no-reply@example.com",
		SenderName:    "Example",
		Host:          "smtp.example.com",
		Port:          "587",
		User:          "apikey",
		MaxFrequency:  "60",
		EmailsPerHour: "100",
	}
}

func TestValidateAcceptsValidSettings(t *testing.T) {
	if errs := validSettings().Validate(); len(errs) != 0 {
		t.Errorf("Validate = %v, want no errors", errs)
	}
}

func TestValidateFieldErrors(t *testing.T) {
	cases := []struct {
		field  string
		modify func(*Settings)
	}{
		{"senderEmail", func(s *Settings) { s.SenderEmail = "" }},
		{"senderEmail", func(s *Settings) { s.SenderEmail = "not-an-address" }},
		{"senderEmail", func(s *Settings) { s.SenderEmail = "Ada <ada@example.com>" }},
		{"senderEmail", func(s *Settings) { s.SenderEmail = "ada@localhost" }},
		{"host", func(s *Settings) { s.Host = "" }},
		{"host", func(s *Settings) { s.Host = "smtp://smtp.example.com" }},
		{"host", func(s *Settings) { s.Host = "smtp.example.com/path" }},
		{"host", func(s *Settings) { s.Host = "smtp example.com" }},
		{"host", func(s *Settings) { s.Host = "smtp.example.com:587" }},
		{"host", func(s *Settings) { s.Host = "-bad-.example.com" }},
		{"port", func(s *Settings) { s.Port = "0" }},
		{"port", func(s *Settings) { s.Port = "65536" }},
		{"port", func(s *Settings) { s.Port = "five" }},
		{"user", func(s *Settings) { s.User = "  " }},
		{"senderName", func(s *Settings) { s.SenderName = strings.Repeat("n", 257) }},
		{"senderName", func(s *Settings) { s.SenderName = "Evil\r\nBcc: victim@example.com" }},
		{"senderName", func(s *Settings) { s.SenderName = "tab\tinside" }},
		{"maxFrequency", func(s *Settings) { s.MaxFrequency = "-1" }},
		{"maxFrequency", func(s *Settings) { s.MaxFrequency = "32768" }},
		{"emailsPerHour", func(s *Settings) { s.EmailsPerHour = "0" }},
		{"emailsPerHour", func(s *Settings) { s.EmailsPerHour = "2147483648" }},
		{"emailsPerHour", func(s *Settings) { s.EmailsPerHour = "1.5" }},
	}
	for _, c := range cases {
		s := validSettings()
		c.modify(&s)
		errs := s.Validate()
		if errs[c.field] == "" {
			t.Errorf("%+v: no error on %s, want one", s, c.field)
		}
		if len(errs) != 1 {
			t.Errorf("%+v: errors %v, want only %s", s, errs, c.field)
		}
	}
}

func TestValidateKeepsInput(t *testing.T) {
	s := validSettings()
	s.Host = "smtp://broken"
	before := s
	_ = s.Validate()
	if s != before {
		t.Errorf("Validate changed the settings: %+v, want %+v", s, before)
	}
}

func TestValidateBoundaryValues(t *testing.T) {
	s := validSettings()
	s.SenderName = strings.Repeat("🚀", 256)
	if errs := s.Validate(); len(errs) != 0 {
		t.Errorf("256 emoji as the sender name rejected: %v", errs)
	}
	s = validSettings()
	s.MaxFrequency, s.EmailsPerHour, s.Port = "0", "2147483647", "65535"
	if errs := s.Validate(); len(errs) != 0 {
		t.Errorf("boundary values rejected: %v", errs)
	}
	s.MaxFrequency, s.EmailsPerHour = "", ""
	if errs := s.Validate(); len(errs) != 0 {
		t.Errorf("empty optional numbers rejected: %v", errs)
	}
}

func TestPresetsAreValid(t *testing.T) {
	seen := map[string]bool{}
	presets := Presets()
	for _, p := range presets {
		if seen[p.ID] {
			t.Errorf("preset id %q repeated", p.ID)
		}
		seen[p.ID] = true
		if p.ID != "other" && CheckHost(p.Host) != "" {
			t.Errorf("preset %s host %q is invalid: %s", p.ID, p.Host, CheckHost(p.Host))
		}
		for _, h := range p.Hosts {
			if CheckHost(h) != "" {
				t.Errorf("preset %s alternative host %q is invalid", p.ID, h)
			}
		}
		if p.Port != 465 && p.Port != 587 {
			t.Errorf("preset %s port %d, want 465 or 587", p.ID, p.Port)
		}
	}
	for _, id := range []string{"resend", "sendgrid", "postmark", "ses", "mailgun", "brevo", "gmail", "other"} {
		if !seen[id] {
			t.Errorf("preset %q missing", id)
		}
	}
	if presets[len(presets)-1].ID != "other" {
		t.Error("Other is not the last preset")
	}
}
