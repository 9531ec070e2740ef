package main

import (
	"context"
	"log/slog"
	"sync/atomic"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/supaconnect/supaconnect/backend/windowstate"
)

// singleInstanceID names the app to the OS, so that a second launch
// focuses the running window instead of opening another one.
const singleInstanceID = "io.supaconnect.desktop"

// window remembers the main window's size and position between runs, and
// confirms with the user before it closes over unsaved changes.
type window struct {
	path   string
	state  windowstate.State
	logger *slog.Logger

	// unsaved is set by the page while a form holds changes that are not
	// saved yet.
	unsaved atomic.Bool
}

func loadWindow(logger *slog.Logger) *window {
	w := &window{logger: logger, state: windowstate.State{Width: 1024, Height: 720}}
	path, err := windowstate.DefaultPath()
	if err != nil {
		logger.Warn("window size will not be remembered", "error", err)
		return w
	}
	w.path = path
	w.state = windowstate.Load(path, w.state)
	return w
}

// restore moves the window to where it was, once the page is ready.
func (w *window) restore(ctx context.Context) {
	if w.state.Positioned {
		runtime.WindowSetPosition(ctx, w.state.X, w.state.Y)
	}
}

// beforeClose saves the window's geometry and lets it close. When a form
// has unsaved changes, it first shows a confirmation, and returns true to
// keep the window open if the user chooses to stay.
func (w *window) beforeClose(ctx context.Context) bool {
	if w.unsaved.Load() && !w.confirmClose(ctx) {
		return true
	}
	w.remember(ctx)
	return false
}

func (w *window) confirmClose(ctx context.Context) bool {
	const closeLabel, stayLabel = "Close without saving", "Stay"
	answer, err := runtime.MessageDialog(ctx, runtime.MessageDialogOptions{
		Type:          runtime.QuestionDialog,
		Title:         "Close without saving?",
		Message:       "The changes you made to a form are not saved yet. Closing Supaconnect now loses them.",
		Buttons:       []string{closeLabel, stayLabel},
		DefaultButton: stayLabel,
		CancelButton:  stayLabel,
	})
	if err != nil {
		w.logger.Warn("asking before closing failed, closing anyway", "error", err)
		return true
	}
	// GTK's question dialog answers Yes and No instead of custom labels.
	return answer == closeLabel || answer == "Yes"
}

// remember saves the window's geometry. A minimised or maximised window
// keeps the last normal geometry.
func (w *window) remember(ctx context.Context) {
	if w.path == "" || runtime.WindowIsMinimised(ctx) || runtime.WindowIsMaximised(ctx) {
		return
	}
	width, height := runtime.WindowGetSize(ctx)
	x, y := runtime.WindowGetPosition(ctx)
	state := windowstate.State{Width: width, Height: height, X: x, Y: y, Positioned: true}
	if err := windowstate.Save(w.path, state); err != nil {
		w.logger.Warn("saving the window size failed", "error", err)
	}
}

// singleInstance returns the lock that brings the running window to the
// front when the app is launched again.
// The second launch is reported on another goroutine, so the context
// arrives through an atomic pointer that OnStartup sets.
func singleInstance(appCtx *atomic.Pointer[context.Context]) *options.SingleInstanceLock {
	return &options.SingleInstanceLock{
		UniqueId: singleInstanceID,
		OnSecondInstanceLaunch: func(options.SecondInstanceData) {
			ctx := appCtx.Load()
			if ctx == nil {
				return
			}
			runtime.WindowUnminimise(*ctx)
			runtime.WindowShow(*ctx)
		},
	}
}
