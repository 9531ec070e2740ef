//go:build uitest

// Package uitest clicks through the app like a user: Debian's Chromium
// drives the window's page served by `wails dev`, which runs the real Go
// backend against a sandbox that the test controls. Run it with
// `make test-ui`, which provides Xvfb and a GNOME Keyring.
package uitest

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/testenv"
)

const (
	chromiumPath = "/usr/bin/chromium"
	startTimeout = 5 * time.Minute
)

// harness is one running app with its sandbox and a browser.
type harness struct {
	// devServer is the host:port that wails dev serves the page on. It is
	// not wails' default, so a developer's own `make dev` does not clash.
	devServer string
	sandbox   *sandbox.Server
	browser   context.Context
	shots     string
}

func startHarness(t *testing.T) *harness {
	t.Helper()
	ports := testenv.FreePorts(t, 2)
	sb := sandbox.New(sandbox.Options{
		RedirectURIs:      auth.RedirectURIs(ports),
		ProjectReadyAfter: 3 * time.Second,
		// Several organizations make the switcher worth clicking.
		GrantAllOrganizations: true,
	})
	if _, err := sb.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("starting the sandbox: %v", err)
	}
	t.Cleanup(func() { _ = sb.Close() })

	devServer := "127.0.0.1:" + strconv.Itoa(testenv.FreePorts(t, 1)[0])
	startDev(t, devServer, sb.URL(), ports)
	return &harness{devServer: devServer, sandbox: sb, browser: newBrowser(t), shots: screenshotDir(t)}
}

// startDev runs `wails dev` from the repository root with the app pointed
// at the sandbox, and waits until its dev server responds.
func startDev(t *testing.T, devServer, apiURL string, ports []int) {
	t.Helper()
	// -s: `make test-ui` has built the frontend; the dev server serves the
	// sources through Vite anyway.
	cmd := exec.Command("go", "tool", "wails", "dev", "-tags", "webkit2_41", "-s",
		"-m", "-nosyncgomod", "-noreload", "-nogorebuild", "-nocolour", "-devserver", devServer)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(),
		"SUPACONNECT_SANDBOX=0",
		"SUPACONNECT_CLIENT_ID="+sandbox.DefaultClientID,
		"SUPACONNECT_CLIENT_SECRET="+sandbox.DefaultClientSecret,
		"SUPACONNECT_API_URL="+apiURL,
		"SUPACONNECT_REDIRECT_PORTS="+strconv.Itoa(ports[0])+","+strconv.Itoa(ports[1]),
		// Outside a desktop session xdg-open runs $BROWSER, so the app's
		// opener fails and the window offers the sign-in link, which the
		// test opens itself, as a user would copy it. The test reads the
		// link from the page either way.
		"BROWSER=false",
	)
	log, err := os.Create(filepath.Join(screenshotDir(t), "wails-dev.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting wails dev: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
		log.Close()
	})

	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("wails dev exited before serving the app; see %s", log.Name())
		default:
		}
		resp, err := http.Get("http://" + devServer + "/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(time.Second)
	}
	t.Fatalf("wails dev did not serve http://%s within %s; see %s", devServer, startTimeout, log.Name())
}

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("chromium is not installed at %s: run scripts/setup-debian.sh", chromiumPath)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The browser starts on the first call, and lives as long as that
	// call's context: start it on ctx itself, not on a context with a
	// time limit.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

func screenshotDir(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "build", "screenshots"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// run runs chromedp steps on the app's page with a time limit.
func (h *harness) run(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(h.browser, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		h.screenshot(t, "failed-"+what)
		t.Fatalf("%s: %v", what, err)
	}
}

// screenshot saves the page as build/screenshots/ui-NAME.png.
func (h *harness) screenshot(t *testing.T, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(h.browser, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(h.shots, "ui-"+name+".png"), png, 0o644); err != nil {
		t.Errorf("saving screenshot %s: %v", name, err)
	}
}
