package neo4jstore

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph"
)

// Every Cypher statement of the store is here, and only here: the CI lint
// (scripts/lint-cypher.mjs, through `go run ./neo4jstore/cmd/cypherdump`)
// runs each one through Neo4j's own Cypher front end. Statements take
// parameters only; filters are composed from the fixed fragments below,
// never from user strings.

// Statement is a Cypher statement with sample values of its parameters, for
// the lint.
type Statement struct {
	Cypher string
	Params map[string]any
}

// The graph model.
//
//	(:Project {id, code, codeKey, title, titleKey, kind, status, countryCode,
//	           grant, finalCost, initialCost, startDate, description, results, data})
//	(:Organisation {id, name, acronym, aliases, countryCode, nameKey, acronymKey, nameKeys, searchText, aliasText})
//	(:TargetGroup {id, name}) (:Programme {id, name, kind}) (:Funder {id, name})
//	(:Document {id, name, layout, sha256, warnings}) (:Country {id, code, name})
//	(p)-[:PROMOTED_BY {role, ord, evidence}]->(o)  (p)-[:PARTNER {role, ord, evidence}]->(o)
//	(p)-[:TARGETS {ord}]->(t)  (p)-[:USES_PROGRAMME {activity, ord, evidence}]->(g)
//	(p)-[:LOCATED_IN]->(c)  (p)-[:FUNDED_BY]->(f)  (p)-[:FROM_DOCUMENT]->(d)  (o)-[:BASED_IN]->(c)
//	(p)-[:HAS_THEME]->(:Theme {id})   for similarity's theme postings; not an edge of the API
//	(:Document {text, textName})       the sheet's text, shared by the API servers on this database
//	(:Corpus {id: 'corpus', version})  moves on with every change of the texts
//
// Project.data holds the project as JSON (lists with their evidence), so a
// project reads back exactly as it was loaded; the edges carry the same facts
// for traversal and filters.
var (
	Labels            = []string{"Project", "Organisation", "TargetGroup", "Programme", "Funder", "Document", "Country", "Theme", "Corpus", "OrgID", "MergedID", "Change"}
	RelationshipTypes = []string{"PROMOTED_BY", "PARTNER", "TARGETS", "USES_PROGRAMME", "LOCATED_IN", "FUNDED_BY", "FROM_DOCUMENT", "BASED_IN", "HAS_THEME"}
	PropertyKeys      = []string{"id", "code", "codeKey", "title", "titleKey", "kind", "status", "countryCode", "grant", "finalCost",
		"initialCost", "startDate", "description", "results", "data", "name", "acronym", "aliases", "nameKey", "acronymKey",
		"nameKeys", "searchText", "aliasText", "layout", "sha256", "warnings", "role", "ord", "evidence", "activity",
		"projectIds", "sources", "source", "statusKey", "ftText", "year", "period", "activeFrom", "activeTo", "spanned", "spansDone", "done", "epoch", "stamp", "names", "text", "textName", "version", "lockedAt",
		// keys of the rows the write statements unwind
		"project", "organisation", "programme", "target", "funder", "document", "countryId", "countryName",
		"nameSort", "searchNames", "k", "bilateralResults", "score", "themes", "placesText",
		"mProjects", "mDegree", "mPartnerCountries", "mBetweenness", "mCommunity", "mBridging",
		"projects", "degree", "partnerCountries", "betweenness", "community", "bridging",
		"anchor", "seq", "n", "mergedIds", "asked", "into", "added", "changed", "removed", "reset", "oldest"}
)

// Schema statements, run at start; each is idempotent.
var schemaStatements = []string{
	"CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT target_group_id IF NOT EXISTS FOR (n:TargetGroup) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT programme_id IF NOT EXISTS FOR (n:Programme) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT funder_id IF NOT EXISTS FOR (n:Funder) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT country_code IF NOT EXISTS FOR (n:Country) REQUIRE n.code IS UNIQUE",
	"CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT corpus_id IF NOT EXISTS FOR (n:Corpus) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT org_id_given IF NOT EXISTS FOR (n:OrgID) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX org_id_seq IF NOT EXISTS FOR (n:OrgID) ON (n.seq)",
	"CREATE CONSTRAINT merged_id IF NOT EXISTS FOR (n:MergedID) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT change_version IF NOT EXISTS FOR (n:Change) REQUIRE n.version IS UNIQUE",
	"CREATE INDEX project_code IF NOT EXISTS FOR (n:Project) ON (n.codeKey)",
	"CREATE INDEX project_country IF NOT EXISTS FOR (n:Project) ON (n.countryCode)",
	"DROP INDEX project_status IF EXISTS", // was on status, which no filter reads
	"CREATE INDEX project_status_key IF NOT EXISTS FOR (n:Project) ON (n.statusKey)",
	"CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.nameKey)",
	"CREATE INDEX organisation_acronym IF NOT EXISTS FOR (n:Organisation) ON (n.acronymKey)",
	"CREATE INDEX organisation_country IF NOT EXISTS FOR (n:Organisation) ON (n.countryCode)",
	// ftText is folded in Go (case and accents aside) and the english
	// analyzer stems it (Porter) and drops English stop words: the same words
	// find the same nodes as in memstore's index. node_text was the earlier
	// index (standard-folding, no stemming).
	"DROP INDEX node_text IF EXISTS",
	"CREATE FULLTEXT INDEX node_text_en IF NOT EXISTS FOR (n:Project|Organisation|Programme|TargetGroup) ON EACH [n.ftText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
}

