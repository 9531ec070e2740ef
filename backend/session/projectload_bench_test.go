package session_test

// Benchmarks of loading one organization's 100 projects and their
// statuses through the client of a session.Manager, so the real retry
// transport with its rate-limit pacing is measured. The sandbox delays
// every request by 50 ms. Besides ns/op, each benchmark reports the ideal
// time for its concurrency, the ratio to it, and the most requests that
// the sandbox saw from one token within a minute, rejected requests
// included. `make bench-projects` runs them, and BENCHMARKS.md has the
// results.

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

const (
	// benchOrganization is the seeded organization that the projects are
	// added to. It starts with two projects.
	benchOrganization = "pixel-garden"

	// benchProjects is the number of projects in benchOrganization, one
	// page of GET /v1/organizations/{slug}/projects.
	benchProjects = 100

	// benchLatency is injected into every sandbox request.
	benchLatency = 50 * time.Millisecond
)

// loadBench is a sandbox with benchProjects projects in benchOrganization
// and benchLatency on every request.
type loadBench struct {
	sandbox *sandbox.Server
	url     string
	log     *requestLog
	refs    []string

	mu    sync.Mutex
	waits []time.Duration // reported through OnRateLimitWait
}

func newLoadBench(b *testing.B) *loadBench {
	b.Helper()
	env := &loadBench{sandbox: sandbox.New(sandbox.Options{}), log: newRequestLog()}
	server := httptest.NewServer(env.log.wrap(env.sandbox.Handler()))
	b.Cleanup(server.Close)
	env.url = server.URL

	// The projects are added with their own token before the latency is
	// injected, so their requests count against no measured token.
	client, _ := env.signIn(b)
	env.refs = addProjects(b, client)
	env.sandbox.InjectFaults(sandbox.FaultRule{Latency: benchLatency})
	return env
}

// signIn returns the client of a new session.Manager, signed in with a new
// personal access token, and that token.
func (env *loadBench) signIn(b *testing.B) (*supabase.Client, string) {
	b.Helper()
	token := env.sandbox.NewPersonalAccessToken()
	manager := session.New(session.Options{
		APIBaseURL: env.url,
		Keychain:   &keychain.Memory{},
		UserAgent:  "Supaconnect/bench",
		OnRateLimitWait: func(wait time.Duration) {
			env.mu.Lock()
			env.waits = append(env.waits, wait)
			env.mu.Unlock()
		},
	})
	if _, err := manager.SignInWithToken(context.Background(), token); err != nil {
		b.Fatalf("SignInWithToken: %v", err)
	}
	client, err := manager.Client()
	if err != nil {
		b.Fatalf("Client: %v", err)
	}
	return client, token
}

// rateLimitWaits returns the number and the longest of the rate-limit and
// retry waits reported so far. Waits of concurrent requests overlap, so
// their sum is not a time that anyone waited.
func (env *loadBench) rateLimitWaits() (int, time.Duration) {
	env.mu.Lock()
	defer env.mu.Unlock()
	var longest time.Duration
	for _, wait := range env.waits {
		longest = max(longest, wait)
	}
	return len(env.waits), longest
}

// addProjects creates projects until benchOrganization has benchProjects,
// and returns the refs of all of them.
func addProjects(b *testing.B, client *supabase.Client) []string {
	b.Helper()
	ctx := context.Background()
	existing, err := client.OrganizationProjects(ctx, benchOrganization)
	if err != nil {
		b.Fatalf("listing the seeded projects: %v", err)
	}
	for i := len(existing); i < benchProjects; i++ {
		_, err := client.CreateProject(ctx, supabase.CreateProjectRequest{
			Name:             fmt.Sprintf("Load test %03d", i),
			OrganizationSlug: benchOrganization,
			DBPass:           "bench-database-password",
			Region:           supabase.RegionSelection{Type: supabase.RegionSpecific, Code: "eu-west-2"},
		})
		if err != nil {
			b.Fatalf("creating project %d: %v", i, err)
		}
	}

	projects, err := client.OrganizationProjects(ctx, benchOrganization)
	if err != nil {
		b.Fatalf("listing the projects: %v", err)
	}
	if len(projects) != benchProjects {
		b.Fatalf("%s has %d projects, want %d", benchOrganization, len(projects), benchProjects)
	}
	refs := make([]string, len(projects))
	for i, p := range projects {
		refs[i] = p.Ref
	}
	return refs
}

