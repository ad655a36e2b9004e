package area

import (
	"context"
	"reflect"
	"testing"

	"gridflex/scenario"
)

// The risk never rises as the margin grows: every margin sees the same
// draws, and with a monotone queue rule (strict FCFS with partial offers)
// a larger margin grants less in every ISP. Checked over seeds and
// policies.
func TestRiskFallsWithMargin(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	for _, p := range Policies(3, 1) {
		for seed := uint64(1); seed <= 3; seed++ {
			o, err := NewSimOptions(a, sc)
			if err != nil {
				t.Fatal(err)
			}
			o.Runs, o.Seed, o.Policy = 100, seed, p
			o.Release.Rule, o.Release.Partial = FCFS, true
			o.ReboundShare, o.RenewalProbability = 1, 0.3
			sim, err := Simulate(context.Background(), a, f, Margins(0.1), o)
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i < len(sim.Risks); i++ {
				lo, hi := sim.Risks[i-1], sim.Risks[i]
				if hi.PHorizon > lo.PHorizon {
					t.Errorf("%s seed %d: risk at margin %.1f = %.3f > %.3f at margin %.1f", p, seed, hi.Margin, hi.PHorizon, lo.PHorizon, lo.Margin)
				}
				for y := range hi.Years {
					if hi.Years[y].MeanMWh > lo.Years[y].MeanMWh+1e-9 {
						t.Errorf("%s seed %d year %d: MWh at margin %.1f above margin %.1f", p, seed, y+1, hi.Margin, lo.Margin)
					}
				}
			}
		}
	}
}

// The same seed gives the same result on any number of workers.
func TestSimulateDeterministic(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	o, _ := NewSimOptions(a, sc)
	o.Runs, o.Policy = 200, Policy{Term: FixedTerm, TermYears: 2, YellowCards: true}
	var got []*Simulation
	for _, w := range []int{1, 2, 5} {
		o.Workers = w
		sim, err := Simulate(context.Background(), a, f, []float64{0, 0.5}, o)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, sim)
	}
	if !reflect.DeepEqual(got[0].Risks, got[1].Risks) || !reflect.DeepEqual(got[0].Risks, got[2].Risks) {
		t.Error("Simulate differs between 1, 2 and 5 workers")
	}
	o.Seed = 2
	other, _ := Simulate(context.Background(), a, f, []float64{0, 0.5}, o)
	if reflect.DeepEqual(other.Risks, got[0].Risks) {
		t.Error("seeds 1 and 2 give the same result")
	}
}

// Outputs move when the inputs move: shorter terms, more opt-outs and
// fewer renewals raise the risk.
func TestRiskMovesWithInputs(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	o, _ := NewSimOptions(a, sc)
	o.Runs = 300
	risk := func(mod func(*SimOptions)) float64 {
		oo := o
		mod(&oo)
		sim, err := Simulate(context.Background(), a, f, []float64{0.2}, oo)
		if err != nil {
			t.Fatal(err)
		}
		return sim.Risks[0].PHorizon
	}
	indef := risk(func(o *SimOptions) { o.Policy = Policy{Term: Indefinite, YellowCards: true} })
	fixed := risk(func(o *SimOptions) {
		o.Policy = Policy{Term: FixedTerm, TermYears: 2, YellowCards: true}
		o.RenewalProbability = 0.2
	})
	if !(fixed > indef) {
		t.Errorf("risk with 2-year terms %.3f, indefinite %.3f: want higher with terms", fixed, indef)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Simulate(ctx, a, f, []float64{0.5}, o); err == nil {
		t.Error("Simulate with a cancelled context succeeded")
	}
}

// Immediate fines never give more overload than yellow cards in the same
// runs (§6 proposal 2): their violations are a subset.
func TestFinesNoWorseThanYellowCards(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	o, _ := NewSimOptions(a, sc)
	o.Runs = 200
	for _, term := range []Policy{{Term: AsFiled}, {Term: FixedTerm, TermYears: 2}} {
		yc, fines := term, term
		yc.YellowCards = true
		o.Policy = yc
		sy, _ := Simulate(context.Background(), a, f, Margins(0.25), o)
		o.Policy = fines
		sf, _ := Simulate(context.Background(), a, f, Margins(0.25), o)
		for i := range sy.Risks {
			if sf.Risks[i].PHorizon > sy.Risks[i].PHorizon {
				t.Errorf("%s margin %.2f: fines %.3f > yellow cards %.3f", term.Term, sy.Risks[i].Margin, sf.Risks[i].PHorizon, sy.Risks[i].PHorizon)
			}
		}
	}
}
