package projects

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/supaconnect/supaconnect/backend/keychain"
)

// Keychain keys. They stay short: a ref is 20 letters and an ID 16 hex
// digits, whatever the project name.
const (
	// pendingIndexKey holds the IDs of the pending entries, separated by
	// commas. The Store interface cannot list keys, so Recover reads this
	// index to find them.
	pendingIndexKey = "project.pending"

	// pendingKeyPrefix starts the key of one pending entry, followed by
	// its ID.
	pendingKeyPrefix = "project.pending."

	// idLength is the number of hex digits of a pending entry's ID.
	idLength = 16
)

// passwordKey returns the keychain key of a project's database password.
func passwordKey(ref string) string {
	return "project." + ref + ".db_password"
}

// PendingKind is the request that a pending password was saved for.
type PendingKind string

// Pending kinds.
const (
	// PendingCreate is a password saved before POST /v1/projects.
	PendingCreate PendingKind = "create"

	// PendingReset is a password saved before
	// PATCH /v1/projects/{ref}/database/password.
	PendingReset PendingKind = "reset"
)

// PendingPassword is a database password saved before the request that
// uses it, and not yet attached to a project. Its String method leaves
// out the password.
type PendingPassword struct {
	// ID identifies the entry for AttachPending and DiscardPending.
	ID   string      `json:"id"`
	Kind PendingKind `json:"kind"`

	// OrganizationSlug and Name describe the project that a
	// PendingCreate entry was saved for.
	OrganizationSlug string `json:"organizationSlug,omitempty"`
	Name             string `json:"name,omitempty"`

	// Ref is the project whose password a PendingReset entry was meant to
	// become.
	Ref string `json:"ref,omitempty"`

	Password  string    `json:"password"`
	CreatedAt time.Time `json:"createdAt"`
}

// String describes p without its password.
func (p PendingPassword) String() string {
	if p.Kind == PendingReset {
		return fmt.Sprintf("pending %s %s for project %s", p.Kind, p.ID, p.Ref)
	}
	return fmt.Sprintf("pending %s %s for %q in %s", p.Kind, p.ID, p.Name, p.OrganizationSlug)
}

// GoString describes p for the %#v verb without its password.
func (p PendingPassword) GoString() string {
	return "projects.PendingPassword{" + p.String() + "}"
}

// pendingRecord is the JSON value of a pending entry. The ID is its key.
type pendingRecord struct {
	Kind             PendingKind `json:"kind"`
	OrganizationSlug string      `json:"organization_slug,omitempty"`
	Name             string      `json:"name,omitempty"`
	Ref              string      `json:"ref,omitempty"`
	Password         string      `json:"password"`
	CreatedAt        time.Time   `json:"created_at"`
}

// pendingStore keeps pending entries and their index in a keychain.
// mu serializes the read-modify-write cycles of the index.
type pendingStore struct {
	mu    sync.Mutex
	store keychain.Store
}

// add saves p under a new ID and returns the ID. The entry is written
// before the index. A crash between the two leaves an entry that list
// cannot find, but no request has used its password yet, because add has
// not returned.
func (ps *pendingStore) add(p PendingPassword) (string, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()

	id := newID()
	value, err := json.Marshal(pendingRecord{
		Kind: p.Kind, OrganizationSlug: p.OrganizationSlug, Name: p.Name,
		Ref: p.Ref, Password: p.Password, CreatedAt: p.CreatedAt,
	})
	if err != nil {
		return "", fmt.Errorf("projects: encode pending entry: %w", err)
	}
	if err := ps.store.Set(pendingKeyPrefix+id, string(value)); err != nil {
		return "", fmt.Errorf("projects: save pending password: %w", err)
	}

	ids, err := ps.indexLocked()
	if err == nil {
		err = ps.store.Set(pendingIndexKey, strings.Join(append(ids, id), ","))
	}
	if err != nil {
		ps.store.Delete(pendingKeyPrefix + id)
		return "", fmt.Errorf("projects: save pending password index: %w", err)
	}
	return id, nil
}

// get returns the pending entry with id, or an error matching
// ErrPendingNotFound.
func (ps *pendingStore) get(id string) (PendingPassword, error) {
	value, err := ps.store.Get(pendingKeyPrefix + id)
	if errors.Is(err, keychain.ErrNotFound) {
		return PendingPassword{}, fmt.Errorf("projects: %w: %s", ErrPendingNotFound, id)
	}
	if err != nil {
		return PendingPassword{}, fmt.Errorf("projects: read pending password %s: %w", id, err)
	}

	var r pendingRecord
	if err := json.Unmarshal([]byte(value), &r); err != nil {
		return PendingPassword{}, fmt.Errorf("projects: pending entry %s is corrupt: %w", id, err)
	}
	return PendingPassword{
		ID: id, Kind: r.Kind, OrganizationSlug: r.OrganizationSlug, Name: r.Name,
		Ref: r.Ref, Password: r.Password, CreatedAt: r.CreatedAt,
	}, nil
}

// remove deletes the entry with id, then its ID from the index, so a
// crash in between leaves an ID without an entry, which list skips.
func (ps *pendingStore) remove(id string) error {
	ps.mu.Lock()
	defer ps.mu.Unlock()

	if err := ps.store.Delete(pendingKeyPrefix + id); err != nil {
		return fmt.Errorf("projects: delete pending password %s: %w", id, err)
	}
	ids, err := ps.indexLocked()
	if err != nil {
		return err
	}
	ids = slices.DeleteFunc(ids, func(other string) bool { return other == id })
	if err := ps.store.Set(pendingIndexKey, strings.Join(ids, ",")); err != nil {
		return fmt.Errorf("projects: update pending password index: %w", err)
	}
	return nil
}

// list returns every pending entry, oldest first. IDs whose entry is
// missing are skipped; entries that cannot be read are returned as errors
// and stay in the keychain.
func (ps *pendingStore) list() ([]PendingPassword, error) {
	ps.mu.Lock()
	ids, err := ps.indexLocked()
	ps.mu.Unlock()
	if err != nil {
		return nil, err
	}

	var entries []PendingPassword
	var errs []error
	for _, id := range ids {
		p, err := ps.get(id)
		switch {
		case errors.Is(err, ErrPendingNotFound):
			continue
		case err != nil:
			errs = append(errs, err)
		default:
			entries = append(entries, p)
		}
	}
	slices.SortStableFunc(entries, func(a, b PendingPassword) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return entries, errors.Join(errs...)
}

// indexLocked returns the IDs in the index. Parts that are not IDs are
// dropped, so a damaged index never blocks new entries. The caller holds
// ps.mu.
func (ps *pendingStore) indexLocked() ([]string, error) {
	value, err := ps.store.Get(pendingIndexKey)
	if errors.Is(err, keychain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("projects: read pending password index: %w", err)
	}

	var ids []string
	for _, id := range strings.Split(value, ",") {
		if isID(id) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// newID returns a random ID of idLength hex digits.
func newID() string {
	b := make([]byte, idLength/2)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func isID(s string) bool {
	if len(s) != idLength {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}
