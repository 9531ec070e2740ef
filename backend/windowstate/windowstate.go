// Package windowstate remembers the window's size and position between
// runs, in a small JSON file in the user's configuration directory.
package windowstate

import (
	"encoding/json"

	"fmt"
	"os"
	"path/filepath"
)

// Limits that keep a remembered window usable: a file from a larger
// screen, or one edited by hand, must not open a window too small to use
// or too large to handle.
const (
	MinWidth  = 480
	MinHeight = 480
	MaxSide   = 10000
)

// State is the window's geometry in screen pixels.
type State struct {
	Width  int `json:"width"`
	Height int `json:"height"`
	X      int `json:"x"`
	Y      int `json:"y"`

	// Positioned is false when X and Y were never saved, so the window
	// manager should place the window.
	Positioned bool `json:"positioned"`
}

// DefaultPath returns the file under the user's configuration directory.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("windowstate: finding the configuration directory: %w", err)
	}
	return filepath.Join(dir, "Supaconnect", "window.json"), nil
}

// Load returns the saved state, or fallback when there is none or it is
// unreadable: a broken file must never stop the app from starting.
func Load(path string, fallback State) State {
	data, err := os.ReadFile(path)
	if err != nil {
		return fallback
	}
	var s State
	if json.Unmarshal(data, &s) != nil || !s.valid() {
		return fallback
	}
	return s
}

// Save writes the state, creating the directory when needed.
func Save(path string, s State) error {
	if !s.valid() {
		return fmt.Errorf("windowstate: size %dx%d is out of range", s.Width, s.Height)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("windowstate: creating %s: %w", filepath.Dir(path), err)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("windowstate: encoding: %w", err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("windowstate: writing %s: %w", path, err)
	}
	return nil
}

func (s State) valid() bool {
	return s.Width >= MinWidth && s.Height >= MinHeight && s.Width <= MaxSide && s.Height <= MaxSide &&
		s.X > -MaxSide && s.X < MaxSide && s.Y > -MaxSide && s.Y < MaxSide
}
