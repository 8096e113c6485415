package graph

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Prefetching: a level of a query in one store call, without waiting.
//
// Before the executor marshals a list of projects or organisations,
// marshalList (marshal.go) hands the whole list to walkList, which walks the
// selection below it level by level and loads each level with one store
// call for all its nodes (and one for the organisations' involvements, one
// for their network metrics): the organisations of every partnership of
// every project, then the projects of all those organisations, then their
// target groups, and so on. What it loads goes to the request's cache
// (known), which every resolver reads first. A field further down then
// finds what it needs there, whichever list it is in, without a loader's
// wait, and a list below that the walk covered starts no walk of its own.
//
// The walk is an optimisation and nothing depends on it for correctness: a
// resolver that does not find a node in the cache loads it through the
// dataloaders as before. walkable lists the fields the walk knows how to
// follow; marshalList (marshal.go) uses it to tell which lists can be
// marshalled in order, on one goroutine.

// level is one level of a walk: what to load together, and what to do once
// it is loaded (which adds to the next level).
type level struct {
	nodes, outlines, involvements, metrics []string
	pages                                  []pageRequest
	then                                   []func(next *level)
}

// pageRequest asks for a page of each organisation's involvements in the
// roles: a connection of its projects.
type pageRequest struct {
	ids   []string
	roles []partnergraph.Role
	pg    partnergraph.Page
}

func (lv *level) empty() bool {
	return len(lv.nodes) == 0 && len(lv.outlines) == 0 && len(lv.involvements) == 0 && len(lv.metrics) == 0 && len(lv.pages) == 0 && len(lv.then) == 0
}

// walker walks a selection below loaded parents.
type walker struct {
	op *graphql.OperationContext
	l  *loaders
}

// run loads the levels one after the other until nothing is left; the
// calls of one level (nodes, involvements, metrics) go to the store side by
// side.
func (w *walker) run(ctx context.Context, lv *level) error {
	for !lv.empty() {
		var calls []func() error
		if len(lv.nodes) > 0 {
			calls = append(calls, func() error { _, err := w.l.fetchNodes(ctx, lv.nodes); return err })
		}
		if len(lv.outlines) > 0 {
			calls = append(calls, func() error { return w.l.fetchOutlines(ctx, lv.outlines) })
		}
		if len(lv.involvements) > 0 {
			calls = append(calls, func() error { _, err := w.l.fetchInvolvements(ctx, lv.involvements); return err })
		}
		if len(lv.metrics) > 0 {
			calls = append(calls, func() error { _, err := w.l.fetchMetrics(ctx, lv.metrics); return err })
		}
		for _, req := range lv.pages {
			calls = append(calls, func() error { return w.l.fetchPages(ctx, req) })
		}
		if err := sideBySide(calls); err != nil {
			return err
		}
		next := &level{}
		for _, f := range lv.then {
			f(next)
		}
		lv = next
	}
	return nil
}

// sideBySide runs the calls, all but the first in goroutines of their own,
// and joins their errors.
func sideBySide(calls []func() error) error {
	if len(calls) == 0 {
		return nil
	}
	errs := make([]error, len(calls))
	var wg sync.WaitGroup
	for i, call := range calls[1:] {
		wg.Go(func() { errs[i+1] = call() })
	}
	errs[0] = calls[0]()
	wg.Wait()
	return errors.Join(errs...)
}

// collect is the fields of a selection that apply to a type.
func (w *walker) collect(sel ast.SelectionSet, typ string) []graphql.CollectedField {
	return graphql.CollectFields(w.op, sel, implementorsOf(typ))
}

// projects adds the projects with these ids to the level, and what the
// fields ask of them to the levels after it.
func (w *walker) projects(lv *level, ids []string, sel ast.SelectionSet) {
	if len(ids) == 0 {
		return
	}
	fields := w.collect(sel, "Project")
	outline := outlineOnly(fields)
	if outline {
		// A list that asks for no more than an outline reads outlines:
		// on a database, a few columns instead of each whole record.
		lv.outlines = append(lv.outlines, ids...)
	} else {
		lv.nodes = append(lv.nodes, ids...)
	}
	if free(w.op, "Project", fields) {
		return
	}
	lv.then = append(lv.then, func(next *level) {
		if outline {
			ps, _ := w.l.knownOutlines(ids)
			w.projectFields(next, ps, fields)
			return
		}
		w.projectFields(next, knownAs[*partnergraph.Project](w.l, ids), fields)
	})
}

