package partnergraph

import (
	"context"
	"reflect"
	"sort"
)

// Writes. The graph is a function of the documents that were accepted: a
// write adds, replaces or removes one document, the corpus is resolved
// again, and Diff gives the change that turns the stored graph into the new
// one, which Store.Apply writes in one step.

// DocumentWriter takes new project sheets and removes old ones. Callers must
// be authenticated (see WithPrincipal); the writer refuses others with
// EUNAUTHORIZED.
type DocumentWriter interface {
	// IngestDocument adds the sheet named name, or replaces the document of
	// that name. A sheet that cannot be read is an EINVALID error naming
	// the problem, and nothing of it is written.
	IngestDocument(ctx context.Context, name, text string) (*WriteResult, error)
	// DeleteDocument removes the document with this id and what only it
	// asserted; ENOTFOUND when there is no such document.
	DeleteDocument(ctx context.Context, id string) (*WriteResult, error)
}

// WriteResult tells what a write did.
type WriteResult struct {
	Document Document // the document written, or removed
	Created  bool     // the document is new (not a replacement)
	Changed  []string // ids of the nodes added or updated, sorted
	Removed  []string // ids of the nodes removed, sorted
	Durable  bool     // the document is on disk and survives a restart
}

// Principal is the caller a request was authenticated as.
type Principal struct {
	// KeyID names the API key without revealing it: the first hex digits
	// of its hash.
	KeyID string
}

type principalKey struct{}

// WithPrincipal returns a context that carries the authenticated caller.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the authenticated caller, or nil.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Diff returns the change from the graph old to the graph new: the nodes of
// new that old lacks or holds otherwise, and the ids of the nodes of old
// that new lacks, sorted. Applying both to a store that holds old leaves it
// holding new.
func Diff(old, new *Graph) (changed *Graph, removed []string) {
	if old == nil {
		old = &Graph{}
	}
	changed = &Graph{}
	changed.Documents, removed = diffNodes(old.Documents, new.Documents, removed)
	changed.Projects, removed = diffNodes(old.Projects, new.Projects, removed)
	changed.Organisations, removed = diffNodes(old.Organisations, new.Organisations, removed)
	changed.TargetGroups, removed = diffNodes(old.TargetGroups, new.TargetGroups, removed)
	changed.Programmes, removed = diffNodes(old.Programmes, new.Programmes, removed)
	changed.Funders, removed = diffNodes(old.Funders, new.Funders, removed)
	sort.Strings(removed)
	return changed, removed
}

// node is a node type of Graph's lists, whose pointer is a Node.
type node[T any] interface {
	*T
	Node
}

func diffNodes[T any, P node[T]](old, new []T, removed []string) ([]T, []string) {
	before := make(map[string]int, len(old))
	for i := range old {
		before[P(&old[i]).NodeID()] = i
	}
	var changed []T
	inNew := make(map[string]bool, len(new))
	for i := range new {
		id := P(&new[i]).NodeID()
		inNew[id] = true
		if j, ok := before[id]; !ok || !reflect.DeepEqual(old[j], new[i]) {
			changed = append(changed, new[i])
		}
	}
	for i := range old {
		if id := P(&old[i]).NodeID(); !inNew[id] {
			removed = append(removed, id)
		}
	}
	return changed, removed
}

func appendIDs[T any, P node[T]](ids []string, list []T) []string {
	for i := range list {
		ids = append(ids, P(&list[i]).NodeID())
	}
	return ids
}

// IDs returns the ids of every node of the graph, sorted.
func (g *Graph) IDs() []string {
	ids := appendIDs(nil, g.Documents)
	ids = appendIDs(ids, g.Projects)
	ids = appendIDs(ids, g.Organisations)
	ids = appendIDs(ids, g.TargetGroups)
	ids = appendIDs(ids, g.Programmes)
	ids = appendIDs(ids, g.Funders)
	sort.Strings(ids)
	return ids
}

// Warnings are the extraction warnings of the document written.
func (r *WriteResult) Warnings() []string { return r.Document.Warnings }
