package session

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
)

// maxMessageBytes bounds how much of a 401 body is read for its message.
const maxMessageBytes = 64 << 10

// apiTransport sends Management API requests with the session's access
// token and decides what a 401 response means, by the rule of
// afterUnauthorized. Its base is the Manager's retry.Transport, which
// handles rate limits and transient failures.
type apiTransport struct {
	cred       credential
	base       http.RoundTripper
	profileURL string // GET /v1/profile, which judges a token
	logger     *slog.Logger
}

// RoundTrip sends req with the current access token. Errors that end or
// suspend the session, ErrSessionExpired and ErrRefreshFailed, come back
// as RoundTrip errors, which http.Client wraps in a *url.Error.
func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	token, err := t.cred.accessToken(req.Context())
	if err != nil {
		closeBody(req)
		return nil, err
	}

	resp, err := t.base.RoundTrip(withBearer(req, token, req.Body))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	return t.afterUnauthorized(req, token, resp)
}

// withBearer returns a copy of req that carries token and body.
func withBearer(req *http.Request, token string, body io.ReadCloser) *http.Request {
	out := req.Clone(req.Context())
	out.Body = body
	out.Header.Set("Authorization", "Bearer "+token)
	return out
}

// replay returns a copy of req with a fresh body and token, or nil when
// the body cannot be read again.
func replay(req *http.Request, token string) (*http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return withBearer(req, token, req.Body), nil
	}
	if req.GetBody == nil {
		return nil, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	return withBearer(req, token, body), nil
}

// message reads the {"message": ...} field of a response and puts the
// body back, so the caller can still read it.
func message(resp *http.Response) string {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxMessageBytes))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))

	var parsed struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &parsed) != nil {
		return ""
	}
	return parsed.Message
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// bearerTransport sends every request with one fixed token, for checking
// a personal access token before it becomes the session's.
type bearerTransport struct {
	token string
	base  http.RoundTripper
}

// RoundTrip sends req with the token.
func (b bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return b.base.RoundTrip(withBearer(req, b.token, req.Body))
}