// outlineFields are the fields of a project its outline answers
// (partnergraph.OutlineOf).
var outlineFields = map[string]bool{"__typename": true, "id": true, "code": true, "title": true, "kind": true, "status": true,
	"country": true, "targetGroups": true}

// outlineOnly tells whether a project's selected fields ask for no more
// than its outline.
func outlineOnly(fields []graphql.CollectedField) bool {
	for _, f := range fields {
		if !outlineFields[f.Name] {
			return false
		}
	}
	return true
}

// connectionOutlineOnly tells whether the projects of a connection's
// selection (its nodes, its edges' nodes) ask for no more than outlines.
func connectionOutlineOnly(op *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(op, sel, implementorsOf("ProjectConnection")) {
		switch f.Name {
		case "nodes":
			if !outlineOnly(graphql.CollectFields(op, f.Selections, implementorsOf("Project"))) {
				return false
			}
		case "edges":
			for _, ef := range graphql.CollectFields(op, f.Selections, implementorsOf("ProjectEdge")) {
				if ef.Name == "node" && !outlineOnly(graphql.CollectFields(op, ef.Selections, implementorsOf("Project"))) {
					return false
				}
			}
		}
	}
	return true
}

// projectFields adds what the fields ask of loaded projects to the level.
func (w *walker) projectFields(lv *level, ps []*partnergraph.Project, fields []graphql.CollectedField) {
	for _, f := range fields {
		switch f.Name {
		case "promoter":
			ids := make([]string, 0, len(ps))
			for _, p := range ps {
				if p.PromoterID != "" {
					ids = append(ids, p.PromoterID)
				}
			}
			w.organisations(lv, ids, f.Selections)
		case "partners":
			roles := w.roles(f, "roles")
			var parts []*partnergraph.Partnership
			for _, p := range ps {
				parts = append(parts, partnerships(p, roles)...)
			}
			for _, pf := range w.collect(f.Selections, "Partnership") {
				switch pf.Name {
				case "organisation":
					ids := make([]string, len(parts))
					for i, ps := range parts {
						ids[i] = ps.OrganisationID
					}
					w.organisations(lv, ids, pf.Selections)
				case "evidence":
					var ev []partnergraph.Evidence
					for _, ps := range parts {
						ev = append(ev, ps.Evidence...)
					}
					w.evidence(lv, ev, pf.Selections)
				}
			}
		case "targetGroups":
			for _, p := range ps {
				lv.nodes = append(lv.nodes, p.TargetGroupIDs...)
			}
		case "programmes":
			for _, uf := range w.collect(f.Selections, "ProgrammeUse") {
				for _, p := range ps {
					for _, u := range p.Programmes {
						switch uf.Name {
						case "name", "programme":
							lv.nodes = append(lv.nodes, u.ProgrammeID)
						case "evidence":
							w.evidence(lv, u.Evidence, uf.Selections)
						}
					}
				}
			}
		case "source":
			for _, p := range ps {
				lv.nodes = append(lv.nodes, p.DocumentID)
			}
		case "sources":
			if w.asks(f.Selections, "ProjectSource", "document") {
				for _, p := range ps {
					for _, s := range p.Sources {
						lv.nodes = append(lv.nodes, s.DocumentID)
					}
				}
			}
		case "disagreements":
			if w.asks(f.Selections, "Disagreement", "document") {
				for _, p := range ps {
					for _, d := range p.Disagreements {
						lv.nodes = append(lv.nodes, d.DocumentID)
					}
				}
			}
		case "funding":
			if w.asks(f.Selections, "Funding", "funder") {
				for _, p := range ps {
					lv.nodes = append(lv.nodes, p.Funding.FunderID)
				}
			}
		}
	}
}