// Write statements.
const (
	cypherExistingAliases = `UNWIND $ids AS id
MATCH (o:Organisation {id: id})
RETURN o.id AS id, o.name AS name, o.aliases AS aliases`

	cypherUpsertOrganisations = `UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
SET o.name = row.name, o.acronym = row.acronym, o.aliases = row.aliases, o.countryCode = row.countryCode,
    o.nameKey = row.nameKey, o.acronymKey = row.acronymKey, o.nameKeys = row.nameKeys,
    o.searchText = row.searchText, o.aliasText = row.aliasText, o.ftText = row.ftText, o.names = row.names, o.nameSort = row.nameSort, o.searchNames = row.searchNames,
    o.mergedIds = row.mergedIds, o.sources = row.sources
WITH o, row
OPTIONAL MATCH (o)-[old:BASED_IN]->(:Country)
DELETE old
WITH o, row
FOREACH (code IN CASE WHEN row.countryCode IS NULL THEN [] ELSE [row.countryCode] END |
  MERGE (c:Country {code: code})
  ON CREATE SET c.id = row.countryId, c.name = row.countryName
  MERGE (o)-[:BASED_IN]->(c)
)`

	cypherUpsertTargetGroups = `UNWIND $rows AS row
MERGE (t:TargetGroup {id: row.id})
SET t.name = row.name, t.ftText = row.ftText`

	cypherUpsertProgrammes = `UNWIND $rows AS row
MERGE (g:Programme {id: row.id})
SET g.name = row.name, g.kind = row.kind, g.ftText = row.ftText`

	cypherUpsertFunders = `UNWIND $rows AS row
MERGE (f:Funder {id: row.id})
SET f.name = row.name`

	cypherUpsertDocuments = `UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.name = row.name, d.layout = row.layout, d.source = row.source, d.sha256 = row.sha256, d.warnings = row.warnings, d.projectIds = row.projectIds`

	// Projects written before projects had periods and spans get them at
	// the first start that knows them, a batch at a time (spanned marks
	// those done; the corpus's spansDone, the database).
	cypherSpansDone    = "OPTIONAL MATCH (c:Corpus {id: 'corpus'})\nRETURN coalesce(c.spansDone, false) AS done"
	cypherSpansFinish  = "MERGE (c:Corpus {id: 'corpus'})\nON CREATE SET c.version = 0, c.epoch = randomUUID()\nSET c.spansDone = true"
	cypherSpansMissing = `MATCH (p:Project) WHERE p.spanned IS NULL
RETURN p.id AS id, p.data AS data
LIMIT 2000`
	cypherSetSpans = `UNWIND $rows AS row
MATCH (p:Project {id: row.id})
SET p.period = row.period, p.activeFrom = row.activeFrom, p.activeTo = row.activeTo, p.spanned = true`

	// A project loaded again loses its old edges and gets the new ones.
	cypherUpsertProjects = `UNWIND $rows AS row
MERGE (p:Project {id: row.id})
SET p.code = row.code, p.codeKey = row.codeKey, p.title = row.title, p.titleKey = row.titleKey,
    p.kind = row.kind, p.sources = row.sources, p.status = row.status, p.statusKey = row.statusKey, p.countryCode = row.countryCode,
    p.grant = row.grant, p.finalCost = row.finalCost, p.initialCost = row.initialCost,
    p.startDate = row.startDate, p.description = row.description, p.results = row.results,
    p.bilateralResults = row.bilateralResults, p.themes = row.themes, p.placesText = row.placesText, p.data = row.data,
    p.ftText = row.ftText, p.year = row.year, p.period = row.period, p.activeFrom = row.activeFrom, p.activeTo = row.activeTo,
    p.spanned = true
WITH p
OPTIONAL MATCH (p)-[old]->()
DELETE old`

	cypherProjectOrganisationEdges = `UNWIND $rows AS row
MATCH (p:Project {id: row.project})
MATCH (o:Organisation {id: row.organisation})
FOREACH (_ IN CASE WHEN row.role = 'PROMOTER' THEN [1] ELSE [] END |
  CREATE (p)-[:PROMOTED_BY {role: row.role, ord: row.ord, evidence: row.evidence}]->(o)
)
FOREACH (_ IN CASE WHEN row.role <> 'PROMOTER' THEN [1] ELSE [] END |
  CREATE (p)-[:PARTNER {role: row.role, ord: row.ord, evidence: row.evidence}]->(o)
)`

	cypherProjectTargetEdges = `UNWIND $rows AS row
MATCH (p:Project {id: row.project})
MATCH (t:TargetGroup {id: row.target})
CREATE (p)-[:TARGETS {ord: row.ord}]->(t)`

	cypherProjectProgrammeEdges = `UNWIND $rows AS row
MATCH (p:Project {id: row.project})
MATCH (g:Programme {id: row.programme})
CREATE (p)-[:USES_PROGRAMME {activity: row.activity, ord: row.ord, evidence: row.evidence}]->(g)`

	cypherProjectSingleEdges = `UNWIND $rows AS row
MATCH (p:Project {id: row.project})
OPTIONAL MATCH (f:Funder {id: row.funder})
OPTIONAL MATCH (d:Document {id: row.document})
FOREACH (code IN CASE WHEN row.countryCode IS NULL THEN [] ELSE [row.countryCode] END |
  MERGE (c:Country {code: code})
  ON CREATE SET c.id = row.countryId, c.name = row.countryName
  CREATE (p)-[:LOCATED_IN]->(c)
)
FOREACH (funder IN CASE WHEN f IS NULL THEN [] ELSE [f] END | CREATE (p)-[:FUNDED_BY]->(funder))
FOREACH (doc IN CASE WHEN d IS NULL THEN [] ELSE [d] END | CREATE (p)-[:FROM_DOCUMENT]->(doc))
FOREACH (theme IN row.themes | MERGE (t:Theme {id: theme}) CREATE (p)-[:HAS_THEME]->(t))`

	// A slice of everything, deleted in its own transaction, relationships
	// first: one statement for a whole database of 100,000 sheets, or the
	// deletion of a hub with its tens of thousands of relationships, passes
	// Neo4j's transaction memory limit.
	cypherDeleteSomeRelationships = `MATCH ()-[r]->()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted`
	cypherDeleteAll = `MATCH (n)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted`
)

// cypherDeleteNodes removes nodes of one label by id, with their edges.
var cypherDeleteNodes = map[string]string{
	"Project":      "UNWIND $ids AS id\nMATCH (n:Project {id: id})\nDETACH DELETE n",
	"Organisation": "UNWIND $ids AS id\nMATCH (n:Organisation {id: id})\nDETACH DELETE n",
	"TargetGroup":  "UNWIND $ids AS id\nMATCH (n:TargetGroup {id: id})\nDETACH DELETE n",
	"Programme":    "UNWIND $ids AS id\nMATCH (n:Programme {id: id})\nDETACH DELETE n",
	"Funder":       "UNWIND $ids AS id\nMATCH (n:Funder {id: id})\nDETACH DELETE n",
	"Document":     "UNWIND $ids AS id\nMATCH (n:Document {id: id})\nDETACH DELETE n",
}

