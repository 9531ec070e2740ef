// Package smtp helps a user set up custom SMTP for Supabase Auth: presets
// for common email providers, validation of the settings with field-level
// messages, and a connection test that dials the server from the desktop.
package smtp

// Preset fills the host, port and user hints for one email provider.
type Preset struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Host string `json:"host"`
	Port int    `json:"port"`

	// User is the fixed user name, when the provider has one.
	User string `json:"user,omitempty"`

	// UserHint and PasswordHint tell the user what to paste where.
	UserHint     string `json:"userHint"`
	PasswordHint string `json:"passwordHint"`

	// Hosts lists alternative hosts, such as the regional endpoints of
	// Amazon SES; Host is the default among them.
	Hosts []string `json:"hosts,omitempty"`
}

// sesRegions are Amazon SES regions with an SMTP endpoint.
var sesRegions = []string{
	"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
	"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1",
	"ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
	"ap-southeast-1", "ap-southeast-2", "me-south-1", "af-south-1",
}

func sesHosts() []string {
	hosts := make([]string, len(sesRegions))
	for i, region := range sesRegions {
		hosts[i] = "email-smtp." + region + ".amazonaws.com"
	}
	return hosts
}

// Presets returns the providers the form offers, "Other" last.
func Presets() []Preset {
	return []Preset{
		{ID: "resend", Name: "Resend", Host: "smtp.resend.com", Port: 465, User: "resend",
			UserHint: "resend", PasswordHint: "An API key from the Resend dashboard"},
		{ID: "sendgrid", Name: "SendGrid", Host: "smtp.sendgrid.net", Port: 587, User: "apikey",
			UserHint: "apikey (the word itself)", PasswordHint: "A SendGrid API key with Mail Send access"},
		{ID: "postmark", Name: "Postmark", Host: "smtp.postmarkapp.com", Port: 587,
			UserHint: "Your server API token", PasswordHint: "The same server API token"},
		{ID: "ses", Name: "Amazon SES", Host: "email-smtp.us-east-1.amazonaws.com", Port: 587, Hosts: sesHosts(),
			UserHint: "Your SES SMTP user name (not an IAM access key)", PasswordHint: "Your SES SMTP password"},
		{ID: "mailgun", Name: "Mailgun", Host: "smtp.mailgun.org", Port: 587,
			Hosts:    []string{"smtp.mailgun.org", "smtp.eu.mailgun.org"},
			UserHint: "postmaster@your-domain", PasswordHint: "The SMTP password of that Mailgun user"},
		{ID: "brevo", Name: "Brevo", Host: "smtp-relay.brevo.com", Port: 587,
			UserHint: "Your Brevo SMTP login", PasswordHint: "An SMTP key from Brevo"},
		{ID: "gmail", Name: "Gmail or Google Workspace", Host: "smtp.gmail.com", Port: 587,
			UserHint: "Your full email address", PasswordHint: "An app password (Google account, Security, App passwords)"},
		{ID: "other", Name: "Other", Port: 587,
			UserHint: "The user name your provider gave you", PasswordHint: "The SMTP password your provider gave you"},
	}
}
