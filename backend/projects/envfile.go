package projects

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// envFileMode is the permission of written .env files: readable and
// writable by the owner only, because they hold keys and passwords.
const envFileMode = 0o600

// WriteEnvFile writes content to path with mode 0600.
//
// Without overwrite, the file is created with O_EXCL, so an existing
// file, even one created a moment earlier by another program, makes it
// fail with an error matching ErrFileExists. With overwrite, the content
// goes to a temporary file in the same directory that then replaces path,
// so the file has mode 0600 even when the old one had another mode, and a
// failed write leaves the old file intact. On Windows, the mode has no
// effect beyond the read-only bit.
func WriteEnvFile(path, content string, overwrite bool) error {
	if overwrite {
		return replaceFile(path, content)
	}

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, envFileMode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("projects: write %s: %w: choose another name or allow overwriting", path, ErrFileExists)
	}
	if err != nil {
		return fmt.Errorf("projects: create %s: %w", path, err)
	}

	_, err = f.WriteString(content)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("projects: write %s: %w", path, err)
	}
	return nil
}

// replaceFile writes content to a temporary file next to path and renames
// it over path.
func replaceFile(path, content string) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// CreateTemp creates the file with mode 0600.
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("projects: create a temporary file next to %s: %w", path, err)
	}

	_, err = tmp.WriteString(content)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("projects: write %s: %w", path, err)
	}
	return nil
}