// Read statements.
const (
	cypherPing = `RETURN 1 AS ok`

	cypherProjectByCode = `MATCH (p:Project {codeKey: $code})
RETURN p.data AS data
ORDER BY p.id
LIMIT 1`

	// The project with its promoter and partners, in the columns of
	// nodesQuery, the project first.
	cypherProjectByCodeWithOrganisations = `MATCH (p:Project {codeKey: $code})
WITH p ORDER BY p.id LIMIT 1
CALL (p) {
  RETURN p AS n, 'Project' AS label, 0 AS ord
  UNION
  MATCH (p)-[:PROMOTED_BY|PARTNER]->(n:Organisation)
  RETURN n, 'Organisation' AS label, 1 AS ord
}
` + nodeColumns + `, ord
ORDER BY ord, id`

	// A name beats an acronym, an acronym beats an alias.
	cypherOrganisationByName = `MATCH (o:Organisation)
WHERE o.nameKey = $key OR o.acronymKey = $key OR $key IN o.nameKeys
WITH o, CASE WHEN o.nameKey = $key THEN 0 WHEN o.acronymKey = $key THEN 1 ELSE 2 END AS rank
RETURN o.id AS id, o.name AS name, o.acronym AS acronym, o.aliases AS aliases, o.countryCode AS countryCode, o.names AS names, o.mergedIds AS mergedIds, o.sources AS sources
ORDER BY rank, id
LIMIT 1`

	// Three parallel lists (collect skips the null of an organisation
	// without projects), put in order in Go: maps and a sort in Cypher cost
	// Neo4j a quarter and the driver twice as much for a hub's thousands.
	cypherInvolvements = `UNWIND $ids AS id
WITH DISTINCT id
OPTIONAL MATCH (o:Organisation {id: id})<-[r:PROMOTED_BY|PARTNER]-(p:Project)
RETURN id, collect(p.id) AS projects, collect(CASE WHEN r IS NULL THEN NULL ELSE coalesce(r.role, '') END) AS roles,
       collect(CASE WHEN r IS NULL THEN NULL ELSE coalesce(r.ord, 0) END) AS ords`

	// A page of each organisation's involvements in the roles ($roles null:
	// every role) after a project id, in the order of cypherInvolvements
	// (by project, then the sheet's order), at most $limit rows.
	cypherInvolvementPages = involvementPage + "RETURN id, projects, roles, ords"

	// cypherInvolvementPagesWithTotal is cypherInvolvementPages with the
	// number of each organisation's projects in the roles.
	cypherInvolvementPagesWithTotal = involvementPage + `CALL (o) {
  OPTIONAL MATCH (o)<-[r:PROMOTED_BY|PARTNER]-(p:Project)
  WHERE $roles IS NULL OR coalesce(r.role, '') IN $roles
  RETURN count(DISTINCT p) AS total
}
RETURN id, projects, roles, ords, total`

	involvementPage = `UNWIND $ids AS id
WITH DISTINCT id
OPTIONAL MATCH (o:Organisation {id: id})
CALL (o) {
  OPTIONAL MATCH (o)<-[r:PROMOTED_BY|PARTNER]-(p:Project)
  WHERE p.id > $after AND ($roles IS NULL OR coalesce(r.role, '') IN $roles)
  WITH p.id AS pid, coalesce(r.role, '') AS role, coalesce(r.ord, 0) AS ord
  ORDER BY pid, ord
  LIMIT $limit
  RETURN collect(pid) AS projects, collect(role) AS roles, collect(ord) AS ords
}
`
)

// Edges of nodes, one statement a label: every relationship is matched
// through an indexed id (or a country's code).
const edgesReturn = `
RETURN id, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target, r.role AS role, r.activity AS activity`

// One round trip for the nodes or edges of ids of several kinds: a union of
// index seeks, one branch per label present.
var seekByID = map[string]string{
	"Project":      "MATCH (n:Project {id: id}) RETURN n, 'Project' AS label",
	"Organisation": "MATCH (n:Organisation {id: id}) RETURN n, 'Organisation' AS label",
	"TargetGroup":  "MATCH (n:TargetGroup {id: id}) RETURN n, 'TargetGroup' AS label",
	"Programme":    "MATCH (n:Programme {id: id}) RETURN n, 'Programme' AS label",
	"Funder":       "MATCH (n:Funder {id: id}) RETURN n, 'Funder' AS label",
	"Document":     "MATCH (n:Document {id: id}) RETURN n, 'Document' AS label",
	"Country":      "WITH id WHERE id STARTS WITH 'country:'\nMATCH (n:Country {code: substring(id, 8)}) RETURN n, 'Country' AS label",
}

// seekUnion is the union of the seeks of the labels, in a fixed order.
func seekUnion(labels []string) string {
	var parts []string
	for _, l := range Labels {
		if slices.Contains(labels, l) {
			if q, ok := seekByID[l]; ok {
				parts = append(parts, "  "+q)
			}
		}
	}
	return "UNWIND $ids AS id\nCALL (id) {\n" + strings.Join(parts, "\n  UNION\n") + "\n}\n"
}

// nodesQuery reads the nodes of the labels, whatever their kind.
func nodesQuery(labels []string) string {
	if len(labels) == 1 {
		if q, ok := nodesOfOneLabel[labels[0]]; ok {
			return q
		}
	}
	return seekUnion(labels) + nodeColumns
}

// nodesOfOneLabel are nodesQuery for the nodes of one label, the frequent
// reads (a list of projects, the organisations of a page of projects,
// their target groups): an index seek and the columns nodeFromRecord reads
// for the label, where the union of every label costs Neo4j a third more.
var nodesOfOneLabel = map[string]string{
	"Project": "UNWIND $ids AS id\nMATCH (n:Project {id: id})\nRETURN 'Project' AS label, n.id AS id, n.data AS data",
	"Organisation": "UNWIND $ids AS id\nMATCH (n:Organisation {id: id})\n" +
		"RETURN 'Organisation' AS label, n.id AS id, n.name AS name, n.acronym AS acronym, n.aliases AS aliases, n.names AS names, n.countryCode AS countryCode, n.mergedIds AS mergedIds, n.sources AS sources",
	"TargetGroup": "UNWIND $ids AS id\nMATCH (n:TargetGroup {id: id})\nRETURN 'TargetGroup' AS label, n.id AS id, n.name AS name",
	"Programme":   "UNWIND $ids AS id\nMATCH (n:Programme {id: id})\nRETURN 'Programme' AS label, n.id AS id, n.name AS name, n.kind AS kind",
	"Funder":      "UNWIND $ids AS id\nMATCH (n:Funder {id: id})\nRETURN 'Funder' AS label, n.id AS id, n.name AS name",
}

// cypherProjectOutlines reads projects' outlines: a few properties and
// their target groups in order, not the whole record.
const cypherProjectOutlines = `UNWIND $ids AS id
MATCH (n:Project {id: id})
RETURN n.id AS id, n.code AS code, n.title AS title, n.kind AS kind, n.status AS status, n.countryCode AS countryCode,
       COLLECT { MATCH (n)-[t:TARGETS]->(g:TargetGroup) RETURN g.id ORDER BY t.ord } AS targets`

