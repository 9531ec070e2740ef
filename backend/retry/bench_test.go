package retry

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// cannedTransport returns a 200 response with rate-limit headers for
// every request, without any I/O, so a benchmark measures the Transport
// alone.
type cannedTransport struct{}

func (cannedTransport) RoundTrip(*http.Request) (*http.Response, error) {
	header := http.Header{}
	header.Set(headerLimit, "120")
	header.Set(headerRemaining, "100")
	header.Set(headerReset, "60")
	return &http.Response{StatusCode: http.StatusOK, Header: header, Body: io.NopCloser(strings.NewReader("{}"))}, nil
}

// BenchmarkRoundTripOverhead measures what the Transport adds to one
// request that needs no wait: the per-attempt context, the request clone
// and the rate-limit bookkeeping.
func BenchmarkRoundTripOverhead(b *testing.B) {
	tr := New(Options{Base: cannedTransport{}})
	req, err := http.NewRequest(http.MethodGet, "https://api.supabase.com/v1/organizations", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := tr.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}

// BenchmarkRoundTripParallel measures the same under contention for the
// shared rate-limit state.
func BenchmarkRoundTripParallel(b *testing.B) {
	tr := New(Options{Base: cannedTransport{}})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req, _ := http.NewRequest(http.MethodGet, "https://api.supabase.com/v1/organizations", nil)
		for pb.Next() {
			resp, err := tr.RoundTrip(req)
			if err != nil {
				b.Error(err)
				return
			}
			resp.Body.Close()
		}
	})
}
