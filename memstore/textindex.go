package memstore

import (
	"container/heap"
	"math"
	"runtime"
	"sync"

	"github.com/partnergraph/partnergraph"
)

// textIndex is the embedded store's full-text index: an inverted index in
// memory, ranked with BM25 (as Lucene, and so Neo4j's full-text index, ranks
// by default). Text goes through the analyzer of analyze.go: words folded,
// English stop words out, Porter stems.
//
// It replaced a bleve index, whose query path scored every match through
// generic iterators: a four-word search over 100,000 projects took about
// 100 ms. Here postings are flat arrays, pointer-free for the garbage
// collector, and a search adds their scores into one dense array.
//
// A node that changes is marked deleted and added again at the end; postings
// of deleted documents stay (they still count in document frequencies, as in
// Lucene) until more than a tenth are deleted, when the index is compacted.
type textIndex struct {
	ids      []string
	kinds    []partnergraph.NodeKind
	live     []bool
	lens     [numFields][]uint32 // tokens in each field of each document
	sumLen   [numFields]int64    // over live documents
	nLive    int
	docOf    map[string]uint32
	postings [numFields]map[string][]uint32 // doc<<8 | min(tf, 255), by document

	scratch sync.Pool // *searchScratch
}

const (
	fieldTitle = iota
	fieldText
	numFields
)

// boosts weigh a match in the title twice a match in the text.
var boosts = [numFields]float64{2, 1}

const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// textDoc is what the index holds of a node.
type textDoc struct {
	id     string
	kind   partnergraph.NodeKind
	fields [numFields]string
}

func newTextIndex() *textIndex {
	ix := &textIndex{docOf: map[string]uint32{}}
	for f := range ix.postings {
		ix.postings[f] = map[string][]uint32{}
	}
	return ix
}

// termCount is one term of an analysed field and how often it occurs.
type termCount struct {
	term string
	tf   uint32
}

// analysed is a document after analysis: its terms per field and lengths.
type analysed struct {
	terms [numFields][]termCount
	lens  [numFields]uint32
}

func analyse(d *textDoc, an *analyzer, counts map[string]uint32) analysed {
	var a analysed
	for f, text := range d.fields {
		if text == "" {
			continue
		}
		clear(counts)
		n := uint32(0)
		an.each(text, func(term string) {
			counts[term]++
			n++
		})
		a.lens[f] = n
		a.terms[f] = make([]termCount, 0, len(counts))
		for t, c := range counts {
			a.terms[f] = append(a.terms[f], termCount{t, c})
		}
	}
	return a
}

// update takes the removed ids out and adds (or replaces) the documents.
// Analysis runs on every core; the postings are appended in document order.
func (ix *textIndex) update(removed []string, docs []textDoc) {
	for _, id := range removed {
		ix.delete(id)
	}
	for _, d := range docs {
		ix.delete(d.id)
	}
	out := make([]analysed, len(docs))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/64))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			counts, an := map[string]uint32{}, newAnalyzer()
			for i := w; i < len(docs); i += workers {
				out[i] = analyse(&docs[i], an, counts)
			}
		}(w)
	}
	wg.Wait()
	for i := range docs {
		ix.add(&docs[i], &out[i])
		out[i] = analysed{}
	}
	if dead := len(ix.ids) - ix.nLive; dead > 0 && dead*10 > len(ix.ids) {
		ix.compact()
	}
}

func (ix *textIndex) add(d *textDoc, a *analysed) {
	doc := uint32(len(ix.ids))
	ix.ids = append(ix.ids, d.id)
	ix.kinds = append(ix.kinds, d.kind)
	ix.live = append(ix.live, true)
	ix.docOf[d.id] = doc
	ix.nLive++
	for f := range a.terms {
		ix.lens[f] = append(ix.lens[f], a.lens[f])
		ix.sumLen[f] += int64(a.lens[f])
		for _, tc := range a.terms[f] {
			ix.postings[f][tc.term] = append(ix.postings[f][tc.term], doc<<8|min(tc.tf, 255))
		}
	}
}

func (ix *textIndex) delete(id string) {
	doc, ok := ix.docOf[id]
	if !ok {
		return
	}
	delete(ix.docOf, id)
	ix.live[doc] = false
	ix.nLive--
	for f := range ix.lens {
		ix.sumLen[f] -= int64(ix.lens[f][doc])
	}
}

