//go:build bench

// Package bench contains benchmarks that need the real GNOME Keyring. Run
// them inside scripts/with-keyring.sh, as `make bench-signin` does.
package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

// consentOrganization is the organization approved on the consent page.
const consentOrganization = "acme-studio"

var consentIDField = regexp.MustCompile(`name="consent_id" value="([^"]+)"`)

// signInSample is the timing of one sign-in, from the moment the browser
// requests the callback URL.
type signInSample struct {
	total    time.Duration // until the last token is written to the keychain
	exchange time.Duration // the token request's round trip
	save     time.Duration // from the first keychain write to the last
}

// BenchmarkSignInCallbackToKeychain measures what follows the browser's
// redirect to the loopback listener: the callback request, the token
// exchange with the sandbox, and the writes of the tokens to GNOME Keyring
// through keychain.System, all driven by session.Manager's AwaitSignIn.
//
// Each operation starts a new sandbox and Manager and empties the keychain
// service, outside the measurement, so every sign-in is a first one and
// the sandbox's rate limit never applies. The built-in ns/op would count
// the consent page too, so it is suppressed, and the medians are reported
// instead: callback-to-keychain, exchange, and overhead, which is the
// first minus the second.
func BenchmarkSignInCallbackToKeychain(b *testing.B) {
	service := "Supaconnect Bench " + randomSuffix(b)
	b.Cleanup(func() { _ = keyring.DeleteAll(service) })
	ports := testenv.FreePorts(b, 2)

	var samples []signInSample
	for b.Loop() {
		b.StopTimer()
		if err := keyring.DeleteAll(service); err != nil && !errors.Is(err, keyring.ErrNotFound) {
			b.Fatalf("emptying keychain service %q: %v", service, err)
		}
		run := newSignInRun(b, service, ports)
		b.StartTimer()

		samples = append(samples, run.signIn(b))

		b.StopTimer()
		if _, err := keyring.Get(service, "oauth.refresh_token"); err != nil {
			b.Fatalf("refresh token in GNOME Keyring after the sign-in: %v, want saved", err)
		}
		b.StartTimer()
	}

	var totals, exchanges, overheads, saves []time.Duration
	for _, s := range samples {
		totals = append(totals, s.total)
		exchanges = append(exchanges, s.exchange)
		overheads = append(overheads, s.total-s.exchange)
		saves = append(saves, s.save)
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(milliseconds(median(totals)), "callback-to-keychain-ms")
	b.ReportMetric(milliseconds(median(exchanges)), "exchange-ms")
	b.ReportMetric(milliseconds(median(overheads)), "overhead-ms")
	b.ReportMetric(milliseconds(percentile(overheads, 90)), "p90-overhead-ms")
	b.ReportMetric(milliseconds(slices.Max(overheads)), "max-overhead-ms")
	b.ReportMetric(milliseconds(median(saves)), "keychain-save-ms")
	b.Logf("%d sign-ins, min/median/p90/max in ms: callback to keychain %s, exchange %s, overhead %s, keychain save %s",
		len(samples), spread(totals), spread(exchanges), spread(overheads), spread(saves))
}

// signInRun is one sign-in against its own sandbox.
type signInRun struct {
	manager  *session.Manager
	tokens   *tokenTimer
	writes   *writeTimer
	callback string // the URL that the consent page redirected to
}

func newSignInRun(b *testing.B, service string, ports []int) *signInRun {
	b.Helper()
	server := sandbox.New(sandbox.Options{RedirectURIs: auth.RedirectURIs(ports)})
	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		b.Fatalf("starting the sandbox: %v", err)
	}
	b.Cleanup(func() { _ = server.Close() })

	run := &signInRun{
		tokens: &tokenTimer{base: http.DefaultTransport},
		writes: &writeTimer{Store: &keychain.Chunked{Store: &keychain.System{Service: service}}},
	}
	run.manager = session.New(session.Options{
		ClientID:      sandbox.DefaultClientID,
		ClientSecret:  sandbox.DefaultClientSecret,
		APIBaseURL:    baseURL,
		Ports:         ports,
		Keychain:      run.writes,
		Open:          run.consent,
		SignInTimeout: 30 * time.Second,
		Transport:     run.tokens,
		UserAgent:     "Supaconnect/bench",
	})
	return run
}

