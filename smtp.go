package main

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/smtp"
	"github.com/supaconnect/supaconnect/backend/uierror"
)

// SMTP is the surface the window calls for a project's custom Auth SMTP.
type SMTP struct {
	ctx     context.Context
	screen  *screenScope
	session *session.Manager
	checker smtp.Checker
}

// NewSMTP returns the SMTP surface for the session.
func NewSMTP(manager *session.Manager, screen *screenScope) *SMTP {
	return &SMTP{session: manager, screen: screen}
}

func (s *SMTP) startup(ctx context.Context) {
	s.ctx = ctx
}

// Presets lists the email providers the form can fill in.
func (s *SMTP) Presets() []smtp.Preset {
	return smtp.Presets()
}

// Validate checks the form and returns a message per invalid field.
func (s *SMTP) Validate(settings smtp.Settings) smtp.FieldErrors {
	return settings.Validate()
}

// Load returns the project's saved SMTP settings.
func (s *SMTP) Load(ref string) (smtp.Saved, error) {
	client, err := s.session.Client()
	if err != nil {
		return smtp.Saved{}, uierror.From(err)
	}
	config, err := client.AuthConfig(s.screen.current(), ref)
	if err != nil {
		return smtp.Saved{}, uierror.From(err)
	}
	return smtp.FromConfig(config), nil
}

// Save sends the changed fields and returns the settings as saved. It
// validates first and changes nothing when a field is invalid.
func (s *SMTP) Save(ref string, settings smtp.Settings) (smtp.Saved, error) {
	if errs := settings.Validate(); len(errs) > 0 {
		return smtp.Saved{}, uierror.New(uierror.InvalidInput, "invalid fields: "+fieldNames(errs))
	}
	saved, err := s.Load(ref)
	if err != nil {
		return smtp.Saved{}, err
	}
	changes := settings.Changes(saved)
	if len(changes) == 0 {
		return saved, nil
	}
	return s.update(ref, changes)
}

// Disable turns custom SMTP off, so Supabase's built-in mailer sends the
// project's emails again.
func (s *SMTP) Disable(ref string) (smtp.Saved, error) {
	return s.update(ref, smtp.DisableBody())
}

// Test connects to the SMTP server from this computer and logs in. When
// sendTo is not empty, it also sends a test email there.
func (s *SMTP) Test(settings smtp.Settings, sendTo string) smtp.CheckResult {
	return s.checker.Check(s.screen.current(), settings, strings.TrimSpace(sendTo))
}

func (s *SMTP) update(ref string, changes map[string]any) (smtp.Saved, error) {
	client, err := s.session.Client()
	if err != nil {
		return smtp.Saved{}, uierror.From(err)
	}
	config, err := client.UpdateAuthConfig(s.ctx, ref, changes)
	if err != nil {
		return smtp.Saved{}, uierror.From(err)
	}
	return smtp.FromConfig(config), nil
}

func fieldNames(errs smtp.FieldErrors) string {
	return strings.Join(slices.Sorted(maps.Keys(errs)), ", ")
}