// cypherMergedInto finds the organisations that ids were merged into.
// A MergedID is kept while the organisation it went into says so: a split
// takes the id back, and the node is then left as it was.
const cypherMergedInto = "UNWIND $ids AS asked\nMATCH (m:MergedID {id: asked})\nMATCH (n:Organisation {id: m.into}) WHERE asked IN n.mergedIds\n" +
	"RETURN asked, 'Organisation' AS label, n.id AS id, n.name AS name, n.acronym AS acronym, n.aliases AS aliases, n.names AS names, n.countryCode AS countryCode, n.mergedIds AS mergedIds, n.sources AS sources"

// nodeColumns are the columns nodeFromRecord reads, of a node n with its label.
const nodeColumns = `RETURN label, n.id AS id, n.data AS data, n.name AS name, n.acronym AS acronym, n.aliases AS aliases, n.names AS names,
       n.countryCode AS countryCode, n.mergedIds AS mergedIds, n.sources AS sources, n.source AS source, n.kind AS kind, n.layout AS layout, n.sha256 AS sha256, n.warnings AS warnings,
       n.projectIds AS projectIds`

// edgesQuery reads the edges that touch the nodes of the labels.
func edgesQuery(labels []string) string {
	return seekUnion(labels) + "MATCH (n)-[r]-()" + edgesReturn
}

// edgesAmongQuery reads the edges that touch the nodes of the labels and
// lead to one of $among (ids; a country's is its id too).
func edgesAmongQuery(labels []string) string {
	return seekUnion(labels) + "MATCH (n)-[r]-(m)\nWHERE m.id IN $among" + edgesReturn
}

// Full-text search over the node_text index; kinds are labels.
// $candidates bounds what Lucene hands to Cypher: the best hits by score,
// with room for ties at the cut (Cypher orders ties by id, as memstore). A
// search of only some kinds asks for every hit, since the kinds are filtered
// after the index.
const cypherSearch = `CALL db.index.fulltext.queryNodes('node_text_en', $query, {limit: $candidates}) YIELD node, score
WHERE any(l IN labels(node) WHERE l IN $labels)
RETURN node.id AS id, score
ORDER BY score DESC, id
LIMIT $first`

// Postings: the projects that have a feature (partnergraph.ProjectFeatures),
// one statement a kind of feature.
const postingsReturn = "\nRETURN id, collect(DISTINCT p.id) AS projects"

var cypherPostings = map[partnergraph.FeatureKind]string{
	partnergraph.FeaturePartner:      "UNWIND $ids AS id\nMATCH (:Organisation {id: id})<-[r:PROMOTED_BY|PARTNER]-(p:Project)\nWHERE r.role <> 'MENTIONED'" + postingsReturn,
	partnergraph.FeatureDonorPartner: "UNWIND $ids AS id\nMATCH (:Organisation {id: id})<-[r:PARTNER]-(p:Project)\nWHERE r.role = 'DONOR_PROJECT_PARTNER'" + postingsReturn,
	partnergraph.FeatureTargetGroup:  "UNWIND $ids AS id\nMATCH (:TargetGroup {id: id})<-[:TARGETS]-(p:Project)" + postingsReturn,
	partnergraph.FeatureProgramme:    "UNWIND $ids AS id\nMATCH (:Programme {id: id})<-[:USES_PROGRAMME]-(p:Project)" + postingsReturn,
	partnergraph.FeatureCountry:      "UNWIND $ids AS id\nMATCH (p:Project {countryCode: substring(id, 8)})" + postingsReturn,
	partnergraph.FeatureFunder:       "UNWIND $ids AS id\nMATCH (:Funder {id: id})<-[:FUNDED_BY]-(p:Project)" + postingsReturn,
	partnergraph.FeatureTheme:        "UNWIND $ids AS id\nMATCH (:Theme {id: substring(id, 6)})<-[:HAS_THEME]-(p:Project)" + postingsReturn,
}

// Metrics are computed in Go (package network) after a load and kept on the
// organisations.
const (
	cypherCooperationLinks = `MATCH (p:Project)-[r:PROMOTED_BY|PARTNER]->(o:Organisation)
WHERE r.role <> 'MENTIONED'
RETURN p.id AS project, o.id AS organisation`

	cypherOrganisationCountries = `MATCH (o:Organisation)
RETURN o.id AS id, o.countryCode AS countryCode`

	cypherSetMetrics = `UNWIND $rows AS row
MATCH (o:Organisation {id: row.id})
SET o.mProjects = row.projects, o.mDegree = row.degree, o.mPartnerCountries = row.partnerCountries,
    o.mBetweenness = row.betweenness, o.mCommunity = row.community, o.mBridging = row.bridging`

	cypherMetrics = `UNWIND $ids AS id
MATCH (o:Organisation {id: id})
WHERE o.mProjects IS NOT NULL
RETURN o.id AS id, o.mProjects AS projects, o.mDegree AS degree, o.mPartnerCountries AS partnerCountries,
       o.mBetweenness AS betweenness, o.mCommunity AS community, o.mBridging AS bridging`
)

// Filtered, sorted lists are made of fixed parts: the head, the WHERE built
// from the fragments below, the sort key of the field, the cursor test and
// the tail.
const (
	projectsHead      = "MATCH (p:Project)\nWHERE "
	projectsCountHead = "MATCH (p:Project)\nWHERE "
	projectsCountTail = "\nRETURN count(p) AS total"
	projectsTail      = "\nRETURN p.data AS data, k\nORDER BY k %s, p.id\nLIMIT $limit"
	projectsByIDTail  = "\nRETURN p.data AS data, p.id AS k\nORDER BY p.id\nLIMIT $limit"

	organisationsHead      = "MATCH (o:Organisation)\nWHERE "
	organisationsCountHead = "MATCH (o:Organisation)\nWHERE "
	organisationsCountTail = "\nRETURN count(o) AS total"
	organisationsTail      = "\nRETURN o.id AS id, o.name AS name, o.acronym AS acronym, o.aliases AS aliases, o.countryCode AS countryCode, o.names AS names, o.mergedIds AS mergedIds, o.sources AS sources, k\nORDER BY k %s, o.id\nLIMIT $limit"

	// After a cursor: a later key, or the same key and a later id.
	afterAsc  = "\nWHERE $hasAfter = false OR k > $afterKey OR (k = $afterKey AND %[1]s.id > $afterId)"
	afterDesc = "\nWHERE $hasAfter = false OR k < $afterKey OR (k = $afterKey AND %[1]s.id > $afterId)"
)

