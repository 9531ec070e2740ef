// Package auth signs a user in to Supabase with the OAuth 2.0
// authorization code grant (RFC 6749, section 4.1) and PKCE (RFC 7636),
// as RFC 8252 recommends for native apps: the consent page opens in
// the system browser, and a listener on the loopback interface receives
// the redirect.
//
// Supabase matches registered redirect URLs exactly, so the listener uses
// a fixed list of ports instead of a port the OS picks. The redirect URI
// names the literal address 127.0.0.1, never "localhost", so a browser
// that resolves localhost to ::1 cannot reach another program's server
// (RFC 8252, section 8.3).
package auth
