// Package logging builds the app's slog logger. Its handler redacts every
// attribute whose key names a secret, as a second line of defence: the
// code never passes a token, code, verifier, password or key to a logger
// in the first place.
package logging

import (
	"io"
	"log/slog"
	"strings"
)

// Redacted replaces the value of an attribute that names a secret.
const Redacted = "[redacted]"

// secretKeyParts are the parts of an attribute key that mark a secret.
var secretKeyParts = []string{
	"token", "secret", "password", "passwd", "verifier", "code", "authorization", "cookie", "api_key", "apikey",
}

// New returns a text logger writing to w at level, with secret-named
// attributes redacted.
func New(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{
		Level:       level,
		ReplaceAttr: redact,
	}))
}

func redact(_ []string, a slog.Attr) slog.Attr {
	if IsSecretKey(a.Key) {
		return slog.String(a.Key, Redacted)
	}
	return a
}

// IsSecretKey reports whether an attribute key names a secret.
func IsSecretKey(key string) bool {
	k := strings.ToLower(key)
	for _, part := range secretKeyParts {
		if strings.Contains(k, part) {
			return true
		}
	}
	return false
}
