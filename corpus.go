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
	// ApplyDocument makes a DocumentChange in one transaction, only if
	// the documents are still at version c.Expect: otherwise it returns
	// ErrCorpusChanged and writes nothing. It returns the new version, and
	// logs the change under it for ChangesSince.
	ApplyDocument(ctx context.Context, c DocumentChange) (int64, error)
	// IDs returns the organisation ids given so far, in the order given.
	IDs(ctx context.Context) ([]IDAnchor, error)
	// ChangesSince returns the changes logged after version v, in order,
	// and the version the documents are at. A version moved on by
	// PutDocuments is a change that says Reset. Changes long past are
	// dropped from the log: asked for, they come as one Reset.
	ChangesSince(ctx context.Context, v int64) ([]GraphChange, int64, error)
}

// DocumentChange is one write of a document: the graph's change (Apply's
// arguments), the text put (non-nil) or the document dropped (a document
// id), the organisation ids the write gave, and the ids of the nodes it
// added (the others of Changed were there before), at version Expect.
type DocumentChange struct {
	Changed *Graph
	Removed []string
	Put     *StoredDocument
	Drop    string
	IDs     []IDAnchor
	Added   []string
	Expect  int64
}

// GraphChange is what one write did to the graph: the ids of the nodes it
// added, changed and removed, at the version of the graph it made. Reset
// says the graph was loaded anew (a start with sheets, `server ingest`):
// what was read of it should be read again.
type GraphChange struct {
	Version                 int64
	Added, Changed, Removed []string
	Reset                   bool
}

// ChangeFeed tells of the graph's changes as they are made.
type ChangeFeed interface {
	// Changes returns every change made after the call, in order, until
	// ctx ends; then the channel is closed. A subscriber that falls far
	// behind is let go: its channel is closed early.
	Changes(ctx context.Context) (<-chan GraphChange, error)
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