// The corpus: the documents' texts on their Document nodes, and one Corpus
// node whose version moves on with every change of them. A write locks the
// Corpus node first (SET), then reads its version, so writers take turns.
const (
	cypherCorpusLock = "MERGE (c:Corpus {id: 'corpus'})\nON CREATE SET c.version = 0, c.epoch = randomUUID()\nSET c.lockedAt = timestamp()"
	// The graph's version for cached answers (Store.GraphVersion): the
	// corpus's version, and a stamp that every Load, Apply and metrics
	// update moves on; the epoch is new for every Corpus node, so a wiped
	// database never repeats an earlier version.
	cypherGraphStamp    = "MERGE (c:Corpus {id: 'corpus'})\nON CREATE SET c.version = 0\nSET c.epoch = coalesce(c.epoch, randomUUID()), c.stamp = coalesce(c.stamp, 0) + 1"
	cypherGraphVersion  = "OPTIONAL MATCH (c:Corpus {id: 'corpus'})\nRETURN coalesce(c.epoch, '') AS epoch, coalesce(c.version, 0) AS version, coalesce(c.stamp, 0) AS stamp"
	cypherCorpusVersion = "OPTIONAL MATCH (c:Corpus {id: 'corpus'})\nRETURN coalesce(c.version, 0) AS version"
	cypherCorpusBump    = "MATCH (c:Corpus {id: 'corpus'})\nSET c.version = c.version + 1\nRETURN c.version AS version"
	cypherPutTexts      = `UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.text = row.text, d.textName = row.name`
	cypherDropText = "MATCH (d:Document {id: $id})\nDETACH DELETE d"
	// The organisation ids given (see ingest.IDs), in the order given.
	cypherIDCount = "MATCH (i:OrgID) RETURN count(i) AS n"
	cypherPutIDs  = `UNWIND $rows AS row
MERGE (i:OrgID {id: row.id})
SET i.anchor = row.anchor, i.seq = row.seq`
	cypherIDs          = "MATCH (i:OrgID) RETURN i.id AS id, i.anchor AS anchor ORDER BY i.seq"
	cypherPutMergedIDs = "UNWIND $rows AS row\nMERGE (m:MergedID {id: row.id})\nSET m.into = row.into"
	// The change log that servers follow (see Store.ChangesSince).
	cypherLogChange    = "CREATE (:Change {version: $version, added: $added, changed: $changed, removed: $removed, reset: $reset})"
	cypherPruneChanges = "MATCH (c:Change) WHERE c.version <= $oldest DELETE c"
	cypherChangesSince = "MATCH (c:Change) WHERE c.version > $version\nRETURN c.version AS version, c.added AS added, c.changed AS changed, c.removed AS removed, c.reset AS reset\nORDER BY c.version"
	cypherTexts        = `MATCH (d:Document)
WHERE d.text IS NOT NULL
RETURN d.id AS id, d.textName AS name, d.text AS text
ORDER BY id`
)

// Aggregate: the projects matching a filter grouped by one key, in one
// statement; each expression gives a project's keys as group (package
// network) makes them, "" for none.
const (
	groupHead = "MATCH (p:Project)\nWHERE "
	groupTail = `
WITH p, %s AS keys
UNWIND (CASE WHEN size(keys) = 0 THEN [''] ELSE keys END) AS key
RETURN key, count(*) AS projects, sum(coalesce(p.grant, 0)) AS grant, sum(coalesce(p.finalCost, 0)) AS finalCost,
       count(p.grant) AS withGrant`
)

var groupKeys = map[partnergraph.GroupBy]string{
	partnergraph.ByCountry:      "[CASE WHEN p.countryCode IS NULL THEN '' ELSE 'country:' + p.countryCode END]",
	partnergraph.ByFunder:       "[coalesce(head([(p)-[:FUNDED_BY]->(f:Funder) | f.id]), '')]",
	partnergraph.ByStatus:       "[coalesce(p.status, '')]",
	partnergraph.ByKind:         "[p.kind]",
	partnergraph.ByYear:         "[coalesce(p.year, '')]",
	partnergraph.ByPeriod:       "[coalesce(p.period, '')]",
	partnergraph.ByTargetGroup:  "[(p)-[:TARGETS]->(t:TargetGroup) | t.id]",
	partnergraph.ByProgramme:    "[(p)-[:USES_PROGRAMME]->(g:Programme) | g.id]",
	partnergraph.ByOrganisation: "[(p)-[r:PROMOTED_BY|PARTNER]->(o:Organisation) WHERE r.role <> 'MENTIONED' | o.id]",
}

// groupQuery is the aggregate statement for a key and a filter.
func groupQuery(by partnergraph.GroupBy, f *partnergraph.ProjectFilter) (string, map[string]any, bool) {
	key, ok := groupKeys[by]
	if !ok {
		return "", nil, false
	}
	c := &compiler{params: map[string]any{}}
	return groupHead + "(" + c.project(f) + ")" + fmt.Sprintf(groupTail, key), c.params, true
}

// Sort keys, as partnergraph.ProjectSortKey and OrganisationSortKey make them.
var (
	projectSortKeys = map[string]string{
		"": "p.id", "TITLE": "p.titleKey", "CODE": "coalesce(p.codeKey, '')", "GRANT": "coalesce(p.grant, -1)",
		"FINAL_COST": "coalesce(p.finalCost, -1)", "START_DATE": "coalesce(p.startDate, '')",
	}
	organisationSortKeys = map[string]string{
		"": "o.id", "NAME": "o.nameSort", "PROJECTS": "coalesce(o.mProjects, -1)", "DEGREE": "coalesce(o.mDegree, -1)",
		"PARTNER_COUNTRIES": "coalesce(o.mPartnerCountries, -1)", "BETWEENNESS": "coalesce(o.mBetweenness, -1)",
		"BRIDGING": "coalesce(o.mBridging, -1)",
	}
)

