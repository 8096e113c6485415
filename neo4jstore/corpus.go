package neo4jstore

import (
	"context"
	"errors"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/partnergraph/partnergraph"
)

var _ partnergraph.Corpus = (*Store)(nil)

// CorpusVersion reads the version of the documents.
func (s *Store) CorpusVersion(ctx context.Context) (int64, error) {
	records, err := s.read(ctx, cypherCorpusVersion, nil)
	if err != nil {
		return 0, err
	}
	return integer(records[0], "version"), nil
}

// Documents reads every kept text and the version, in one read transaction.
func (s *Store) Documents(ctx context.Context) ([]partnergraph.StoredDocument, int64, error) {
	type result struct {
		docs    []partnergraph.StoredDocument
		version int64
	}
	out, err := s.readTransaction(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		var r result
		var err error
		if r.version, err = version(ctx, tx, cypherCorpusVersion); err != nil {
			return nil, err
		}
		res, err := tx.Run(ctx, cypherTexts, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			rec := res.Record()
			r.docs = append(r.docs, partnergraph.StoredDocument{ID: str(rec, "id"), Name: str(rec, "name"), Text: str(rec, "text")})
		}
		return r, res.Err()
	})
	if err != nil {
		return nil, 0, s.wrap(err)
	}
	r := out.(result)
	return r.docs, r.version, nil
}

// lockCorpus takes the corpus's write lock in tx and returns its version.
func lockCorpus(ctx context.Context, tx neo4j.ManagedTransaction) (int64, error) {
	if _, err := tx.Run(ctx, cypherCorpusLock, nil); err != nil {
		return 0, err
	}
	return version(ctx, tx, cypherCorpusVersion)
}

// bumpCorpus moves the version on and returns it.
func bumpCorpus(ctx context.Context, tx neo4j.ManagedTransaction) (int64, error) {
	return version(ctx, tx, cypherCorpusBump)
}

// version runs a statement that returns one version.
func version(ctx context.Context, tx neo4j.ManagedTransaction, cypher string) (int64, error) {
	res, err := tx.Run(ctx, cypher, nil)
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, err
	}
	return integer(rec, "version"), nil
}

func textRows(docs []partnergraph.StoredDocument) []map[string]any {
	rows := make([]map[string]any, len(docs))
	for i, d := range docs {
		rows[i] = map[string]any{"id": d.ID, "name": d.Name, "text": d.Text}
	}
	return rows
}

// PutDocuments keeps the texts, in transactions of bounded size, each of
// which moves the version on.
func (s *Store) PutDocuments(ctx context.Context, docs []partnergraph.StoredDocument, ids []partnergraph.IDAnchor) error {
	session := s.writeSession(ctx)
	defer session.Close(ctx)
	if len(ids) > 0 {
		_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			if _, err := lockCorpus(ctx, tx); err != nil {
				return nil, err
			}
			return nil, putIDs(ctx, tx, s.batch, ids)
		})
		if err != nil {
			return s.wrap(err)
		}
	}
	for start := 0; start < len(docs); start += s.batch {
		batch := docs[start:min(start+s.batch, len(docs))]
		_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			if _, err := lockCorpus(ctx, tx); err != nil {
				return nil, err
			}
			if err := runRows(ctx, tx, s.batch, cypherPutTexts, "rows", textRows(batch)); err != nil {
				return nil, err
			}
			return bumpCorpus(ctx, tx)
		})
		if err != nil {
			return s.wrap(err)
		}
	}
	return nil
}

// ApplyDocument applies a change and the document's text in one
// transaction, if the documents are still at version c.Expect, and logs
// the change under the new version.
func (s *Store) ApplyDocument(ctx context.Context, c partnergraph.DocumentChange) (int64, error) {
	session := s.writeSession(ctx)
	defer session.Close(ctx)
	out, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		v, err := lockCorpus(ctx, tx)
		if err != nil {
			return nil, err
		}
		if v != c.Expect {
			return nil, partnergraph.ErrCorpusChanged
		}
		if err := s.applyTx(ctx, tx, c.Changed, c.Removed); err != nil {
			return nil, err
		}
		if err := putIDs(ctx, tx, s.batch, c.IDs); err != nil {
			return nil, err
		}
		if c.Put != nil {
			if err := runRows(ctx, tx, s.batch, cypherPutTexts, "rows", textRows([]partnergraph.StoredDocument{*c.Put})); err != nil {
				return nil, err
			}
		}
		if c.Drop != "" {
			if err := run(ctx, tx, cypherDropText, map[string]any{"id": c.Drop}); err != nil {
				return nil, err
			}
		}
		v, err = bumpCorpus(ctx, tx)
		if err != nil {
			return nil, err
		}
		return v, logChange(ctx, tx, v, c)
	})
	if errors.Is(err, partnergraph.ErrCorpusChanged) {
		return 0, partnergraph.ErrCorpusChanged
	}
	if err != nil {
		return 0, s.wrap(err)
	}
	s.metrics.refresh(s)
	return out.(int64), nil
}

