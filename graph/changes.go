package graph

import (
	"context"
	"slices"

	"github.com/partnergraph/partnergraph"
)

// filterChanges passes on the changes that touch the kinds and ids asked
// for (all when none are), each with only those ids; a reset always
// passes. The channel closes when the feed's does.
func filterChanges(ctx context.Context, in <-chan partnergraph.GraphChange, kinds []partnergraph.NodeKind, ids []string) <-chan *partnergraph.GraphChange {
	out := make(chan *partnergraph.GraphChange)
	keep := func(list []string) []string {
		kept := []string{}
		for _, id := range list {
			if (len(kinds) == 0 || slices.Contains(kinds, partnergraph.KindOfID(id))) && (len(ids) == 0 || slices.Contains(ids, id)) {
				kept = append(kept, id)
			}
		}
		return kept
	}
	go func() {
		defer close(out)
		for c := range in {
			f := &partnergraph.GraphChange{Version: c.Version, Added: keep(c.Added), Changed: keep(c.Changed), Removed: keep(c.Removed), Reset: c.Reset}
			if !f.Reset && len(f.Added)+len(f.Changed)+len(f.Removed) == 0 {
				continue
			}
			select {
			case out <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
