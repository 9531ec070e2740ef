package smtp

import (
	"context"
	"net/http"
	"testing"

	"github.com/supaconnect/supaconnect/backend/contract"
	"github.com/supaconnect/supaconnect/backend/sandbox"
	"github.com/supaconnect/supaconnect/backend/supabase"
)

// bearer adds a personal access token to every request.
type bearer struct {
	token string
	base  http.RoundTripper
}

func (b bearer) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+b.token)
	return b.base.RoundTrip(req)
}

// TestChangesPassContract sends the bodies that the form produces to the
// sandbox through the OpenAPI contract check, and reads the result back.
func TestChangesPassContract(t *testing.T) {
	server := sandbox.New(sandbox.Options{})
	url, err := server.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	transport := bearer{token: server.NewPersonalAccessToken(), base: contract.Load(t).Transport(t, http.DefaultTransport)}
	client := supabase.NewClient(url, &http.Client{Transport: transport}, "Supaconnect/test")
	ref := server.Projects()[0].Ref
	ctx := context.Background()

	before, err := client.AuthConfig(ctx, ref)
	if err != nil {
		t.Fatalf("AuthConfig: %v", err)
	}
	settings := validSettings()
	settings.Password = "smtp password # with @ odd / characters"
	after, err := client.UpdateAuthConfig(ctx, ref, settings.Changes(FromConfig(before)))
	if err != nil {
		t.Fatalf("UpdateAuthConfig with the form's changes: %v", err)
	}

	saved := FromConfig(after)
	if !saved.Enabled || !saved.PasswordSaved || saved.Port != "587" || saved.EmailsPerHour != "100" {
		t.Errorf("saved = %+v, want custom SMTP on with the typed values", saved)
	}
	settings.Password = ""
	if settings.HasChanges(saved) {
		t.Errorf("the saved settings still differ from the form: %v", settings.Changes(saved))
	}

	disabled, err := client.UpdateAuthConfig(ctx, ref, DisableBody())
	if err != nil {
		t.Fatalf("disabling: %v", err)
	}
	if FromConfig(disabled).Enabled {
		t.Error("custom SMTP still on after DisableBody")
	}
}
