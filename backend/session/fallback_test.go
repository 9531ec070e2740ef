package session

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// deniedStore is a keychain that holds a saved session but refuses to
// read it, as after "access denied" or a timeout. It counts writes.
type deniedStore struct {
	saved  *keychain.Memory
	cause  error
	writes int
}

func (d *deniedStore) Get(string) (string, error) {
	return "", d.cause
}

func (d *deniedStore) Set(key, value string) error {
	d.writes++
	return d.saved.Set(key, value)
}

func (d *deniedStore) Delete(key string) error {
	d.writes++
	return d.saved.Delete(key)
}

func TestUnreadableKeychainIsNeverOverwritten(t *testing.T) {
	causes := map[string]error{
		"access denied": errors.Join(keychain.ErrUnavailable, errors.New("org.freedesktop.DBus.Error.AccessDenied")),
		"timeout":       errors.Join(keychain.ErrUnavailable, errors.New("read of \"oauth.refresh_token\" timed out after 5s")),
	}
	for name, cause := range causes {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			saved := &keychain.Memory{}
			f.signIn(t, f.manager(saved, approve(t, "authorize")))
			before, _ := saved.Get(keyRefreshToken)
			store := &deniedStore{saved: saved, cause: cause}

			m := f.manager(store, approve(t, "authorize"))
			status := statusOf(t, m)
			if status.SignedIn || status.Keychain.Available || status.Keychain.Reason == "" {
				t.Fatalf("Status = %+v, want signed out with the keychain unavailable and a reason", status)
			}
			if status.Keychain.Storage != StorageMemory {
				t.Errorf("Storage = %q, want %q", status.Keychain.Storage, StorageMemory)
			}

			if status := f.signIn(t, m); !status.SignedIn {
				t.Fatalf("OAuth sign-in: %+v, want signed in for this run", status)
			}
			if _, err := m.SignInWithToken(context.Background(), f.sandbox.NewPersonalAccessToken()); err != nil {
				t.Fatalf("token sign-in: %v", err)
			}
			if _, err := m.SignOut(context.Background()); err != nil {
				t.Fatalf("SignOut: %v", err)
			}

			if store.writes != 0 {
				t.Errorf("%d writes to a keychain that could not be read, want 0", store.writes)
			}
			if after, _ := saved.Get(keyRefreshToken); after != before {
				t.Error("the saved session was overwritten")
			}
		})
	}
}

// skipWithoutMachineID skips tests of the real keychain.File on machines
// that have no machine ID.
func skipWithoutMachineID(t *testing.T) {
	t.Helper()
	if _, err := keychain.MachineID(); err != nil {
		t.Skipf("no machine ID for the file fallback: %v", err)
	}
}

func TestFileFallbackPersistsAcrossRuns(t *testing.T) {
	skipWithoutMachineID(t)
	f := newFixture(t)
	dir := t.TempDir()
	locked := &lockedStore{cause: "org.freedesktop.secrets: the collection is locked"}
	withDir := func(o *Options) { o.ConfigDir = dir }

	first := f.manager(locked, approve(t, "authorize"), withDir)
	f.signIn(t, first)
	if status := statusOf(t, first); status.Keychain.Storage != StorageMemory || status.Keychain.FileFallback {
		t.Fatalf("Keychain = %+v, want memory without the file fallback", status.Keychain)
	}
	if err := first.EnableFileFallback(); err != nil {
		t.Fatalf("EnableFileFallback: %v", err)
	}
	if status := statusOf(t, first); status.Keychain.Storage != StorageFile || !status.Keychain.FileFallback {
		t.Errorf("Keychain after opting in = %+v, want the file", status.Keychain)
	}

	second := f.manager(locked, noBrowser(t), withDir)
	status := statusOf(t, second)
	if !status.SignedIn || status.Keychain.Storage != StorageFile || !status.Keychain.FileFallback {
		t.Errorf("Status at the next start = %+v, want signed in from the file", status)
	}
	if status.Keychain.Available || status.Keychain.Reason == "" {
		t.Errorf("Keychain = %+v, want still reported unavailable with a reason", status.Keychain)
	}
	if n := locked.writeCount(); n != 0 {
		t.Errorf("%d writes to the locked keychain, want 0", n)
	}
}

