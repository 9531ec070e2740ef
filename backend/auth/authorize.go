package auth

import (
	"fmt"
	"regexp"
	"strconv"

	"golang.org/x/oauth2"
)

// CallbackPath is the path of the redirect URI on the loopback listener.
const CallbackPath = "/callback"

// maxRedirectAndState is Supabase's limit on the combined size of
// redirect_uri and state in an authorize request.
const maxRedirectAndState = 4096

var organizationSlugPattern = regexp.MustCompile(`^[\w-]+$`)

// Endpoint returns Supabase's OAuth endpoints under apiBaseURL. The client
// credentials go in an HTTP Basic header, as Supabase's documentation
// shows. The style is set explicitly: left on auto-detect, x/oauth2 would
// retry a failed exchange with the other style and report that second,
// misleading failure.
func Endpoint(apiBaseURL string) oauth2.Endpoint {
	return oauth2.Endpoint{
		AuthURL:   apiBaseURL + "/v1/oauth/authorize",
		TokenURL:  apiBaseURL + "/v1/oauth/token",
		AuthStyle: oauth2.AuthStyleInHeader,
	}
}

// RedirectURI returns the redirect URI for a loopback port. Each URI must
// be registered with the OAuth app, because Supabase matches them exactly.
func RedirectURI(port int) string {
	return "http://127.0.0.1:" + strconv.Itoa(port) + CallbackPath
}

// RedirectURIs returns the redirect URI of each port, in order.
func RedirectURIs(ports []int) []string {
	uris := make([]string, len(ports))
	for i, p := range ports {
		uris[i] = RedirectURI(p)
	}
	return uris
}

// AuthorizeURL returns the consent page URL for one sign-in attempt.
// config.RedirectURL must be the listener's redirect URI. verifier is the
// PKCE code verifier; only its S256 challenge goes into the URL.
// organizationSlug preselects an organization and may be empty.
func AuthorizeURL(config *oauth2.Config, state, verifier, organizationSlug string) (string, error) {
	if len(config.RedirectURL)+len(state) > maxRedirectAndState {
		return "", fmt.Errorf("auth: redirect_uri and state are %d bytes together, the limit is %d",
			len(config.RedirectURL)+len(state), maxRedirectAndState)
	}

	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}
	if organizationSlug != "" {
		if !organizationSlugPattern.MatchString(organizationSlug) {
			return "", fmt.Errorf("auth: organization slug %q is invalid: use letters, digits, _ and -", organizationSlug)
		}
		opts = append(opts, oauth2.SetAuthURLParam("organization_slug", organizationSlug))
	}
	return config.AuthCodeURL(state, opts...), nil
}
