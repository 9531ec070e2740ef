package smtp

import (
	"context"
	"crypto/x509"
	"net"
	"strings"
	"testing"
)

func settingsFor(s *testServer, password string) Settings {
	return Settings{
		SenderEmail: "no-reply@example.com",
		SenderName:  "Example",
		Host:        "127.0.0.1",
		Port:        s.port,
		User:        s.user,
		Password:    password,
	}
}

func TestCheckStartTLSSuccess(t *testing.T) {
	server := newTestServer(t, true, false)
	result := Checker{RootCAs: server.certPool}.Check(context.Background(), settingsFor(server, server.pass), "")
	if !result.OK {
		t.Fatalf("Check = %+v, want OK", result)
	}
	if !server.sawAuth() {
		t.Error("server saw no AUTH command")
	}
}

func TestCheckImplicitTLSSuccess(t *testing.T) {
	server := newTestServer(t, false, true)
	checker := Checker{RootCAs: server.certPool}
	checker.implicitTLSPort = mustPort(t, server.port)
	result := checker.Check(context.Background(), settingsFor(server, server.pass), "")
	if !result.OK {
		t.Fatalf("Check = %+v, want OK", result)
	}
}

func TestCheckWrongPassword(t *testing.T) {
	server := newTestServer(t, true, false)
	result := Checker{RootCAs: server.certPool}.Check(context.Background(), settingsFor(server, "wrong password"), "")
	if result.OK || result.FailedStep != StepAuth {
		t.Fatalf("Check = %+v, want a failure at auth", result)
	}
	if !strings.Contains(result.Message, "user name or password") {
		t.Errorf("message %q does not name the credentials", result.Message)
	}
	if strings.Contains(result.Detail, "wrong password") {
		t.Errorf("detail %q contains the password", result.Detail)
	}
}

func TestCheckWithoutStartTLSKeepsPassword(t *testing.T) {
	server := newTestServer(t, false, false)
	result := Checker{RootCAs: server.certPool}.Check(context.Background(), settingsFor(server, server.pass), "")
	if result.OK || result.FailedStep != StepTLS {
		t.Fatalf("Check = %+v, want a failure at tls", result)
	}
	if server.sawAuth() {
		t.Error("the password was sent over an unencrypted connection")
	}
}

func TestCheckUntrustedCertificate(t *testing.T) {
	server := newTestServer(t, true, false)
	result := Checker{RootCAs: x509.NewCertPool()}.Check(context.Background(), settingsFor(server, server.pass), "")
	if result.OK || result.FailedStep != StepTLS {
		t.Fatalf("Check = %+v, want a failure at tls", result)
	}
	if server.sawAuth() {
		t.Error("the password was sent to a server with an untrusted certificate")
	}
}

func TestCheckUnreachablePort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()

	s := Settings{SenderEmail: "a@example.com", Host: "127.0.0.1", Port: port, User: "u", Password: "p"}
	result := Checker{}.Check(context.Background(), s, "")
	if result.OK || result.FailedStep != StepConnect {
		t.Fatalf("Check = %+v, want a failure at connect", result)
	}
	if !strings.Contains(result.Message, "Cannot reach 127.0.0.1") {
		t.Errorf("message %q does not say the host cannot be reached", result.Message)
	}
}

func TestCheckSendsTestEmail(t *testing.T) {
	server := newTestServer(t, true, false)
	result := Checker{RootCAs: server.certPool}.Check(context.Background(), settingsFor(server, server.pass), "ada@example.com")
	if !result.OK {
		t.Fatalf("Check = %+v, want OK", result)
	}
	server.mu.Lock()
	defer server.mu.Unlock()
	if len(server.messages) != 1 || !strings.Contains(server.messages[0], "Subject: Supaconnect SMTP test") {
		t.Errorf("messages = %q, want one test email", server.messages)
	}
}

func TestCheckNeedsPassword(t *testing.T) {
	server := newTestServer(t, true, false)
	result := Checker{RootCAs: server.certPool}.Check(context.Background(), settingsFor(server, ""), "")
	if result.OK || result.FailedStep != StepAuth {
		t.Errorf("Check without a password = %+v, want a failure at auth", result)
	}
}

func mustPort(t *testing.T, port string) int {
	t.Helper()
	n, msg := ParsePort(port)
	if msg != "" {
		t.Fatal(msg)
	}
	return n
}
