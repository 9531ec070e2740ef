package smtp

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// Step names a stage of the connection test.
type Step string

// The stages of a connection test, in order.
const (
	StepConnect Step = "connect"
	StepTLS     Step = "tls"
	StepAuth    Step = "auth"
	StepSend    Step = "send"
	StepQuit    Step = "quit"
)

// DefaultTimeout bounds a whole connection test.
const DefaultTimeout = 20 * time.Second

// CheckResult is the outcome of a connection test.
type CheckResult struct {
	OK bool `json:"ok"`

	// FailedStep is the stage that failed; empty when OK.
	FailedStep Step `json:"failedStep,omitempty"`

	// Message is the plain-words account of the failure and the next
	// step. Detail is the server's or the network's own text, without
	// the password.
	Message string `json:"message"`
	Detail  string `json:"detail,omitempty"`
}

// Checker tests SMTP settings by talking to the server.
type Checker struct {
	// Timeout bounds the whole test; DefaultTimeout when zero.
	Timeout time.Duration

	// RootCAs verifies the server's certificate; the system pool when nil.
	RootCAs *x509.CertPool

	// implicitTLSPort is the port that uses TLS from the first byte; 465
	// when zero. Tests set it because they cannot bind port 465.
	implicitTLSPort int
}

// Check connects to the server in s, sets up TLS (implicit TLS on port
// 465, STARTTLS otherwise), logs in with the user name and password, and
// quits. When sendTo is not empty it also sends a test email there. It
// never sends the password over an unencrypted connection.
func (c Checker) Check(ctx context.Context, s Settings, sendTo string) CheckResult {
	result := c.check(ctx, s, sendTo)
	if s.Password != "" {
		// A server may quote what it received; the password never leaves.
		result.Detail = strings.ReplaceAll(result.Detail, s.Password, "[redacted]")
	}
	return result
}

func (c Checker) check(ctx context.Context, s Settings, sendTo string) CheckResult {
	port, msg := ParsePort(s.Port)
	if msg != "" || CheckHost(s.Host) != "" {
		return fail(StepConnect, "Fix the host and port first.", nil)
	}
	if s.Password == "" {
		return fail(StepAuth, "Type the SMTP password to test it. Supabase never returns a saved password.", nil)
	}

	timeout := c.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", net.JoinHostPort(s.Host, strconv.Itoa(port)))
	if err != nil {
		return fail(StepConnect, "Cannot reach "+s.Host+" on port "+strconv.Itoa(port)+
			". Check the host name and port, and that your network allows outgoing mail connections.", err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()

	config := &tls.Config{ServerName: s.Host, RootCAs: c.RootCAs, MinVersion: tls.VersionTLS12}
	client, result := c.secure(ctx, conn, port, config, s.Host)
	if client == nil {
		return result
	}
	defer client.Close()
	return c.converse(client, s, sendTo)
}

// secure returns an SMTP client on an encrypted connection, or a failed
// result.
func (c Checker) secure(ctx context.Context, conn net.Conn, port int, config *tls.Config, host string) (*smtp.Client, CheckResult) {
	implicit := c.implicitTLSPort
	if implicit == 0 {
		implicit = 465
	}
	if port == implicit {
		tlsConn := tls.Client(conn, config)
		if err := tlsConn.HandshakeContext(ctx); err != nil {
			return nil, fail(StepTLS, "The secure connection to "+host+" failed. Check the port: 465 uses TLS from the start, 587 uses STARTTLS.", err)
		}
		client, err := smtp.NewClient(tlsConn, host)
		if err != nil {
			return nil, fail(StepConnect, host+" did not answer like an SMTP server.", err)
		}
		return client, CheckResult{}
	}

	client, err := smtp.NewClient(conn, host)
	if err != nil {
		return nil, fail(StepConnect, host+" did not answer like an SMTP server. Check the host and port.", err)
	}
	if ok, _ := client.Extension("STARTTLS"); !ok {
		client.Close()
		return nil, fail(StepTLS, host+" does not offer encryption (STARTTLS) on this port, so Supaconnect did not send your password. Try port 465 or 587.", nil)
	}
	if err := client.StartTLS(config); err != nil {
		client.Close()
		return nil, fail(StepTLS, "The secure connection to "+host+" failed. Its certificate may not match the host name.", err)
	}
	return client, CheckResult{}
}

// converse logs in, optionally sends a test email, and quits.
func (c Checker) converse(client *smtp.Client, s Settings, sendTo string) CheckResult {
	if err := client.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
		if isAuthRejected(err) {
			return fail(StepAuth, "The server rejected the user name or password. Copy them again from your email provider.", err)
		}
		return fail(StepAuth, "Logging in to the server failed.", err)
	}

	if sendTo != "" {
		if err := sendTestEmail(client, s, sendTo); err != nil {
			return fail(StepSend, "Logging in worked, but sending the test email failed. Check that the sender address is allowed by your provider.", err)
		}
	}

	if err := client.Quit(); err != nil {
		return fail(StepQuit, "Logging in worked, but the server did not close the connection cleanly.", err)
	}
	message := "Connected and logged in to " + s.Host + "."
	if sendTo != "" {
		message += " A test email was sent to " + sendTo + "."
	}
	return CheckResult{OK: true, Message: message}
}

func sendTestEmail(client *smtp.Client, s Settings, to string) error {
	if err := client.Mail(s.SenderEmail); err != nil {
		return err
	}
	if err := client.Rcpt(to); err != nil {
		return err
	}
	w, err := client.Data()
	if err != nil {
		return err
	}
	from := s.SenderEmail
	if s.SenderName != "" {
		from = fmt.Sprintf("%q <%s>", s.SenderName, s.SenderEmail)
	}
	body := "From: " + from + "\r\nTo: " + to + "\r\nSubject: Supaconnect SMTP test\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"This email confirms that your SMTP settings work.\r\n"
	if _, err := w.Write([]byte(body)); err != nil {
		return err
	}
	return w.Close()
}

// isAuthRejected reports whether the server rejected the credentials:
// SMTP reply 535 (RFC 4954) or 534/530 for refused mechanisms.
func isAuthRejected(err error) bool {
	var protoErr *textproto.Error
	if errors.As(err, &protoErr) {
		return protoErr.Code == 535 || protoErr.Code == 534
	}
	return false
}

func fail(step Step, message string, err error) CheckResult {
	r := CheckResult{FailedStep: step, Message: message}
	if err != nil {
		r.Detail = strings.TrimSpace(err.Error())
	}
	return r
}
