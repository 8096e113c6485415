package ingest

import (
	"fmt"
	"strings"
	"sync"

	"github.com/partnergraph/partnergraph"
)

// IDs are the organisation ids given so far, each with its anchor: the
// resolver's key of the name the organisation had when it got the id. An
// organisation keeps the id anchored in it whatever name it prefers later;
// when clusters merge, the oldest id anchored in the merged cluster is its
// id and the others are its merged ids; when a cluster splits, the part
// that holds the anchor keeps the id and the other part gets a new one. An
// id is never given twice, so one that disappears (its documents deleted)
// comes back with its anchor.
//
// The ids are a function of the corpus and of the IDs as they were: the
// resolver reads the same corpus into the same ids with the same IDs, so
// the IDs are kept beside the documents (on disk, in the snapshot, in the
// database).
type IDs struct {
	mu       sync.Mutex
	entries  []IDEntry
	byAnchor map[string]int // anchor -> index in entries
	taken    map[string]bool
}

// IDEntry is one id given, and the anchor that holds it.
type IDEntry = partnergraph.IDAnchor

// NewIDs returns the ids given so far, in the order given. An entry whose
// id or anchor repeats an earlier one is an error: the list was not written
// by IDs.
func NewIDs(entries []IDEntry) (*IDs, error) {
	x := &IDs{byAnchor: map[string]int{}, taken: map[string]bool{}}
	for _, e := range entries {
		if err := x.add(e); err != nil {
			return nil, err
		}
	}
	return x, nil
}

func (x *IDs) add(e IDEntry) error {
	switch {
	case partnergraph.KindOfID(e.ID) != partnergraph.KindOrganisation || e.Anchor == "":
		return partnergraph.Errorf(partnergraph.EINVALID, "id entry %q at %q is no organisation id with an anchor", e.ID, e.Anchor)
	case x.taken[e.ID]:
		return partnergraph.Errorf(partnergraph.EINVALID, "id %q is given twice", e.ID)
	}
	if _, dup := x.byAnchor[e.Anchor]; dup {
		return partnergraph.Errorf(partnergraph.EINVALID, "anchor %q holds two ids", e.Anchor)
	}
	x.byAnchor[e.Anchor] = len(x.entries)
	x.taken[e.ID] = true
	x.entries = append(x.entries, e)
	return nil
}

// Len is the number of ids given.
func (x *IDs) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.entries)
}

// Entries returns the ids given from the nth on, in the order given.
func (x *IDs) Entries(from int) []IDEntry {
	x.mu.Lock()
	defer x.mu.Unlock()
	if from >= len(x.entries) {
		return nil
	}
	return append([]IDEntry(nil), x.entries[from:]...)
}

// Truncate forgets the ids given from the nth on: a write that was not
// made takes back the ids it gave.
func (x *IDs) Truncate(n int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, e := range x.entries[min(n, len(x.entries)):] {
		delete(x.byAnchor, e.Anchor)
		delete(x.taken, e.ID)
	}
	x.entries = x.entries[:min(n, len(x.entries))]
}

// Extend adds the entries beyond those the IDs hold: ids another writer
// gave after them. The entries the IDs hold must begin the list.
func (x *IDs) Extend(entries []IDEntry) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, e := range entries {
		if i < len(x.entries) {
			if x.entries[i] != e {
				return fmt.Errorf("id %d is %s at %q here and %s at %q there", i, x.entries[i].ID, x.entries[i].Anchor, e.ID, e.Anchor)
			}
			continue
		}
		if err := x.add(e); err != nil {
			return err
		}
	}
	return nil
}

// Clone is a copy that changes apart.
func (x *IDs) Clone() *IDs {
	y, _ := NewIDs(x.Entries(0))
	return y
}

// held returns the ids anchored at the nodes, oldest first.
func (x *IDs) held(nodes []string) []int {
	var out []int
	for _, n := range nodes {
		if i, ok := x.byAnchor[n]; ok {
			out = append(out, i)
		}
	}
	return out
}

// mint gives a new id for the name, anchored at anchor: the name's slug,
// numbered when an id of that slug was given before.
func (x *IDs) mint(name, anchor string, reserved func(string) bool) string {
	base := "org:" + partnergraph.Slug(name)
	if base == "org:" {
		base = "org:unnamed"
	}
	id := base
	for n := 2; x.taken[id] || reserved(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	if err := x.add(IDEntry{ID: id, Anchor: anchor}); err != nil {
		panic("ingest: minting " + id + ": " + err.Error()) // an anchor holds no id when one is minted for it
	}
	return id
}

// gazetteerID is the id of a gazetteer organisation; it is no minted id.
func gazetteerID(node string) string { return "org:" + strings.TrimPrefix(node, "gaz:") }
