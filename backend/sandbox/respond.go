package sandbox

import (
	"encoding/json"
	"net/http"
)

// writeJSON sends v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Unreachable: every value passed here is a struct of strings,
		// numbers, booleans and slices.
		status = http.StatusInternalServerError
		body = []byte(`{"message":"failed to encode the response"}`)
	}

	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

// messageBody is the error body of the Management API.
type messageBody struct {
	Message string `json:"message"`
}

// writeMessage sends a Management API error: {"message": "..."}.
func writeMessage(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, messageBody{Message: message})
}

// oauthErrorBody is the error body of RFC 6749, section 5.2.
type oauthErrorBody struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description,omitempty"`
}

// writeOAuthError sends an RFC 6749 error response. Token responses must
// not be cached (RFC 6749, section 5.1), errors included.
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, status, oauthErrorBody{Error: code, ErrorDescription: description})
}
