package contract

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// Operation IDs whose documented responses differ from what Supabase sends.
const (
	operationAuthorize = "v1-authorize-user"
	operationToken     = "v1-exchange-oauth-token"
	operationRevoke    = "v1-revoke-token"
)

// oauthErrorCodes are the "error" values of RFC 6749, section 5.2.
var oauthErrorCodes = []string{
	"invalid_request",
	"invalid_client",
	"invalid_grant",
	"unauthorized_client",
	"unsupported_grant_type",
	"invalid_scope",
}

// skipResponse reports whether responses to the operation are not
// validated. GET /v1/oauth/authorize is documented as 204, but a browser
// receives a redirect to the client (302 or 303) or an HTML page, such as a
// consent screen or an error page. Only its query parameters are checked.
func skipResponse(operation *openapi3.Operation) bool {
	return operation.OperationID == operationAuthorize
}

// documentedStatus maps a success status to the one the description lists.
// POST /v1/oauth/token is documented as 201, but OAuth clients expect 200
// (RFC 6749, section 5.1), so either is accepted and the body is validated
// against OAuthTokenResponse, the 201 schema.
func documentedStatus(operation *openapi3.Operation, status int) int {
	if operation.OperationID == operationToken && status == http.StatusOK {
		return http.StatusCreated
	}
	return status
}

// checkEmptyBody rejects a body on a documented response that declares no
// content, such as the 204 of POST /v1/oauth/revoke. kin-openapi does not
// check this.
func checkEmptyBody(operation *openapi3.Operation, status int, body []byte) error {
	ref := operation.Responses.Status(status)
	if ref == nil || ref.Value == nil || len(ref.Value.Content) > 0 {
		return nil
	}
	if len(body) > 0 {
		return fmt.Errorf("status %d declares no content but the body has %d bytes", status, len(body))
	}
	return nil
}

// errorBody is the JSON that Supabase sends with 4xx and 5xx responses.
// OAuth errors use RFC 6749 fields instead of message.
type errorBody struct {
	Message          *string `json:"message"`
	Error            *string `json:"error"`
	ErrorDescription *string `json:"error_description"`
}

// checkErrorBody validates the body of a 4xx or 5xx response. The
// description declares these responses without content, but Supabase sends
// {"message": "..."} as application/json, and clients read that message. The
// OAuth token and revoke endpoints may instead send an RFC 6749 error object
// with "error" and an optional "error_description". Other fields are
// allowed because some errors add details, such as missing_permissions.
func checkErrorBody(operation *openapi3.Operation, header http.Header, body []byte) error {
	mediaType, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return fmt.Errorf("error response has Content-Type %q, expected application/json",
			header.Get("Content-Type"))
	}

	var parsed errorBody
	if err := json.Unmarshal(body, &parsed); err != nil {
		return fmt.Errorf("error response body is not a JSON object of strings: %w", err)
	}
	if parsed.Message != nil {
		return nil
	}

	oauth := operation.OperationID == operationToken || operation.OperationID == operationRevoke
	if !oauth {
		return errors.New(`error response body has no string field "message"`)
	}
	if parsed.Error == nil {
		return errors.New(`OAuth error response body has neither "message" nor "error"`)
	}
	if !slices.Contains(oauthErrorCodes, *parsed.Error) {
		return fmt.Errorf("OAuth error code %q is not one of RFC 6749, section 5.2", *parsed.Error)
	}
	return nil
}

// checkFormFields rejects unknown and repeated fields in a form-encoded
// body. kin-openapi decodes such a body through the schema's properties and
// drops any other field, so additionalProperties: false on OAuthTokenBody
// would otherwise never fail. RFC 6749, section 3.2, forbids repeating a
// parameter.
func checkFormFields(operation *openapi3.Operation, header http.Header, body []byte) error {
	mediaType, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil || mediaType != "application/x-www-form-urlencoded" {
		return nil
	}
	if operation.RequestBody == nil || operation.RequestBody.Value == nil {
		return nil
	}
	media := operation.RequestBody.Value.Content.Get(mediaType)
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return nil
	}

	schema := media.Schema.Value
	closed := schema.AdditionalProperties.Has != nil && !*schema.AdditionalProperties.Has
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return fmt.Errorf("request body is not valid form encoding: %w", err)
	}
	for _, name := range slices.Sorted(maps.Keys(values)) {
		property, known := schema.Properties[name]
		if !known && closed {
			return fmt.Errorf("request body has unknown form field %q", name)
		}
		repeatable := known && property.Value != nil && property.Value.Type.Is("array")
		if len(values[name]) > 1 && !repeatable {
			return fmt.Errorf("request body repeats form field %q", name)
		}
	}
	return nil
}
