package projects_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

func TestCreateSavesPasswordUnderRef(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	created, err := f.service.Create(context.Background(), createRequest("Shop"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	ref := created.Project.Ref
	if ref != f.projectNamed("Shop") || created.Project.Status != "COMING_UP" {
		t.Errorf("created project = %+v, want the sandbox's COMING_UP project Shop", created.Project)
	}
	if !created.GeneratedPassword {
		t.Error("GeneratedPassword = false for an empty password")
	}
	pw, err := f.service.Password(ref)
	if err != nil {
		t.Fatalf("Password: %v", err)
	}
	if !f.sandbox.CheckDatabasePassword(ref, pw) {
		t.Error("the saved password is not the one the project was created with")
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after a successful creation, want 0", len(pending))
	}
}

// observingAPI runs onCreate before it forwards CreateProject.
type observingAPI struct {
	projects.API
	onCreate func()
}

func (o observingAPI) CreateProject(ctx context.Context, r supabase.CreateProjectRequest) (supabase.Project, error) {
	o.onCreate()
	return o.API.CreateProject(ctx, r)
}

func TestCreateSavesPendingBeforePost(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	var pendingAtPost []projects.PendingPassword
	var service *projects.Service
	service = projects.New(projects.Options{
		Keychain: f.keychain,
		Client: func() (projects.API, error) {
			return observingAPI{API: f.client, onCreate: func() { pendingAtPost, _ = service.Pending() }}, nil
		},
		Now: f.clock.Now,
	})

	created, err := service.Create(context.Background(), createRequest("  Early Bird  "))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	if len(pendingAtPost) != 1 {
		t.Fatalf("%d pending passwords when the POST was sent, want 1", len(pendingAtPost))
	}
	p := pendingAtPost[0]
	if p.Kind != projects.PendingCreate || p.OrganizationSlug != "acme-studio" || p.Name != "Early Bird" {
		t.Errorf("pending entry = %v, want a create of Early Bird in acme-studio", p)
	}
	if !p.CreatedAt.Equal(f.clock.Now()) {
		t.Errorf("pending CreatedAt = %v, want %v", p.CreatedAt, f.clock.Now())
	}
	if !f.sandbox.CheckDatabasePassword(created.Project.Ref, p.Password) {
		t.Error("the pending password is not the one the project was created with")
	}
}

func TestCreateTypedPassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	req := createRequest("Typed")
	req.Password = "Kqzv7trw-plh#Ux"

	created, err := f.service.Create(context.Background(), req)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	if created.GeneratedPassword {
		t.Error("GeneratedPassword = true for a typed password")
	}
	if pw, _ := f.service.Password(created.Project.Ref); pw != req.Password {
		t.Error("the saved password differs from the typed one")
	}
}

func TestCreateRejectsInput(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*projects.CreateRequest)
		wantErr error
	}{
		{"weak password", func(r *projects.CreateRequest) { r.Password = "password1" }, projects.ErrWeakPassword},
		{"blank name", func(r *projects.CreateRequest) { r.Name = "  " }, projects.ErrInvalidName},
		{"bad slug", func(r *projects.CreateRequest) { r.OrganizationSlug = "a b" }, supabase.ErrInvalidInput},
	}
	f := newFixture(t, sandbox.Options{})
	for _, tt := range tests {
		req := createRequest("Shop")
		tt.change(&req)

		_, err := f.service.Create(context.Background(), req)

		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: error = %v, want %v", tt.name, err, tt.wantErr)
		}
		if !errors.Is(err, supabase.ErrInvalidInput) {
			t.Errorf("%s: error = %v, want it to match supabase.ErrInvalidInput", tt.name, err)
		}
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after rejected input, want 0", len(pending))
	}
	if n := len(f.sandbox.Projects()); n != 8 {
		t.Errorf("%d sandbox projects, want the 8 seeds", n)
	}
}

func TestCreateRejectedByAPIDeletesPending(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	req := createRequest("Shop")
	req.OrganizationSlug = "no-such-org"

	_, err := f.service.Create(context.Background(), req)

	var apiErr *supabase.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Fatalf("error = %v, want the API's 404", err)
	}
	if errors.Is(err, projects.ErrOutcomeUnknown) {
		t.Error("a 404 was reported as an unknown outcome")
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords after a rejection, want 0", len(pending))
	}
}

