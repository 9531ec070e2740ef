package main

import (
	"fmt"
	"log/slog"

	"github.com/supaconnect/supaconnect/backend/auth"
	"github.com/supaconnect/supaconnect/backend/config"
	"github.com/supaconnect/supaconnect/backend/sandbox"
)

// startSandbox starts the built-in sandbox on loopback when the settings
// ask for it, and points the settings at it. The returned function stops
// it.
func startSandbox(settings *config.Settings, logger *slog.Logger) (func(), error) {
	if !settings.Sandbox {
		return func() {}, nil
	}

	server := sandbox.New(sandbox.Options{
		RedirectURIs: auth.RedirectURIs(settings.RedirectPorts),
		Logger:       logger.With("component", "sandbox"),
	})
	baseURL, err := server.Start("127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}

	settings.APIBaseURL = baseURL
	settings.ClientID = sandbox.DefaultClientID
	settings.ClientSecret = sandbox.DefaultClientSecret
	logger.Info("sandbox started", "url", baseURL)
	return func() { _ = server.Close() }, nil
}
