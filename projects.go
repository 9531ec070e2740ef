package main

import (
	"context"
	"errors"
	"path/filepath"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/supabase"
	"github.com/supaconnect/supaconnect/backend/uierror"
)

// EventProjectProgress carries a projects.Progress while a new project
// starts up. The name is declared again in frontend/src/lib/events.ts.
const EventProjectProgress = "project:progress"

// Projects is the surface the window calls for creating projects and
// reading their keys and connection strings.
type Projects struct {
	ctx      context.Context
	screen   *screenScope
	session  *session.Manager
	projects *projects.Service

	mu      sync.Mutex
	waiting map[string]bool
}

// NewProjects returns the Projects surface over the service.
func NewProjects(manager *session.Manager, service *projects.Service, screen *screenScope) *Projects {
	return &Projects{session: manager, projects: service, screen: screen, waiting: map[string]bool{}}
}

func (p *Projects) startup(ctx context.Context) {
	p.ctx = ctx
}

// Regions lists the regions a new project of the organization can use.
func (p *Projects) Regions(organizationSlug string) (supabase.AvailableRegions, error) {
	client, err := p.session.Client()
	if err != nil {
		return supabase.AvailableRegions{}, uierror.From(err)
	}
	regions, err := client.AvailableRegions(p.screen.current(), organizationSlug)
	return regions, uierror.From(err)
}

// GeneratePassword returns a new database password.
func (p *Projects) GeneratePassword() (string, error) {
	pw, err := projects.GeneratePassword()
	return pw, uierror.From(err)
}

// PasswordStrength rates a password the user typed.
func (p *Projects) PasswordStrength(password string) projects.Strength {
	return projects.EstimateStrength(password)
}

// Create creates a project, then reports its start-up through
// EventProjectProgress events until it is ready or has failed.
func (p *Projects) Create(req projects.CreateRequest) (projects.Created, error) {
	created, err := p.projects.Create(p.ctx, req)
	if err != nil && created.Project.Ref == "" {
		return created, uierror.From(err)
	}
	p.Watch(created.Project.Ref)
	return created, uierror.From(err)
}

// Watch reports a project's start-up through EventProjectProgress events,
// once per project at a time. The wait goes on when the user leaves the
// screen, and ends when the window closes.
func (p *Projects) Watch(ref string) {
	p.mu.Lock()
	if p.waiting[ref] {
		p.mu.Unlock()
		return
	}
	p.waiting[ref] = true
	p.mu.Unlock()

	go func() {
		defer func() {
			p.mu.Lock()
			delete(p.waiting, ref)
			p.mu.Unlock()
		}()
		report := func(progress projects.Progress) {
			runtime.EventsEmit(p.ctx, EventProjectProgress, progress)
		}
		// The last Progress was reported already; the error is in it.
		_, _ = p.projects.WaitUntilReady(p.ctx, ref, report)
	}()
}

// Recover attaches passwords saved before a create that got no response,
// and returns the ones it could not attach.
func (p *Projects) Recover() (projects.Recovery, error) {
	recovery, err := p.projects.Recover(p.ctx)
	return recovery, uierror.From(err)
}

// AttachPending saves a pending password as the password of a project.
func (p *Projects) AttachPending(id, ref string) error {
	return uierror.From(p.projects.AttachPending(id, ref))
}

// DiscardPending deletes a pending password the user no longer needs.
func (p *Projects) DiscardPending(id string) error {
	return uierror.From(p.projects.DiscardPending(id))
}

// APIKeys returns a project's API keys, without the secret ones when the
// session may not reveal them.
func (p *Projects) APIKeys(ref string) (projects.Keys, error) {
	keys, err := p.projects.APIKeys(p.screen.current(), ref)
	return keys, uierror.From(err)
}

// ConnectionStrings returns a project's Postgres URIs, with the saved
// password when there is one.
func (p *Projects) ConnectionStrings(ref string, ipv4AddOn bool) (projects.ConnectionStrings, error) {
	strings, err := p.projects.ConnectionStrings(p.screen.current(), ref, ipv4AddOn)
	return strings, uierror.From(err)
}

// HasPassword reports whether a database password is saved for a project.
func (p *Projects) HasPassword(ref string) (bool, error) {
	_, err := p.projects.Password(ref)
	if errors.Is(err, projects.ErrNoPassword) {
		return false, nil
	}
	return err == nil, uierror.From(err)
}

// Password returns the database password saved for a project, for the
// window to show or copy on request.
func (p *Projects) Password(ref string) (string, error) {
	pw, err := p.projects.Password(ref)
	return pw, uierror.From(err)
}

// SetPassword saves the database password of a project the app did not
// create, as the user typed it.
func (p *Projects) SetPassword(ref, password string) error {
	return uierror.From(p.projects.SetPassword(ref, password))
}

// ResetPassword sets a new generated database password on the project.
func (p *Projects) ResetPassword(ref string) error {
	return uierror.From(p.projects.ResetPassword(p.ctx, ref))
}

// Env returns the text of an .env file for the project.
func (p *Projects) Env(req projects.EnvRequest) (string, error) {
	text, err := p.projects.Env(p.screen.current(), req)
	return text, uierror.From(err)
}

// ChooseEnvPath opens the system's save dialog for an .env file.
// It returns "" when the user cancels.
func (p *Projects) ChooseEnvPath() (string, error) {
	path, err := runtime.SaveFileDialog(p.ctx, runtime.SaveDialogOptions{
		Title:           "Save .env file",
		DefaultFilename: ".env",
	})
	if err != nil {
		return "", uierror.New(uierror.Internal, "save dialog: "+err.Error())
	}
	return path, nil
}

// SaveEnv writes an .env file readable only by the user. It never
// replaces an existing file unless overwrite is true. On the error code
// file_exists, the window confirms with the user and calls it again.
func (p *Projects) SaveEnv(req projects.EnvRequest, path string, overwrite bool) error {
	if !filepath.IsAbs(path) {
		return uierror.New(uierror.InvalidInput, "save .env: the path "+path+" is not absolute: choose the file in the save dialog")
	}
	text, err := p.projects.Env(p.ctx, req)
	if err != nil {
		return uierror.From(err)
	}
	return uierror.From(projects.WriteEnvFile(path, text, overwrite))
}
