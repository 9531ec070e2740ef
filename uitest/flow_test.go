//go:build uitest

package uitest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// button selects a button by its visible text.
func button(text string) chromedp.Search {
	return chromedp.Search(`//button[normalize-space()='` + text + `']`)
}

// heading selects a level-one heading by its text.
func heading(text string) chromedp.Search {
	return chromedp.Search(`//h1[normalize-space()='` + text + `']`)
}

// field selects the input whose label starts with text; a label may end
// with a marker such as "(required)".
func field(text string) chromedp.Search {
	return chromedp.Search(`//input[@id=//label[starts-with(normalize-space(), '` + text + `')]/@for]`)
}

// signIn clicks Connect Supabase, opens the sign-in link that the window
// shows in a second tab, approves on the consent page, and waits for the
// project list.
func (h *harness) signIn(t *testing.T) {
	t.Helper()
	h.run(t, "connect", chromedp.Click(chromedp.CSS("button.connect")))
	h.run(t, "waiting screen", chromedp.WaitVisible(heading("Finish signing in in your browser")))
	h.screenshot(t, "waiting")

	ctx, cancel := context.WithTimeout(h.browser, 30*time.Second)
	link, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("input.link")))
	cancel()
	if err != nil || !strings.Contains(link, "/v1/oauth/authorize?") {
		t.Fatalf("sign-in link = %q, %v; want the authorize URL", link, err)
	}

	tab, closeTab := chromedp.NewContext(h.browser)
	defer closeTab()
	tabCtx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	err = chromedp.Do(tabCtx,
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.ID("authorize")),
		chromedp.Click(chromedp.ID("authorize")),
		chromedp.WaitVisible(chromedp.Search(`//h1[normalize-space()='Signed in to Supaconnect']`)),
	)
	if err != nil {
		t.Fatalf("consent in the second tab: %v", err)
	}

	h.run(t, "project list", chromedp.WaitVisible(heading("Your Supabase projects")))
}

func TestUserJourney(t *testing.T) {
	h := startHarness(t)
	h.run(t, "open the app", chromedp.Navigate("http://"+h.devServer+"/"), chromedp.WaitVisible(chromedp.CSS("button.connect")))
	h.screenshot(t, "welcome")
	h.checkAccessibility(t, "welcome")

	h.signIn(t)
	h.run(t, "projects listed", chromedp.WaitVisible(chromedp.Search(`//h2[normalize-space()='Projects']`)))
	h.screenshot(t, "projects")
	h.checkAccessibility(t, "projects")
	h.pickOrganization(t, "northwind-labs", "Northwind CRM")
	h.pickOrganization(t, "acme-studio", "Acme Web")

	h.createProject(t, "Journey shop")
	h.checkSMTP(t)

	h.waitOutRateLimit(t)

	h.run(t, "sign out", chromedp.Click(button("Sign out")), chromedp.WaitVisible(chromedp.CSS("button.connect")))

	h.signIn(t)
	h.sandbox.RevokeGrants()
	h.expireAndReload(t)
	h.screenshot(t, "reconnect")
	h.checkAccessibility(t, "reconnect")
}

// createProject fills the create form, waits until the new project is
// ready, and reveals and copies one of its keys.
func (h *harness) createProject(t *testing.T, name string) {
	t.Helper()
	enabled := chromedp.Search(`//button[normalize-space()='Create project'][@aria-disabled='false']`)
	h.run(t, "open the create form",
		chromedp.WaitVisible(enabled),
		chromedp.Click(enabled),
		chromedp.WaitVisible(heading("Create a project")),
		chromedp.SendKeys(field("Project name"), name),
	)
	h.screenshot(t, "create")
	h.checkAccessibility(t, "create")

	h.run(t, "submit", chromedp.Click(chromedp.Search(`//form//button[@type='submit']`)))
	h.run(t, "progress", chromedp.WaitVisible(heading("Creating “"+name+"”")))
	h.screenshot(t, "progress")

	h.run(t, "ready", chromedp.WaitVisible(heading(name)))
	h.run(t, "keys shown", chromedp.WaitVisible(chromedp.Search(`//h2[normalize-space()='API keys']`)))
	h.screenshot(t, "details")
	h.checkAccessibility(t, "details")

	h.run(t, "copy a key",
		chromedp.Click(chromedp.Search(`(//button[starts-with(@aria-label, 'Copy ')])[1]`)),
		chromedp.WaitVisible(chromedp.Search(`//*[@role='status']//*[contains(., 'Copied')]`)),
	)
	h.run(t, "copy as .env",
		chromedp.Click(button("Copy as .env")),
		chromedp.WaitVisible(chromedp.Search(`//*[@role='status']//*[contains(., '.env')]`)),
	)
}