// Predicate fragments; %s is the name of a parameter the compiler allocates.
const (
	fragCode         = "p.codeKey = $%s"
	fragKind         = "p.kind = $%s"
	fragStatus       = "p.statusKey = $%s"
	fragCountry      = "p.countryCode = $%s"
	fragFunder       = "EXISTS { MATCH (p)-[:FUNDED_BY]->(:Funder {id: $%s}) }"
	fragTargetGroup  = "EXISTS { MATCH (p)-[:TARGETS]->(:TargetGroup {id: $%s}) }"
	fragProgramme    = "EXISTS { MATCH (p)-[:USES_PROGRAMME]->(:Programme {id: $%s}) }"
	fragOrganisation = "EXISTS { MATCH (p)-[:PROMOTED_BY|PARTNER]->(:Organisation {id: $%s}) }"
	fragOrgRoles     = "EXISTS { MATCH (p)-[r:PROMOTED_BY|PARTNER]->(:Organisation {id: $%s}) WHERE r.role IN $%s }"
	fragTitle        = "p.titleKey CONTAINS $%s"
	fragOrgCountry   = "o.countryCode = $%s"
	fragOrgName      = "o.searchText CONTAINS $%s"

	fragCodePrefix    = "p.codeKey STARTS WITH $%s"
	fragTitlePrefix   = "p.titleKey STARTS WITH $%s"
	fragCountryIn     = "p.countryCode IN $%s"
	fragStatusIn      = "p.statusKey IN $%s"
	fragOrgNamePrefix = "any(n IN o.searchNames WHERE n STARTS WITH $%s)"
	fragOrgCountryIn  = "o.countryCode IN $%s"
	fragOrgSources    = "any(s IN coalesce(o.sources, []) WHERE s IN $%s)"
	fragSources       = "any(s IN coalesce(p.sources, ['PAGE']) WHERE s IN $%s)"
	// A project without a span (activeFrom, activeTo) is active in no period.
	fragActive       = "coalesce(p.activeFrom <= $%s AND p.activeTo >= $%s, false)"
	fragOrgCommunity = "o.mCommunity = $%s"
	fragOrgRolesAny  = "EXISTS { MATCH (o)<-[r:PROMOTED_BY|PARTNER]-(:Project) WHERE r.role IN $%s }"

	// A comparison with a missing value is null in Cypher, and NOT null is
	// null, which drops the row; as in memstore, a comparison with a value
	// a node lacks is false, so its negation holds. AND and OR are monotone
	// in Cypher's three-valued logic, so taking null as false where a NOT
	// meets it gives the two-valued answer.
	fragNot = "NOT coalesce((%s), false)"
)

// Numeric fields that ranges apply to, and the comparisons.
var (
	rangeFields = map[string]string{
		"grant": "p.grant", "finalCost": "p.finalCost", "projects": "o.mProjects", "degree": "o.mDegree",
		"partnerCountries": "o.mPartnerCountries", "betweenness": "o.mBetweenness", "bridging": "o.mBridging",
	}
	rangeOps = []struct {
		op  string
		get func(*partnergraph.Range) *float64
	}{
		{"=", func(r *partnergraph.Range) *float64 { return r.Eq }},
		{">", func(r *partnergraph.Range) *float64 { return r.Gt }},
		{">=", func(r *partnergraph.Range) *float64 { return r.Gte }},
		{"<", func(r *partnergraph.Range) *float64 { return r.Lt }},
		{"<=", func(r *partnergraph.Range) *float64 { return r.Lte }},
	}
)

// ranged adds the bounds of a range on a field; a missing value matches no
// range, as in memstore (comparisons with null are not true).
func (c *compiler) ranged(parts []string, field string, r *partnergraph.Range) []string {
	if r == nil {
		return parts
	}
	expr := rangeFields[field]
	parts = append(parts, expr+" IS NOT NULL")
	for _, o := range rangeOps {
		if v := o.get(r); v != nil {
			parts = append(parts, expr+" "+o.op+" $"+c.param(*v))
		}
	}
	return parts
}

func upperAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToUpper(s)
	}
	return out
}

func lowerAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strings.ToLower(s)
	}
	return out
}

// compiler turns a filter into a WHERE expression and its parameters.
type compiler struct {
	params map[string]any
}

func (c *compiler) param(v any) string {
	name := fmt.Sprintf("f%d", len(c.params))
	c.params[name] = v
	return name
}

func (c *compiler) project(f *partnergraph.ProjectFilter) string {
	if f == nil {
		return "true"
	}
	var parts []string
	add := func(frag string, v any) { parts = append(parts, fmt.Sprintf(frag, c.param(v))) }
	if f.Code != "" {
		add(fragCode, strings.ToUpper(strings.TrimSpace(f.Code)))
	}
	if f.Kind != "" {
		add(fragKind, string(f.Kind))
	}
	if f.Status != "" {
		add(fragStatus, strings.ToLower(f.Status))
	}
	if f.CountryCode != "" {
		add(fragCountry, strings.ToUpper(f.CountryCode))
	}
	if f.FunderID != "" {
		add(fragFunder, f.FunderID)
	}
	if f.TargetGroupID != "" {
		add(fragTargetGroup, f.TargetGroupID)
	}
	if f.ProgrammeID != "" {
		add(fragProgramme, f.ProgrammeID)
	}
	if f.OrganisationID != "" {
		if len(f.Roles) == 0 {
			add(fragOrganisation, f.OrganisationID)
		} else {
			roles := make([]string, len(f.Roles))
			for i, r := range f.Roles {
				roles[i] = string(r)
			}
			parts = append(parts, fmt.Sprintf(fragOrgRoles, c.param(f.OrganisationID), c.param(roles)))
		}
	}
	if f.TitleContains != "" {
		add(fragTitle, partnergraph.Fold(f.TitleContains))
	}
	if f.CodeStartsWith != "" {
		add(fragCodePrefix, strings.ToUpper(f.CodeStartsWith))
	}
	if f.TitleStartsWith != "" {
		add(fragTitlePrefix, partnergraph.Fold(f.TitleStartsWith))
	}
	if len(f.CountryIn) > 0 {
		add(fragCountryIn, upperAll(f.CountryIn))
	}
	if len(f.StatusIn) > 0 {
		add(fragStatusIn, lowerAll(f.StatusIn))
	}
	if len(f.Sources) > 0 {
		add(fragSources, sourceNames(f.Sources))
	}
	if f.Period != nil {
		if from, to, err := f.Period.Days(); err != nil {
			parts = append(parts, "false")
		} else {
			parts = append(parts, fmt.Sprintf(fragActive, c.param(to), c.param(from)))
		}
	}
	parts = c.ranged(parts, "grant", f.Grant)
	parts = c.ranged(parts, "finalCost", f.FinalCost)
	for _, sub := range f.And {
		parts = append(parts, "("+c.project(sub)+")")
	}
	if len(f.Or) > 0 {
		var ors []string
		for _, sub := range f.Or {
			ors = append(ors, "("+c.project(sub)+")")
		}
		parts = append(parts, "("+strings.Join(ors, " OR ")+")")
	}
	if f.Not != nil {
		parts = append(parts, fmt.Sprintf(fragNot, c.project(f.Not)))
	}
	if len(parts) == 0 {
		return "true"
	}
	return strings.Join(parts, " AND ")
}