// signIn starts a sign-in, waits in AwaitSignIn as the app does, and then
// requests the callback URL as the browser would.
func (run *signInRun) signIn(b *testing.B) signInSample {
	b.Helper()
	ctx := context.Background()
	if _, err := run.manager.StartSignIn(ctx, consentOrganization); err != nil {
		b.Fatalf("StartSignIn: %v", err)
	}
	if run.callback == "" {
		b.Fatal("the consent page did not redirect to the callback")
	}

	done := make(chan error, 1)
	go func() {
		status, err := run.manager.AwaitSignIn(ctx)
		if err == nil && !status.SignedIn {
			err = errors.New("AwaitSignIn returned a signed-out status")
		}
		done <- err
	}()
	// A head start, so that AwaitSignIn is already waiting for the
	// callback, as it is in the app while the user looks at the consent
	// page.
	time.Sleep(5 * time.Millisecond)

	requested := time.Now()
	if err := getCallback(run.callback); err != nil {
		b.Fatalf("requesting the callback: %v", err)
	}
	if err := <-done; err != nil {
		b.Fatalf("AwaitSignIn: %v", err)
	}
	return run.sample(b, requested)
}

// sample returns the timing of the sign-in whose callback was requested
// at requested.
func (run *signInRun) sample(b *testing.B, requested time.Time) signInSample {
	b.Helper()
	start, end := run.tokens.exchange()
	if start.IsZero() || start.Before(requested) {
		b.Fatal("no token request was timed after the callback")
	}
	writes := run.writes.writesAfter(requested)
	if len(writes) == 0 {
		b.Fatal("no keychain write after the callback, want the tokens saved")
	}
	first, last := writes[0], writes[len(writes)-1]
	return signInSample{
		total:    last.end.Sub(requested),
		exchange: end.Sub(start),
		save:     last.end.Sub(first.start),
	}
}

// consent is the auth.Opener: it approves the consent page over plain
// HTTP and keeps the redirect to the callback without following it.
func (run *signInRun) consent(ctx context.Context, link string) error {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	page, err := readPage(ctx, client, link)
	if err != nil {
		return err
	}
	match := consentIDField.FindStringSubmatch(page)
	if match == nil {
		return errors.New("the consent page has no consent_id field")
	}

	authorize, err := url.Parse(link)
	if err != nil {
		return err
	}
	form := url.Values{
		"consent_id":   {match[1]},
		"organization": {consentOrganization},
		"decision":     {"authorize"},
	}
	resp, err := client.PostForm(authorize.Scheme+"://"+authorize.Host+"/sandbox/consent", form)
	if err != nil {
		return err
	}
	resp.Body.Close()
	run.callback = resp.Header.Get("Location")
	if run.callback == "" {
		return fmt.Errorf("the consent form returned status %d without a redirect", resp.StatusCode)
	}
	return nil
}

func readPage(ctx context.Context, client *http.Client, link string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	return string(page), err
}

// getCallback requests the callback URL on a new connection, as a browser
// does for a host it has not contacted before.
func getCallback(link string) error {
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get(link)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("callback page status %d, want 200", resp.StatusCode)
	}
	return nil
}

func randomSuffix(b *testing.B) string {
	b.Helper()
	suffix := make([]byte, 4)
	if _, err := rand.Read(suffix); err != nil {
		b.Fatal(err)
	}
	return hex.EncodeToString(suffix)
}

// spread formats the minimum, median, 90th percentile and maximum of
// durations in milliseconds.
func spread(durations []time.Duration) string {
	return fmt.Sprintf("%.1f/%.1f/%.1f/%.1f", milliseconds(slices.Min(durations)), milliseconds(median(durations)),
		milliseconds(percentile(durations, 90)), milliseconds(slices.Max(durations)))
}