// checkSMTP opens the project's SMTP tab, fills in a provider's settings
// and saves them.
func (h *harness) checkSMTP(t *testing.T) {
	t.Helper()
	h.run(t, "open SMTP",
		chromedp.Click(chromedp.Search(`//button[@role='tab'][contains(., 'SMTP') or contains(., 'Email')]`)),
		chromedp.WaitVisible(chromedp.Search(`//h2[normalize-space()='Custom SMTP']`)),
	)
	h.run(t, "fill SMTP",
		chromedp.SendKeys(field("Sender email address"), "no-reply@example.com"),
		chromedp.SendKeys(field("Sender name"), "Journey Shop"),
		chromedp.SendKeys(field("SMTP host"), "smtp.example.com"),
		chromedp.SendKeys(field("Port"), "587"),
		chromedp.SendKeys(field("User name"), "apikey"),
		chromedp.SendKeys(field("Password"), "not-a-real-smtp-password"),
	)
	h.screenshot(t, "smtp")
	h.checkAccessibility(t, "smtp")
	h.run(t, "save SMTP",
		chromedp.Click(chromedp.Search(`//form//button[@type='submit'][contains(., 'Save')]`)),
		chromedp.WaitVisible(chromedp.Search(`//*[contains(normalize-space(), 'Saved.')]`)),
	)
	h.run(t, "back to the list", chromedp.Click(chromedp.CSS("button.back")), chromedp.WaitVisible(heading("Your Supabase projects")))
}

// expireAndReload reloads the project list after the grant was revoked
// on Supabase's side; the failed refresh must lead to Reconnect.
func (h *harness) expireAndReload(t *testing.T) {
	t.Helper()
	h.run(t, "reload after revocation",
		chromedp.Navigate("http://"+h.devServer+"/"),
		chromedp.WaitVisible(heading("Reconnect Supabase")),
	)
}

// waitOutRateLimit makes the sandbox return 429 for the next project list,
// with a reset a few seconds away. The window must show the countdown,
// then the projects, without a click.
func (h *harness) waitOutRateLimit(t *testing.T) {
	t.Helper()
	h.sandbox.InjectFaults(sandbox.FaultRule{
		Method:     "GET",
		PathPrefix: "/v1/organizations/",
		Count:      1,
		Fault:      sandbox.FaultRateLimit,
		Reset:      4 * time.Second,
	})
	defer h.sandbox.ClearFaults()

	h.run(t, "refresh into the rate limit",
		chromedp.Click(button("Refresh")),
		chromedp.WaitVisible(chromedp.Search(`//*[contains(normalize-space(), 'asked Supaconnect to slow down')]`)),
	)
	h.screenshot(t, "rate-limit")
	h.run(t, "projects after the wait",
		chromedp.WaitNotPresent(chromedp.Search(`//*[contains(normalize-space(), 'asked Supaconnect to slow down')]`)),
		chromedp.WaitVisible(chromedp.Search(`//button[contains(@class, 'row')][contains(., 'Journey shop')]`)),
	)
}

// pickOrganization chooses an organization in the switcher and waits for
// one of its projects.
func (h *harness) pickOrganization(t *testing.T, slug, project string) {
	t.Helper()
	pick := `(() => {
  const select = document.getElementById(
    [...document.querySelectorAll('label')].find(l => l.textContent.trim() === 'Organization').htmlFor);
  select.value = '` + slug + `';
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return select.value;
})()`
	ctx, cancel := context.WithTimeout(h.browser, 30*time.Second)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](pick))
	cancel()
	if err != nil || got != slug {
		t.Fatalf("choosing %s in the switcher: %q, %v", slug, got, err)
	}
	h.run(t, "projects of "+slug,
		chromedp.WaitVisible(chromedp.Search(`//button[contains(@class, 'row')][contains(., '`+project+`')]`)))
}
