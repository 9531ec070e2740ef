// Package uierror turns backend errors into the stable codes the window
// branches on.
//
// A bound method that fails returns an *Error. Wails rejects the
// JavaScript promise with the error's text, which is a small JSON object
// {"code": ..., "message": ...}: the frontend parses it and shows plain
// advice for the code, with the message behind a Details toggle.
package uierror

import "encoding/json"

// Code is a stable identifier of a failure the user can act on. The
// frontend keeps the advice text for each code.
type Code string

// Codes the frontend handles. Adding one means adding its advice to
// frontend/src/lib/errors.ts.
const (
	NotSignedIn         Code = "not_signed_in"
	SignInInProgress    Code = "sign_in_in_progress"
	SignInNotStarted    Code = "sign_in_not_started"
	SignInCancelled     Code = "sign_in_cancelled"
	Cancelled           Code = "cancelled"
	SignInTimeout       Code = "sign_in_timeout"
	AccessDenied        Code = "access_denied"
	AuthorizationFailed Code = "authorization_failed"
	StateMismatch       Code = "state_mismatch"
	PortsUnavailable    Code = "ports_unavailable"
	TokenExchangeFailed Code = "token_exchange_failed"
	KeychainUnavailable Code = "keychain_unavailable"
	TokenRejected       Code = "token_rejected"
	SessionExpired      Code = "session_expired"
	Forbidden           Code = "forbidden"
	NotFound            Code = "not_found"
	RateLimited         Code = "rate_limited"
	Unreachable         Code = "unreachable"
	ServerError         Code = "server_error"
	InvalidInput        Code = "invalid_input"
	WeakPassword        Code = "weak_password"
	OutcomeUnknown      Code = "outcome_unknown"
	PasswordNotSaved    Code = "password_not_saved"
	NoPassword          Code = "no_password"
	PendingNotFound     Code = "pending_not_found"
	ProjectFailed       Code = "project_failed"
	WaitTimedOut        Code = "wait_timed_out"
	NoPrimaryPooler     Code = "no_primary_pooler"
	FileExists          Code = "file_exists"
	FileFailed          Code = "file_failed"
	Internal            Code = "internal"
)

// Error is a failure as the window receives it.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// Error returns the JSON form that the frontend parses.
func (e *Error) Error() string {
	b, err := json.Marshal(e)
	if err != nil {
		return `{"code":"internal","message":"error could not be encoded"}`
	}
	return string(b)
}

// New returns an *Error with the code and message.
func New(code Code, message string) *Error {
	return &Error{Code: code, Message: message}
}
