// Package config holds Supaconnect's build-time settings and their
// environment overrides.
//
// Release builds set the package variables below with -ldflags "-X ...".
// Each one can be overridden at run time by an environment variable, which
// is how developers point a build at their own OAuth app or at the sandbox.
//
// A client secret compiled into a desktop app is not confidential: anyone
// with the binary can read it (RFC 8252, section 8.5). The authorization
// code is protected by PKCE (RFC 7636) and by the loopback redirect, not by
// the secret.
package config

import (
	"fmt"
	"strconv"
	"strings"
)

// Values injected at build time with -ldflags "-X github.com/supaconnect/supaconnect/backend/config.Name=value".
var (
	Version       = "dev"
	Commit        = "unknown"
	ClientID      = ""
	ClientSecret  = ""
	APIBaseURL    = "https://api.supabase.com"
	RedirectPorts = "53682,53683,53684"
)

// Environment variables that override the build-time values.
const (
	EnvClientID      = "SUPACONNECT_CLIENT_ID"
	EnvClientSecret  = "SUPACONNECT_CLIENT_SECRET"
	EnvAPIBaseURL    = "SUPACONNECT_API_URL"
	EnvRedirectPorts = "SUPACONNECT_REDIRECT_PORTS"
	EnvSandbox       = "SUPACONNECT_SANDBOX"
)

// MaxRedirectPorts is the largest number of redirect ports accepted. Each
// port is a redirect URL the integrator must register with Supabase, so the
// list stays short.
const MaxRedirectPorts = 5

// Settings is the resolved configuration of one run of the app.
type Settings struct {
	Version       string
	Commit        string
	ClientID      string
	ClientSecret  string
	APIBaseURL    string
	RedirectPorts []int

	// Sandbox is true when the app talks to the built-in sandbox instead of
	// Supabase: no client ID was configured, or SUPACONNECT_SANDBOX=1.
	Sandbox bool
}

// Load resolves the settings from the build-time values and the
// environment, read through getenv (os.Getenv in the app).
func Load(getenv func(string) string) (Settings, error) {
	s := Settings{
		Version:      Version,
		Commit:       Commit,
		ClientID:     override(getenv, EnvClientID, ClientID),
		ClientSecret: override(getenv, EnvClientSecret, ClientSecret),
		APIBaseURL:   strings.TrimRight(override(getenv, EnvAPIBaseURL, APIBaseURL), "/"),
	}

	ports, err := ParsePorts(override(getenv, EnvRedirectPorts, RedirectPorts))
	if err != nil {
		return Settings{}, err
	}
	s.RedirectPorts = ports

	switch getenv(EnvSandbox) {
	case "1", "true":
		s.Sandbox = true
	case "", "0", "false":
		s.Sandbox = s.ClientID == ""
	default:
		return Settings{}, fmt.Errorf("config: %s=%q is invalid: use 1 or 0", EnvSandbox, getenv(EnvSandbox))
	}
	return s, nil
}

func override(getenv func(string) string, name, fallback string) string {
	if v := strings.TrimSpace(getenv(name)); v != "" {
		return v
	}
	return fallback
}

// ParsePorts parses a comma-separated list of TCP ports, such as
// "53682,53683". The order is kept: the first port is tried first.
func ParsePorts(list string) ([]int, error) {
	var ports []int
	seen := map[int]bool{}
	for _, field := range strings.Split(list, ",") {
		field = strings.TrimSpace(field)
		if field == "" {
			continue
		}
		port, err := strconv.Atoi(field)
		if err != nil || port < 1 || port > 65535 {
			return nil, fmt.Errorf("config: redirect port %q is invalid: use a number from 1 to 65535", field)
		}
		if seen[port] {
			continue
		}
		seen[port] = true
		ports = append(ports, port)
	}
	if len(ports) == 0 {
		return nil, fmt.Errorf("config: no redirect port is set: set %s, such as 53682,53683", EnvRedirectPorts)
	}
	if len(ports) > MaxRedirectPorts {
		return nil, fmt.Errorf("config: %d redirect ports are set, the maximum is %d", len(ports), MaxRedirectPorts)
	}
	return ports, nil
}
