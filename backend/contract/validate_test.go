package contract

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const testClientID = "66666666-6666-4666-8666-666666666666"

// validProject is a V1ProjectWithDatabaseResponse that matches the schema.
const validProject = `{"id":"abcdefghijklmnopqrst","ref":"abcdefghijklmnopqrst",` +
	`"organization_id":"tsrqponmlkjihgfedcba","organization_slug":"acme-studio",` +
	`"name":"web","region":"us-east-1","created_at":"2024-03-01T10:00:00Z","status":"ACTIVE_HEALTHY",` +
	`"database":{"host":"db.abcdefghijklmnopqrst.supabase.co","version":"15.8.1.085",` +
	`"postgres_engine":"15","release_channel":"ga"}}`

func jsonHeader() http.Header {
	return http.Header{"Content-Type": []string{"application/json; charset=utf-8"}}
}

func TestValidateResponse(t *testing.T) {
	spec := Load(t)
	tests := []struct {
		name     string
		method   string
		path     string
		status   int
		body     string
		wantFail bool
	}{
		{"token 201", "POST", "/v1/oauth/token", 201,
			`{"access_token":"a","refresh_token":"r","expires_in":3600,"token_type":"Bearer"}`, false},
		{"token 200", "POST", "/v1/oauth/token", 200,
			`{"access_token":"a","refresh_token":"r","expires_in":3600,"token_type":"Bearer"}`, false},
		{"token unknown field", "POST", "/v1/oauth/token", 201,
			`{"access_token":"a","refresh_token":"r","expires_in":3600,"token_type":"Bearer","scope":"all"}`, true},
		{"token wrong enum", "POST", "/v1/oauth/token", 201,
			`{"access_token":"a","refresh_token":"r","expires_in":3600,"token_type":"bearer"}`, true},
		{"token missing field", "POST", "/v1/oauth/token", 201,
			`{"access_token":"a","expires_in":3600,"token_type":"Bearer"}`, true},
		{"token string expiry", "POST", "/v1/oauth/token", 201,
			`{"access_token":"a","refresh_token":"r","expires_in":"3600","token_type":"Bearer"}`, true},
		{"token oauth error", "POST", "/v1/oauth/token", 400,
			`{"error":"invalid_grant","error_description":"code expired"}`, false},
		{"token unknown oauth error", "POST", "/v1/oauth/token", 400,
			`{"error":"bad_luck"}`, true},
		{"token message error", "POST", "/v1/oauth/token", 404, `{"message":"not found"}`, false},
		{"project", "GET", "/v1/projects/abcdefghijklmnopqrst", 200, validProject, false},
		{"project wrong status enum", "GET", "/v1/projects/abcdefghijklmnopqrst", 200,
			strings.Replace(validProject, "ACTIVE_HEALTHY", "HEALTHY", 1), true},
		{"project bad ref pattern", "GET", "/v1/projects/abcdefghijklmnopqrst", 200,
			strings.Replace(validProject, `"ref":"abcdefghijklmnopqrst"`, `"ref":"ABCDEFGHIJKLMNOPQRST"`, 1), true},
		{"project missing database", "GET", "/v1/projects/abcdefghijklmnopqrst", 200,
			strings.Replace(validProject, `"database"`, `"db"`, 1), true},
		{"project list", "GET", "/v1/projects", 200, "[" + validProject + "]", false},
		{"project 404 message", "GET", "/v1/projects/abcdefghijklmnopqrst", 404, `{"message":"not found"}`, false},
		{"401 without message", "GET", "/v1/profile", 401, `{"error":"unauthorized"}`, true},
		{"401 empty body", "GET", "/v1/profile", 401, ``, true},
		{"undeclared success status", "GET", "/v1/profile", 202,
			`{"gotrue_id":"g","primary_email":"a@b.c","username":"u"}`, true},
		{"revoke 204", "POST", "/v1/oauth/revoke", 204, ``, false},
		{"revoke 204 with body", "POST", "/v1/oauth/revoke", 204, `{}`, true},
		{"authorize redirect skipped", "GET", "/v1/oauth/authorize", 302, ``, false},
		{"authorize page skipped", "GET", "/v1/oauth/authorize", 200, `<html></html>`, false},
		{"unknown path", "GET", "/v1/unknown", 200, `{}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecordingT(t)
			req := httptest.NewRequest(tt.method, tt.path, nil)

			spec.ValidateResponse(rec, req, tt.status, jsonHeader(), []byte(tt.body))

			if got := rec.failed(); got != tt.wantFail {
				t.Errorf("ValidateResponse failed = %v, want %v; messages: %q", got, tt.wantFail, rec.messages())
			}
		})
	}
}

func TestValidateResponseErrorNeedsJSON(t *testing.T) {
	spec := Load(t)
	rec := newRecordingT(t)
	req := httptest.NewRequest("GET", "/v1/profile", nil)
	header := http.Header{"Content-Type": []string{"text/plain"}}

	spec.ValidateResponse(rec, req, 401, header, []byte(`{"message":"no"}`))

	if !rec.failed() {
		t.Error("ValidateResponse accepted a text/plain error response, want a failure")
	}
}

func TestValidateRequest(t *testing.T) {
	spec := Load(t)
	form := "application/x-www-form-urlencoded"
	authorize := "/v1/oauth/authorize?client_id=" + testClientID +
		"&response_type=code&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback&state=s" +
		"&code_challenge=abc&code_challenge_method=S256"
	tests := []struct {
		name        string
		method      string
		target      string
		contentType string
		body        string
		wantFail    bool
	}{
		{"token exchange", "POST", "/v1/oauth/token", form,
			"grant_type=authorization_code&code=c&redirect_uri=http%3A%2F%2Fx&code_verifier=v", false},
		{"token with client fields", "POST", "/v1/oauth/token", form,
			"grant_type=refresh_token&refresh_token=r&client_id=" + testClientID + "&client_secret=s", false},
		{"token unknown field", "POST", "/v1/oauth/token", form,
			"grant_type=refresh_token&refresh_token=r&audience=x", true},
		{"token repeated field", "POST", "/v1/oauth/token", form,
			"grant_type=refresh_token&refresh_token=r&refresh_token=q", true},
		{"token bad grant type", "POST", "/v1/oauth/token", form,
			"grant_type=password&username=u", true},
		{"token client id not uuid", "POST", "/v1/oauth/token", form,
			"grant_type=refresh_token&refresh_token=r&client_id=my-app", true},
		{"token empty body", "POST", "/v1/oauth/token", form, "", true},
		{"revoke", "POST", "/v1/oauth/revoke", "application/json",
			`{"client_id":"` + testClientID + `","client_secret":"s","refresh_token":"r"}`, false},
		{"revoke missing field", "POST", "/v1/oauth/revoke", "application/json",
			`{"client_id":"` + testClientID + `","refresh_token":"r"}`, true},
		{"revoke unknown field", "POST", "/v1/oauth/revoke", "application/json",
			`{"client_id":"` + testClientID + `","client_secret":"s","refresh_token":"r","token":"t"}`, true},
		{"revoke as form", "POST", "/v1/oauth/revoke", form,
			"client_id=" + testClientID + "&client_secret=s&refresh_token=r", true},
		{"authorize", "GET", authorize, "", "", false},
		{"authorize with organization", "GET", authorize + "&organization_slug=acme-studio", "", "", false},
		{"authorize bad organization", "GET", authorize + "&organization_slug=acme%20studio", "", "", true},
		{"authorize bad method", "GET", strings.Replace(authorize, "S256", "s256", 1), "", "", true},
		{"authorize missing client", "GET", strings.Replace(authorize, "client_id=", "client=", 1), "", "", true},
		{"org projects paged", "GET", "/v1/organizations/acme-studio/projects?limit=2&offset=4&sort=created_desc", "", "", false},
		{"org projects limit too high", "GET", "/v1/organizations/acme-studio/projects?limit=101", "", "", true},
		{"org projects bad sort", "GET", "/v1/organizations/acme-studio/projects?sort=newest", "", "", true},
		{"project bad ref", "GET", "/v1/projects/short", "", "", true},
		{"unknown path", "GET", "/v1/unknown", "", "", true},
		{"unknown method", "PUT", "/v1/profile", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := newRecordingT(t)
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}

			spec.ValidateRequest(rec, req, []byte(tt.body))

			if got := rec.failed(); got != tt.wantFail {
				t.Errorf("ValidateRequest failed = %v, want %v; messages: %q", got, tt.wantFail, rec.messages())
			}
		})
	}
}

func TestValidateFailureNamesOperation(t *testing.T) {
	spec := Load(t)
	rec := newRecordingT(t)
	req := httptest.NewRequest("POST", "/v1/oauth/token", nil)
	secret := "sbp_oauth_0123456789abcdef0123456789abcdef01234567"
	body := `{"access_token":"` + secret + `","refresh_token":"r","expires_in":1,"token_type":"Bearer","extra":1}`

	spec.ValidateResponse(rec, req, 201, jsonHeader(), []byte(body))

	got := rec.messages()
	for _, want := range []string{"v1-exchange-oauth-token", "POST", "/v1/oauth/token", "extra"} {
		if !strings.Contains(got, want) {
			t.Errorf("message %q does not contain %q", got, want)
		}
	}
	if strings.Contains(got, secret) {
		t.Errorf("message %q contains the access token", got)
	}
}