// compact drops deleted documents and renumbers the rest.
func (ix *textIndex) compact() {
	const gone = ^uint32(0)
	renum := make([]uint32, len(ix.ids))
	n := uint32(0)
	for doc := range ix.ids {
		if !ix.live[doc] {
			renum[doc] = gone
			continue
		}
		renum[doc] = n
		ix.ids[n], ix.kinds[n] = ix.ids[doc], ix.kinds[doc]
		for f := range ix.lens {
			ix.lens[f][n] = ix.lens[f][doc]
		}
		ix.docOf[ix.ids[n]] = n
		n++
	}
	ix.ids, ix.kinds, ix.live = ix.ids[:n], ix.kinds[:n], ix.live[:n]
	for i := range ix.live {
		ix.live[i] = true
	}
	for f := range ix.lens {
		ix.lens[f] = ix.lens[f][:n]
		for term, list := range ix.postings[f] {
			kept := list[:0]
			for _, p := range list {
				if to := renum[p>>8]; to != gone {
					kept = append(kept, to<<8|p&0xff)
				}
			}
			if len(kept) == 0 {
				delete(ix.postings[f], term)
			} else {
				ix.postings[f][term] = kept
			}
		}
	}
}

type searchScratch struct {
	acc     []float32
	touched []uint32
}

// hit is a scored document.
type hit struct {
	doc   uint32
	score float64
}

// search returns the best first documents for the query's terms, of the
// given kinds (any kind when empty), best first, ties by id.
func (ix *textIndex) search(query string, kinds []partnergraph.NodeKind, first int) []partnergraph.SearchHit {
	terms := map[string]bool{}
	var order []string
	newAnalyzer().each(query, func(t string) {
		if !terms[t] {
			terms[t] = true
			order = append(order, t)
		}
	})
	if len(order) == 0 || ix.nLive == 0 {
		return []partnergraph.SearchHit{}
	}
	sc, _ := ix.scratch.Get().(*searchScratch)
	if sc == nil || len(sc.acc) < len(ix.ids) {
		sc = &searchScratch{acc: make([]float32, len(ix.ids)+len(ix.ids)/8)}
	}
	n := float64(ix.nLive)
	for f := range ix.postings {
		avg := float64(ix.sumLen[f]) / n
		if avg == 0 {
			continue
		}
		lens := ix.lens[f]
		for _, t := range order {
			list := ix.postings[f][t]
			if len(list) == 0 {
				continue
			}
			df := min(float64(len(list)), n) // deleted documents still count, as in Lucene
			w := boosts[f] * math.Log(1+(n-df+0.5)/(df+0.5)) * (bm25K1 + 1)
			// The length part of BM25's denominator, per unit of avg.
			a, b := bm25K1*(1-bm25B), bm25K1*bm25B/avg
			for _, p := range list {
				doc, tf := p>>8, float64(p&0xff)
				if !ix.live[doc] {
					continue
				}
				if sc.acc[doc] == 0 {
					sc.touched = append(sc.touched, doc)
				}
				sc.acc[doc] += float32(w * tf / (tf + a + b*float64(lens[doc])))
			}
		}
	}
	var want map[partnergraph.NodeKind]bool
	if len(kinds) > 0 {
		want = map[partnergraph.NodeKind]bool{}
		for _, k := range kinds {
			want[k] = true
		}
	}
	top := &hitHeap{ids: ix.ids}
	for _, doc := range sc.touched {
		s := float64(sc.acc[doc])
		sc.acc[doc] = 0
		if want != nil && !want[ix.kinds[doc]] {
			continue
		}
		h := hit{doc, s}
		if top.Len() < first {
			heap.Push(top, h)
		} else if top.better(h, top.hits[0]) {
			top.hits[0] = h
			heap.Fix(top, 0)
		}
	}
	sc.touched = sc.touched[:0]
	ix.scratch.Put(sc)
	out := make([]partnergraph.SearchHit, top.Len())
	for i := len(out) - 1; i >= 0; i-- {
		h := heap.Pop(top).(hit)
		out[i] = partnergraph.SearchHit{ID: ix.ids[h.doc], Score: h.score}
	}
	return out
}

// hitHeap keeps the best hits with the worst on top.
type hitHeap struct {
	hits []hit
	ids  []string
}

// better: a higher score, or the same score and a smaller id.
func (h *hitHeap) better(a, b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return h.ids[a.doc] < h.ids[b.doc]
}
func (h *hitHeap) Len() int           { return len(h.hits) }
func (h *hitHeap) Less(i, j int) bool { return h.better(h.hits[j], h.hits[i]) }
func (h *hitHeap) Swap(i, j int)      { h.hits[i], h.hits[j] = h.hits[j], h.hits[i] }
func (h *hitHeap) Push(x any)         { h.hits = append(h.hits, x.(hit)) }
func (h *hitHeap) Pop() any {
	x := h.hits[len(h.hits)-1]
	h.hits = h.hits[:len(h.hits)-1]
	return x
}
