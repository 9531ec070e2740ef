package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
)

// stateBytes is the size of the random state: 256 bits, above the 128 bits
// that make it unguessable (RFC 6749, section 10.10).
const stateBytes = 32

// NewState returns a random, URL-safe value for the state parameter.
func NewState() string {
	b := make([]byte, stateBytes)
	// crypto/rand.Read never returns an error on supported platforms.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// statesMatch compares two states in constant time, so the time taken does
// not reveal how much of a guess was right.
func statesMatch(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
