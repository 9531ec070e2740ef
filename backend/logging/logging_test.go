package logging

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

func TestNewRedactsSecretAttributes(t *testing.T) {
	var buf bytes.Buffer
	logger := New(&buf, slog.LevelDebug)
	logger.Info("event",
		"access_token", "sbp_oauth_secretvalue",
		"refresh_token", "refresh-secret",
		"client_secret", "client-secret-value",
		"code_verifier", "verifier-value",
		"Authorization", "Bearer x",
		"db_password", "hunter2",
		"ref", "abcdefghijklmnopqrst",
	)
	out := buf.String()
	for _, secret := range []string{"sbp_oauth_secretvalue", "refresh-secret", "client-secret-value", "verifier-value", "Bearer x", "hunter2"} {
		if strings.Contains(out, secret) {
			t.Errorf("log output contains %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, "ref=abcdefghijklmnopqrst") {
		t.Errorf("log output lost a harmless attribute: %s", out)
	}
	if !strings.Contains(out, "access_token="+Redacted) {
		t.Errorf("log output has no redaction marker: %s", out)
	}
}
