package auth

import (
	"context"
	"testing"
)

func TestOpenBrowserRejectsNonHTTP(t *testing.T) {
	for _, link := range []string{"file:///etc/passwd", "javascript:alert(1)", "ftp://example.test/", "http://", "not a url"} {
		if err := OpenBrowser(context.Background(), link); err == nil {
			t.Errorf("OpenBrowser(%q) = nil, want an error", link)
		}
	}
}

func TestOpenerCommand(t *testing.T) {
	cases := map[string]string{"linux": "xdg-open", "darwin": "open", "windows": "rundll32", "freebsd": "xdg-open"}
	for goos, want := range cases {
		if got, _ := openerCommand(goos); got != want {
			t.Errorf("openerCommand(%q) = %q, want %q", goos, got, want)
		}
	}
}
