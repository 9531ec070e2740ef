// Package supabase is a typed client for the Supabase Management API
// (https://api.supabase.com/v1), for the operations Supaconnect uses.
//
// It addresses organizations by slug and projects by ref, never by the
// deprecated numeric ids. Authentication is the caller's: the
// *http.Client passed to NewClient adds the Bearer token, typically an
// oauth2 transport.
package supabase

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"time"
)

// DefaultTimeout bounds one request, including reading its response.
const DefaultTimeout = 30 * time.Second

// maxResponseBytes bounds a response body read into memory.
const maxResponseBytes = 8 << 20

var slugPattern = regexp.MustCompile(`^[\w-]+$`)

// Client calls the Management API.
type Client struct {
	baseURL   string
	http      *http.Client
	userAgent string
}

// NewClient returns a client for the API at baseURL, such as
// "https://api.supabase.com". httpClient must authenticate the requests;
// its Timeout is set to DefaultTimeout when zero. userAgent names the app
// and its version.
func NewClient(baseURL string, httpClient *http.Client, userAgent string) *Client {
	if httpClient.Timeout == 0 {
		copied := *httpClient
		copied.Timeout = DefaultTimeout
		httpClient = &copied
	}
	return &Client{baseURL: baseURL, http: httpClient, userAgent: userAgent}
}

// get sends a GET request for path and query and decodes the JSON
// response into out. A status other than 200 becomes an *APIError.
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	return c.do(ctx, request{method: http.MethodGet, path: path, query: query, want: http.StatusOK}, out)
}

// request is one Management API call.
type request struct {
	method string
	path   string
	query  url.Values
	body   any // encoded as JSON when not nil
	want   int // the success status
}

// do sends r once and decodes the JSON response into out. A status other
// than r.want becomes an *APIError. It never retries: net/http replays
// only idempotent methods, and a POST that creates something must not be
// sent twice.
func (c *Client) do(ctx context.Context, r request, out any) error {
	req, err := c.newRequest(ctx, r)
	if err != nil {
		return err
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("supabase: %s %s: %w", r.method, r.path, err)
	}
	defer resp.Body.Close()

	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("supabase: reading response of %s %s: %w", r.method, r.path, err)
	}
	if resp.StatusCode != r.want {
		return newAPIError(r.method, r.path, resp, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("supabase: decoding response of %s %s: %w", r.method, r.path, err)
	}
	return nil
}

// newRequest builds the HTTP request for r with the JSON body, if any.
// Errors never contain the body, which can hold a password.
func (c *Client) newRequest(ctx context.Context, r request) (*http.Request, error) {
	target := c.baseURL + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}

	var body io.Reader
	if r.body != nil {
		encoded, err := json.Marshal(r.body)
		if err != nil {
			return nil, fmt.Errorf("supabase: encoding the body of %s %s: %w", r.method, r.path, err)
		}
		body = bytes.NewReader(encoded)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("supabase: building request for %s: %w", r.path, err)
	}

	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

func checkSlug(slug string) error {
	if !slugPattern.MatchString(slug) {
		return fmt.Errorf("%w: organization slug %q: use letters, digits, _ and -", ErrInvalidInput, slug)
	}
	return nil
}
