package contract

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"testing"
)

// Transport returns an http.RoundTripper that validates every request it
// sends and every response it receives, reporting failures to t, and passes
// both through unchanged: the server reads the same request body and the
// caller reads the same response body. A nil base means
// http.DefaultTransport. A request that matches no operation is reported,
// and its response is not validated.
func (s *Spec) Transport(t testing.TB, base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{spec: s, t: t, base: base}
}

// transport is the http.RoundTripper that Spec.Transport returns.
type transport struct {
	spec *Spec
	t    testing.TB
	base http.RoundTripper
}

// RoundTrip validates req, sends a copy of it through the base transport,
// and validates the response.
func (tr *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readAndClose(req.Body)
	if err != nil {
		return nil, fmt.Errorf("contract: read request body: %w", err)
	}

	// A RoundTripper must not modify the request it was given, so the body
	// that was read is sent on a clone.
	out := req.Clone(req.Context())
	if req.Body != nil {
		out.Body = io.NopCloser(bytes.NewReader(body))
		out.GetBody = func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(body)), nil
		}
		out.ContentLength = int64(len(body))
	}

	_, routeErr := tr.spec.Operation(req)
	if err := tr.spec.checkRequest(req, body); err != nil {
		tr.t.Errorf("contract: %v", err)
	}

	resp, err := tr.base.RoundTrip(out)
	if err != nil {
		return nil, err
	}

	respBody, err := readAndClose(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("contract: read response body of %s %s: %w", req.Method, req.URL.Path, err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))

	if routeErr == nil {
		if err := tr.spec.checkResponse(req, resp.StatusCode, resp.Header, respBody); err != nil {
			tr.t.Errorf("contract: %v", err)
		}
	}
	return resp, nil
}

// readAndClose reads all of body and closes it. A nil body reads as empty.
func readAndClose(body io.ReadCloser) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	defer body.Close()
	return io.ReadAll(body)
}
