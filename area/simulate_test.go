package area

import (
	"context"
	"testing"

	"gridflex/scenario"
)

func TestSimulateStudy(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	o, err := NewSimOptions(a, sc)
	if err != nil {
		t.Fatal(err)
	}
	o.Runs = 400
	tr, err := FindMargin(context.Background(), a, f, 0.1, 0.05, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tr.Simulation.Risks {
		t.Logf("margin %.2f reissued %.0f granted %.0f P %.3f years %+v", r.Margin, r.ReissuedKW, r.GrantedKW, r.PHorizon, r.Years[len(r.Years)-1])
	}
	t.Logf("chosen %v cands %d", tr.Chosen, tr.Simulation.CandidateISPs)
}

func TestCompareLog(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	o, _ := NewSimOptions(a, sc)
	o.Runs = 400
	ps, err := Compare(context.Background(), a, f, Policies(3, 2), 0.5, 0.1, 0.05, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Logf("%-40s P@0.5 %.3f  chosen %.2f ok %v", p.Name, p.Risk.PHorizon, p.Tradeoff.Chosen, p.Tradeoff.ChosenOK)
	}
}
