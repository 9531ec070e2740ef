package projects

import (
	"context"
	"fmt"
	"net/http"

	"github.com/supaconnect/supaconnect/backend/supabase"
)

// Keys are the values a developer needs to reach a project's API. Its
// String method leaves out the keys.
type Keys struct {
	Ref string `json:"ref"`

	// URL is the project's API URL, https://<ref>.supabase.co.
	URL string `json:"url"`

	// Publishable is the sb_publishable_ key, and Anon the legacy anon
	// JWT. Both are meant for browsers and apps, where Row Level
	// Security protects the data. Either may be empty when the project
	// has no such key.
	Publishable string `json:"publishable"`
	Anon        string `json:"anon"`

	// Secret is the sb_secret_ key, and ServiceRole the legacy
	// service_role JWT. Both bypass Row Level Security and belong only on
	// servers. They are empty when SecretsPermitted is false.
	Secret      string `json:"secret"`
	ServiceRole string `json:"serviceRole"`

	// SecretsPermitted is false when the session may list the project's
	// keys but not reveal secret ones.
	SecretsPermitted bool `json:"secretsPermitted"`
}

// String describes k without its keys.
func (k Keys) String() string {
	return fmt.Sprintf("keys of %s (secrets permitted: %v)", k.Ref, k.SecretsPermitted)
}

// GoString describes k for the %#v verb without its keys.
func (k Keys) GoString() string {
	return "projects.Keys{" + k.String() + "}"
}

// APIKeys returns the API keys of a project. It requests revealed keys
// first. A 403 response means the session may not reveal secret keys, so
// it then requests the keys without reveal and returns them with
// SecretsPermitted false and the secret ones left out. A 403 is about
// permissions, not about the session, so it never means signing out.
func (s *Service) APIKeys(ctx context.Context, ref string) (Keys, error) {
	if err := checkRef(ref); err != nil {
		return Keys{}, err
	}
	api, err := s.client()
	if err != nil {
		return Keys{}, err
	}

	permitted := true
	list, err := api.APIKeys(ctx, ref, true)
	if hasStatus(err, http.StatusForbidden) {
		s.log.Info("projects: revealing secret keys is not permitted", "ref", ref)
		permitted = false
		list, err = api.APIKeys(ctx, ref, false)
	}
	if err != nil {
		return Keys{}, fmt.Errorf("projects: API keys of %s: %w", ref, err)
	}
	return pickKeys(ref, list, permitted), nil
}

// pickKeys takes one key of each kind from list: the legacy keys by name,
// and of the publishable and secret keys the one named "default", else
// the first. Masked values are never returned.
func pickKeys(ref string, list []supabase.APIKey, permitted bool) Keys {
	keys := Keys{Ref: ref, URL: ProjectURL(ref), SecretsPermitted: permitted}
	for _, k := range list {
		if k.Value == "" || k.Masked() {
			continue
		}
		switch {
		case k.Type == supabase.KeyTypeLegacy && k.Name == "anon":
			keys.Anon = k.Value
		case k.Type == supabase.KeyTypeLegacy && k.Name == "service_role" && permitted:
			keys.ServiceRole = k.Value
		case k.Type == supabase.KeyTypePublishable:
			keys.Publishable = preferDefault(keys.Publishable, k)
		case k.Type == supabase.KeyTypeSecret && permitted:
			keys.Secret = preferDefault(keys.Secret, k)
		}
	}
	return keys
}

// preferDefault returns the value of k when it is the key named "default"
// or when current is empty, and current otherwise.
func preferDefault(current string, k supabase.APIKey) string {
	if current == "" || k.Name == "default" {
		return k.Value
	}
	return current
}
