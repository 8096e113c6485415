package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/partnergraph/partnergraph"
)

// ErrorPresenter turns errors into GraphQL errors whose extensions.code is
// the partnergraph error code. Errors that are not *partnergraph.Error are
// bugs: they are logged and shown as EINTERNAL without their text.
func ErrorPresenter(ctx context.Context, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	var perr *partnergraph.Error
	switch {
	case errors.As(err, &perr):
		gerr.Message = perr.Message
		setCode(gerr, perr.Code)
	case errors.Is(err, context.DeadlineExceeded):
		gerr.Message = "The request took too long and was stopped."
		setCode(gerr, partnergraph.EUNAVAILABLE)
	case errors.Is(err, context.Canceled):
		gerr.Message = "The request was cancelled."
		setCode(gerr, partnergraph.EUNAVAILABLE)
	default:
		var gq *gqlerror.Error
		if errors.As(err, &gq) && gq.Extensions["code"] != nil {
			return gerr // gqlgen's own: GRAPHQL_VALIDATION_FAILED, ...
		}
		if errors.As(err, &gq) && gq.Err == nil {
			// gqlgen's words about a request it could not take (a body that
			// is not JSON, no query): the client's mistake, said as is.
			setCode(gerr, partnergraph.EINVALID)
			return gerr
		}
		slog.ErrorContext(ctx, "internal error", "err", err, "path", gerr.Path.String())
		gerr.Message = partnergraph.ErrorMessage(err)
		setCode(gerr, partnergraph.EINTERNAL)
	}
	return gerr
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// Recover turns a panic in a resolver into an EINTERNAL error.
func Recover(ctx context.Context, v any) error {
	slog.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(v))
	return partnergraph.Errorf(partnergraph.EINTERNAL, "Internal error.")
}
