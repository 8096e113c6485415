package network

import (
	"context"
	"sort"

	"github.com/partnergraph/partnergraph"
)

// Aggregate groups the projects that match the filter and sums their money.
// A project with several values (target groups, programmes, organisations)
// counts in each of their groups; ORGANISATION counts promoters and partners,
// not mentions. Buckets come largest first.
//
// The store groups (Neo4j in one query of its own, the embedded store by
// paging: partnergraph.GroupByPaging); the labels are given here.
func Aggregate(ctx context.Context, store partnergraph.Store, by partnergraph.GroupBy, f *partnergraph.ProjectFilter) ([]partnergraph.Bucket, error) {
	out, err := store.Group(ctx, by, f)
	if err != nil {
		return nil, err
	}
	return labelled(ctx, store, out)
}

// labelled names the buckets and sorts them, largest first.
func labelled(ctx context.Context, store partnergraph.Store, out []partnergraph.Bucket) ([]partnergraph.Bucket, error) {
	var ids []string
	for _, b := range out {
		if partnergraph.KindOfID(b.Key) != "" {
			ids = append(ids, b.Key)
		}
	}
	sort.Strings(ids)
	nodes, err := store.Nodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for i, n := range nodes {
		names[ids[i]] = partnergraph.NodeName(n)
	}
	for i := range out {
		k := out[i].Key
		switch {
		case k == "":
			out[i].Label = "(not given)"
		case names[k] != "":
			out[i].Label = names[k]
		case partnergraph.KindOfID(k) == partnergraph.KindCountry:
			c, _ := partnergraph.CountryByCode(k[len("country:"):])
			out[i].Label = c.Name
		default:
			out[i].Label = k
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Projects != out[j].Projects {
			return out[i].Projects > out[j].Projects
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}
