package smtp

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the Supabase Auth settings, from the Management API's
// UpdateAuthConfigBody.
const (
	MaxFrequencySeconds = 32767
	MaxEmailsPerHour    = 2147483647
)

// Settings are the custom SMTP fields of a project's Auth config, as the
// user typed them.
type Settings struct {
	SenderEmail string `json:"senderEmail"`
	SenderName  string `json:"senderName"`
	Host        string `json:"host"`
	Port        string `json:"port"`
	User        string `json:"user"`

	// Password is empty when the user did not type a new one; the saved
	// password is then kept.
	Password string `json:"password"`

	// MaxFrequency is the minimum number of seconds between two emails to
	// the same user, and EmailsPerHour the project's sending limit. Empty
	// strings leave the saved values unchanged.
	MaxFrequency  string `json:"maxFrequency"`
	EmailsPerHour string `json:"emailsPerHour"`
}

// FieldErrors maps a Settings field (by its JSON name) to what is wrong
// with it. It is empty when the settings are valid.
type FieldErrors map[string]string

// hostnamePattern accepts DNS names and IPv4 addresses: labels of letters,
// digits and hyphens, separated by dots.
var hostnamePattern = regexp.MustCompile(`^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)

// Validate checks every field and returns the messages for the invalid
// ones. It does not change s.
func (s Settings) Validate() FieldErrors {
	errs := FieldErrors{}
	if msg := checkSender(s.SenderEmail); msg != "" {
		errs["senderEmail"] = msg
	}
	if msg := CheckHost(s.Host); msg != "" {
		errs["host"] = msg
	}
	if _, msg := ParsePort(s.Port); msg != "" {
		errs["port"] = msg
	}
	if strings.TrimSpace(s.User) == "" {
		errs["user"] = "Enter the SMTP user name from your email provider."
	}
	switch {
	case utf8.RuneCountInString(s.SenderName) > 256:
		errs["senderName"] = "Use a sender name of at most 256 characters."
	case strings.ContainsFunc(s.SenderName, unicode.IsControl):
		// A line break in a name that ends up in an email header could
		// add headers of its own.
		errs["senderName"] = "Remove line breaks and tabs from the sender name."
	}
	if msg := checkRange(s.MaxFrequency, 0, MaxFrequencySeconds, "seconds"); msg != "" {
		errs["maxFrequency"] = msg
	}
	if msg := checkRange(s.EmailsPerHour, 1, MaxEmailsPerHour, "emails an hour"); msg != "" {
		errs["emailsPerHour"] = msg
	}
	return errs
}

func checkSender(address string) string {
	address = strings.TrimSpace(address)
	if address == "" {
		return "Enter the address your emails are sent from, such as no-reply@example.com."
	}
	parsed, err := mail.ParseAddress(address)
	if err != nil || parsed.Address != address || !strings.Contains(address[strings.LastIndex(address, "@"):], ".") {
		return "Enter a plain email address, such as no-reply@example.com, without a name or brackets."
	}
	return ""
}

// CheckHost returns what is wrong with an SMTP host name, or "" when it is
// a bare host name: no scheme, no port, no path and no spaces.
func CheckHost(host string) string {
	switch {
	case host == "":
		return "Enter the SMTP server's host name, such as smtp.example.com."
	case strings.Contains(host, "://"):
		return "Enter only the host name, without " + host[:strings.Index(host, "://")+3] + "."
	case strings.ContainsAny(host, " \t"):
		return "Remove the spaces from the host name."
	case strings.Contains(host, "/"):
		return "Enter only the host name, without a path."
	case strings.Contains(host, ":"):
		return "Enter the port in the Port field, not in the host name."
	case len(host) > 253 || !hostnamePattern.MatchString(host):
		return "Enter a valid host name, such as smtp.example.com."
	}
	return ""
}

// ParsePort parses a TCP port from 1 to 65535. The message is empty when
// the port is valid.
func ParsePort(port string) (int, string) {
	n, err := strconv.Atoi(strings.TrimSpace(port))
	if err != nil || n < 1 || n > 65535 {
		return 0, "Enter a port from 1 to 65535, usually 587 or 465."
	}
	return n, ""
}

// checkRange accepts an empty value (left unchanged) or a whole number in
// [low, high].
func checkRange(value string, low, high int, unit string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		return ""
	}
	n, err := strconv.ParseInt(value, 10, 64)
	if err != nil || n < int64(low) || n > int64(high) {
		return "Enter a whole number of " + unit + " from " + strconv.Itoa(low) + " to " + strconv.Itoa(high) + "."
	}
	return ""
}
