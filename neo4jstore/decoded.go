package neo4jstore

import (
	"encoding/json"
	"hash/maphash"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/partnergraph/partnergraph"
)

// DefaultDecodedProjects is how many decoded projects a Store keeps when
// Config.DecodedProjects is zero.
const DefaultDecodedProjects = 20000

// decodedProjects keeps projects decoded from the JSON of their data
// property, keyed by a hash of that JSON. Every read still reads the JSON
// from the database; only decoding it again is saved (about four fifths of
// the server's CPU when a query reads thousands of projects). A project
// that changed has other JSON, so it is decoded afresh: the cache is never
// stale, and servers that share a database need not tell each other
// anything. Projects are shared between readers, which never modify them
// (as with memstore's). A nil *decodedProjects decodes every time.
type decodedProjects struct {
	seed  maphash.Seed
	cache *lru.Cache[decodedKey, *partnergraph.Project]
}

type decodedKey struct {
	sum uint64
	n   int // the JSON's length: a second check beside the hash
}

// newDecodedProjects keeps up to size decoded projects; none when size < 0.
func newDecodedProjects(size int) *decodedProjects {
	if size == 0 {
		size = DefaultDecodedProjects
	}
	if size < 0 {
		return nil
	}
	cache, err := lru.New[decodedKey, *partnergraph.Project](size)
	if err != nil {
		return nil // only for a size <= 0, excluded above
	}
	return &decodedProjects{seed: maphash.MakeSeed(), cache: cache}
}

// decode returns the project the JSON holds.
func (d *decodedProjects) decode(data string) (*partnergraph.Project, error) {
	var key decodedKey
	if d != nil {
		key = decodedKey{sum: maphash.String(d.seed, data), n: len(data)}
		if p, ok := d.cache.Get(key); ok {
			return p, nil
		}
	}
	var p partnergraph.Project
	if err := json.Unmarshal([]byte(data), &p); err != nil {
		return nil, partnergraph.Errorf(partnergraph.EINTERNAL, "decode project: %v", err)
	}
	if d != nil {
		d.cache.Add(key, &p)
	}
	return &p, nil
}
