package contract

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// Settlement rows add up: the months to the totals, and the contract years
// to the totals when the whole period is in the term.
func TestSettlementAddsUp(t *testing.T) {
	year := genYear(3)
	for i, c := range benchContracts(t) {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			r, err := Evaluate(c, Input{Offtake: year[i]})
			if err != nil {
				t.Fatal(err)
			}
			var months, years Settlement
			add := func(a *Settlement, s Settlement) {
				a.FixedEUR += s.FixedEUR
				a.VariableEUR += s.VariableEUR
				a.PenaltyEUR += s.PenaltyEUR
				a.Violations += s.Violations
				a.YellowCards += s.YellowCards
				a.MissingISPs += s.MissingISPs
			}
			for _, s := range r.Settlement {
				if s.Kind == "month" {
					add(&months, s)
				} else {
					add(&years, s)
				}
			}
			if !near(months.FixedEUR, r.FixedEUR) || !near(months.VariableEUR, r.VariableEUR) || !near(months.PenaltyEUR, r.PenaltyEUR) ||
				months.Violations != len(r.Violations) || months.YellowCards != r.YellowCards || months.MissingISPs != r.MissingISPs {
				t.Errorf("months %+v do not add up to the totals %+v", months, r)
			}
			if c.Term.Start.Year <= 2026 && c.Term.Start.Month == 1 && c.Term.Start.Day == 1 && !near(years.FixedEUR, r.FixedEUR) {
				t.Errorf("contract years fixed %g, want %g", years.FixedEUR, r.FixedEUR)
			}
		})
	}
}

// A lower limit never gives fewer kWh over, and never frees less.
func TestLowerLimitMonotone(t *testing.T) {
	load := genYear(1)[0]
	prevExcess, prevFreed := -1.0, -1.0
	for _, kw := range []int{300, 250, 200, 150, 100} {
		c := mustParse(t, strings.Replace(minimal, "max_kw: 300", fmt.Sprintf("max_kw: %d", kw), 1))
		r, err := Evaluate(c, Input{Offtake: load})
		if err != nil {
			t.Fatal(err)
		}
		excess := 0.0
		for _, v := range r.Violations {
			excess += v.ExcessKWh
		}
		if excess < prevExcess || r.FreedKWh <= prevFreed {
			t.Errorf("max_kw %d: excess %g kWh, freed %g kWh; want ≥ %g and > %g", kw, excess, r.FreedKWh, prevExcess, prevFreed)
		}
		prevExcess, prevFreed = excess, r.FreedKWh
	}
}

// TDTR (study §6): firm in at least 85 % of the hours, so a 2026 contract
// year of 8,760 h may be limited for 0.15 × 8,760 = 1,314 h and no more.
func TestTDTRBudget85(t *testing.T) {
	c := mustParse(t, "connection: \"1\"\nbase_capacity_kw: 500\nterm: {start: 2026-01-01}\nlimits:\n  - {form: tdtr, limited_kw: 100}\n")
	var b strings.Builder
	b.WriteString("day,from,to,announced\n")
	d := Date{2026, 1, 1}
	for range 220 { // 220 × 6 h = 1,320 h: the last one is over
		fmt.Fprintf(&b, "%s,10:00,16:00,%s 09:00\n", d, d.AddDays(-2))
		d = d.AddDays(1)
	}
	calls := mustCalls(t, "calls.csv", b.String())
	r, err := Evaluate(c, Input{Offtake: flat(2026, 1, 1, 365, 50), Calls: calls})
	if err != nil {
		t.Fatal(err)
	}
	binding := 0
	for _, cr := range r.Calls {
		if cr.Binding {
			binding++
		}
	}
	last := r.Calls[len(r.Calls)-1]
	if binding != 219 || !near(r.TDTRLimitedHours[0], 1314) || last.Binding || !strings.Contains(last.Reason, "budget 1314.00 h") {
		t.Errorf("binding %d, limited %g h, last %+v; want 219, 1314 h, the 220th over budget 1314 h", binding, r.TDTRLimitedHours[0], last)
	}
	if math.Abs(r.FreedKWh-1314*400) > 1e-6 {
		t.Errorf("freed = %g kWh, want %g", r.FreedKWh, 1314*400.0)
	}
}
