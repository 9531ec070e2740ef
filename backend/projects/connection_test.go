package projects_test

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

const testRef = "abcdefghijklmnopqrst"

// testPooler is a pooler entry as Supabase returns it, on the aws-1
// cluster of eu-central-1.
var testPooler = supabase.PoolerConfig{
	Identifier:   testRef,
	DatabaseType: supabase.DatabasePrimary,
	User:         "postgres." + testRef,
	Host:         "aws-1-eu-central-1.pooler.supabase.com",
	Port:         6543,
	Database:     "postgres",
	PoolMode:     "transaction",
}

// nastyPasswords contain every character that has a meaning in a URI,
// a shell or an .env file, and characters outside ASCII.
var nastyPasswords = []string{
	"p#ss@w/rd?x%y:z",
	"with space and tab\there",
	"plus+equals=amp&semi;comma,dollar$",
	"quote\"apos'back`slash\\",
	"[YOUR-PASSWORD]",
	"%41%2F%%",
	"ünïcødé-パスワード-🔑",
	"::::@@@@////????####",
	"~-._",
	"\x00\x01\x7f",
	"a",
}

func TestBuildConnectionStrings(t *testing.T) {
	got := projects.BuildConnectionStrings(testRef, testPooler, "p#ss@w/rd?x", false)

	want := projects.ConnectionStrings{
		Direct:            "postgresql://postgres:p%23ss%40w%2Frd%3Fx@db.abcdefghijklmnopqrst.supabase.co:5432/postgres",
		DirectIPv6Only:    true,
		SessionPooler:     "postgresql://postgres.abcdefghijklmnopqrst:p%23ss%40w%2Frd%3Fx@aws-1-eu-central-1.pooler.supabase.com:5432/postgres",
		TransactionPooler: "postgresql://postgres.abcdefghijklmnopqrst:p%23ss%40w%2Frd%3Fx@aws-1-eu-central-1.pooler.supabase.com:6543/postgres",
		HasPassword:       true,
	}
	if got.Direct != want.Direct {
		t.Errorf("Direct = %q, want %q", got.Direct, want.Direct)
	}
	if got.SessionPooler != want.SessionPooler {
		t.Errorf("SessionPooler = %q, want %q", got.SessionPooler, want.SessionPooler)
	}
	if got.TransactionPooler != want.TransactionPooler {
		t.Errorf("TransactionPooler = %q, want %q", got.TransactionPooler, want.TransactionPooler)
	}
	if got.DirectIPv6Only != want.DirectIPv6Only || got.HasPassword != want.HasPassword {
		t.Errorf("DirectIPv6Only, HasPassword = %v, %v; want true, true", got.DirectIPv6Only, got.HasPassword)
	}
}

func TestBuildConnectionStringsIPv4AddOn(t *testing.T) {
	got := projects.BuildConnectionStrings(testRef, testPooler, "x", true)

	if got.DirectIPv6Only {
		t.Error("DirectIPv6Only = true with the IPv4 add-on, want false")
	}
}

func TestBuildConnectionStringsPlaceholder(t *testing.T) {
	got := projects.BuildConnectionStrings(testRef, testPooler, "", false)

	want := "postgresql://postgres.abcdefghijklmnopqrst:[YOUR-PASSWORD]@aws-1-eu-central-1.pooler.supabase.com:5432/postgres"
	if got.SessionPooler != want {
		t.Errorf("SessionPooler = %q, want %q", got.SessionPooler, want)
	}
	if got.HasPassword {
		t.Error("HasPassword = true without a password")
	}
}

func TestBuildConnectionStringsUsesPoolerHost(t *testing.T) {
	pooler := testPooler
	pooler.Host = "aws-0-eu-central-1.pooler.supabase.com"

	got := projects.BuildConnectionStrings(testRef, pooler, "x", false)

	for _, uri := range []string{got.SessionPooler, got.TransactionPooler} {
		if !strings.Contains(uri, "@aws-0-eu-central-1.pooler.supabase.com:") {
			t.Errorf("pooler URI %q does not use the configured host", uri)
		}
	}
}

