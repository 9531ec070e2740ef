// Package supabase is a typed client for the Supabase Management API
// (https://api.supabase.com/v1), for the operations Supaconnect uses.
//
// It addresses organizations by slug and projects by ref, never by the
// deprecated numeric ids. Authentication is the caller's: the
// *http.Client passed to NewClient adds the Bearer token, typically an
// oauth2 transport.
package supabase

import (
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
	u := c.baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("supabase: building request for %s: %w", path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("supabase: GET %s: %w", path, err)
	}
	defer resp.Body.Close()

	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("supabase: reading response of GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return newAPIError(http.MethodGet, path, resp, body)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("supabase: decoding response of GET %s: %w", path, err)
	}
	return nil
}

func checkSlug(slug string) error {
	if !slugPattern.MatchString(slug) {
		return fmt.Errorf("%w: organization slug %q: use letters, digits, _ and -", ErrInvalidInput, slug)
	}
	return nil
}
