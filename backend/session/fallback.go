package session

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// Files in Options.ConfigDir.
const (
	settingsFileName = "settings.json"
	secretsFileName  = "secrets.json"
)

// ErrNoConfigDir means the file fallback was requested but the Manager
// has no Options.ConfigDir to keep it in.
var ErrNoConfigDir = errors.New("session: no settings directory is configured, so the session cannot be saved in a file")

// machineSettings are the user's choices for this machine, saved in
// settingsFileName.
type machineSettings struct {
	FileFallback bool `json:"fileFallback"`
}

// DefaultConfigDir returns the directory for the settings and secrets of
// appName on this machine, in the user's configuration directory. On
// Windows it is in %LocalAppData%, which does not roam to other machines,
// because the choice is per machine and only this machine can decrypt the
// file.
func DefaultConfigDir(appName string) (string, error) {
	if local := os.Getenv("LocalAppData"); runtime.GOOS == "windows" && local != "" {
		return filepath.Join(local, appName), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("session: finding the settings directory: %w", err)
	}
	return filepath.Join(dir, appName), nil
}

// EnableFileFallback lets the session be saved in an encrypted file in
// Options.ConfigDir whenever the OS keychain is unavailable, now and at
// later starts on this machine. keychain.File describes what the
// encryption protects against and what not. The choice is saved in a settings file.
// When the session is kept in memory for this run, it moves to the file
// at once. The keychain stays the first choice whenever it works.
func (m *Manager) EnableFileFallback() error {
	m.restoreOnce()
	if m.opts.ConfigDir == "" {
		return ErrNoConfigDir
	}
	if err := m.saveFallbackSetting(true); err != nil {
		return err
	}

	m.mu.Lock()
	m.fileFallback = true
	if m.storage != StorageMemory {
		m.mu.Unlock()
		m.opts.Logger.Info("file fallback enabled")
		return nil
	}
	memory, file := m.store, m.fileStore()
	m.store, m.storage = file, StorageFile
	cred := m.cred
	m.mu.Unlock()

	if cred != nil {
		if err := cred.resave(context.Background()); err != nil && !errors.Is(err, errSessionReplaced) {
			m.mu.Lock()
			if m.store == file {
				m.store, m.storage = memory, StorageMemory
			}
			m.fileFallback = false
			m.mu.Unlock()
			_ = m.saveFallbackSetting(false)
			return fmt.Errorf("session: saving the session in %s: %w", file.Path, err)
		}
	}
	m.opts.Logger.Warn("file fallback enabled, the session is saved in an encrypted file", "path", file.Path)
	return nil
}

// DisableFileFallback withdraws the choice of EnableFileFallback and
// deletes the file. A session saved only in the file lasts until the app
// exits.
func (m *Manager) DisableFileFallback() error {
	m.restoreOnce()
	if m.opts.ConfigDir == "" {
		return nil
	}
	if err := m.saveFallbackSetting(false); err != nil {
		return err
	}

	m.mu.Lock()
	m.fileFallback = false
	if m.storage == StorageFile {
		m.store, m.storage = &keychain.Memory{}, StorageMemory
	}
	m.mu.Unlock()

	if err := m.fileStore().Remove(); err != nil {
		return fmt.Errorf("session: deleting the session file: %w", err)
	}
	m.opts.Logger.Info("file fallback disabled")
	return nil
}

// useFallbackStoreLocked replaces a keychain that cannot be read: with the
// file, if the user opted in and it can be read, else with memory.
func (m *Manager) useFallbackStoreLocked() {
	if m.fileFallback {
		file := m.fileStore()
		saved, err := tokenStore{store: file}.load()
		switch {
		case err == nil:
			m.store, m.storage = file, StorageFile
			m.resumeLocked(saved)
			m.opts.Logger.Info("session restored from the encrypted file", "method", m.method)
			return
		case errors.Is(err, keychain.ErrNotFound):
			m.store, m.storage = file, StorageFile
			return
		default:
			m.keychainErr = errors.Join(m.keychainErr, err)
			m.opts.Logger.Warn("the session file cannot be used either", "error", err)
		}
	}
	m.store, m.storage = &keychain.Memory{}, StorageMemory
	m.opts.Logger.Warn("keeping the session in memory for this run")
}

// restoreFromFileLocked moves a session that an earlier run saved in the
// file, while the keychain was unavailable, into the keychain that works
// again. If that fails, the session stays in the file.
func (m *Manager) restoreFromFileLocked() {
	if !m.fileFallback {
		m.opts.Logger.Info("no saved session")
		return
	}
	file := m.fileStore()
	saved, err := tokenStore{store: file}.load()
	if err != nil {
		if !errors.Is(err, keychain.ErrNotFound) {
			m.opts.Logger.Warn("reading the session file failed", "error", err)
		}
		m.opts.Logger.Info("no saved session")
		return
	}

	if err := (tokenStore{store: m.store}).saveSession(saved); err != nil {
		m.opts.Logger.Warn("moving the session from the file to the keychain failed", "error", err)
		m.store, m.storage = file, StorageFile
	} else if err := file.Remove(); err != nil {
		m.opts.Logger.Warn("deleting the session file after the move failed", "error", err)
	}
	m.resumeLocked(saved)
	m.opts.Logger.Info("session restored from the encrypted file", "method", m.method, "storage", m.storage)
}

func (m *Manager) fileStore() *keychain.File {
	return &keychain.File{Path: filepath.Join(m.opts.ConfigDir, secretsFileName)}
}

// loadFallbackSetting reads the user's choice. A missing or damaged
// settings file means no file fallback.
func (m *Manager) loadFallbackSetting() bool {
	if m.opts.ConfigDir == "" {
		return false
	}
	data, err := os.ReadFile(filepath.Join(m.opts.ConfigDir, settingsFileName))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	var settings machineSettings
	if err == nil {
		err = json.Unmarshal(data, &settings)
	}
	if err != nil {
		m.opts.Logger.Warn("reading the settings failed, the file fallback is off", "error", err)
		return false
	}
	return settings.FileFallback
}

// saveFallbackSetting writes the user's choice, readable by the user only.
func (m *Manager) saveFallbackSetting(enabled bool) error {
	data, err := json.Marshal(machineSettings{FileFallback: enabled})
	if err != nil {
		return fmt.Errorf("session: encoding the settings: %w", err)
	}
	if err := os.MkdirAll(m.opts.ConfigDir, 0o700); err != nil {
		return fmt.Errorf("session: creating the settings directory: %w", err)
	}
	path := filepath.Join(m.opts.ConfigDir, settingsFileName)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("session: saving the settings: %w", err)
	}
	return nil
}