// checkRoundTrip parses every URI of c and checks that it gives back
// user, password, host and port.
func checkRoundTrip(t *testing.T, c projects.ConnectionStrings, password string) {
	t.Helper()

	for _, tt := range []struct {
		uri, user, host string
	}{
		{c.Direct, "postgres", "db." + testRef + ".supabase.co:5432"},
		{c.SessionPooler, "postgres." + testRef, testPooler.Host + ":5432"},
		{c.TransactionPooler, "postgres." + testRef, testPooler.Host + ":6543"},
	} {
		u, err := url.Parse(tt.uri)
		if err != nil {
			t.Fatalf("url.Parse failed for a password of %d bytes: %v", len(password), err)
		}
		got, _ := u.User.Password()
		if got != password {
			t.Fatalf("password of %d bytes did not survive url.Parse: got %d bytes", len(password), len(got))
		}
		if u.Scheme != "postgresql" || u.User.Username() != tt.user || u.Host != tt.host || u.Path != "/postgres" {
			t.Fatalf("parsed URI has scheme %q user %q host %q path %q", u.Scheme, u.User.Username(), u.Host, u.Path)
		}
	}
}

func TestConnectionStringRoundTripGenerated(t *testing.T) {
	for range 1000 {
		pw, err := projects.GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		checkRoundTrip(t, projects.BuildConnectionStrings(testRef, testPooler, pw, false), pw)
	}
}

func TestConnectionStringRoundTripTyped(t *testing.T) {
	for _, pw := range nastyPasswords {
		c := projects.BuildConnectionStrings(testRef, testPooler, pw, false)

		checkRoundTrip(t, c, pw)
		if strings.ContainsAny(c.SessionPooler, " $&;,=+\"'`\\") {
			t.Errorf("URI for a typed password contains a character that shells or .env loaders interpret")
		}
	}
}

func FuzzConnectionStringRoundTrip(f *testing.F) {
	for _, pw := range nastyPasswords {
		f.Add(pw)
	}
	f.Fuzz(func(t *testing.T, pw string) {
		if pw == "" {
			return
		}
		checkRoundTrip(t, projects.BuildConnectionStrings(testRef, testPooler, pw, false), pw)
	})
}

func TestEscapePassword(t *testing.T) {
	tests := map[string]string{
		"abc-._~XYZ09": "abc-._~XYZ09",
		"a b":          "a%20b",
		"a+b":          "a%2Bb",
		"$&;,=":        "%24%26%3B%2C%3D",
		"ü":            "%C3%BC",
	}
	for in, want := range tests {
		if got := projects.EscapePassword(in); got != want {
			t.Errorf("EscapePassword(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrimaryPooler(t *testing.T) {
	replica := testPooler
	replica.DatabaseType = supabase.DatabaseReadReplica
	replica.Host = "replica.example"

	got, err := projects.PrimaryPooler([]supabase.PoolerConfig{replica, testPooler})
	if err != nil || got.Host != testPooler.Host {
		t.Errorf("PrimaryPooler = %+v, %v; want the primary entry", got, err)
	}
	if _, err := projects.PrimaryPooler([]supabase.PoolerConfig{replica}); !errors.Is(err, projects.ErrNoPrimaryPooler) {
		t.Errorf("PrimaryPooler without a primary: %v, want ErrNoPrimaryPooler", err)
	}
}

func TestConnectionStringsHidePassword(t *testing.T) {
	c := projects.BuildConnectionStrings(testRef, testPooler, "hunter2-secret", false)

	for _, out := range []string{c.String(), c.GoString()} {
		if strings.Contains(out, "hunter2") {
			t.Error("formatted ConnectionStrings contain the password")
		}
	}
}
