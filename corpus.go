package partnergraph

import (
	"context"
	"errors"
)

// StoredDocument is a document's text as a Corpus keeps it.
type StoredDocument struct {
	ID   string // doc:...
	Name string // the name it was given
	Text string
}

// Corpus is a Store that also keeps the texts of the documents behind the
// graph (Neo4j does). Several API servers on one database then share one
// corpus: each resolves a write against every document any of them, or
// `server ingest`, wrote, and any of them can delete any document. The
// version moves on with every change of the documents, so a server knows
// when what it read is stale.
type Corpus interface {
	Store
	// CorpusVersion is the version of the documents now.
	CorpusVersion(ctx context.Context) (int64, error)
	// Documents returns every kept document, in id order, and the version
	// they are at (read together).
	Documents(ctx context.Context) ([]StoredDocument, int64, error)
	// PutDocuments keeps the texts of documents whose graph is already
	// loaded (a start with sheets, `server ingest`) and the organisation
	// ids given, and moves the version on.
	PutDocuments(ctx context.Context, docs []StoredDocument, ids []IDAnchor) error
	// ApplyDocument is Apply together with the change of one document's
	// text, put (non-nil) or dropped (drop, a document id), in the same
	// transaction, made only if the documents are still at version expect:
	// otherwise it returns ErrCorpusChanged and writes nothing. It returns
	// the new version. ids are the organisation ids the change gave,
	// kept with it.
	ApplyDocument(ctx context.Context, changed *Graph, remove []string, put *StoredDocument, drop string, ids []IDAnchor, expect int64) (int64, error)
	// IDs returns the organisation ids given so far, in the order given.
	IDs(ctx context.Context) ([]IDAnchor, error)
}

// IDAnchor is an organisation id and the resolver's key of the name it was
// given for: the organisation that holds the anchor holds the id, however
// it is named later (see ingest.IDs).
type IDAnchor struct {
	ID     string `json:"id"`
	Anchor string `json:"anchor"`
}

// ErrCorpusChanged says another writer changed the documents since they
// were read: read them again and resolve the write anew.
var ErrCorpusChanged = errors.New("the documents changed since they were read")
