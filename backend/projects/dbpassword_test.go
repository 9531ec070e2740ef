package projects_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

func TestSetPasswordAndForget(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	if _, err := f.service.Password(acmeWebRef); !errors.Is(err, projects.ErrNoPassword) {
		t.Errorf("Password before SetPassword: %v, want ErrNoPassword", err)
	}
	if err := f.service.SetPassword(acmeWebRef, "typed-once"); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	if got, err := f.service.Password(acmeWebRef); err != nil || got != "typed-once" {
		t.Errorf("Password = %v, want the typed password", err)
	}
	if err := f.service.ForgetPassword(acmeWebRef); err != nil {
		t.Fatalf("ForgetPassword: %v", err)
	}
	if _, err := f.service.Password(acmeWebRef); !errors.Is(err, projects.ErrNoPassword) {
		t.Errorf("Password after ForgetPassword: %v, want ErrNoPassword", err)
	}
}

func TestSetPasswordRejectsInput(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	if err := f.service.SetPassword("short", "x"); !errors.Is(err, supabase.ErrInvalidInput) {
		t.Errorf("invalid ref: %v, want ErrInvalidInput", err)
	}
	if err := f.service.SetPassword(acmeWebRef, ""); !errors.Is(err, supabase.ErrInvalidInput) {
		t.Errorf("empty password: %v, want ErrInvalidInput", err)
	}
}

func TestResetPassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	if err := f.service.SetPassword(acmeWebRef, "old-password"); err != nil {
		t.Fatal(err)
	}

	if err := f.service.ResetPassword(context.Background(), acmeWebRef); err != nil {
		t.Fatalf("ResetPassword: %v", err)
	}

	pw, _ := f.service.Password(acmeWebRef)
	if pw == "old-password" || len(pw) != projects.GeneratedPasswordLength {
		t.Errorf("saved password was not replaced by a generated one")
	}
	if !f.sandbox.CheckDatabasePassword(acmeWebRef, pw) {
		t.Error("the saved password is not the database's new password")
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after a reset, want 0", len(pending))
	}
}

func TestResetPasswordRejected(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	if err := f.service.SetPassword(inventoryRef, "old-password"); err != nil {
		t.Fatal(err)
	}

	err := f.service.ResetPassword(context.Background(), inventoryRef)

	var apiErr *supabase.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Errorf("error = %v, want the API's 400 for a project that is coming up", err)
	}
	if pw, _ := f.service.Password(inventoryRef); pw != "old-password" {
		t.Error("a rejected reset changed the saved password")
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after a rejected reset, want 0", len(pending))
	}
}

func TestResetPasswordLostAnswers(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	var attempts atomic.Int32
	f.faults.setHook(func(req *http.Request) fault {
		if req.Method == http.MethodPatch {
			attempts.Add(1)
			return dropResponse
		}
		return pass
	})

	err := f.service.ResetPassword(context.Background(), acmeWebRef)

	if !errors.Is(err, projects.ErrOutcomeUnknown) {
		t.Fatalf("error = %v, want ErrOutcomeUnknown", err)
	}
	if n := attempts.Load(); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	pending, _ := f.service.Pending()
	if len(pending) != 1 || pending[0].Kind != projects.PendingReset || pending[0].Ref != acmeWebRef {
		t.Fatalf("pending = %v, want one reset of %s", pending, acmeWebRef)
	}
	if !f.sandbox.CheckDatabasePassword(acmeWebRef, pending[0].Password) {
		t.Error("the pending password is not the one the dropped requests set")
	}

	recovery, err := f.newService(f.keychain).Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	if len(recovery.Unclaimed) != 1 || recovery.Unclaimed[0].Ref != acmeWebRef {
		t.Errorf("recovery = %+v, want the reset returned for the user", recovery)
	}
}

func TestResetPasswordRetrySucceeds(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	var attempts atomic.Int32
	f.faults.setHook(func(req *http.Request) fault {
		if req.Method == http.MethodPatch && attempts.Add(1) == 1 {
			return dropRequest
		}
		return pass
	})

	if err := f.service.ResetPassword(context.Background(), acmeWebRef); err != nil {
		t.Fatalf("ResetPassword: %v", err)
	}

	pw, _ := f.service.Password(acmeWebRef)
	if !f.sandbox.CheckDatabasePassword(acmeWebRef, pw) {
		t.Error("the saved password is not the database's")
	}
}

func TestResetPasswordDropsEarlierResets(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	f.faults.setHook(func(req *http.Request) fault {
		if req.Method == http.MethodPatch {
			return dropRequest
		}
		return pass
	})
	if err := f.service.ResetPassword(context.Background(), acmeWebRef); !errors.Is(err, projects.ErrOutcomeUnknown) {
		t.Fatalf("first ResetPassword: %v, want ErrOutcomeUnknown", err)
	}
	f.faults.setHook(nil)

	if err := f.service.ResetPassword(context.Background(), acmeWebRef); err != nil {
		t.Fatalf("second ResetPassword: %v", err)
	}

	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords, want the outdated reset removed", len(pending))
	}
}
