//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium, which scripts/setup-debian.sh installs.
const chromiumPath = "/usr/bin/chromium"

// consentBrowser plays the user: its open method opens the consent page
// in headless Chromium, clicks the button with the given id, and waits
// until the browser shows the app's callback page. The outcome arrives on
// done, because the session calls open and carries on.
type consentBrowser struct {
	buttonID string
	done     chan error
}

func newConsentBrowser(buttonID string) *consentBrowser {
	return &consentBrowser{buttonID: buttonID, done: make(chan error, 1)}
}

func (b *consentBrowser) open(_ context.Context, link string) error {
	if _, err := os.Stat(chromiumPath); err != nil {
		return fmt.Errorf("chromium is not installed at %s: run scripts/setup-debian.sh", chromiumPath)
	}
	go func() { b.done <- clickConsent(link, b.buttonID) }()
	return nil
}

// wait returns the browser's outcome.
func (b *consentBrowser) wait(t *testing.T) {
	t.Helper()
	select {
	case err := <-b.done:
		if err != nil {
			t.Fatalf("browser: %v", err)
		}
	case <-time.After(90 * time.Second):
		t.Fatal("browser did not finish within 90 s")
	}
}

func clickConsent(link, buttonID string) error {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	err := chromedp.Do(ctx,
		chromedp.Navigate(link),
		chromedp.WaitVisible(chromedp.ID(buttonID)),
		chromedp.Click(chromedp.ID(buttonID)),
	)
	if err != nil {
		return fmt.Errorf("consent page: %w", err)
	}

	// The consent page has a heading too, so wait for the callback's URL
	// rather than for an element.
	for {
		location, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			return fmt.Errorf("reading the browser's location: %w", err)
		}
		if strings.HasPrefix(location, "http://127.0.0.1:") && strings.Contains(location, "/callback?") {
			_, err := chromedp.Run(ctx, chromedp.WaitVisible(chromedp.CSS("main h1")))
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the browser never reached the callback, last at %s", location)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
