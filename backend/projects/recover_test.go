package projects_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// crashAfterCreate makes f's service create a project whose response is
// lost while the network stays down, as when the app dies right after
// sending the POST. It returns the password saved in the pending entry.
func crashAfterCreate(t *testing.T, f *fixture, name string, first fault) string {
	t.Helper()

	f.faults.setHook(afterCreate(first, dropRequest))
	_, err := f.service.Create(context.Background(), createRequest(name))
	if !errors.Is(err, projects.ErrOutcomeUnknown) {
		t.Fatalf("Create: error = %v, want ErrOutcomeUnknown", err)
	}
	f.faults.setHook(nil)

	pending, err := f.service.Pending()
	if err != nil || len(pending) != 1 {
		t.Fatalf("Pending = %d entries, %v; want 1", len(pending), err)
	}
	return pending[0].Password
}

func TestRecoverAttachesAfterCrash(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	password := crashAfterCreate(t, f, "Crash Test", dropResponse)
	ref := f.projectNamed("Crash Test")
	if _, err := f.service.Password(ref); !errors.Is(err, projects.ErrNoPassword) {
		t.Fatalf("Password before Recover: %v, want ErrNoPassword", err)
	}

	f.clock.Advance(time.Hour)
	restarted := f.newService(f.keychain)
	recovery, err := restarted.Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}

	if len(recovery.Attached) != 1 || len(recovery.Unclaimed) != 0 {
		t.Fatalf("recovery = %+v, want one attached password", recovery)
	}
	if got := recovery.Attached[0]; got.Ref != ref || got.Name != "Crash Test" || got.OrganizationSlug != "acme-studio" {
		t.Errorf("attached = %+v, want Crash Test %s in acme-studio", got, ref)
	}
	saved, err := restarted.Password(ref)
	if err != nil || saved != password {
		t.Errorf("Password(%s) after Recover: %v, want the pending password", ref, err)
	}
	if !f.sandbox.CheckDatabasePassword(ref, saved) {
		t.Error("the recovered password does not open the project")
	}
	if pending, _ := restarted.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after Recover, want 0", len(pending))
	}
}

func TestRecoverReturnsPasswordWhenNotFound(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	password := crashAfterCreate(t, f, "Never Arrived", dropRequest)

	restarted := f.newService(f.keychain)
	recovery, err := restarted.Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}

	if len(recovery.Attached) != 0 || len(recovery.Unclaimed) != 1 {
		t.Fatalf("recovery = %+v, want one unclaimed password", recovery)
	}
	got := recovery.Unclaimed[0]
	if got.Password != password || got.Name != "Never Arrived" || got.Kind != projects.PendingCreate {
		t.Errorf("unclaimed = %v, want the pending password of Never Arrived", got)
	}
	if pending, _ := restarted.Pending(); len(pending) != 1 {
		t.Errorf("%d pending passwords after Recover, want the unclaimed one kept", len(pending))
	}

	if err := restarted.DiscardPending(got.ID); err != nil {
		t.Fatalf("DiscardPending: %v", err)
	}
	if pending, _ := restarted.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after DiscardPending, want 0", len(pending))
	}
	if err := restarted.DiscardPending(got.ID); !errors.Is(err, projects.ErrPendingNotFound) {
		t.Errorf("second DiscardPending: %v, want ErrPendingNotFound", err)
	}
}

func TestRecoverIgnoresOlderProjectOfSameName(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	crashAfterCreate(t, f, "Acme Web", dropRequest)

	recovery, err := f.newService(f.keychain).Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}

	if len(recovery.Attached) != 0 || len(recovery.Unclaimed) != 1 {
		t.Errorf("recovery = %+v, want the password unclaimed, not attached to the 2024 seed project", recovery)
	}
	if _, err := f.service.Password(acmeWebRef); !errors.Is(err, projects.ErrNoPassword) {
		t.Errorf("the older project Acme Web got a password: %v", err)
	}
}

func TestRecoverLeavesAmbiguousUnclaimed(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	crashAfterCreate(t, f, "Twin", dropResponse)
	// Someone creates a second project of the same name in the dashboard.
	_, err := f.client.CreateProject(context.Background(), supabase.CreateProjectRequest{
		Name: "Twin", OrganizationSlug: "acme-studio", DBPass: "someone-elses-password",
		Region: supabase.RegionSelection{Type: supabase.RegionSpecific, Code: "us-east-1"},
	})
	if err != nil {
		t.Fatalf("CreateProject: %v", err)
	}

	recovery, err := f.newService(f.keychain).Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}

	if len(recovery.Attached) != 0 || len(recovery.Unclaimed) != 1 {
		t.Errorf("recovery = %+v, want the password unclaimed when two projects could be its", recovery)
	}
}

func TestRecoverRemovesCommittedEntry(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	crashAfterCreate(t, f, "Already Saved", dropResponse)
	pending, _ := f.service.Pending()
	ref := f.projectNamed("Already Saved")
	if err := f.service.SetPassword(ref, pending[0].Password); err != nil {
		t.Fatal(err)
	}

	recovery, err := f.newService(f.keychain).Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}

	if len(recovery.Attached) != 1 || recovery.Attached[0].Ref != ref {
		t.Errorf("recovery = %+v, want the entry reported as attached to %s", recovery, ref)
	}
	if left, _ := f.service.Pending(); len(left) != 0 {
		t.Errorf("%d pending passwords, want 0", len(left))
	}
}

func TestRecoverNetworkDownKeepsPending(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	crashAfterCreate(t, f, "Still Offline", dropResponse)
	f.faults.setHook(func(*http.Request) fault { return dropRequest })

	recovery, err := f.newService(f.keychain).Recover(context.Background())

	if err == nil {
		t.Error("Recover succeeded with the network down, want an error")
	}
	if len(recovery.Attached)+len(recovery.Unclaimed) != 0 {
		t.Errorf("recovery = %+v, want the unchecked entry in neither list", recovery)
	}
	if pending, _ := f.service.Pending(); len(pending) != 1 {
		t.Errorf("%d pending passwords, want the entry kept", len(pending))
	}
}

func TestAttachPending(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	password := crashAfterCreate(t, f, "Manual", dropRequest)
	pending, _ := f.service.Pending()

	if err := f.service.AttachPending(pending[0].ID, "not-a-ref"); err == nil {
		t.Error("AttachPending accepted an invalid ref")
	}
	if err := f.service.AttachPending(pending[0].ID, acmeWebRef); err != nil {
		t.Fatalf("AttachPending: %v", err)
	}

	if got, _ := f.service.Password(acmeWebRef); got != password {
		t.Error("AttachPending did not save the password under the ref")
	}
	if left, _ := f.service.Pending(); len(left) != 0 {
		t.Errorf("%d pending passwords after AttachPending, want 0", len(left))
	}
	if err := f.service.AttachPending("0123456789abcdef", acmeWebRef); !errors.Is(err, projects.ErrPendingNotFound) {
		t.Errorf("AttachPending of an unknown ID: %v, want ErrPendingNotFound", err)
	}
}

func TestRecoverWithNothingPending(t *testing.T) {
	service := projects.New(projects.Options{Keychain: &keychain.Memory{}})

	recovery, err := service.Recover(context.Background())

	if err != nil {
		t.Errorf("Recover: %v, want nil without a client when nothing is pending", err)
	}
	if recovery.Attached == nil || recovery.Unclaimed == nil {
		t.Error("Recover returned nil lists, want empty ones for the window")
	}
}