// evidence adds the documents of evidence to the level, when asked for.
func (w *walker) evidence(lv *level, ev []partnergraph.Evidence, sel ast.SelectionSet) {
	if !w.asks(sel, "Evidence", "document") {
		return
	}
	for _, e := range ev {
		lv.nodes = append(lv.nodes, e.DocumentID)
	}
}

// asks tells whether a selection of a type has a field.
func (w *walker) asks(sel ast.SelectionSet, typ, field string) bool {
	for _, f := range w.collect(sel, typ) {
		if f.Name == field {
			return true
		}
	}
	return false
}

// organisations adds the organisations with these ids to the level, with
// their involvements and metrics when the fields ask for them, and what
// the fields ask further to the levels after it.
func (w *walker) organisations(lv *level, ids []string, sel ast.SelectionSet) {
	w.organisationFields(lv, ids, w.collect(sel, "Organisation"))
}

// organisationFields is organisations with the fields collected.
func (w *walker) organisationFields(lv *level, ids []string, fields []graphql.CollectedField) {
	if len(ids) == 0 {
		return
	}
	lv.nodes = append(lv.nodes, ids...)
	for _, f := range fields {
		switch f.Name {
		case "projects", "promoted", "partnered", "involvements":
			roles := organisationRoles[f.Name]
			if f.Name == "projects" || f.Name == "involvements" {
				roles = w.roles(f, "roles")
			}
			pg, ok := w.page(f)
			if !ok {
				continue
			}
			paged := f.Name != "involvements" // a page of projects, read as a page (InvolvementPages)
			if paged {
				lv.pages = append(lv.pages, pageRequest{ids, roles, pg})
			} else {
				lv.involvements = append(lv.involvements, ids...)
			}
			lv.then = append(lv.then, func(next *level) {
				var pids []string
				for _, id := range ids {
					var items []partnergraph.Involvement
					if paged {
						p, _ := w.l.knownPage(id, roles, pg)
						items = p.Items
					} else {
						items, _, _ = partnergraph.PageInvolvements(w.l.knownInvolvements(id), roles, pg)
					}
					for _, in := range items {
						pids = append(pids, in.ProjectID)
					}
				}
				if f.Name == "involvements" {
					w.involvements(next, pids, f.Selections)
				} else {
					w.connection(next, pids, f.Selections, "ProjectConnection", "ProjectEdge")
				}
			})
		case "metrics":
			if f.ArgumentMap(w.op.Variables)["period"] == nil {
				lv.metrics = append(lv.metrics, ids...)
			}
		case "names":
			if !w.asks(f.Selections, "OrganisationName", "documents") {
				continue
			}
			lv.then = append(lv.then, func(next *level) {
				for _, o := range knownAs[*partnergraph.Organisation](w.l, ids) {
					for _, n := range o.Names {
						next.nodes = append(next.nodes, n.DocumentIDs...)
					}
				}
			})
		}
	}
}

// organisationRoles are the roles of an organisation's fields that take
// none.
var organisationRoles = map[string][]partnergraph.Role{
	"promoted":  {partnergraph.RolePromoter},
	"partnered": {partnergraph.RoleDonorProjectPartner, partnergraph.RoleProjectPartner},
}

// connection follows a connection of projects to its nodes.
func (w *walker) connection(lv *level, pids []string, sel ast.SelectionSet, conn, edge string) {
	for _, f := range w.collect(sel, conn) {
		switch f.Name {
		case "nodes":
			w.projects(lv, pids, f.Selections)
		case "edges":
			for _, ef := range w.collect(f.Selections, edge) {
				if ef.Name == "node" {
					w.projects(lv, pids, ef.Selections)
				}
			}
		}
	}
}

