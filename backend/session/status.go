package session

// Values of KeychainStatus.Storage.
const (
	// StorageKeychain means the session is saved in the OS keychain.
	StorageKeychain = "keychain"

	// StorageFile means the session is saved in the encrypted file that
	// EnableFileFallback allows.
	StorageFile = "file"

	// StorageMemory means the session lasts until the app exits.
	StorageMemory = "memory"
)

// Status describes the session as the window shows it.
type Status struct {
	SignedIn bool `json:"signedIn"`

	// Method is the kind of sign-in behind the session: "oauth", or
	// "token" for a personal access token. It is empty when signed out.
	Method string `json:"method"`

	// Expired is true when a saved session ended because Supabase no
	// longer accepts it; the window then offers to reconnect.
	Expired bool `json:"expired"`

	// User is the signed-in Supabase user, when the profile could be read.
	User *User `json:"user,omitempty"`

	// Keychain reports whether the OS keychain works. When it does not, a
	// session lives only in memory until the app exits, unless the user
	// allowed the encrypted file.
	Keychain KeychainStatus `json:"keychain"`
}

// User is the Supabase account behind the session.
type User struct {
	Email    string `json:"email"`
	Username string `json:"username"`
}

// KeychainStatus reports whether secrets can be saved in the OS keychain,
// and where the session is saved.
type KeychainStatus struct {
	Available bool `json:"available"`

	// Reason is the technical cause when the keychain is unavailable, such
	// as a missing D-Bus session or a timeout. Empty when it works.
	Reason string `json:"reason,omitempty"`

	// FileFallback is the user's choice, saved for this machine, to keep
	// the session in an encrypted file while the keychain is unavailable.
	FileFallback bool `json:"fileFallback"`

	// Storage names the store that keeps the session: StorageKeychain,
	// StorageFile or StorageMemory.
	Storage string `json:"storage"`
}

// SignInStart is returned when a sign-in begins: the window shows the
// link with a Copy button while it waits for the browser.
type SignInStart struct {
	AuthorizeURL string `json:"authorizeURL"`
	RedirectURI  string `json:"redirectURI"`

	// BrowserOpened is false when the system browser could not be started.
	// BrowserError then gives the reason, and the user opens the link by
	// hand.
	BrowserOpened bool   `json:"browserOpened"`
	BrowserError  string `json:"browserError,omitempty"`
}

// SignOutResult reports what sign-out did.
type SignOutResult struct {
	// Revoked is true when Supabase confirmed the revocation of the grant.
	// The local session is removed either way.
	Revoked bool `json:"revoked"`

	// RevokeError is the reason revocation failed, when it did.
	RevokeError string `json:"revokeError,omitempty"`

	// PersonalAccessToken is true when the session used a personal access
	// token. Sign-out cannot revoke one: it keeps working until the user
	// deletes it on the Access Tokens page of the Supabase dashboard.
	PersonalAccessToken bool `json:"personalAccessToken"`
}