// refreshStatuses reads every project with GET /v1/projects/{ref}, at most
// limit requests at a time, and returns the statuses in the order of refs.
//
// NOTE: the app has no such refresh yet. It reads statuses only from the
// project list, and polls a single project while it is being created.
// This loop measures what a bounded-concurrency refresh would cost.
func refreshStatuses(ctx context.Context, client *supabase.Client, refs []string, limit int) ([]string, error) {
	statuses := make([]string, len(refs))
	errs := make([]error, len(refs))
	slots := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i, ref := range refs {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			project, err := client.Project(ctx, ref)
			statuses[i], errs[i] = project.Status, err
		})
	}
	wg.Wait()
	return statuses, errors.Join(errs...)
}

// idealTime is the time that requests take with limit of them in flight
// and nothing but the injected latency: ceil(requests/limit) × latency.
func idealTime(requests, limit int) time.Duration {
	rounds := (requests + limit - 1) / limit
	return time.Duration(rounds) * benchLatency
}

// reportAgainstIdeal reports the ideal time per operation and the ratio of
// the measured time to it.
func reportAgainstIdeal(b *testing.B, ideal time.Duration) {
	perOp := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(ideal.Milliseconds()), "ideal-ms")
	b.ReportMetric(float64(perOp)/float64(ideal), "x-ideal")
}

// BenchmarkProjectList measures what the app does to show an
// organization's projects with their statuses: one OrganizationProjects
// call, which is one request for 100 projects.
func BenchmarkProjectList(b *testing.B) {
	env := newLoadBench(b)
	client, token := env.signIn(b)
	ctx := context.Background()

	for b.Loop() {
		projects, err := client.OrganizationProjects(ctx, benchOrganization)
		if err != nil {
			b.Fatalf("OrganizationProjects: %v", err)
		}
		if len(projects) != benchProjects {
			b.Fatalf("got %d projects, want %d", len(projects), benchProjects)
		}
	}

	reportAgainstIdeal(b, idealTime(1, 1))
	b.ReportMetric(float64(env.log.peakPerMinute(token)), "peak-req/min")
	b.ReportMetric(float64(env.log.rateLimited(token)), "429s")
}

// BenchmarkProjectStatuses measures refreshing the status of each of the
// 100 projects with its own request, at several concurrency limits. Every
// operation signs in with a new token, outside the timer, so each starts
// with the sandbox's full budget of 120 requests a minute.
func BenchmarkProjectStatuses(b *testing.B) {
	env := newLoadBench(b)
	for _, limit := range []int{4, 8, 16} {
		b.Run(fmt.Sprintf("concurrency=%d", limit), func(b *testing.B) {
			peak, limited := 0, 0
			for b.Loop() {
				b.StopTimer()
				client, token := env.signIn(b)
				b.StartTimer()

				if _, err := refreshStatuses(context.Background(), client, env.refs, limit); err != nil {
					b.Fatalf("refreshStatuses: %v", err)
				}
				peak = max(peak, env.log.peakPerMinute(token))
				limited += env.log.rateLimited(token)
			}
			reportAgainstIdeal(b, idealTime(len(env.refs), limit))
			b.ReportMetric(float64(peak), "peak-req/min")
			b.ReportMetric(float64(limited), "429s")
		})
	}
}

// BenchmarkProjectStatusesTwice refreshes every status twice in a row with
// one session and concurrency 8, as a user who reloads the list would.
// Together with the sign-in, that is 201 requests from one token within a
// minute, more than the sandbox's limit of 120, so it measures how the
// retry transport copes. first-ms and second-ms are the two passes, and
// waits and max-wait-s are the waits that OnRateLimitWait reported. One
// operation takes about a minute.
func BenchmarkProjectStatusesTwice(b *testing.B) {
	const limit = 8
	env := newLoadBench(b)
	var first, second time.Duration
	peak, limited := 0, 0
	for b.Loop() {
		b.StopTimer()
		client, token := env.signIn(b)
		b.StartTimer()

		for pass := range 2 {
			start := time.Now()
			if _, err := refreshStatuses(context.Background(), client, env.refs, limit); err != nil {
				b.Fatalf("refreshStatuses, pass %d: %v", pass+1, err)
			}
			if pass == 0 {
				first += time.Since(start)
			} else {
				second += time.Since(start)
			}
		}
		peak = max(peak, env.log.peakPerMinute(token))
		limited += env.log.rateLimited(token)
	}

	n := time.Duration(b.N)
	waits, longest := env.rateLimitWaits()
	b.ReportMetric(float64((first / n).Milliseconds()), "first-ms")
	b.ReportMetric(float64((second / n).Milliseconds()), "second-ms")
	b.ReportMetric(float64(idealTime(len(env.refs), limit).Milliseconds()), "ideal-ms")
	b.ReportMetric(float64(peak), "peak-req/min")
	b.ReportMetric(float64(limited), "429s")
	b.ReportMetric(float64(waits), "waits")
	b.ReportMetric(longest.Seconds(), "max-wait-s")
}
