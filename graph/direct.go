package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
)

// direct is one of gqlgen's HTTP transports (GET, POST, application/graphql)
// that answers one response a request, with the answer written as the
// executor made it. gqlgen's transports hand the response to json.Marshal,
// which checks and compacts the data, already JSON written by the
// executor's marshallers, byte by byte again: a fifth of the server's CPU
// for a large answer (bench/notes.md). Here the data is copied as it is;
// the errors and extensions, small, still go through json.Marshal, in the
// order json.Marshal gives a graphql.Response. Everything else (headers,
// status codes, request errors) is the transport's own.
type direct struct{ graphql.Transport }

func (t direct) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	dw := &directWriter{ResponseWriter: w}
	t.Transport.Do(dw, r, directExec{GraphExecutor: exec, w: dw})
}

// directWriter drops what the transport writes after the answer was
// written directly: the placeholder directExec hands it.
type directWriter struct {
	http.ResponseWriter
	written bool
}

func (d *directWriter) Write(b []byte) (int, error) {
	if d.written {
		return len(b), nil
	}
	return d.ResponseWriter.Write(b)
}

func (d *directWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

// directExec writes an operation's response itself and hands the
// transport an empty one in its place.
type directExec struct {
	graphql.GraphExecutor
	w *directWriter
}

func (e directExec) DispatchOperation(ctx context.Context, oc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	next, ctx := e.GraphExecutor.DispatchOperation(ctx, oc)
	return func(ctx context.Context) *graphql.Response {
		resp := next(ctx)
		if resp == nil || resp.Label != "" || resp.Path != nil || resp.HasNext != nil || e.w.written {
			return resp // an incremental or second response: as gqlgen writes it
		}
		b, err := appendResponse(nil, resp)
		if err != nil {
			return resp
		}
		e.w.written = true
		_, _ = e.w.ResponseWriter.Write(b)
		return &graphql.Response{}
	}, ctx
}

// appendResponse writes a response as json.Marshal would, without checking
// its data again.
func appendResponse(b []byte, resp *graphql.Response) ([]byte, error) {
	b = append(b, '{')
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, `"errors":`...), errs...), ',')
	}
	b = append(b, `"data":`...)
	if data := bytes.TrimSpace(resp.Data); len(data) > 0 {
		b = append(b, data...)
	} else {
		b = append(b, "null"...)
	}
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"extensions":`...), ext...)
	}
	return append(b, '}'), nil
}
