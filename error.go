// Package partnergraph holds the domain of Partnergraph: the knowledge graph of
// cross-border partnership projects, the Store that keeps it, and the error
// codes every layer speaks. It depends on the standard library only.
package partnergraph

import (
	"errors"
	"fmt"
)

// Error codes. They travel to GraphQL clients as extensions.code.
const (
	ENOTFOUND     = "ENOTFOUND"     // no such node
	EINVALID      = "EINVALID"      // bad input: argument, document, filter
	EUNAUTHORIZED = "EUNAUTHORIZED" // missing or wrong credentials
	EUNAVAILABLE  = "EUNAVAILABLE"  // a dependency (the database) cannot be reached
	EINTERNAL     = "EINTERNAL"     // a bug or an unexpected failure
)

// Error is an application error with a code that clients can act upon.
// The Message is safe to show to a user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("partnergraph error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for a nil
// error and EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, "" for
// a nil error and a generic message for any other error, whose text may hold
// internal details and is not shown to clients.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}