// involvements follows a connection of involvements to their projects and
// evidence.
func (w *walker) involvements(lv *level, pids []string, sel ast.SelectionSet) {
	var each []ast.SelectionSet
	for _, f := range w.collect(sel, "InvolvementConnection") {
		switch f.Name {
		case "nodes":
			each = append(each, f.Selections)
		case "edges":
			for _, ef := range w.collect(f.Selections, "InvolvementEdge") {
				if ef.Name == "node" {
					each = append(each, ef.Selections)
				}
			}
		}
	}
	for _, s := range each {
		for _, f := range w.collect(s, "Involvement") {
			switch f.Name {
			case "project":
				w.projects(lv, pids, f.Selections)
			case "evidence":
				// The evidence is the project's: the project is loaded here,
				// its documents at the next level.
				lv.nodes = append(lv.nodes, pids...)
				if w.asks(f.Selections, "Evidence", "document") {
					lv.then = append(lv.then, func(next *level) {
						for _, p := range knownAs[*partnergraph.Project](w.l, pids) {
							next.nodes = append(next.nodes, p.DocumentID)
							for _, s := range p.Sources {
								next.nodes = append(next.nodes, s.DocumentID)
							}
						}
					})
				}
			}
		}
	}
}

// roles reads a field's list of roles; nil (every role) when not given.
func (w *walker) roles(f graphql.CollectedField, arg string) []partnergraph.Role {
	v, ok := f.ArgumentMap(w.op.Variables)[arg].([]any)
	if !ok {
		return nil
	}
	roles := make([]partnergraph.Role, 0, len(v))
	for _, r := range v {
		if s, ok := r.(string); ok {
			roles = append(roles, partnergraph.Role(s))
		}
	}
	return roles
}

// page reads a field's first and after as its resolver does; false when
// they are not valid (the resolver then answers with the error).
func (w *walker) page(f graphql.CollectedField) (partnergraph.Page, bool) {
	args := f.ArgumentMap(w.op.Variables)
	pg := partnergraph.Page{First: partnergraph.DefaultPageSize}
	switch v := args["first"].(type) {
	case int:
		pg.First = v
	case int64:
		pg.First = int(v)
	case float64:
		pg.First = int(v)
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return pg, false
		}
		pg.First = int(n)
	case nil:
	default:
		return pg, false
	}
	if a, ok := args["after"].(string); ok {
		pg.After = a
	}
	pg.WithTotal = w.asks(f.Selections, "ProjectConnection", "totalCount")
	return pg, pg.Validate(partnergraph.ProjectSortFields) == nil
}

// partnerships are a project's partnerships in the roles, the promoter's
// first.
func partnerships(p *partnergraph.Project, roles []partnergraph.Role) []*partnergraph.Partnership {
	var out []*partnergraph.Partnership
	if p.PromoterID != "" && hasRole(roles, partnergraph.RolePromoter) {
		out = append(out, &partnergraph.Partnership{OrganisationID: p.PromoterID, Role: partnergraph.RolePromoter, Evidence: p.PromoterEvidence})
	}
	for i := range p.Partners {
		if hasRole(roles, p.Partners[i].Role) {
			out = append(out, &p.Partners[i])
		}
	}
	return out
}

// walkList walks the selection below a list the executor is about to
// marshal, when it is a list of projects or organisations (or of their
// edges) and no walk above it has covered it.
func (r *Resolver) walkList(ctx context.Context, fc *graphql.FieldContext, list any) error {
	if walkedAbove(fc.Parent) {
		return nil
	}
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		return nil
	}
	w := &walker{op: graphql.GetOperationContext(ctx), l: l}
	lv := &level{}
	sel := fc.Field.Selections
	switch v := list.(type) {
	case []*partnergraph.Project:
		remember(l, v)
		w.projectFields(lv, v, w.collect(sel, "Project"))
	case []*model.ProjectEdge:
		ps := edgeNodes(v, func(e *model.ProjectEdge) *partnergraph.Project { return e.Node })
		remember(l, ps)
		for _, f := range w.collect(sel, "ProjectEdge") {
			if f.Name == "node" {
				w.projectFields(lv, ps, w.collect(f.Selections, "Project"))
			}
		}
	case []*partnergraph.Organisation:
		remember(l, v)
		w.organisationFields(lv, ids(v), w.collect(sel, "Organisation"))
	case []*model.OrganisationEdge:
		os := edgeNodes(v, func(e *model.OrganisationEdge) *partnergraph.Organisation { return e.Node })
		remember(l, os)
		for _, f := range w.collect(sel, "OrganisationEdge") {
			if f.Name == "node" {
				w.organisationFields(lv, ids(os), w.collect(f.Selections, "Organisation"))
			}
		}
	default:
		return nil
	}
	return w.run(ctx, lv)
}