// keptChanges is how many changes the log keeps: a server that follows it
// reads it every fraction of a second.
const keptChanges = 10000

// logChange logs a change under version v and drops the oldest.
func logChange(ctx context.Context, tx neo4j.ManagedTransaction, v int64, c partnergraph.DocumentChange) error {
	added := map[string]bool{}
	for _, id := range c.Added {
		added[id] = true
	}
	changed := []string{}
	if c.Changed != nil {
		for _, id := range c.Changed.IDs() {
			if !added[id] {
				changed = append(changed, id)
			}
		}
	}
	params := map[string]any{"version": v, "added": append([]string{}, c.Added...), "changed": changed,
		"removed": append([]string{}, c.Removed...), "reset": false, "oldest": v - keptChanges}
	if err := run(ctx, tx, cypherLogChange, params); err != nil {
		return err
	}
	return run(ctx, tx, cypherPruneChanges, params)
}

// run runs a statement whose result is not read.
func run(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) error {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

// ChangesSince reads the changes logged after version v.
func (s *Store) ChangesSince(ctx context.Context, v int64) ([]partnergraph.GraphChange, int64, error) {
	type result struct {
		changes []partnergraph.GraphChange
		version int64
	}
	out, err := s.readTransaction(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		var r result
		var err error
		if r.version, err = version(ctx, tx, cypherCorpusVersion); err != nil || r.version <= v {
			return r, err
		}
		res, err := tx.Run(ctx, cypherChangesSince, map[string]any{"version": v})
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			rec := res.Record()
			r.changes = append(r.changes, partnergraph.GraphChange{Version: integer(rec, "version"), Added: strs(value(rec, "added")),
				Changed: strs(value(rec, "changed")), Removed: strs(value(rec, "removed")), Reset: value(rec, "reset") == true})
		}
		return r, res.Err()
	})
	if err != nil {
		return nil, 0, s.wrap(err)
	}
	r := out.(result)
	// Versions the log does not hold (dropped as old, or moved on by a
	// load) come as one Reset at the version they end at.
	var changes []partnergraph.GraphChange
	next := v + 1
	for _, c := range r.changes {
		if c.Version > next {
			changes = append(changes, partnergraph.GraphChange{Version: c.Version - 1, Reset: true})
		}
		changes = append(changes, c)
		next = c.Version + 1
	}
	if next <= r.version {
		changes = append(changes, partnergraph.GraphChange{Version: r.version, Reset: true})
	}
	return changes, r.version, nil
}

// putIDs keeps organisation ids given, after those kept: each with its
// place in the order given.
func putIDs(ctx context.Context, tx neo4j.ManagedTransaction, batch int, ids []partnergraph.IDAnchor) error {
	if len(ids) == 0 {
		return nil
	}
	res, err := tx.Run(ctx, cypherIDCount, nil)
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	next := integer(rec, "n")
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		rows[i] = map[string]any{"id": id.ID, "anchor": id.Anchor, "seq": next + int64(i)}
	}
	return runRows(ctx, tx, batch, cypherPutIDs, "rows", rows)
}

// IDs reads the organisation ids given, in the order given.
func (s *Store) IDs(ctx context.Context) ([]partnergraph.IDAnchor, error) {
	records, err := s.read(ctx, cypherIDs, nil)
	if err != nil {
		return nil, err
	}
	out := make([]partnergraph.IDAnchor, len(records))
	for i, r := range records {
		out[i] = partnergraph.IDAnchor{ID: str(r, "id"), Anchor: str(r, "anchor")}
	}
	return out, nil
}

// readTransaction runs work in one read transaction, after the writes this
// server's queries have seen (the driver's bookmarks).
func (s *Store) readTransaction(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer session.Close(ctx)
	return session.ExecuteRead(ctx, work)
}
