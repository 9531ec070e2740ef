package auth

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// Opener opens a URL in the user's browser and reports whether that
// worked. The window shows the link either way, so a failure is not fatal.
type Opener func(ctx context.Context, link string) error

// openTimeout bounds how long the platform's opener may take to hand the
// URL to a browser. xdg-open, open and rundll32 return once they have.
const openTimeout = 15 * time.Second

// OpenBrowser opens an http or https URL with the platform's opener:
// xdg-open on Linux, open on macOS, and the URL handler on Windows. Unlike
// Wails' runtime.BrowserOpenURL, it returns the opener's failure.
func OpenBrowser(ctx context.Context, link string) error {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("auth: %q is not an http or https URL", link)
	}

	ctx, cancel := context.WithTimeout(ctx, openTimeout)
	defer cancel()

	name, args := openerCommand(runtime.GOOS)
	cmd := exec.CommandContext(ctx, name, append(args, link)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		detail := strings.TrimSpace(stderr.String())
		if detail != "" {
			return fmt.Errorf("auth: opening the browser with %s failed: %w: %s", name, err, detail)
		}
		return fmt.Errorf("auth: opening the browser with %s failed: %w", name, err)
	}
	return nil
}

func openerCommand(goos string) (string, []string) {
	switch goos {
	case "darwin":
		return "open", nil
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		return "xdg-open", nil
	}
}
