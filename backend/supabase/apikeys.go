package supabase

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// API key types.
const (
	// KeyTypeLegacy is a JWT-based key: anon or service_role.
	KeyTypeLegacy = "legacy"

	// KeyTypePublishable is an sb_publishable_ key, safe in a browser when
	// Row Level Security is on.
	KeyTypePublishable = "publishable"

	// KeyTypeSecret is an sb_secret_ key, which bypasses Row Level
	// Security and must stay on servers.
	KeyTypeSecret = "secret"
)

// maskCharacter is the middle dot (U+00B7) with which the API replaces
// most of a secret key that was not revealed, as in
// "sb_secret_abcd··········".
const maskCharacter = "\u00b7"

// APIKey is one API key of a project. Its String and GoString methods
// leave out the value, so printing a key never reveals it.
type APIKey struct {
	// Name is anon or service_role for legacy keys, and a chosen name,
	// such as "default", for the others.
	Name string `json:"name"`

	// Type is KeyTypeLegacy, KeyTypePublishable or KeyTypeSecret. It may
	// be empty because the schema allows null.
	Type string `json:"type"`

	// ID identifies the key. Legacy keys use their name as the ID.
	ID string `json:"id"`

	// Value is the key itself. A secret key fetched without reveal holds
	// a masked placeholder instead, see Masked.
	Value string `json:"value"`

	// Role is the Postgres role of a secret key's JWT template, such as
	// service_role, and empty for other keys.
	Role string `json:"role,omitempty"`
}

// Masked reports whether Value is the placeholder that the API returns
// for a secret key that was not revealed.
func (k APIKey) Masked() bool {
	return strings.Contains(k.Value, maskCharacter)
}

// String describes k without its value.
func (k APIKey) String() string {
	return fmt.Sprintf("%s key %q", k.Type, k.Name)
}

// GoString describes k for the %#v verb without its value.
func (k APIKey) GoString() string {
	return "supabase.APIKey{" + k.String() + "}"
}

// apiKeyWire is ApiKeyResponse. Every field but name is nullable.
type apiKeyWire struct {
	Name              string         `json:"name"`
	APIKey            *string        `json:"api_key"`
	ID                *string        `json:"id"`
	Type              *string        `json:"type"`
	SecretJWTTemplate map[string]any `json:"secret_jwt_template"`
}

// APIKeys returns the API keys of a project
// (GET /v1/projects/{ref}/api-keys). With reveal, secret keys come back
// in full. Without it, their values are masked, while legacy and
// publishable keys are always complete. A token that may list keys but
// not reveal them gets an *APIError with status 403 when reveal is true.
func (c *Client) APIKeys(ctx context.Context, ref string, reveal bool) ([]APIKey, error) {
	if err := checkRef(ref); err != nil {
		return nil, err
	}

	var wire []apiKeyWire
	query := url.Values{"reveal": {strconv.FormatBool(reveal)}}
	if err := c.get(ctx, projectPath(ref, "/api-keys"), query, &wire); err != nil {
		return nil, err
	}

	keys := make([]APIKey, len(wire))
	for i, w := range wire {
		keys[i] = APIKey{
			Name:  w.Name,
			Type:  deref(w.Type),
			ID:    deref(w.ID),
			Value: deref(w.APIKey),
		}
		if role, ok := w.SecretJWTTemplate["role"].(string); ok {
			keys[i].Role = role
		}
	}
	return keys, nil
}

// deref returns *s, or "" when s is nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
