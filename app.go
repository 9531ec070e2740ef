package main

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/config"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/supabase"
	"github.com/supaconnect/supaconnect/backend/uierror"
)

// App is the surface the window calls. Every method delegates to a
// backend package and turns its errors into uierror codes.
type App struct {
	ctx      context.Context
	settings config.Settings
	session  *session.Manager
	screen   *screenScope
	window   *window
}

// AppInfo describes this build of the app for the About box and the
// sandbox banner.
type AppInfo struct {
	Version      string   `json:"version"`
	Commit       string   `json:"commit"`
	Sandbox      bool     `json:"sandbox"`
	APIBaseURL   string   `json:"apiBaseURL"`
	RedirectURIs []string `json:"redirectURIs"`
}

// NewApp returns an App for the settings and session manager.
func NewApp(settings config.Settings, manager *session.Manager, screen *screenScope, win *window) *App {
	return &App{settings: settings, session: manager, screen: screen, window: win}
}

func (a *App) startup(ctx context.Context) {
	a.ctx = ctx
	a.screen.start(ctx)
}

// SetUnsavedChanges records whether a form has unsaved changes, so that
// closing the window shows a confirmation first.
func (a *App) SetUnsavedChanges(unsaved bool) {
	a.window.unsaved.Store(unsaved)
}

// LeaveScreen cancels the requests that read data for the screen the user
// is leaving.
func (a *App) LeaveScreen() {
	a.screen.leave()
}

func (a *App) shutdown(context.Context) {
	a.session.Close()
}

// Info returns the version and the API this build talks to.
func (a *App) Info() AppInfo {
	return AppInfo{
		Version:      a.settings.Version,
		Commit:       a.settings.Commit,
		Sandbox:      a.settings.Sandbox,
		APIBaseURL:   a.settings.APIBaseURL,
		RedirectURIs: auth.RedirectURIs(a.settings.RedirectPorts),
	}
}

// Status restores a saved session on first use and reports who is signed in.
func (a *App) Status() (session.Status, error) {
	status, err := a.session.Status(a.ctx)
	return status, uierror.From(err)
}

// StartSignIn opens the Supabase consent page in the system browser.
// organizationSlug preselects an organization there; it may be empty.
func (a *App) StartSignIn(organizationSlug string) (session.SignInStart, error) {
	start, err := a.session.StartSignIn(a.ctx, organizationSlug)
	return start, uierror.From(err)
}

// AwaitSignIn waits until the browser returns to the app, then saves the
// tokens and returns the new status.
func (a *App) AwaitSignIn() (session.Status, error) {
	status, err := a.session.AwaitSignIn(a.ctx)
	return status, uierror.From(err)
}

// SignInWithToken signs in with a personal access token instead of
// OAuth, for people who have no OAuth app.
func (a *App) SignInWithToken(token string) (session.Status, error) {
	status, err := a.session.SignInWithToken(a.ctx, token)
	return status, uierror.From(err)
}

// CheckToken checks the format of a personal access token as the user
// types it, without sending it anywhere.
func (a *App) CheckToken(token string) error {
	return uierror.From(session.ValidatePersonalAccessToken(session.CleanToken(token)))
}

// SetFileFallback turns the encrypted file fallback on or off for this
// computer. It is used only while the OS keychain is unavailable.
func (a *App) SetFileFallback(enabled bool) (session.Status, error) {
	var err error
	if enabled {
		err = a.session.EnableFileFallback()
	} else {
		err = a.session.DisableFileFallback()
	}
	if err != nil {
		return session.Status{}, uierror.From(err)
	}
	return a.Status()
}

// CancelSignIn stops a sign-in that is waiting for the browser.
func (a *App) CancelSignIn() {
	a.session.CancelSignIn()
}

// Organizations lists the organizations the session can reach.
func (a *App) Organizations() ([]supabase.Organization, error) {
	client, err := a.session.Client()
	if err != nil {
		return nil, uierror.From(err)
	}
	orgs, err := client.Organizations(a.screen.current())
	return orgs, uierror.From(err)
}

// Projects lists the projects of one organization.
func (a *App) Projects(organizationSlug string) ([]supabase.Project, error) {
	client, err := a.session.Client()
	if err != nil {
		return nil, uierror.From(err)
	}
	projects, err := client.OrganizationProjects(a.screen.current(), organizationSlug)
	return projects, uierror.From(err)
}

// SignOut removes the session from this computer.
func (a *App) SignOut() (session.SignOutResult, error) {
	result, err := a.session.SignOut(a.ctx)
	return result, uierror.From(err)
}

// OpenURL opens an http(s) link in the system browser and reports whether
// that worked, which runtime.BrowserOpenURL does not.
func (a *App) OpenURL(link string) error {
	return uierror.From(auth.OpenBrowser(a.ctx, link))
}

// CopyText puts text on the clipboard.
func (a *App) CopyText(text string) error {
	if err := runtime.ClipboardSetText(a.ctx, text); err != nil {
		return uierror.New(uierror.Internal, "clipboard: "+err.Error())
	}
	return nil
}
