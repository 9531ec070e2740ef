package retry

import (
	"context"
	"io"
	"net/http"
)

// maxDrainBytes bounds how much of a discarded response body is read so
// that its connection can be reused.
const maxDrainBytes = 64 << 10

// isIdempotent reports whether sending a request with method twice has the
// effect of sending it once (RFC 9110, section 9.2.2).
//
// PATCH is not on the list. A Management API PATCH such as /config/auth
// sets fields to given values and would be safe to repeat. But RFC 5789
// lets a PATCH change state relative to the current one, and the
// Transport cannot tell the two kinds apart by the method.
func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// canReplay reports whether the request body can be sent again: there is
// none, or GetBody returns a fresh copy.
func canReplay(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
}

// isRetryableStatus reports whether a status means a transient server
// failure: an internal error, a bad gateway, an overloaded server or a
// gateway timeout. 501 Not Implemented will not change on a retry.
func isRetryableStatus(status int) bool {
	switch status {
	case http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// closeRequestBody closes the body of a request that is not sent. A
// RoundTripper must close it, but only the first attempt uses req.Body:
// later attempts take a copy from GetBody when they are sent.
func closeRequestBody(req *http.Request, attempt int) {
	if attempt == 1 && req.Body != nil {
		req.Body.Close()
	}
}

// discard reads and closes the body of a response that is not returned.
func discard(resp *http.Response) {
	if resp == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrainBytes))
	resp.Body.Close()
}

// cancelOnClose ends an attempt's context when its response body is
// closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Close closes the body and releases the attempt's timer.
func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
