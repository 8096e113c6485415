package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/partnergraph/partnergraph"
)

// TrustedDocuments is an allow-list of GraphQL documents by the SHA-256
// of their text (hex): with it, the server runs those documents alone. A
// request names one by its text, or by its hash alone as an automatic
// persisted query does (extensions.persistedQuery.sha256Hash).
type TrustedDocuments map[string]string

// DocumentHash is the hash a document is trusted by.
func DocumentHash(doc string) string {
	h := sha256.Sum256([]byte(doc))
	return hex.EncodeToString(h[:])
}

// ParseTrustedDocuments reads a manifest: a JSON object of hash to
// document, or Apollo's persisted query manifest ({"operations": [{"id",
// "body"}]}). Every hash must be the SHA-256 of its document.
func ParseTrustedDocuments(b []byte) (TrustedDocuments, error) {
	var apollo struct {
		Operations []struct {
			ID   string `json:"id"`
			Body string `json:"body"`
		} `json:"operations"`
	}
	out := TrustedDocuments{}
	if err := json.Unmarshal(b, &apollo); err == nil && len(apollo.Operations) > 0 {
		for _, op := range apollo.Operations {
			out[op.ID] = op.Body
		}
	} else {
		var flat map[string]string
		if err := json.Unmarshal(b, &flat); err != nil {
			return nil, fmt.Errorf("a trusted documents manifest is a JSON object of SHA-256 hash to document, or an Apollo persisted query manifest: %v", err)
		}
		for k, v := range flat {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the trusted documents manifest lists no document")
	}
	for hash, doc := range out {
		if DocumentHash(doc) != hash {
			return nil, fmt.Errorf("trusted document %s: its hash is not the SHA-256 of its text (%s)", hash, DocumentHash(doc))
		}
	}
	return out, nil
}

// trusted refuses the documents an allow-list lacks.
type trusted struct{ docs TrustedDocuments }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = trusted{}

func (trusted) ExtensionName() string                          { return "TrustedDocuments" }
func (trusted) Validate(schema graphql.ExecutableSchema) error { return nil }

func (t trusted) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query != "" {
		if _, ok := t.docs[DocumentHash(p.Query)]; ok {
			return nil
		}
		err := gqlerror.Errorf("this server runs trusted documents only, and this document is not one of them: send one of its trusted documents, or its sha256Hash in extensions.persistedQuery")
		errcode.Set(err, partnergraph.EUNAUTHORIZED)
		return err
	}
	ext, _ := p.Extensions["persistedQuery"].(map[string]any)
	hash, _ := ext["sha256Hash"].(string)
	if doc, ok := t.docs[hash]; ok {
		p.Query = doc
		return nil
	}
	err := gqlerror.Errorf("PersistedQueryNotFound: no trusted document has the hash %q", hash)
	errcode.Set(err, "PERSISTED_QUERY_NOT_FOUND")
	return err
}
