package contract

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// profileServer returns a server that responds to POST /v1/oauth/token
// with a valid token and to any other request with body. It stores the
// body of the latest request in received.
func profileServer(t *testing.T, body string, received *string) *httptest.Server {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("server read body: %v", err)
		}
		*received = string(data)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/v1/oauth/token" {
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"access_token":"a","refresh_token":"r","expires_in":60,"token_type":"Bearer"}`)
			return
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(server.Close)
	return server
}

func TestTransportPassesValidTraffic(t *testing.T) {
	spec := Load(t)
	var received string
	body := `{"gotrue_id":"g","primary_email":"dev@example.com","username":"dev"}`
	server := profileServer(t, body, &received)
	rec := newRecordingT(t)
	client := &http.Client{Transport: spec.Transport(rec, nil)}

	resp, err := client.Get(server.URL + "/v1/profile")
	if err != nil {
		t.Fatalf("GET /v1/profile: %v", err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read response: %v", err)
	}

	if string(got) != body {
		t.Errorf("response body = %q, want %q", got, body)
	}
	if rec.failed() {
		t.Errorf("valid exchange reported failures: %s", rec.messages())
	}
}

func TestTransportRestoresRequestBody(t *testing.T) {
	spec := Load(t)
	var received string
	server := profileServer(t, "", &received)
	rec := newRecordingT(t)
	client := &http.Client{Transport: spec.Transport(rec, nil)}
	form := "grant_type=refresh_token&refresh_token=r"

	resp, err := client.Post(server.URL+"/v1/oauth/token", "application/x-www-form-urlencoded",
		strings.NewReader(form))
	if err != nil {
		t.Fatalf("POST /v1/oauth/token: %v", err)
	}
	resp.Body.Close()

	if received != form {
		t.Errorf("server received body %q, want %q", received, form)
	}
	if rec.failed() {
		t.Errorf("valid exchange reported failures: %s", rec.messages())
	}
}

func TestTransportReportsInvalidResponse(t *testing.T) {
	spec := Load(t)
	var received string
	server := profileServer(t, `{"gotrue_id":"g","primary_email":"dev@example.com"}`, &received)
	rec := newRecordingT(t)
	client := &http.Client{Transport: spec.Transport(rec, nil)}

	resp, err := client.Get(server.URL + "/v1/profile")
	if err != nil {
		t.Fatalf("GET /v1/profile: %v", err)
	}
	resp.Body.Close()

	if !strings.Contains(rec.messages(), `"username" is missing`) {
		t.Errorf("failures = %q, want one about the missing username", rec.messages())
	}
}

func TestTransportReportsUnknownPath(t *testing.T) {
	spec := Load(t)
	var received string
	server := profileServer(t, `{}`, &received)
	rec := newRecordingT(t)
	client := &http.Client{Transport: spec.Transport(rec, nil)}

	resp, err := client.Get(server.URL + "/v1/profile/extra")
	if err != nil {
		t.Fatalf("GET /v1/profile/extra: %v", err)
	}
	resp.Body.Close()

	if !strings.Contains(rec.messages(), "matches no operation") {
		t.Errorf("failures = %q, want one about the unmatched path", rec.messages())
	}
}
