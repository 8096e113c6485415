package model

import "github.com/partnergraph/partnergraph"

// NetworkMetrics are an organisation's metrics in the whole graph, or in
// the network of one period (From and To set) with those of the period
// before.
type NetworkMetrics struct {
	partnergraph.Metrics
	From, To *string
	Previous *NetworkMetrics
}

// ProjectsChange is the change in projects since the previous period.
func (m *NetworkMetrics) ProjectsChange() *int {
	if m.Previous == nil {
		return nil
	}
	d := m.Projects - m.Previous.Projects
	return &d
}

// DegreeChange is the change in degree since the previous period.
func (m *NetworkMetrics) DegreeChange() *int {
	if m.Previous == nil {
		return nil
	}
	d := m.Degree - m.Previous.Degree
	return &d
}

// BetweennessChange is the change in betweenness since the previous period.
func (m *NetworkMetrics) BetweennessChange() *float64 {
	if m.Previous == nil {
		return nil
	}
	d := m.Betweenness - m.Previous.Betweenness
	return &d
}

// BridgingChange is the change in bridging since the previous period.
func (m *NetworkMetrics) BridgingChange() *float64 {
	if m.Previous == nil {
		return nil
	}
	d := m.Bridging - m.Previous.Bridging
	return &d
}

// Comparison is two organisations side by side.
type Comparison struct {
	AID, BID         string
	SharedPartnerIDs []string
	SharedProjectIDs []string
	Paths            []*Path
	Periods          []*PeriodComparison
}

// PeriodComparison is two organisations' partners in one funding period.
type PeriodComparison struct {
	Period           string
	APartnerIDs      []string
	BPartnerIDs      []string
	SharedPartnerIDs []string
}
