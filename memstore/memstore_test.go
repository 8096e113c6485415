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
