package session

import (
	"errors"
	"io"
	"net/http"
	"strings"
)

// tokenWords mark a 401 message that is about the token, in lower case.
// A message with none of them may be about the request instead.
var tokenWords = []string{
	"token", "jwt", "bearer", "unauthorized", "unauthorised", "unauthenticated",
	"authorization header", "expired", "revoked", "signature",
}

// afterUnauthorized decides what a 401 response to req means. The rule:
//
//  1. A 401 means that Supabase rejected the token, unless shown
//     otherwise. For an OAuth session the token is refreshed once, and
//     the request is sent again with the fresh token if its body can be
//     replayed. Concurrent requests that saw the same token share that
//     refresh. A request whose body cannot be replayed returns its 401,
//     and the next request uses the fresh token.
//  2. If the retry gets 401 with the same message as the first response,
//     and the message is not about the token (see tokenWords), two
//     different tokens met the same refusal. The request is at fault, as
//     when Supabase rejects the settings of a PATCH of /config/auth with
//     401, so the response is returned and the session kept.
//  3. Any other 401 after a fresh token, and every 401 for a personal
//     access token, which cannot be refreshed, is judged by
//     GET /v1/profile with the same token. That endpoint needs no scope,
//     so a 401 there means the token no longer works, and the session
//     ends with ErrSessionExpired. If the profile is served, the 401
//     belongs to the request and is returned. If the check fails in
//     another way, the 401 is returned and the session kept, because an
//     uncertain result must never sign the user out.
func (t *apiTransport) afterUnauthorized(req *http.Request, token string, resp *http.Response) (*http.Response, error) {
	first := message(resp)
	fresh, err := t.cred.renew(req.Context(), token)
	if errors.Is(err, errCannotRenew) {
		return t.judge(req, resp, token)
	}
	if err != nil {
		resp.Body.Close()
		return nil, err
	}

	again, err := replay(req, fresh)
	if err != nil || again == nil {
		t.logger.Info("401 not retried because the request body cannot be sent again",
			"method", req.Method, "path", req.URL.Path)
		return resp, nil
	}
	resp.Body.Close()
	retried, err := t.base.RoundTrip(again)
	if err != nil || retried.StatusCode != http.StatusUnauthorized {
		return retried, err
	}

	second := message(retried)
	if second == first && !isTokenMessage(second) && !isProfile(req) {
		t.logger.Info("401 repeated with a fresh token and the same message, so the request is at fault",
			"method", req.Method, "path", req.URL.Path)
		return retried, nil
	}
	return t.judge(req, retried, fresh)
}

// judge ends the session if token no longer reads the profile, and
// otherwise returns resp, the 401 that token got for req.
func (t *apiTransport) judge(req *http.Request, resp *http.Response, token string) (*http.Response, error) {
	status, err := http.StatusUnauthorized, error(nil)
	if !isProfile(req) {
		status, err = t.probe(req, token)
	}

	switch {
	case err == nil && status == http.StatusUnauthorized:
		resp.Body.Close()
		t.logger.Warn("Supabase rejected the access token, ending the session",
			"method", req.Method, "path", req.URL.Path)
		t.cred.end()
		return nil, ErrSessionExpired
	case err == nil && status >= 200 && status < 300:
		t.logger.Info("401 is about the request, because the token still reads the profile",
			"method", req.Method, "path", req.URL.Path)
	default:
		t.logger.Warn("checking the rejected token failed, keeping the session",
			"method", req.Method, "path", req.URL.Path, "status", status, "error", err)
	}
	return resp, nil
}

// probe sends GET /v1/profile with token, on behalf of the request
// original, and returns the status.
func (t *apiTransport) probe(original *http.Request, token string) (int, error) {
	req, err := http.NewRequestWithContext(original.Context(), http.MethodGet, t.profileURL, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", original.Header.Get("User-Agent"))

	resp, err := t.base.RoundTrip(withBearer(req, token, nil))
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxMessageBytes))
	resp.Body.Close()
	return resp.StatusCode, nil
}

// isTokenMessage reports whether a 401 message may be about the token.
// An empty message may be.
func isTokenMessage(msg string) bool {
	if strings.TrimSpace(msg) == "" {
		return true
	}
	lower := strings.ToLower(msg)
	for _, word := range tokenWords {
		if strings.Contains(lower, word) {
			return true
		}
	}
	return false
}

func isProfile(req *http.Request) bool {
	return req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/v1/profile")
}
