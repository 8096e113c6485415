package partnergraph

import "slices"

// Accessors that give an absent fact as nil rather than a zero value. The
// GraphQL layer binds nullable fields to them.

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func amount(v *int64) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

func countryRef(code string) *Country {
	if c, ok := CountryByCode(code); ok && code != "" {
		return &c
	}
	return nil
}

// OptCode is Code, or nil when the sheet has none.
func (p *Project) OptCode() *string { return nilIfEmpty(p.Code) }

// OptStatus is Status, or nil.
func (p *Project) OptStatus() *string { return nilIfEmpty(p.Status) }

// OptGrantProgramme is GrantProgramme, or nil.
func (p *Project) OptGrantProgramme() *string { return nilIfEmpty(p.GrantProgramme) }

// OptLocation is Location, or nil.
func (p *Project) OptLocation() *string { return nilIfEmpty(p.Location) }

// OptStartDate is StartDate, or nil.
func (p *Project) OptStartDate() *string { return nilIfEmpty(p.StartDate) }

// OptEndDate is EndDate, or nil.
func (p *Project) OptEndDate() *string { return nilIfEmpty(p.EndDate) }

// OptDescription is Description, or nil.
func (p *Project) OptDescription() *string { return nilIfEmpty(p.Description) }

// OptResults is Results, or nil.
func (p *Project) OptResults() *string { return nilIfEmpty(p.Results) }

// OptBilateralResults is BilateralResults, or nil.
func (p *Project) OptBilateralResults() *string { return nilIfEmpty(p.BilateralResults) }

// OptDurationMonths is DurationMonths, or nil when unknown.
func (p *Project) OptDurationMonths() *int {
	if p.DurationMonths == 0 {
		return nil
	}
	n := p.DurationMonths
	return &n
}

// Country is the project's country, or nil.
func (p *Project) Country() *Country { return countryRef(p.CountryCode) }

// FundingRef is the project's funding, in place: the GraphQL layer reads it
// without copying the struct into an interface.
func (p *Project) FundingRef() *Funding { return &p.Funding }

// OptInitialCost is InitialCost as a number, or nil.
func (f *Funding) OptInitialCost() *float64 { return amount(f.InitialCost) }

// OptFinalCost is FinalCost as a number, or nil.
func (f *Funding) OptFinalCost() *float64 { return amount(f.FinalCost) }

// OptGrant is Grant as a number, or nil.
func (f *Funding) OptGrant() *float64 { return amount(f.Grant) }

// OptCurrency is Currency, or nil.
func (f *Funding) OptCurrency() *string { return nilIfEmpty(f.Currency) }

// OptAcronym is Acronym, or nil.
func (o *Organisation) OptAcronym() *string { return nilIfEmpty(o.Acronym) }

// Country is the organisation's country, or nil.
func (o *Organisation) Country() *Country { return countryRef(o.CountryCode) }

// Country is the national agency's country, or nil.
func (e *ErasmusCode) Country() *Country { return countryRef(e.CountryCode) }

// SourceList is Sources, or the project's own document, a page, for a
// project stored before projects kept their sources.
func (p *Project) SourceList() []ProjectSource {
	if len(p.Sources) > 0 || p.DocumentID == "" {
		return p.Sources
	}
	return []ProjectSource{{Source: SourcePage, DocumentID: p.DocumentID}}
}

// SourceKinds are the sources the project is known from, each once, in
// the order of SourceList.
func (p *Project) SourceKinds() []Source {
	var out []Source
	for _, s := range p.SourceList() {
		if !slices.Contains(out, s.Source) {
			out = append(out, s.Source)
		}
	}
	return out
}

// OptRow is the row of an export's file; nil for a page.
func (e *Evidence) OptRow() *int {
	if e.Row == 0 {
		return nil
	}
	return &e.Row
}

// SourceOrPage is the document's source: a page unless it is a row of an
// export.
func (d *Document) SourceOrPage() Source {
	if d.Source == "" {
		return SourcePage
	}
	return d.Source
}

// FromSources says whether a node comes from one of the sources: a
// project known from one, an organisation one names, a document of one.
// Nodes of other kinds come from every source.
func FromSources(n Node, sources []Source) bool {
	if len(sources) == 0 {
		return true
	}
	switch n := n.(type) {
	case *Project:
		return anyOf(n.SourceKinds(), sources)
	case *Organisation:
		return anyOf(n.Sources, sources)
	case *Document:
		return slices.Contains(sources, n.SourceOrPage())
	}
	return true
}

// anyOf says whether a list holds one of the sources.
func anyOf(list, sources []Source) bool {
	return slices.ContainsFunc(list, func(s Source) bool { return slices.Contains(sources, s) })
}

// OptPeriod is FundingPeriod, or nil.
func (p *Project) OptPeriod() *string { return nilIfEmpty(FundingPeriod(p)) }

// OptActiveFrom is the first day of ProjectSpan, or nil.
func (p *Project) OptActiveFrom() *string {
	from, _, _ := ProjectSpan(p)
	return nilIfEmpty(from)
}

// OptActiveTo is the last day of ProjectSpan, or nil.
func (p *Project) OptActiveTo() *string {
	_, to, _ := ProjectSpan(p)
	return nilIfEmpty(to)
}