func TestFileFallbackIsEncrypted(t *testing.T) {
	skipWithoutMachineID(t)
	f := newFixture(t)
	dir := t.TempDir()
	store := &recordingStore{}
	m := f.manager(&lockedStore{cause: "locked"}, approve(t, "authorize"), func(o *Options) { o.ConfigDir = dir })
	f.signIn(t, m)
	if err := m.EnableFileFallback(); err != nil {
		t.Fatal(err)
	}

	// The same session saved in a recording store shows the secrets.
	m.mu.Lock()
	m.store = store
	m.mu.Unlock()
	if err := m.cred.resave(context.Background()); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(filepath.Join(dir, secretsFileName))
	if err != nil {
		t.Fatalf("reading the secrets file: %v", err)
	}
	if secret, found := containsAny(string(data), store.values()); found {
		t.Errorf("secrets file contains %q in plain text", secret)
	}
}

func TestWithoutOptInSessionStaysInMemory(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	locked := &lockedStore{cause: "locked"}
	withDir := func(o *Options) { o.ConfigDir = dir }
	f.signIn(t, f.manager(locked, approve(t, "authorize"), withDir))

	if status := statusOf(t, f.manager(locked, noBrowser(t), withDir)); status.SignedIn {
		t.Errorf("Status at the next start = %+v, want signed out", status)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files written without opting in: %v", entries)
	}
}

func TestFileSessionMovesToWorkingKeychain(t *testing.T) {
	skipWithoutMachineID(t)
	f := newFixture(t)
	dir := t.TempDir()
	withDir := func(o *Options) { o.ConfigDir = dir }
	first := f.manager(&lockedStore{cause: "locked"}, approve(t, "authorize"), withDir)
	f.signIn(t, first)
	if err := first.EnableFileFallback(); err != nil {
		t.Fatal(err)
	}

	keychainBack := &keychain.Memory{}
	status := statusOf(t, f.manager(keychainBack, noBrowser(t), withDir))
	if !status.SignedIn || status.Keychain.Storage != StorageKeychain {
		t.Errorf("Status = %+v, want signed in from the keychain", status)
	}
	if _, err := keychainBack.Get(keyRefreshToken); err != nil {
		t.Errorf("session not moved into the keychain: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("secrets file still exists after the move: %v", err)
	}
}

func TestDisableFileFallbackDeletesFile(t *testing.T) {
	skipWithoutMachineID(t)
	f := newFixture(t)
	dir := t.TempDir()
	m := f.manager(&lockedStore{cause: "locked"}, approve(t, "authorize"), func(o *Options) { o.ConfigDir = dir })
	f.signIn(t, m)
	if err := m.EnableFileFallback(); err != nil {
		t.Fatal(err)
	}

	if err := m.DisableFileFallback(); err != nil {
		t.Fatalf("DisableFileFallback: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, secretsFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("secrets file still exists: %v", err)
	}
	status := statusOf(t, m)
	if !status.SignedIn || status.Keychain.FileFallback || status.Keychain.Storage != StorageMemory {
		t.Errorf("Status = %+v, want signed in for this run, in memory, without the fallback", status)
	}
}

func TestEnableFileFallbackWithoutConfigDir(t *testing.T) {
	f := newFixture(t)
	m := f.manager(&lockedStore{cause: "locked"}, noBrowser(t))
	if err := m.EnableFileFallback(); !errors.Is(err, ErrNoConfigDir) {
		t.Errorf("EnableFileFallback: %v, want ErrNoConfigDir", err)
	}
}
