package memstore

import (
	"reflect"
	"testing"
)

func TestAnalyzer(t *testing.T) {
	for text, want := range map[string][]string{
		"Anger management for prison staff":             {"anger", "manag", "prison", "staff"},
		"Jihočeský kraj, ŘEDITELSTVÍ":                   {"jihoceski", "kraj", "reditelstvi"},
		"1520 staff trained; grant €25,453 and 3.5 FTE": {"1520", "staff", "train", "grant", "25,453", "3.5", "fte"},
		"LT14-0004 (KRUS)":                              {"lt14", "0004", "kru"},
		"the of and, to":                                {},
		"":                                              {},
	} {
		got := []string{}
		a := newAnalyzer()
		for range 2 { // the second time from the remembered stems
			got = got[:0]
			a.each(text, func(term string) { got = append(got, term) })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q: terms %q, want %q", text, got, want)
			}
		}
	}
}
