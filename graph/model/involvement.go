package model

import "github.com/partnergraph/partnergraph"

// Involvement is an organisation's part in one project (a store's
// partnergraph.Involvement), with the organisation, whose evidence in the
// project it is.
type Involvement struct {
	partnergraph.Involvement
	OrganisationID string
}
