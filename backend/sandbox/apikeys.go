package sandbox

import (
	"net/http"
	"strings"
	"time"
)

// maskedLength is the number of middle dots (U+00B7) that replace the
// hidden part of a secret key fetched without reveal.
const maskedLength = 10

// apiKey is ApiKeyResponse. Every field but name is nullable, so absent
// values are sent as null.
type apiKey struct {
	Name              string            `json:"name"`
	APIKey            *string           `json:"api_key"`
	ID                *string           `json:"id"`
	Type              *string           `json:"type"`
	Prefix            *string           `json:"prefix"`
	Description       *string           `json:"description"`
	Hash              *string           `json:"hash"`
	SecretJWTTemplate map[string]string `json:"secret_jwt_template"`
	InsertedAt        *string           `json:"inserted_at"`
	UpdatedAt         *string           `json:"updated_at"`
}

// SetDenyReveal sets whether GET /v1/projects/{ref}/api-keys?reveal=true
// returns 403, see Options.DenyReveal.
func (s *Server) SetDenyReveal(deny bool) {
	s.denyReveal.Store(deny)
}

// handleAPIKeys serves GET /v1/projects/{ref}/api-keys: the legacy anon
// and service_role JWTs, and one publishable and one secret key, both
// named "default". Without reveal=true the secret key is masked, as
// Supabase does. reveal must be true or false when present.
func (s *Server) handleAPIKeys(w http.ResponseWriter, r *http.Request, sc scope) {
	query := r.URL.Query()
	reveal := query.Get("reveal")
	if query.Has("reveal") && reveal != "true" && reveal != "false" {
		writeMessage(w, http.StatusBadRequest, "invalid reveal: use true or false")
		return
	}
	project, secrets, ok := s.projectWithSecrets(w, r, sc)
	if !ok {
		return
	}
	if reveal == "true" && s.denyReveal.Load() {
		s.log.Info("sandbox: revealing API keys denied", "ref", project.Ref)
		writeMessage(w, http.StatusForbidden, "Your token does not have permission to reveal secret API keys")
		return
	}

	writeJSON(w, http.StatusOK, []apiKey{
		legacyKey("anon", secrets.anonKey),
		legacyKey("service_role", secrets.serviceRoleKey),
		newKey("publishable", secrets.publishableID, secrets.publishableKey, secrets.keysCreatedAt, nil),
		newKey("secret", secrets.secretID, secretValue(secrets.secretKey, reveal == "true"), secrets.keysCreatedAt,
			map[string]string{"role": "service_role"}),
	})
}

// legacyKey returns a legacy JWT key, whose ID is its name.
func legacyKey(name, value string) apiKey {
	return apiKey{Name: name, APIKey: &value, ID: &name, Type: ptr("legacy")}
}

// newKey returns a publishable or secret key named "default".
func newKey(keyType, id, value string, created time.Time, template map[string]string) apiKey {
	timestamp := created.UTC().Format(time.RFC3339)
	return apiKey{
		Name:              "default",
		APIKey:            &value,
		ID:                &id,
		Type:              &keyType,
		SecretJWTTemplate: template,
		InsertedAt:        &timestamp,
		UpdatedAt:         &timestamp,
	}
}

// secretValue returns a secret key, or when not revealed its prefix, the
// first four characters after it and middle dots for the rest, as in
// "sb_secret_abcd··········".
func secretValue(key string, reveal bool) string {
	if reveal {
		return key
	}
	const prefix = "sb_secret_"
	visible := prefix + strings.TrimPrefix(key, prefix)[:4]
	return visible + strings.Repeat("\u00b7", maskedLength)
}

func ptr(s string) *string {
	return &s
}
