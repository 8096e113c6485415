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
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer session.Close(ctx)
	type result struct {
		docs    []partnergraph.StoredDocument
		version int64
	}
	out, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
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
// transaction, if the documents are still at version expect.
func (s *Store) ApplyDocument(ctx context.Context, changed *partnergraph.Graph, remove []string, put *partnergraph.StoredDocument, drop string, ids []partnergraph.IDAnchor, expect int64) (int64, error) {
	session := s.writeSession(ctx)
	defer session.Close(ctx)
	out, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		v, err := lockCorpus(ctx, tx)
		if err != nil {
			return nil, err
		}
		if v != expect {
			return nil, partnergraph.ErrCorpusChanged
		}
		if err := s.applyTx(ctx, tx, changed, remove); err != nil {
			return nil, err
		}
		if err := putIDs(ctx, tx, s.batch, ids); err != nil {
			return nil, err
		}
		if put != nil {
			if err := runRows(ctx, tx, s.batch, cypherPutTexts, "rows", textRows([]partnergraph.StoredDocument{*put})); err != nil {
				return nil, err
			}
		}
		if drop != "" {
			res, err := tx.Run(ctx, cypherDropText, map[string]any{"id": drop})
			if err != nil {
				return nil, err
			}
			if _, err := res.Consume(ctx); err != nil {
				return nil, err
			}
		}
		return bumpCorpus(ctx, tx)
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
