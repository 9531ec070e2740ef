package projects_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// recorder collects the reports of WaitUntilReady.
type recorder struct {
	mu      sync.Mutex
	reports []projects.Progress
}

func (r *recorder) report(p projects.Progress) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reports = append(r.reports, p)
}

func (r *recorder) stages() []projects.Stage {
	r.mu.Lock()
	defer r.mu.Unlock()
	var stages []projects.Stage
	for _, p := range r.reports {
		if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
			stages = append(stages, p.Stage)
		}
	}
	return stages
}

func TestWaitUntilReadyAfterCreate(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	created, err := f.service.Create(context.Background(), createRequest("Patience"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	var rec recorder

	final, err := f.service.WaitUntilReady(context.Background(), created.Project.Ref, rec.report)
	if err != nil {
		t.Fatalf("WaitUntilReady: %v", err)
	}

	if got := rec.stages(); !slices.Equal(got, []projects.Stage{projects.StageStarting, projects.StageReady}) {
		t.Errorf("stages = %v, want starting then ready", got)
	}
	first := rec.reports[0]
	if first.Status != "COMING_UP" || first.Attempt != 1 || first.Ref != created.Project.Ref {
		t.Errorf("first report = %+v, want attempt 1 of the project, COMING_UP", first)
	}
	if len(first.Services) != 3 || first.Services[0].Status != supabase.HealthComingUp {
		t.Errorf("first report services = %+v, want db, auth and rest COMING_UP", first.Services)
	}
	if final.Status != "ACTIVE_HEALTHY" || final.ElapsedMillis < readyAfter.Milliseconds() {
		t.Errorf("final = %+v, want ACTIVE_HEALTHY after at least %s", final, readyAfter)
	}
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 15 * time.Second, 15 * time.Second}
	if got := f.clock.Sleeps(); !slices.Equal(got[:5], want) {
		t.Errorf("pauses = %v, want them to double from 2s up to 15s", got)
	}
}

func TestWaitUntilReadyFailedCreation(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	created, err := f.service.Create(context.Background(), createRequest("Doomed to fail"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	final, err := f.service.WaitUntilReady(context.Background(), created.Project.Ref, nil)

	if !errors.Is(err, projects.ErrProjectFailed) {
		t.Errorf("error = %v, want ErrProjectFailed", err)
	}
	if final.Stage != projects.StageFailed || final.Status != "INIT_FAILED" {
		t.Errorf("final = %+v, want stage failed with INIT_FAILED", final)
	}
}

func TestWaitUntilReadyPausedProject(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	final, err := f.service.WaitUntilReady(context.Background(), acmeStagingRef, nil)

	if !errors.Is(err, projects.ErrProjectFailed) {
		t.Errorf("error = %v, want ErrProjectFailed", err)
	}
	if final.Attempt != 1 || final.Status != "INACTIVE" {
		t.Errorf("final = %+v, want INACTIVE at the first poll", final)
	}
}

func TestWaitUntilReadyTimesOut(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	service := projects.New(projects.Options{
		Keychain: &keychain.Memory{},
		Client:   projects.ClientFunc(func() (*supabase.Client, error) { return f.client, nil }),
		Now:      f.clock.Now,
		Sleep:    f.clock.Sleep,
		Wait:     projects.WaitOptions{Timeout: time.Minute},
	})
	var rec recorder

	final, err := service.WaitUntilReady(context.Background(), inventoryRef, rec.report)

	if !errors.Is(err, projects.ErrWaitTimedOut) {
		t.Errorf("error = %v, want ErrWaitTimedOut", err)
	}
	if final.Stage != projects.StageTimedOut || final.ElapsedMillis != time.Minute.Milliseconds() {
		t.Errorf("final = %+v, want timed_out after exactly one minute", final)
	}
	var slept time.Duration
	for _, d := range f.clock.Sleeps() {
		slept += d
	}
	if slept != time.Minute {
		t.Errorf("slept %s in total, want the last pause cut to end at the limit", slept)
	}
	if last := rec.reports[len(rec.reports)-1]; last.Stage != projects.StageTimedOut {
		t.Errorf("last report stage %s, want timed_out", last.Stage)
	}
}

func TestWaitUntilReadyCancelled(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reports := 0

	_, err := f.service.WaitUntilReady(ctx, inventoryRef, func(projects.Progress) {
		reports++
		if reports == 2 {
			cancel()
		}
	})

	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if reports != 2 {
		t.Errorf("%d reports, want none after the cancellation", reports)
	}
}

func TestWaitUntilReadyUnknownProject(t *testing.T) {
	f := newFixture(t, sandbox.Options{})

	final, err := f.service.WaitUntilReady(context.Background(), "aaaaaaaaaaaaaaaaaaaa", nil)

	var apiErr *supabase.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusNotFound {
		t.Errorf("error = %v, want the API's 404", err)
	}
	if final.Stage != projects.StageFailed || final.Attempt != 1 {
		t.Errorf("final = %+v, want failed at the first poll", final)
	}
}

func TestWaitUntilReadyRetriesNetworkErrors(t *testing.T) {
	f := newFixture(t, sandbox.Options{})
	var mu sync.Mutex
	drops := 2
	f.faults.setHook(func(req *http.Request) fault {
		mu.Lock()
		defer mu.Unlock()
		if drops > 0 {
			drops--
			return dropRequest
		}
		return pass
	})
	var rec recorder

	_, err := f.service.WaitUntilReady(context.Background(), acmeWebRef, rec.report)
	if err != nil {
		t.Fatalf("WaitUntilReady: %v", err)
	}

	if len(rec.reports) != 3 {
		t.Fatalf("%d reports, want two retries and the ready one", len(rec.reports))
	}
	if rec.reports[0].RetryError == "" || rec.reports[0].Stage != projects.StageStarting {
		t.Errorf("first report = %+v, want stage starting with the retried error", rec.reports[0])
	}
	if last := rec.reports[2]; last.Stage != projects.StageReady || last.RetryError != "" {
		t.Errorf("last report = %+v, want ready without an error", last)
	}
}

// step is one scripted response of scriptedAPI.
type step struct {
	status string
	err    error
	health []supabase.ServiceHealth
	hErr   error
}

// scriptedAPI returns the results of Project and ProjectHealth from steps, one step per
// poll, repeating the last step.
type scriptedAPI struct {
	projects.API
	mu    sync.Mutex
	steps []step
	polls int
	last  step // the step of the latest Project call
}

func (s *scriptedAPI) Project(_ context.Context, ref string) (supabase.Project, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = s.steps[min(s.polls, len(s.steps)-1)]
	s.polls++
	if s.last.err != nil {
		return supabase.Project{}, s.last.err
	}
	return supabase.Project{Ref: ref, Status: s.last.status}, nil
}

func (s *scriptedAPI) ProjectHealth(_ context.Context, _ string, _ ...string) ([]supabase.ServiceHealth, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last.health, s.last.hErr
}

func health(db, auth, rest string) []supabase.ServiceHealth {
	return []supabase.ServiceHealth{{Name: "db", Status: db}, {Name: "auth", Status: auth}, {Name: "rest", Status: rest}}
}

func scriptedService(api projects.API) (*projects.Service, *testenv.Clock) {
	clock := testenv.NewClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	return projects.New(projects.Options{
		Keychain: &keychain.Memory{},
		Client:   func() (projects.API, error) { return api, nil },
		Now:      clock.Now,
		Sleep:    clock.Sleep,
	}), clock
}

func TestWaitUntilReadyStages(t *testing.T) {
	const up, healthy = supabase.HealthComingUp, supabase.HealthActiveHealthy
	unavailable := &supabase.APIError{Status: http.StatusServiceUnavailable, Message: "try later"}
	api := &scriptedAPI{steps: []step{
		{status: "UNKNOWN"},
		{status: "COMING_UP", health: health(up, up, up)},
		{err: unavailable},
		{status: "ACTIVE_HEALTHY", health: health(healthy, up, healthy)},
		{status: "ACTIVE_HEALTHY", hErr: unavailable},
		{status: "ACTIVE_HEALTHY", health: health(healthy, healthy, healthy)},
	}}
	service, _ := scriptedService(api)
	var rec recorder

	final, err := service.WaitUntilReady(context.Background(), testRef, rec.report)
	if err != nil {
		t.Fatalf("WaitUntilReady: %v", err)
	}

	want := []projects.Stage{projects.StageStarting, projects.StageServices, projects.StageReady}
	if got := rec.stages(); !slices.Equal(got, want) {
		t.Errorf("stages = %v, want %v", got, want)
	}
	if rec.reports[2].RetryError == "" {
		t.Errorf("report of the 503 = %+v, want its error", rec.reports[2])
	}
	if final.Attempt != 6 || !final.Services[1].Healthy() {
		t.Errorf("final = %+v, want attempt 6 with auth healthy", final)
	}
}

func TestWaitUntilReadyHealthForbidden(t *testing.T) {
	forbidden := &supabase.APIError{Status: http.StatusForbidden, Message: "no access"}
	service, _ := scriptedService(&scriptedAPI{steps: []step{{status: "ACTIVE_HEALTHY", hErr: forbidden}}})

	final, err := service.WaitUntilReady(context.Background(), testRef, nil)

	if err != nil || final.Stage != projects.StageReady {
		t.Errorf("WaitUntilReady = %+v, %v; want ready on the project status alone", final, err)
	}
}

func TestWaitUntilReadyKeepsWaitingWhenUnhealthy(t *testing.T) {
	service, clock := scriptedService(&scriptedAPI{steps: []step{
		{status: "ACTIVE_UNHEALTHY"},
		{status: "RESTARTING"},
		{status: "ACTIVE_HEALTHY", health: health("ACTIVE_HEALTHY", "ACTIVE_HEALTHY", "ACTIVE_HEALTHY")},
	}})

	final, err := service.WaitUntilReady(context.Background(), testRef, nil)

	if err != nil || final.Stage != projects.StageReady {
		t.Errorf("WaitUntilReady = %+v, %v; want ready after ACTIVE_UNHEALTHY and RESTARTING", final, err)
	}
	if n := len(clock.Sleeps()); n != 2 {
		t.Errorf("%d pauses, want 2", n)
	}
}