func (c *compiler) organisation(f *partnergraph.OrganisationFilter) string {
	if f == nil {
		return "true"
	}
	var parts []string
	if f.CountryCode != "" {
		parts = append(parts, fmt.Sprintf(fragOrgCountry, c.param(strings.ToUpper(f.CountryCode))))
	}
	if f.NameContains != "" {
		parts = append(parts, fmt.Sprintf(fragOrgName, c.param(partnergraph.Fold(f.NameContains))))
	}
	if f.NameStartsWith != "" {
		parts = append(parts, fmt.Sprintf(fragOrgNamePrefix, c.param(partnergraph.Fold(f.NameStartsWith))))
	}
	if len(f.CountryIn) > 0 {
		parts = append(parts, fmt.Sprintf(fragOrgCountryIn, c.param(upperAll(f.CountryIn))))
	}
	if len(f.Sources) > 0 {
		parts = append(parts, fmt.Sprintf(fragOrgSources, c.param(sourceNames(f.Sources))))
	}
	if f.Community != nil {
		parts = append(parts, fmt.Sprintf(fragOrgCommunity, c.param(*f.Community)))
	}
	if len(f.Roles) > 0 {
		roles := make([]string, len(f.Roles))
		for i, r := range f.Roles {
			roles[i] = string(r)
		}
		parts = append(parts, fmt.Sprintf(fragOrgRolesAny, c.param(roles)))
	}
	parts = c.ranged(parts, "projects", f.Projects)
	parts = c.ranged(parts, "degree", f.Degree)
	parts = c.ranged(parts, "partnerCountries", f.PartnerCountries)
	parts = c.ranged(parts, "betweenness", f.Betweenness)
	parts = c.ranged(parts, "bridging", f.Bridging)
	for _, sub := range f.And {
		parts = append(parts, "("+c.organisation(sub)+")")
	}
	if len(f.Or) > 0 {
		var ors []string
		for _, sub := range f.Or {
			ors = append(ors, "("+c.organisation(sub)+")")
		}
		parts = append(parts, "("+strings.Join(ors, " OR ")+")")
	}
	if f.Not != nil {
		parts = append(parts, fmt.Sprintf(fragNot, c.organisation(f.Not)))
	}
	if len(parts) == 0 {
		return "true"
	}
	return strings.Join(parts, " AND ")
}

// sortedQuery puts a list query together.
func sortedQuery(head, where, key, variable, tail string, desc bool) string {
	after, dir := afterAsc, "ASC"
	if desc {
		after, dir = afterDesc, "DESC"
	}
	return head + "(" + where + ")\nWITH " + variable + ", " + key + " AS k" + fmt.Sprintf(after, variable) + fmt.Sprintf(tail, dir)
}

// projectsQuery returns the page query and the count query for a filter
// and an order.
func projectsQuery(f *partnergraph.ProjectFilter, sort partnergraph.Sort) (page, count string, params map[string]any) {
	c := &compiler{params: map[string]any{}}
	where := c.project(f)
	if sort.Field == "" && !sort.Desc {
		// In id order (the default) the page walks the id index from the
		// cursor (every id is after ""), where sorting every project that
		// matches costs Neo4j five times more for a page of all projects.
		page = projectsHead + "p.id > $afterId AND (" + where + ")" + projectsByIDTail
	} else {
		page = sortedQuery(projectsHead, where, projectSortKeys[sort.Field], "p", projectsTail, sort.Desc)
	}
	return page, projectsCountHead + "(" + where + ")" + projectsCountTail, c.params
}

func organisationsQuery(f *partnergraph.OrganisationFilter, sort partnergraph.Sort) (page, count string, params map[string]any) {
	c := &compiler{params: map[string]any{}}
	where := c.organisation(f)
	page = sortedQuery(organisationsHead, where, organisationSortKeys[sort.Field], "o", organisationsTail, sort.Desc)
	return page, organisationsCountHead + "(" + where + ")" + organisationsCountTail, c.params
}

