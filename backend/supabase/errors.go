package supabase

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrInvalidInput means an argument was rejected before any request was
// sent.
var ErrInvalidInput = errors.New("supabase: invalid input")

// APIError is a response with an unexpected status. Message is Supabase's
// {"message": ...} field when the body has one.
type APIError struct {
	Method  string
	Path    string
	Status  int
	Message string

	// RequestID is the value of a request id header, when the response
	// has one; Supabase support requests it.
	RequestID string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("supabase: %s %s: status %d", e.Method, e.Path, e.Status)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.RequestID != "" {
		msg += " (request id " + e.RequestID + ")"
	}
	return msg
}

func newAPIError(method, path string, resp *http.Response, body []byte) *APIError {
	e := &APIError{
		Method:    method,
		Path:      path,
		Status:    resp.StatusCode,
		RequestID: firstHeader(resp.Header, "X-Request-Id", "Sb-Request-Id", "Cf-Ray"),
	}

	var parsed struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &parsed) == nil && parsed.Message != "" {
		e.Message = parsed.Message
	} else if text := strings.TrimSpace(string(body)); len(text) <= 200 && !strings.ContainsAny(text, "<{") {
		e.Message = text
	}
	return e
}

func firstHeader(h http.Header, names ...string) string {
	for _, name := range names {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return ""
}
