package auth

import (
	"encoding/json"
	"errors"

	"golang.org/x/oauth2"
)

// TokenErrorFrom converts an error from x/oauth2's token requests into a
// *TokenError that keeps the status and error fields and drops the raw
// body. Errors of other kinds, such as network failures, pass through.
func TokenErrorFrom(err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return err
	}

	te := &TokenError{Code: re.ErrorCode, Description: re.ErrorDescription}
	if re.Response != nil {
		te.Status = re.Response.StatusCode
	}
	if te.Code == "" && te.Description == "" {
		// Supabase's API errors carry {"message": "..."} instead of the
		// RFC 6749 fields.
		var body struct {
			Message string `json:"message"`
		}
		if json.Unmarshal(re.Body, &body) == nil {
			te.Description = body.Message
		}
	}
	return te
}
