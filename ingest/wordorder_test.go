package ingest

import "testing"

// A promoter named the other way round in a partner list ("Czech Prison
// Service" for the "Prison Service of the Czech Republic") is the promoter,
// not its own partner.
func TestPromoterUnderAnotherWordOrder(t *testing.T) {
	g, _ := Build([]Source{{Name: "a.txt", Data: []byte("Education in Czech prisons\n\nProject facts\n\nProject promoter:\nPrison Service of the Czech Republic\nProject Number:\nCZ15-0099\nOther Project Partners\nCzech Prison Service\nMasaryk University\n")}})
	if len(g.Projects) != 1 {
		t.Fatal(g.Projects)
	}
	p := g.Projects[0]
	if len(p.Partners) != 1 {
		t.Errorf("the promoter is its own partner: %+v", p.Partners)
	}
	if len(g.Organisations) != 2 {
		t.Errorf("organisations: %+v", g.Organisations)
	}
}