func TestCreateKeychainFailureSendsNothing(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	service := f.newService(failingStore{Memory: &keychain.Memory{}, failOn: "project.pending"})

	_, err := service.Create(context.Background(), createRequest("Never Sent"))

	if !errors.Is(err, keychain.ErrUnavailable) {
		t.Errorf("error = %v, want keychain.ErrUnavailable", err)
	}
	if n := len(f.sandbox.Projects()); n != 8 {
		t.Errorf("%d sandbox projects, want no new one when the password could not be saved first", n)
	}
}

func TestCreateLostAnswerFindsProject(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	f.faults.setHook(afterCreate(dropResponse, pass))

	created, err := f.service.Create(context.Background(), createRequest("Lost Answer"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	ref := f.projectNamed("Lost Answer")
	if created.Project.Ref != ref {
		t.Errorf("Create returned ref %q, want %q", created.Project.Ref, ref)
	}
	pw, err := f.service.Password(ref)
	if err != nil || !f.sandbox.CheckDatabasePassword(ref, pw) {
		t.Errorf("saved password does not open the project: %v", err)
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords, want 0", len(pending))
	}
}

func TestCreateCommitFailureKeepsPending(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	memory := &keychain.Memory{}
	service := f.newService(failingStore{Memory: memory, failOn: ".db_password"})

	created, err := service.Create(context.Background(), createRequest("Half Saved"))

	if !errors.Is(err, projects.ErrPasswordNotCommitted) {
		t.Fatalf("error = %v, want ErrPasswordNotCommitted", err)
	}
	if created.Project.Ref != f.projectNamed("Half Saved") {
		t.Errorf("Create returned ref %q, want the created project", created.Project.Ref)
	}

	restarted := f.newService(memory)
	recovery, err := restarted.Recover(context.Background())
	if err != nil {
		t.Fatalf("Recover: %v", err)
	}
	if len(recovery.Attached) != 1 || recovery.Attached[0].Ref != created.Project.Ref {
		t.Fatalf("attached = %+v, want the created project", recovery.Attached)
	}
	pw, _ := restarted.Password(created.Project.Ref)
	if !f.sandbox.CheckDatabasePassword(created.Project.Ref, pw) {
		t.Error("the recovered password does not open the project")
	}
}

func TestCreateErrorsHidePassword(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	f.faults.setHook(afterCreate(dropRequest, dropRequest))
	req := createRequest("Offline")
	req.Password = "Kqzv7trw-plh#Ux-Secret"

	_, err := f.service.Create(context.Background(), req)

	if err == nil || strings.Contains(err.Error(), "Secret") {
		t.Error("Create failed without an error, or its error contains the password")
	}
	if got := req.String() + req.GoString(); strings.Contains(got, "Secret") {
		t.Error("CreateRequest formatting contains the password")
	}
}

func TestCreateConcurrently(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	const n = 10
	refs := make([]string, n)
	errs := make([]error, n)

	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var created projects.Created
			created, errs[i] = f.service.Create(context.Background(), createRequest(fmt.Sprintf("Parallel %d", i)))
			refs[i] = created.Project.Ref
		})
	}
	wg.Wait()

	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Create %d: %v", i, errs[i])
		}
		pw, err := f.service.Password(refs[i])
		if err != nil || !f.sandbox.CheckDatabasePassword(refs[i], pw) {
			t.Errorf("project %d: saved password does not open it (%v)", i, err)
		}
	}
	if pending, _ := f.service.Pending(); len(pending) != 0 {
		t.Errorf("%d pending passwords, want 0", len(pending))
	}
}

func TestCreateToleratesDamagedIndex(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	if err := f.keychain.Set("project.pending", "not an id,,0123"); err != nil {
		t.Fatal(err)
	}
	f.faults.setHook(afterCreate(dropRequest, dropRequest))

	if _, err := f.service.Create(context.Background(), createRequest("Offline")); !errors.Is(err, projects.ErrOutcomeUnknown) {
		t.Fatalf("Create: %v, want ErrOutcomeUnknown", err)
	}

	pending, err := f.service.Pending()
	if err != nil || len(pending) != 1 || pending[0].Name != "Offline" {
		t.Errorf("Pending = %v, %v; want the one new entry", pending, err)
	}
}
