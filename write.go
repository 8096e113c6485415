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
	changed.Documents, removed = diffNodes(old.Documents, new.Documents, func(d Document) string { return d.ID }, removed)
	changed.Projects, removed = diffNodes(old.Projects, new.Projects, func(p Project) string { return p.ID }, removed)
	changed.Organisations, removed = diffNodes(old.Organisations, new.Organisations, func(o Organisation) string { return o.ID }, removed)
	changed.TargetGroups, removed = diffNodes(old.TargetGroups, new.TargetGroups, func(t TargetGroup) string { return t.ID }, removed)
	changed.Programmes, removed = diffNodes(old.Programmes, new.Programmes, func(p Programme) string { return p.ID }, removed)
	changed.Funders, removed = diffNodes(old.Funders, new.Funders, func(f Funder) string { return f.ID }, removed)
	sort.Strings(removed)
	return changed, removed
}

func diffNodes[T any](old, new []T, id func(T) string, removed []string) ([]T, []string) {
	before := make(map[string]int, len(old))
	for i, n := range old {
		before[id(n)] = i
	}
	var changed []T
	inNew := make(map[string]bool, len(new))
	for _, n := range new {
		inNew[id(n)] = true
		if i, ok := before[id(n)]; !ok || !reflect.DeepEqual(old[i], n) {
			changed = append(changed, n)
		}
	}
	for _, n := range old {
		if !inNew[id(n)] {
			removed = append(removed, id(n))
		}
	}
	return changed, removed
}

// IDs returns the ids of every node of the graph, sorted.
func (g *Graph) IDs() []string {
	var ids []string
	for _, d := range g.Documents {
		ids = append(ids, d.ID)
	}
	for _, p := range g.Projects {
		ids = append(ids, p.ID)
	}
	for _, o := range g.Organisations {
		ids = append(ids, o.ID)
	}
	for _, t := range g.TargetGroups {
		ids = append(ids, t.ID)
	}
	for _, p := range g.Programmes {
		ids = append(ids, p.ID)
	}
	for _, f := range g.Funders {
		ids = append(ids, f.ID)
	}
	sort.Strings(ids)
	return ids
}
