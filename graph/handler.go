package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/partnergraph/partnergraph"
)

// Options tune the GraphQL handler.
type Options struct {
	// ComplexityLimit refuses operations whose complexity is higher; 0 means
	// DefaultComplexityLimit.
	ComplexityLimit int
	// MaxDepth, MaxAliases and ParserTokenLimit refuse hostile queries;
	// 0 means the default.
	MaxDepth, MaxAliases, ParserTokenLimit int
	// Observe, when set, is told of every answered operation: its name
	// ("" when it has none), how long it took and the error codes.
	Observe func(ctx context.Context, operation string, took time.Duration, codes []string)
	// BatchWait is how long the per-request loaders gather keys before
	// asking the store; 0 means DefaultBatchWait. A store in memory answers
	// fast and can use less; a database gains from more.
	BatchWait time.Duration
	// Writer takes the mutations; nil refuses them.
	Writer partnergraph.DocumentWriter
	// Feed tells subscriptions of the graph's changes; nil refuses them.
	Feed partnergraph.ChangeFeed
	// WebsocketAuth, when set, checks the Authorization of a WebSocket's
	// connection_init payload ("" when it has none) and returns the context
	// the connection's operations run in, or an error that refuses it.
	WebsocketAuth func(ctx context.Context, authorization string) (context.Context, error)
	// WebsocketOrigins are the origins (host patterns) a browser's
	// WebSocket may come from besides the server's own; "*" for any.
	WebsocketOrigins []string
	// Trusted, when set, are the only documents the server runs.
	Trusted TrustedDocuments
}

// DefaultComplexityLimit is the complexity limit when none is set. List
// fields count their children once per item they may return (see
// complexity), so 50 projects with their partners' first 50 projects stay
// under it, while lists of lists of lists of 100 do not.
const DefaultComplexityLimit = 50000

// NewHandler returns the GraphQL endpoint over the store: POST and GET
// transports, a query cache, automatic persisted queries, a complexity
// limit, the error presenter and per-operation dataloaders.
func NewHandler(store partnergraph.Store, opts Options) *handler.Server {
	cfg := Config{Resolvers: &Resolver{Store: store, Writer: opts.Writer, Feed: opts.Feed}}
	complexity(&cfg.Complexity)
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{})
	// Subscriptions: graphql-transport-ws on a WebSocket, and Server-Sent
	// Events on a POST that accepts text/event-stream.
	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitTimeout:           10 * time.Second,
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: coderws.AcceptOptions{OriginPatterns: opts.WebsocketOrigins}},
		InitFunc: func(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			if opts.WebsocketAuth == nil {
				return ctx, nil, nil
			}
			ctx, err := opts.WebsocketAuth(ctx, p.Authorization())
			return ctx, nil, err
		},
	})
	srv.AddTransport(transport.SSE{KeepAlivePingInterval: 15 * time.Second})
	// One answer a request: written as the executor made it (direct.go).
	srv.AddTransport(direct{transport.GET{}})
	srv.AddTransport(direct{transport.POST{}})
	srv.AddTransport(direct{transport.GRAPHQL{}}) // application/graphql: the body is the query
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	if opts.Trusted != nil {
		srv.Use(trusted{opts.Trusted}) // before APQ: a trusted hash needs no registration
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	limit := opts.ComplexityLimit
	if limit <= 0 {
		limit = DefaultComplexityLimit
	}
	or := func(v, def int) int {
		if v <= 0 {
			return def
		}
		return v
	}
	// The shape first (cheap), then the complexity.
	srv.Use(&strictStrings{})
	srv.Use(shapeLimits{maxDepth: or(opts.MaxDepth, DefaultMaxDepth), maxAliases: or(opts.MaxAliases, DefaultMaxAliases)})
	srv.Use(&complexityLimit{limit: limit})
	srv.SetParserTokenLimit(or(opts.ParserTokenLimit, DefaultParserTokenLimit))
	srv.SetErrorPresenter(ErrorPresenter)
	srv.SetRecoverFunc(Recover)
	// No field middleware (AroundFields, an extension that intercepts
	// fields): the executor writes plain fields without calling it
	// (graph/generate).
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withLoaders(ctx, store, opts.BatchWait))
	})
	srv.AroundResponses(tellCacheable)
	if opts.Observe != nil {
		srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
			start := time.Now()
			resp := next(ctx)
			name := ""
			if graphql.HasOperationContext(ctx) {
				if oc := graphql.GetOperationContext(ctx); oc.Operation != nil {
					name = oc.Operation.Name
				}
			}
			var codes []string
			if resp != nil {
				for _, e := range resp.Errors {
					if c, ok := e.Extensions["code"].(string); ok {
						codes = append(codes, c)
					}
				}
			}
			opts.Observe(ctx, name, time.Since(start), codes)
			return resp
		})
	}
	return srv
}
