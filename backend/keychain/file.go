package keychain

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// fileVersion is the format version of a File, bound to the ciphertext as
// additional data so that a file of another format fails to open.
const fileVersion = 1

// fileKeyInfo separates the key of a File from any other key that might
// be derived from the same machine ID (RFC 5869, section 3.2).
const fileKeyInfo = "supaconnect keychain file v1"

// saltBytes is the size of the random salt that each File keeps.
const saltBytes = 32

// File is a Store that keeps every secret in one file, encrypted with
// AES-256-GCM under a key derived with HKDF-SHA256 from the machine ID and
// a random salt saved in the file. On Unix the file and its directory are
// created readable by the user only (modes 0600 and 0700). On Windows
// those modes do not apply, and the folder's access list decides who can
// read the file, which for %LocalAppData% is the user.
//
// It is a fallback for machines without a working keychain, used only
// after the user opts in, and it is weaker than a keychain:
//
//   - It protects the secrets in a copy of the file that leaves this
//     machine, such as a backup, a synced or shared settings folder or a
//     support bundle, because the key needs this machine's ID. The file
//     permissions keep other users of this machine out, unless they are
//     administrators.
//   - It does not protect against programs running as the same user, or
//     an administrator, on this machine. The machine ID is not secret: on
//     Linux, every user can read /etc/machine-id. Anyone who can read the
//     file on this machine can therefore derive the key. Unlike the OS
//     keychain, no password or login session guards it.
//
// A File is safe for concurrent use within one process. Two processes
// writing at once may lose one write.
type File struct {
	// Path is the file, such as ~/.config/Supaconnect/secrets.json.
	Path string

	// MachineSecret returns the machine-specific input of the key;
	// MachineID when nil.
	MachineSecret func() ([]byte, error)

	mu sync.Mutex
}

// sealedFile is the JSON form of a File on disk. The plaintext of
// Ciphertext is a JSON object of keys and values.
type sealedFile struct {
	Version    int    `json:"version"`
	Salt       []byte `json:"salt"`
	Nonce      []byte `json:"nonce"`
	Ciphertext []byte `json:"ciphertext"`
}

// Get returns the value saved under key. An error that matches
// ErrUnavailable means the file exists but cannot be read or decrypted,
// for example after it was copied from another machine.
func (f *File) Get(key string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()

	values, _, err := f.readLocked()
	if err != nil {
		return "", err
	}
	value, ok := values[key]
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrNotFound, key)
	}
	return value, nil
}

// Set saves value under key, rewriting the whole file.
func (f *File) Set(key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()

	values, salt, err := f.readLocked()
	if err != nil {
		return err
	}
	values[key] = value
	return f.writeLocked(values, salt)
}

// Delete removes the value under key. The file is removed with its last
// value.
func (f *File) Delete(key string) error {
	f.mu.Lock()
	defer f.mu.Unlock()

	values, salt, err := f.readLocked()
	if err != nil {
		return err
	}
	if _, ok := values[key]; !ok {
		return nil
	}
	delete(values, key)
	if len(values) == 0 {
		return f.removeLocked()
	}
	return f.writeLocked(values, salt)
}

// Remove deletes the file and every value in it. A missing file is not an
// error.
func (f *File) Remove() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.removeLocked()
}

func (f *File) removeLocked() error {
	if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: removing %s: %v", ErrUnavailable, f.Path, err)
	}
	return nil
}

// readLocked returns the values in the file and its salt. A missing file
// has no values and no salt yet.
func (f *File) readLocked() (map[string]string, []byte, error) {
	data, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w: reading %s: %v", ErrUnavailable, f.Path, err)
	}

	var sealed sealedFile
	if err := json.Unmarshal(data, &sealed); err != nil || sealed.Version != fileVersion {
		return nil, nil, fmt.Errorf("%w: %s is not a version %d secrets file", ErrUnavailable, f.Path, fileVersion)
	}
	aead, err := f.cipher(sealed.Salt)
	if err != nil {
		return nil, nil, err
	}
	plain, err := aead.Open(nil, sealed.Nonce, sealed.Ciphertext, []byte(fileKeyInfo))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s cannot be decrypted on this machine; it was written on another machine or is damaged",
			ErrUnavailable, f.Path)
	}

	values := map[string]string{}
	if err := json.Unmarshal(plain, &values); err != nil {
		return nil, nil, fmt.Errorf("%w: %s contains invalid secrets data", ErrUnavailable, f.Path)
	}
	return values, sealed.Salt, nil
}

// writeLocked encrypts values with a new nonce and replaces the file
// atomically, so a crash leaves either the old or the new file.
func (f *File) writeLocked(values map[string]string, salt []byte) error {
	if salt == nil {
		salt = make([]byte, saltBytes)
		_, _ = rand.Read(salt) // Since Go 1.24, Read crashes the program instead of failing.
	}
	aead, err := f.cipher(salt)
	if err != nil {
		return err
	}
	plain, err := json.Marshal(values)
	if err != nil {
		return fmt.Errorf("keychain: encoding the secrets: %w", err)
	}
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)

	data, err := json.Marshal(sealedFile{
		Version:    fileVersion,
		Salt:       salt,
		Nonce:      nonce,
		Ciphertext: aead.Seal(nil, nonce, plain, []byte(fileKeyInfo)),
	})
	if err != nil {
		return fmt.Errorf("keychain: encoding %s: %w", f.Path, err)
	}
	if err := writeFileAtomic(f.Path, data); err != nil {
		return fmt.Errorf("%w: writing %s: %v", ErrUnavailable, f.Path, err)
	}
	return nil
}

// cipher returns the AES-256-GCM cipher for salt.
func (f *File) cipher(salt []byte) (cipher.AEAD, error) {
	secret := f.MachineSecret
	if secret == nil {
		secret = MachineID
	}
	machine, err := secret()
	if err != nil {
		return nil, fmt.Errorf("%w: the machine ID that the secrets file key needs cannot be read: %v", ErrUnavailable, err)
	}

	key, err := hkdf.Key(sha256.New, machine, salt, fileKeyInfo, 32)
	if err != nil {
		return nil, fmt.Errorf("keychain: deriving the secrets file key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("keychain: creating the cipher: %w", err)
	}
	return cipher.NewGCM(block)
}

// writeFileAtomic writes data to a new file readable by the user only and
// renames it over path, creating the directory with mode 0700 if needed.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename

	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
