package sandbox

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"time"
)

// legacyKeyLifetime is how long the legacy anon and service_role JWTs are
// valid. Supabase issues them for ten years.
const legacyKeyLifetime = 10 * 365 * 24 * time.Hour

// projectSecrets are the credentials of one project. They are generated
// once per project and never change, except the database password.
type projectSecrets struct {
	dbPassword     string // stored only to check later updates, never returned
	anonKey        string // legacy JWT with role anon
	serviceRoleKey string // legacy JWT with role service_role
	publishableKey string // sb_publishable_...
	secretKey      string // sb_secret_...
	publishableID  string // UUID
	secretID       string // UUID
	keysCreatedAt  time.Time
	poolerHost     string
}

// newProjectSecrets generates the credentials of project p with the given
// database password.
func newProjectSecrets(p Project, dbPassword string) *projectSecrets {
	jwtSecret := make([]byte, 32)
	rand.Read(jwtSecret)

	return &projectSecrets{
		dbPassword:     dbPassword,
		anonKey:        legacyJWT(jwtSecret, p.Ref, "anon", p.CreatedAt),
		serviceRoleKey: legacyJWT(jwtSecret, p.Ref, "service_role", p.CreatedAt),
		publishableKey: "sb_publishable_" + randomToken(24),
		secretKey:      "sb_secret_" + randomToken(24),
		publishableID:  randomUUID(),
		secretID:       randomUUID(),
		keysCreatedAt:  p.CreatedAt,
		poolerHost:     poolerHost(p.Ref, p.Region),
	}
}

// legacyJWT returns an HS256 JWT in the shape of Supabase's legacy API
// keys, signed with secret.
func legacyJWT(secret []byte, ref, role string, issuedAt time.Time) string {
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	claims, _ := json.Marshal(map[string]any{
		"iss":  "supabase",
		"ref":  ref,
		"role": role,
		"iat":  issuedAt.Unix(),
		"exp":  issuedAt.Add(legacyKeyLifetime).Unix(),
	})
	unsigned := header + "." + base64.RawURLEncoding.EncodeToString(claims)

	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(unsigned))
	return unsigned + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// poolerHost returns the Supavisor host of a project. Supabase runs
// several pooler clusters per region, named aws-0, aws-1 and so on, so the
// host cannot be derived from the region alone. The sandbox picks the
// cluster from a hash of the ref, which spreads projects over aws-0 and
// aws-1.
func poolerHost(ref, region string) string {
	h := fnv.New32a()
	h.Write([]byte(ref))
	return fmt.Sprintf("aws-%d-%s.pooler.supabase.com", h.Sum32()%2, region)
}

// randomToken returns n random bytes in unpadded base64url.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// randomPassword returns a random database password for a seed project.
// No caller learns it, as with a project that the app did not create.
func randomPassword() string {
	return randomToken(24)
}

// randomUUID returns a random (version 4) UUID.
func randomUUID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// projectSecretsFor returns the project with ref and a copy of its
// secrets, if scope reaches its organization.
func (st *store) projectSecretsFor(sc scope, ref string) (Project, projectSecrets, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()

	st.advanceLocked()
	for _, p := range st.projects {
		if p.Ref == ref && sc.reaches(p.OrganizationSlug) {
			return p, *st.secrets[ref], true
		}
	}
	return Project{}, projectSecrets{}, false
}

// setDatabasePassword replaces the database password of the project with
// ref.
func (st *store) setDatabasePassword(ref, password string) {
	st.mu.Lock()
	defer st.mu.Unlock()

	if secrets, ok := st.secrets[ref]; ok {
		secrets.dbPassword = password
	}
}

// CheckDatabasePassword reports whether password is the current database
// password of the project with ref. Tests use it to confirm that a
// project was created, or its password changed, with the password they
// expect, because the API never returns a database password.
func (s *Server) CheckDatabasePassword(ref, password string) bool {
	s.data.mu.Lock()
	defer s.data.mu.Unlock()

	secrets, ok := s.data.secrets[ref]
	return ok && subtle.ConstantTimeCompare([]byte(secrets.dbPassword), []byte(password)) == 1
}
