package contract

import (
	"strings"
	"testing"
	"time"

	"gridflex/series"
)

// A contract year starting mid-year with the study's proposal (§6): three
// yellow cards in the first contract year, one in the second, then a
// penalty per exceedance.
func TestYellowCardsThenPenalties(t *testing.T) {
	c := mustParse(t, strings.Replace(minimal, "start: 2026-01-01", "start: 2026-07-01", 1))
	s := flat(2026, 6, 29, 380, 200) // 2026-06-29 … 2027-07-13
	violate := func(y int, m time.Month, d int, kw float32) { set(s, y, m, d, 17, 0, 1, kw) }
	violate(2026, 6, 30, 510) // before the term: base GTV, no sanction
	violate(2026, 7, 1, 310)  // year 1: card 1
	violate(2026, 9, 1, 320)  // card 2
	violate(2026, 12, 1, 330) // card 3
	violate(2027, 6, 30, 340) // year 1, fourth: penalty 40 kW × €50
	violate(2027, 7, 1, 350)  // year 2: its one card
	violate(2027, 7, 2, 360)  // penalty 60 kW × €50
	r, err := Evaluate(c, Input{Offtake: s})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range r.Violations {
		got = append(got, v.Sanction)
	}
	want := "none,yellow card,yellow card,yellow card,penalty,yellow card,penalty"
	if strings.Join(got, ",") != want {
		t.Errorf("sanctions = %s, want %s", strings.Join(got, ","), want)
	}
	if r.YellowCards != 4 || !near(r.PenaltyEUR, 40*50+60*50) {
		t.Errorf("yellow cards %d penalty %g, want 4 5000", r.YellowCards, r.PenaltyEUR)
	}
	years := map[string]Settlement{}
	for _, st := range r.Settlement {
		if st.Kind == "contract-year" {
			years[st.Period] = st
		}
	}
	y1, y2 := years["year 1"], years["year 2"]
	if y1.Start != (Date{2026, 7, 1}) || y1.End != (Date{2027, 6, 30}) || y1.YellowCards != 3 || !near(y1.PenaltyEUR, 2000) {
		t.Errorf("year 1 = %+v, want 2026-07-01…2027-06-30, 3 cards, €2000", y1)
	}
	// A full contract year earns exactly the fixed fee: €20/kW/yr × (500 − 300) kW.
	if !near(y1.FixedEUR, 4000) {
		t.Errorf("year 1 fixed = %g, want 4000", y1.FixedEUR)
	}
	if y2.YellowCards != 1 || !near(y2.PenaltyEUR, 3000) {
		t.Errorf("year 2 = %+v, want 1 card, €3000", y2)
	}
	if len(years) != 2 {
		t.Errorf("contract years %v, want 2", len(years))
	}
}

func TestNoYellowCards(t *testing.T) {
	c := mustParse(t, strings.Replace(minimal, "yellow_cards: [3, 1]", "yellow_cards: []", 1))
	s := flat(2026, 3, 2, 2, 200)
	set(s, 2026, 3, 2, 17, 0, 1, 310)
	set(s, 2026, 3, 3, 17, 0, 1, 320)
	r, err := Evaluate(c, Input{Offtake: s})
	if err != nil {
		t.Fatal(err)
	}
	if r.YellowCards != 0 || !near(r.PenaltyEUR, 10*50+20*50) {
		t.Errorf("yellow cards %d penalty %g, want 0 1500", r.YellowCards, r.PenaltyEUR)
	}
}

// Outputs move when inputs move: a higher penalty rate costs more.
func TestPenaltyScales(t *testing.T) {
	s := flat(2026, 3, 2, 1, 200)
	set(s, 2026, 3, 2, 17, 0, 1, 310)
	prev := -1.0
	for _, rate := range []string{"10", "50", "90"} {
		c := mustParse(t, strings.NewReplacer("yellow_cards: [3, 1]", "yellow_cards: []", "penalty_eur_per_kw: 50", "penalty_eur_per_kw: "+rate).Replace(minimal))
		r, err := Evaluate(c, Input{Offtake: s})
		if err != nil {
			t.Fatal(err)
		}
		if r.PenaltyEUR <= prev {
			t.Errorf("penalty at €%s/kW = %g, want more than %g", rate, r.PenaltyEUR, prev)
		}
		prev = r.PenaltyEUR
	}
}

// A group contract limits the summed load; each member keeps its own GTV
// (study §3, §6).
func TestGroupLimit(t *testing.T) {
	g := mustParse(t, `
group: "noord"
members: ["A", "B"]
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: group, max_kw: 600, days: working, from: "16:00", to: "21:00"}
sanctions: {yellow_cards: [], penalty_eur_per_kw: 10}
`)
	a := flat(2026, 3, 2, 1, 250)
	b := flat(2026, 3, 2, 1, 300)
	set(a, 2026, 3, 2, 17, 0, 2, 350) // member A alone stays under its own 500
	set(b, 2026, 3, 2, 8, 0, 2, 400)  // 650 together, but outside the window
	sum := series.Sum(a, b)
	r, err := Evaluate(g, Input{Offtake: sum})
	if err != nil {
		t.Fatal(err)
	}
	checkViolations(t, r.Violations, []wantViolation{{local(2026, 3, 2, 17, 0), local(2026, 3, 2, 17, 30), 50, 25, "penalty"}})
	if !near(r.PenaltyEUR, 500) {
		t.Errorf("penalty = %g, want 500", r.PenaltyEUR)
	}
	member := mustParse(t, `
connection: "A"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
`)
	ra, err := Evaluate(member, Input{Offtake: a})
	if err != nil {
		t.Fatal(err)
	}
	if len(ra.Violations) != 0 {
		t.Errorf("member A violations = %v, want none (it keeps its own capacity)", ra.Violations)
	}
}

func TestTermEnd(t *testing.T) {
	c := mustParse(t, strings.Replace(minimal, "end: indefinite", "end: 2026-03-02", 1))
	s := flat(2026, 3, 2, 2, 350) // Monday in term, Tuesday after the end
	r, err := Evaluate(c, Input{Offtake: s})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Violations) != 1 || !r.Violations[0].Start.Equal(local(2026, 3, 2, 16, 0)) {
		t.Errorf("violations = %+v, want one on 2026-03-02 only", r.Violations)
	}
	// The fixed fee runs for one day: 20 × 200 ÷ 365.
	if !near(r.FixedEUR, 20*200/365.0) {
		t.Errorf("fixed = %g, want %g", r.FixedEUR, 20*200/365.0)
	}
}

// A period starting at noon: the fixed fee and the freed capacity count
// only the half day inside the period.
func TestPartialDay(t *testing.T) {
	full := flat(2026, 3, 2, 1, 100)
	half := series.Series{Start: local(2026, 3, 2, 12, 0), KW: full.KW[48:]}
	r, err := Evaluate(mustParse(t, minimal), Input{Offtake: half})
	if err != nil {
		t.Fatal(err)
	}
	if r.ISPs != 48 || !near(r.FixedEUR, 20*200/365.0/2) || !near(r.FreedKWh, 1000) {
		t.Errorf("half day: isps %d fixed %g freed %g, want 48 %g 1000", r.ISPs, r.FixedEUR, r.FreedKWh, 20*200/365.0/2)
	}
	morning := series.Series{Start: full.Start, KW: full.KW[:48]}
	if r, err = Evaluate(mustParse(t, minimal), Input{Offtake: morning}); err != nil || r.FreedKWh != 0 {
		t.Errorf("morning: freed %v (%v), want 0: the window is in the afternoon", r.FreedKWh, err)
	}
}
