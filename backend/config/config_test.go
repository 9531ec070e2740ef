package config

import (
	"slices"
	"strings"
	"testing"
)

func env(values map[string]string) func(string) string {
	return func(name string) string { return values[name] }
}

func TestLoadDefaultsToSandboxWithoutClient(t *testing.T) {
	s, err := Load(env(nil))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !s.Sandbox {
		t.Error("Sandbox = false with no client ID, want true")
	}
	if s.APIBaseURL != "https://api.supabase.com" {
		t.Errorf("APIBaseURL = %q, want the Supabase API", s.APIBaseURL)
	}
	if !slices.Equal(s.RedirectPorts, []int{53682, 53683, 53684}) {
		t.Errorf("RedirectPorts = %v, want the defaults", s.RedirectPorts)
	}
}

func TestLoadEnvironmentOverrides(t *testing.T) {
	s, err := Load(env(map[string]string{
		EnvClientID:      "client",
		EnvClientSecret:  "secret",
		EnvAPIBaseURL:    "http://127.0.0.1:9999/",
		EnvRedirectPorts: " 6000, 6001 ,6000",
	}))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if s.Sandbox {
		t.Error("Sandbox = true with a client ID, want false")
	}
	if s.ClientID != "client" || s.ClientSecret != "secret" {
		t.Errorf("client = %q/%q, want the environment's", s.ClientID, s.ClientSecret)
	}
	if s.APIBaseURL != "http://127.0.0.1:9999" {
		t.Errorf("APIBaseURL = %q, want the trailing slash trimmed", s.APIBaseURL)
	}
	if !slices.Equal(s.RedirectPorts, []int{6000, 6001}) {
		t.Errorf("RedirectPorts = %v, want [6000 6001]", s.RedirectPorts)
	}
}

func TestLoadSandboxSwitch(t *testing.T) {
	s, err := Load(env(map[string]string{EnvClientID: "client", EnvSandbox: "1"}))
	if err != nil || !s.Sandbox {
		t.Errorf("SUPACONNECT_SANDBOX=1: Sandbox = %v, %v; want true", s.Sandbox, err)
	}
	if _, err := Load(env(map[string]string{EnvSandbox: "yes please"})); err == nil {
		t.Error("SUPACONNECT_SANDBOX=\"yes please\" accepted, want an error")
	}
}

func TestParsePortsErrors(t *testing.T) {
	cases := map[string]string{
		"":                          "no redirect port",
		"abc":                       `"abc" is invalid`,
		"0":                         `"0" is invalid`,
		"70000":                     `"70000" is invalid`,
		"1,2,3,4,5,6":               "maximum is 5",
		"53682,,53683,not-a-number": `"not-a-number" is invalid`,
	}
	for input, want := range cases {
		_, err := ParsePorts(input)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePorts(%q) error = %v, want it to contain %q", input, err, want)
		}
	}
}
