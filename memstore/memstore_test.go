package memstore_test

import (
	"testing"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/memstore"
	"github.com/partnergraph/partnergraph/storetest"
)

func TestStore(t *testing.T) {
	storetest.TestStore(t, func(t *testing.T) partnergraph.Store { return memstore.New() })
}

// TestWrites: random writes through a library leave the store as a fresh
// resolution of the documents.
func TestWrites(t *testing.T) {
	storetest.TestWrites(t, func(t *testing.T) partnergraph.Store { return memstore.New() }, 4, 30)
}