// edgeNodes are the nodes of a connection's edges.
func edgeNodes[E, N any](edges []E, node func(E) N) []N {
	out := make([]N, len(edges))
	for i, e := range edges {
		out[i] = node(e)
	}
	return out
}

// ids are the nodes' ids.
func ids[T partnergraph.Node](nodes []T) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.NodeID()
	}
	return out
}

// walkLists are the types of the lists a walk starts from.
var walkLists = map[string]bool{"Project": true, "ProjectEdge": true, "Organisation": true, "OrganisationEdge": true}

// startsWalk tells whether a field is a list a walk starts from.
func startsWalk(fc *graphql.FieldContext) bool {
	t := fc.Field.Definition.Type
	return t.Elem != nil && walkLists[t.Name()]
}

// walkedAbove tells whether a walk started above a field has covered the
// selection below it: a list of projects or organisations above it, reached
// through fields the walk follows.
func walkedAbove(fc *graphql.FieldContext) bool {
	for ; fc != nil; fc = fc.Parent {
		if fc.Field.Field == nil {
			if fc.Index != nil {
				continue // an element of a list
			}
			return false
		}
		if startsWalk(fc) {
			return true
		}
		if !walkable[fc.Object][fc.Field.Name] {
			return false
		}
	}
	return false
}

// knownAs is the nodes of a type among those the request has loaded, in
// the order of ids.
func knownAs[T partnergraph.Node](l *loaders, ids []string) []T {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		if v, ok := l.known[id].(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// walkable are the fields a walk follows, by type.
var (
	walkable = map[string]map[string]bool{
		"Project":               {"promoter": true, "partners": true, "targetGroups": true, "programmes": true, "source": true, "sources": true, "disagreements": true, "funding": true},
		"Partnership":           {"organisation": true, "evidence": true},
		"ProgrammeUse":          {"name": true, "programme": true, "evidence": true},
		"Evidence":              {"document": true},
		"ProjectSource":         {"document": true},
		"Disagreement":          {"document": true},
		"Funding":               {"funder": true},
		"Organisation":          {"projects": true, "promoted": true, "partnered": true, "involvements": true, "metrics": true, "names": true},
		"OrganisationName":      {"documents": true},
		"ProjectConnection":     {"nodes": true, "edges": true},
		"ProjectEdge":           {"node": true},
		"InvolvementConnection": {"nodes": true, "edges": true},
		"InvolvementEdge":       {"node": true},
		"Involvement":           {"project": true, "evidence": true},
	}
)

// implementorsOf is a type with the interfaces and unions it belongs to:
// what a fragment's type condition may name.
func implementorsOf(typ string) []string {
	out := []string{typ}
	for _, d := range parsedSchema.GetImplements(parsedSchema.Types[typ]) {
		out = append(out, d.Name)
	}
	return out
}

// free tells whether nothing in a selection of a type goes to a resolver.
func free(op *graphql.OperationContext, typ string, fields []graphql.CollectedField) bool {
	for _, f := range fields {
		if resolverFields[typ][f.Name] {
			return false
		}
		if len(f.Selections) > 0 {
			for _, c := range concreteTypes(f.Definition.Type.Name()) {
				if !free(op, c, graphql.CollectFields(op, f.Selections, implementorsOf(c))) {
					return false
				}
			}
		}
	}
	return true
}

// concreteTypes are the object types a named type may be.
func concreteTypes(name string) []string {
	d := parsedSchema.Types[name]
	if d == nil {
		return nil
	}
	if d.IsAbstractType() {
		var out []string
		for _, p := range parsedSchema.GetPossibleTypes(d) {
			out = append(out, p.Name)
		}
		return out
	}
	return []string{name}
}
