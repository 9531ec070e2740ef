package supabase

import (
	"context"
	"net/http"
)

// AuthSMTPConfig is the custom SMTP part of a project's Auth config
// (AuthConfigResponse). Nil fields are null in the API. SMTPPassHash is
// what the API returns in smtp_pass: a hash, never the password.
type AuthSMTPConfig struct {
	AdminEmail         *string `json:"smtp_admin_email"`
	SenderName         *string `json:"smtp_sender_name"`
	Host               *string `json:"smtp_host"`
	Port               *string `json:"smtp_port"`
	User               *string `json:"smtp_user"`
	SMTPPassHash       *string `json:"smtp_pass"`
	MaxFrequency       *int64  `json:"smtp_max_frequency"`
	RateLimitEmailSent *int64  `json:"rate_limit_email_sent"`
}

// AuthConfig returns the SMTP settings of a project's Auth config
// (GET /v1/projects/{ref}/config/auth).
func (c *Client) AuthConfig(ctx context.Context, ref string) (AuthSMTPConfig, error) {
	if err := checkRef(ref); err != nil {
		return AuthSMTPConfig{}, err
	}
	var config AuthSMTPConfig
	err := c.get(ctx, projectPath(ref, "/config/auth"), nil, &config)
	return config, err
}

// UpdateAuthConfig changes the fields in body and returns the new
// settings (PATCH /v1/projects/{ref}/config/auth). body holds only the
// changed UpdateAuthConfigBody fields, with smtp_port as a string.
func (c *Client) UpdateAuthConfig(ctx context.Context, ref string, body map[string]any) (AuthSMTPConfig, error) {
	if err := checkRef(ref); err != nil {
		return AuthSMTPConfig{}, err
	}
	var config AuthSMTPConfig
	err := c.do(ctx, request{
		method: http.MethodPatch,
		path:   projectPath(ref, "/config/auth"),
		body:   body,
		want:   http.StatusOK,
	}, &config)
	return config, err
}
