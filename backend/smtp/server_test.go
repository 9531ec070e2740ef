package smtp

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// testServer is a small SMTP server on loopback with STARTTLS or implicit
// TLS and AUTH PLAIN, enough for the connection test to talk to.
type testServer struct {
	addr        string
	port        string
	certPool    *x509.CertPool
	tlsConfig   *tls.Config
	startTLS    bool
	implicitTLS bool
	user, pass  string

	mu       sync.Mutex
	authSeen bool
	messages []string
}

func newTestServer(t *testing.T, startTLS, implicitTLS bool) *testServer {
	t.Helper()
	cert, pool := selfSignedCert(t)
	s := &testServer{
		certPool:    pool,
		tlsConfig:   &tls.Config{Certificates: []tls.Certificate{cert}},
		startTLS:    startTLS,
		implicitTLS: implicitTLS,
		user:        "mailer",
		pass:        "correct horse",
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s.addr = ln.Addr().String()
	_, s.port, _ = net.SplitHostPort(s.addr)

	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *testServer) serve(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	secure := false
	if s.implicitTLS {
		tlsConn := tls.Server(conn, s.tlsConfig)
		if tlsConn.Handshake() != nil {
			return
		}
		conn, secure = tlsConn, true
	}
	r := bufio.NewReader(conn)
	reply := func(lines ...string) { _, _ = conn.Write([]byte(strings.Join(lines, "\r\n") + "\r\n")) }
	reply("220 test.local ESMTP")

	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO", "HELO":
			lines := []string{"250-test.local"}
			if s.startTLS && !secure {
				lines = append(lines, "250-STARTTLS")
			}
			if secure {
				lines = append(lines, "250-AUTH PLAIN")
			}
			reply(append(lines, "250 8BITMIME")...)
		case "STARTTLS":
			reply("220 go ahead")
			tlsConn := tls.Server(conn, s.tlsConfig)
			if tlsConn.Handshake() != nil {
				return
			}
			conn, secure, r = tlsConn, true, bufio.NewReader(tlsConn)
		case "AUTH":
			s.handleAuth(line, reply)
		case "MAIL", "RCPT":
			reply("250 ok")
		case "DATA":
			reply("354 end with .")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.messages = append(s.messages, b.String())
			s.mu.Unlock()
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

func (s *testServer) handleAuth(line string, reply func(...string)) {
	s.mu.Lock()
	s.authSeen = true
	s.mu.Unlock()
	fields := strings.Fields(line)
	if len(fields) < 3 || strings.ToUpper(fields[1]) != "PLAIN" {
		reply("504 only PLAIN")
		return
	}
	raw, _ := base64.StdEncoding.DecodeString(fields[2])
	if string(raw) == "\x00"+s.user+"\x00"+s.pass {
		reply("235 authenticated")
		return
	}
	reply("535 5.7.8 authentication credentials invalid")
}

func (s *testServer) sawAuth() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authSeen
}

// selfSignedCert returns a certificate for 127.0.0.1 and a pool that
// trusts it.
func selfSignedCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
