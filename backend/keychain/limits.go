package keychain

import "encoding/base64"

// Platform limits on one entry, as go-keyring v0.2.8 enforces them.
const (
	// windowsMaxValue is Credential Manager's limit on a credential blob.
	windowsMaxValue = 2560

	// darwinMaxCommand is the longest command go-keyring sends to the
	// security tool. The command holds the service, the account and the
	// base64 of the value, which is why macOS allows about 3000 bytes.
	darwinMaxCommand = 4096

	// darwinCommandOverhead covers the command's fixed words, the quoting
	// and go-keyring's "go-keyring-base64:" prefix, with a margin.
	darwinCommandOverhead = 96

	// unixMaxValue is a sanity bound: the Secret Service has no hard limit,
	// but large values are slow.
	unixMaxValue = 64 * 1024
)

// MaxValueSize returns the largest value in bytes that one entry of the
// platform's store can hold for the service and key.
func MaxValueSize(goos, service, key string) int {
	switch goos {
	case "windows":
		return windowsMaxValue
	case "darwin":
		room := darwinMaxCommand - darwinCommandOverhead - len(service) - len(key)
		return base64.StdEncoding.DecodedLen(room)
	default:
		return unixMaxValue
	}
}
