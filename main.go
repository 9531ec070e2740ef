package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/supaconnect/supaconnect/backend/config"
	"github.com/supaconnect/supaconnect/backend/keychain"
	"github.com/supaconnect/supaconnect/backend/logging"
	"github.com/supaconnect/supaconnect/backend/projects"
	"github.com/supaconnect/supaconnect/backend/session"
	"github.com/supaconnect/supaconnect/backend/windowstate"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	debug := flag.Bool("debug", false, "log debug messages to standard error")
	flag.Parse()

	if *showVersion {
		fmt.Printf("supaconnect %s (commit %s)\n", config.Version, config.Commit)
		return
	}
	if err := run(*debug); err != nil {
		fmt.Fprintln(os.Stderr, "supaconnect:", err)
		os.Exit(1)
	}
}

func run(debug bool) error {
	level := slog.LevelInfo
	if debug {
		level = slog.LevelDebug
	}
	logger := logging.New(os.Stderr, level)

	settings, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	stopSandbox, err := startSandbox(&settings, logger)
	if err != nil {
		return err
	}
	defer stopSandbox()

	configDir, err := session.DefaultConfigDir(keychainService(settings))
	if err != nil {
		logger.Warn("no settings directory, the file fallback is off", "error", err)
	}
	var appCtx atomic.Pointer[context.Context]
	manager := session.New(session.Options{
		ClientID:     settings.ClientID,
		ClientSecret: settings.ClientSecret,
		APIBaseURL:   settings.APIBaseURL,
		Ports:        settings.RedirectPorts,
		Keychain:     &keychain.Chunked{Store: &keychain.System{Service: keychainService(settings)}},
		UserAgent:    "Supaconnect/" + settings.Version,
		Logger:       logger,
		ConfigDir:    configDir,
		OnRateLimitWait: func(wait time.Duration) {
			if ctx := appCtx.Load(); ctx != nil {
				runtime.EventsEmit(*ctx, EventRateLimitWait, wait.Seconds())
			}
		},
	})
	screen := &screenScope{}
	win := loadWindow(logger)
	app := NewApp(settings, manager, screen, win)
	projectsAPI := NewProjects(manager, projects.New(projects.Options{
		Keychain: manager.Keychain(),
		Client:   projects.ClientFunc(manager.Client),
		Logger:   logger,
	}), screen)
	smtpAPI := NewSMTP(manager, screen)

	return wails.Run(&options.App{
		Title:     "Supaconnect",
		Width:     win.state.Width,
		Height:    win.state.Height,
		MinWidth:  windowstate.MinWidth,
		MinHeight: windowstate.MinHeight,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 250, A: 255},
		OnStartup: func(ctx context.Context) {
			appCtx.Store(&ctx)
			app.startup(ctx)
			projectsAPI.startup(ctx)
			smtpAPI.startup(ctx)
		},
		OnDomReady:         win.restore,
		OnBeforeClose:      win.beforeClose,
		OnShutdown:         app.shutdown,
		SingleInstanceLock: singleInstance(&appCtx),
		Bind:               []any{app, projectsAPI, smtpAPI},
	})
}

// EventRateLimitWait carries the seconds the app waits because Supabase's
// rate limit was reached. The name is declared again in
// frontend/src/lib/events.ts.
const EventRateLimitWait = "ratelimit:wait"

// keychainService keeps sandbox sessions apart from real ones.
func keychainService(settings config.Settings) string {
	if settings.Sandbox {
		return "Supaconnect Sandbox"
	}
	return "Supaconnect"
}
