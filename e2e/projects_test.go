//go:build e2e

package e2e

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// TestCreateProjectEndToEnd creates a project in the sandbox through the
// app's backend with the real keychain, waits until it is healthy, and
// checks that its connection strings carry the password the keychain
// holds.
func TestCreateProjectEndToEnd(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	browser := newConsentBrowser("authorize")
	manager := e.start(browser.open)
	if _, err := manager.StartSignIn(ctx, ""); err != nil {
		t.Fatalf("StartSignIn: %v", err)
	}
	_, err := manager.AwaitSignIn(ctx)
	browser.wait(t)
	if err != nil {
		t.Fatalf("AwaitSignIn: %v", err)
	}
	client, err := manager.Client()
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := client.Organizations(ctx)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("Organizations = %v, %v", orgs, err)
	}

	service := projects.New(projects.Options{
		Keychain: manager.Keychain(),
		Client:   projects.ClientFunc(manager.Client),
		Wait:     projects.WaitOptions{Timeout: time.Minute, PollInterval: 200 * time.Millisecond, MaxPollInterval: time.Second},
	})
	created, err := service.Create(ctx, projects.CreateRequest{
		OrganizationSlug: orgs[0].Slug,
		Name:             "E2E shop",
		Region:           supabase.RegionSelection{Type: "smartGroup", Code: "emea"},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	ref := created.Project.Ref

	final, err := service.WaitUntilReady(ctx, ref, func(projects.Progress) {})
	if err != nil || final.Stage != projects.StageReady {
		t.Fatalf("WaitUntilReady = %+v, %v; want ready", final, err)
	}

	saved, err := service.Password(ref)
	if err != nil || len(saved) < 24 {
		t.Fatalf("password in the keychain: %d characters, %v; want a generated one", len(saved), err)
	}
	if !e.sandbox.CheckDatabasePassword(ref, saved) {
		t.Error("the sandbox's database password differs from the keychain's")
	}

	keys, err := service.APIKeys(ctx, ref)
	if err != nil || keys.Publishable == "" || keys.Anon == "" || keys.Secret == "" {
		t.Errorf("APIKeys = %v, %v; want publishable, anon and secret keys", keys, err)
	}

	strings, err := service.ConnectionStrings(ctx, ref, false)
	if err != nil || !strings.HasPassword {
		t.Fatalf("ConnectionStrings = %v, %v; want them with the password", strings, err)
	}
	for name, uri := range map[string]string{"direct": strings.Direct, "session": strings.SessionPooler, "transaction": strings.TransactionPooler} {
		parsed, err := url.Parse(uri)
		if err != nil {
			t.Errorf("%s connection string does not parse: %v", name, err)
			continue
		}
		if pw, _ := parsed.User.Password(); pw != saved {
			t.Errorf("%s connection string carries another password than the keychain's", name)
		}
	}
}
