// Package keychain stores secrets in the operating system's credential
// store: Keychain on macOS, Credential Manager on Windows, and the Secret
// Service (GNOME Keyring, KWallet) on Linux, through zalando/go-keyring.
//
// Every call has a timeout, because a locked or missing Secret Service can
// block forever. Errors are sorted into ErrNotFound (nothing saved under
// that key) and ErrUnavailable (the store could not be read or written).
// A caller must never treat the second as the first, because it would
// then start a new sign-in and overwrite a session it only failed to read.
//
// File is a weaker store, an encrypted file, for machines where the
// credential store does not work and the user has opted in to it.
package keychain

import "errors"

// Store is a map from keys to secret values.
type Store interface {
	// Get returns the value saved under key, or an error matching
	// ErrNotFound when there is none.
	Get(key string) (string, error)

	// Set saves value under key, replacing any earlier value.
	Set(key, value string) error

	// Delete removes the value under key. Deleting a missing key is not
	// an error.
	Delete(key string) error
}

var (
	// ErrNotFound means no value is saved under the key.
	ErrNotFound = errors.New("keychain: no value saved under this key")

	// ErrUnavailable means the OS credential store could not be used
	// because it is missing, locked, denied access, or timed out.
	ErrUnavailable = errors.New("keychain: the system keychain is unavailable")

	// ErrTooLarge means a value exceeds what the platform can store in one
	// entry. Chunked splits such values.
	ErrTooLarge = errors.New("keychain: value is too large for one keychain entry")
)
