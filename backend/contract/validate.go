package contract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Operation returns the operationId of the operation that req's method and
// URL path match, or an error when the description has no such operation.
func (s *Spec) Operation(req *http.Request) (string, error) {
	route, _, err := s.findRoute(req)
	if err != nil {
		return "", err
	}
	return route.Operation.OperationID, nil
}

// ValidateRequest checks req, whose body is passed separately because a
// client may already have consumed req.Body. It reports a failure with
// t.Errorf, naming the operation, the method, the path and the reason. A
// request to a path or method that the description lacks fails too.
func (s *Spec) ValidateRequest(t testing.TB, req *http.Request, body []byte) {
	t.Helper()

	if err := s.checkRequest(req, body); err != nil {
		t.Errorf("contract: %v", err)
	}
}

// ValidateResponse checks a response to req. Like ValidateRequest, it
// reports a failure with t.Errorf.
func (s *Spec) ValidateResponse(t testing.TB, req *http.Request, status int, header http.Header, body []byte) {
	t.Helper()

	if err := s.checkResponse(req, status, header, body); err != nil {
		t.Errorf("contract: %v", err)
	}
}

// operationError is a validation failure tied to one operation.
type operationError struct {
	operationID string
	method      string
	path        string
	err         error
}

func (e *operationError) Error() string {
	return fmt.Sprintf("%s %s (operation %s): %v", e.method, e.path, e.operationID, e.err)
}

func (e *operationError) Unwrap() error {
	return e.err
}

// validationOptions returns the openapi3filter options for one validation.
// Authentication is not checked, see dropSecurity.
func validationOptions() *openapi3filter.Options {
	schemaOptions := append(formatOptions(),
		openapi3.SetSchemaRegexCompiler(compilePattern),
		// Values can be tokens or codes, so schema errors name the field
		// and the reason without the value.
		openapi3.DisableSchemaErrorDetails(),
	)
	return &openapi3filter.Options{
		IncludeResponseStatus:   true,
		MultiError:              true,
		SkipSettingDefaults:     true,
		RegexCompiler:           compilePattern,
		SchemaValidationOptions: schemaOptions,
	}
}

// findRoute matches req to an operation of the description.
func (s *Spec) findRoute(req *http.Request) (*routers.Route, map[string]string, error) {
	route, pathParams, err := s.router.FindRoute(req)
	if err != nil {
		return nil, nil, fmt.Errorf("%s %s matches no operation of the description: %w",
			req.Method, req.URL.Path, err)
	}
	return route, pathParams, nil
}

// requestInput builds the openapi3filter input for req with the given body,
// on a clone so that req itself is left untouched.
func (s *Spec) requestInput(req *http.Request, body []byte) (*openapi3filter.RequestValidationInput, error) {
	route, pathParams, err := s.findRoute(req)
	if err != nil {
		return nil, err
	}

	clone := req.Clone(context.Background())
	clone.Body = io.NopCloser(bytes.NewReader(body))
	clone.ContentLength = int64(len(body))
	if len(body) == 0 {
		clone.Body = http.NoBody
	}
	return &openapi3filter.RequestValidationInput{
		Request:    clone,
		PathParams: pathParams,
		Route:      route,
		Options:    validationOptions(),
	}, nil
}

// checkRequest validates one request and returns the reason it fails.
func (s *Spec) checkRequest(req *http.Request, body []byte) error {
	input, err := s.requestInput(req, body)
	if err != nil {
		return err
	}
	wrap := func(err error) error {
		return &operationError{input.Route.Operation.OperationID, req.Method, req.URL.Path, err}
	}

	if err := openapi3filter.ValidateRequest(context.Background(), input); err != nil {
		return wrap(err)
	}
	if err := checkFormFields(input.Route.Operation, req.Header, body); err != nil {
		return wrap(err)
	}
	return nil
}

// checkResponse validates one response to req and returns the reason it
// fails. The exceptions for statuses and bodies that the description gets
// wrong are in quirks.go.
func (s *Spec) checkResponse(req *http.Request, status int, header http.Header, body []byte) error {
	input, err := s.requestInput(req, nil)
	if err != nil {
		return err
	}
	operation := input.Route.Operation
	wrap := func(err error) error {
		return &operationError{operation.OperationID, req.Method, req.URL.Path, err}
	}

	if skipResponse(operation) {
		return nil
	}
	if status >= 400 {
		if err := checkErrorBody(operation, header, body); err != nil {
			return wrap(fmt.Errorf("status %d: %w", status, err))
		}
		return nil
	}

	status = documentedStatus(operation, status)
	if err := checkEmptyBody(operation, status, body); err != nil {
		return wrap(err)
	}
	response := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 status,
		Header:                 header,
		Options:                input.Options,
	}
	response.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), response); err != nil {
		return wrap(fmt.Errorf("status %d: %w", status, err))
	}
	return nil
}
