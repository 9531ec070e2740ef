package smtp

import (
	"encoding/json"
	"testing"
)

func savedConfig() Saved {
	return Saved{
		Enabled:       true,
		SenderEmail:   "no-reply@example.com",
		SenderName:    "Example",
		Host:          "smtp.example.com",
		Port:          "587",
		User:          "apikey",
		PasswordSaved: true,
		MaxFrequency:  "60",
		EmailsPerHour: "100",
	}
}

func TestChangesOnlyChangedFields(t *testing.T) {
	s := validSettings()
	s.Host = "smtp.other.example.com"
	body := s.Changes(savedConfig())

	if len(body) != 1 || body["smtp_host"] != "smtp.other.example.com" {
		t.Errorf("Changes = %v, want only smtp_host", body)
	}
}

func TestChangesPortIsString(t *testing.T) {
	s := validSettings()
	s.Port = " 465 "
	body := s.Changes(savedConfig())
	encoded, _ := json.Marshal(body)
	if string(encoded) != `{"smtp_port":"465"}` {
		t.Errorf("Changes JSON = %s, want smtp_port as the string \"465\"", encoded)
	}
}

func TestChangesPasswordOnlyWhenTyped(t *testing.T) {
	s := validSettings()
	if _, ok := s.Changes(savedConfig())["smtp_pass"]; ok {
		t.Error("smtp_pass sent although no password was typed")
	}
	s.Password = "new secret"
	if got := s.Changes(savedConfig())["smtp_pass"]; got != "new secret" {
		t.Errorf("smtp_pass = %v, want the typed password", got)
	}
}

func TestChangesNumbers(t *testing.T) {
	s := validSettings()
	s.MaxFrequency, s.EmailsPerHour = "30", "500"
	body := s.Changes(savedConfig())
	if body["smtp_max_frequency"] != int64(30) || body["rate_limit_email_sent"] != int64(500) {
		t.Errorf("Changes = %v, want both numbers as integers", body)
	}
	s.MaxFrequency, s.EmailsPerHour = "", ""
	if body := s.Changes(savedConfig()); len(body) != 0 {
		t.Errorf("Changes with empty numbers = %v, want nothing", body)
	}
}

func TestChangesFromDisabled(t *testing.T) {
	s := validSettings()
	s.Password = "secret"
	body := s.Changes(Saved{})
	for _, field := range []string{"smtp_admin_email", "smtp_sender_name", "smtp_host", "smtp_port", "smtp_user", "smtp_pass", "smtp_max_frequency", "rate_limit_email_sent"} {
		if _, ok := body[field]; !ok {
			t.Errorf("enabling SMTP: %s missing from %v", field, body)
		}
	}
}

func TestDisableBody(t *testing.T) {
	encoded, _ := json.Marshal(DisableBody())
	if string(encoded) != `{"smtp_host":""}` {
		t.Errorf("DisableBody = %s, want {\"smtp_host\":\"\"}", encoded)
	}
}

func TestHasChanges(t *testing.T) {
	s := Settings{SenderEmail: "no-reply@example.com", SenderName: "Example", Host: "smtp.example.com",
		Port: "587", User: "apikey", MaxFrequency: "60", EmailsPerHour: "100"}
	if s.HasChanges(savedConfig()) {
		t.Error("HasChanges = true for the saved values")
	}
	s.SenderName = "Other"
	if !s.HasChanges(savedConfig()) {
		t.Error("HasChanges = false after editing the sender name")
	}
}