// Statements returns every statement of the store with sample parameters,
// for the lint: the fixed ones, and the lists composed with every fragment
// in every order.
func Statements() map[string]Statement {
	one := 1.0
	ids := map[string]any{"ids": []string{"x"}}
	rows := map[string]any{"rows": []map[string]any{}}
	out := map[string]Statement{
		"existingAliases":          {cypherExistingAliases, ids},
		"upsertOrganisations":      {cypherUpsertOrganisations, rows},
		"upsertTargetGroups":       {cypherUpsertTargetGroups, rows},
		"upsertProgrammes":         {cypherUpsertProgrammes, rows},
		"upsertFunders":            {cypherUpsertFunders, rows},
		"upsertDocuments":          {cypherUpsertDocuments, rows},
		"upsertProjects":           {cypherUpsertProjects, rows},
		"spansMissing":             {cypherSpansMissing, nil},
		"spansDone":                {cypherSpansDone, nil},
		"spansFinish":              {cypherSpansFinish, nil},
		"graphStamp":               {cypherGraphStamp, nil},
		"graphVersion":             {cypherGraphVersion, nil},
		"setSpans":                 {cypherSetSpans, rows},
		"projectOrganisationEdges": {cypherProjectOrganisationEdges, rows},
		"projectTargetEdges":       {cypherProjectTargetEdges, rows},
		"projectProgrammeEdges":    {cypherProjectProgrammeEdges, rows},
		"projectSingleEdges":       {cypherProjectSingleEdges, rows},
		"deleteAll":                {cypherDeleteAll, map[string]any{"batch": 2000}},
		"deleteSomeRelationships":  {cypherDeleteSomeRelationships, map[string]any{"batch": 2000}},
		"ping":                     {cypherPing, nil},
		"projectByCode":            {cypherProjectByCode, map[string]any{"code": "LT14-0004"}},
		"projectByCodeWithOrgs":    {cypherProjectByCodeWithOrganisations, map[string]any{"code": "LT14-0004"}},
		"organisationByName":       {cypherOrganisationByName, map[string]any{"key": "krus"}},
		"involvements":             {cypherInvolvements, ids},
		"cooperationLinks":         {cypherCooperationLinks, nil},
		"organisationCountries":    {cypherOrganisationCountries, nil},
		"setMetrics":               {cypherSetMetrics, rows},
		"metrics":                  {cypherMetrics, ids},
		"corpusLock":               {cypherCorpusLock, nil},
		"corpusVersion":            {cypherCorpusVersion, nil},
		"corpusBump":               {cypherCorpusBump, nil},
		"putTexts":                 {cypherPutTexts, rows},
		"dropText":                 {cypherDropText, map[string]any{"id": "doc:x"}},
		"texts":                    {cypherTexts, nil},
		"idCount":                  {cypherIDCount, nil},
		"putIDs":                   {cypherPutIDs, map[string]any{"rows": []map[string]any{{"id": "org:x", "anchor": "x", "seq": 0}}}},
		"ids":                      {cypherIDs, nil},
		"mergedInto":               {cypherMergedInto, map[string]any{"ids": []string{"org:x"}}},
		"projectOutlines":          {cypherProjectOutlines, ids},
		"involvementPages":         {cypherInvolvementPages, map[string]any{"ids": []string{"org:x"}, "after": "", "roles": nil, "limit": 21}},
		"involvementPagesTotal":    {cypherInvolvementPagesWithTotal, map[string]any{"ids": []string{"org:x"}, "after": "", "roles": []string{"PROMOTER"}, "limit": 21}},
		"putMergedIDs":             {cypherPutMergedIDs, map[string]any{"rows": []map[string]any{{"id": "org:x", "into": "org:y"}}}},
		"logChange":                {cypherLogChange, map[string]any{"version": 1, "added": []string{}, "changed": []string{}, "removed": []string{}, "reset": false}},
		"pruneChanges":             {cypherPruneChanges, map[string]any{"oldest": 0}},
		"changesSince":             {cypherChangesSince, map[string]any{"version": 0}},
		"search":                   {cypherSearch, map[string]any{"query": "krus", "labels": []string{"Project"}, "first": 10, "candidates": 1000}},
	}
	out["nodesOfEveryKind"] = Statement{nodesQuery(Labels), ids}
	out["edgesAmongEveryKind"] = Statement{edgesAmongQuery(Labels), map[string]any{"ids": []string{"x"}, "among": []string{"y"}}}
	out["edgesOfEveryKind"] = Statement{edgesQuery(Labels), ids}
	for label := range seekByID {
		out["nodesOf"+label] = Statement{nodesQuery([]string{label}), ids}
		out["edgesOf"+label] = Statement{edgesQuery([]string{label}), ids}
	}
	for label, cypher := range cypherDeleteNodes {
		out["delete"+label] = Statement{cypher, ids}
	}
	for kind, cypher := range cypherPostings {
		out["postings"+string(kind)] = Statement{cypher, ids}
	}
	for i, s := range schemaStatements {
		out[fmt.Sprintf("schema%02d", i)] = Statement{s, nil}
	}
	every := &partnergraph.ProjectFilter{
		Code: "X", Kind: partnergraph.ProjectEEA, Status: "Completed", CountryCode: "NO", FunderID: "funder:eea-grants",
		TargetGroupID: "tg:x", ProgrammeID: "programme:x", TitleContains: "x",
		CodeStartsWith: "LT", TitleStartsWith: "x", CountryIn: []string{"NO"}, StatusIn: []string{"completed"}, Sources: []partnergraph.Source{partnergraph.SourcePage}, Period: &partnergraph.TimeRange{From: "2009-2014"},
		Grant: &partnergraph.Range{Gt: &one, Lte: &one}, FinalCost: &partnergraph.Range{Eq: &one, Gte: &one, Lt: &one},
		And: []*partnergraph.ProjectFilter{{OrganisationID: "org:x"}},
		Or:  []*partnergraph.ProjectFilter{{OrganisationID: "org:x", Roles: []partnergraph.Role{partnergraph.RolePromoter}}, {CountryCode: "CZ"}},
		Not: &partnergraph.ProjectFilter{CountryCode: "PL"},
	}
	for field := range projectSortKeys {
		for _, desc := range []bool{false, true} {
			name := fmt.Sprintf("projectsBy%s%v", field, desc)
			page, count, params := projectsQuery(every, partnergraph.Sort{Field: field, Desc: desc})
			out[name] = Statement{page, withPage(params)}
			out[name+"Count"] = Statement{count, params}
		}
	}
	for by := range groupKeys {
		q, params, _ := groupQuery(by, every)
		out["groupBy"+string(by)] = Statement{q, params}
	}
	page, count, params := projectsQuery(nil, partnergraph.Sort{})
	out["projectsAll"], out["projectsAllCount"] = Statement{page, withPage(params)}, Statement{count, params}
	orgEvery := &partnergraph.OrganisationFilter{CountryCode: "NO", NameContains: "x", NameStartsWith: "x", CountryIn: []string{"NO"},
		Roles:     []partnergraph.Role{partnergraph.RoleDonorProjectPartner},
		Community: new(int), Projects: &partnergraph.Range{Gt: &one}, Degree: &partnergraph.Range{Gte: &one},
		PartnerCountries: &partnergraph.Range{Lt: &one}, Betweenness: &partnergraph.Range{Lte: &one}, Bridging: &partnergraph.Range{Eq: &one},
		And: []*partnergraph.OrganisationFilter{{CountryCode: "NO"}}, Or: []*partnergraph.OrganisationFilter{{NameContains: "a"}, {NameContains: "b"}},
		Not: &partnergraph.OrganisationFilter{CountryCode: "SE"}}
	for field := range organisationSortKeys {
		for _, desc := range []bool{false, true} {
			name := fmt.Sprintf("organisationsBy%s%v", field, desc)
			page, count, params := organisationsQuery(orgEvery, partnergraph.Sort{Field: field, Desc: desc})
			out[name] = Statement{page, withPage(params)}
			out[name+"Count"] = Statement{count, params}
		}
	}
	page, count, params = organisationsQuery(nil, partnergraph.Sort{})
	out["organisationsAll"], out["organisationsAllCount"] = Statement{page, withPage(params)}, Statement{count, params}
	return out
}

func withPage(params map[string]any) map[string]any {
	out := map[string]any{"hasAfter": false, "afterKey": "", "afterId": "", "limit": 1}
	for k, v := range params {
		out[k] = v
	}
	return out
}

// StatementNames returns the names of Statements, sorted.
func StatementNames() []string {
	var names []string
	for n := range Statements() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// sourceNames are the sources as the database keeps them.
func sourceNames(list []partnergraph.Source) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = string(x)
	}
	return out
}
