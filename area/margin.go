package area

import (
	"context"
	"math"
)

// Tradeoff is the margin scan: per margin the MW reissued and the risk.
type Tradeoff struct {
	Target float64 `json:"target"`
	// Chosen is the smallest scanned margin whose probability of an
	// overload before the reinforcement is at most Target; NaN (null in
	// JSON: -1) when even margin 1 exceeds it.
	Chosen     float64     `json:"chosen_margin"`
	ChosenOK   bool        `json:"chosen_ok"`
	Simulation *Simulation `json:"simulation"`
}

// Margins returns 0, step, 2·step, … 1.
func Margins(step float64) []float64 {
	var ms []float64
	for i := 0; ; i++ {
		m := math.Round(float64(i)*step*1e9) / 1e9
		if m >= 1 {
			return append(ms, 1)
		}
		ms = append(ms, m)
	}
}

// FindMargin scans the margins in one simulation (common random numbers)
// and picks the smallest whose risk stays at or under target.
func FindMargin(ctx context.Context, a *Area, f *Freed, step, target float64, o SimOptions) (*Tradeoff, error) {
	sim, err := Simulate(ctx, a, f, Margins(step), o)
	if err != nil {
		return nil, err
	}
	return ChooseMargin(sim, len(sim.Risks), target), nil
}

// Proposal is one row of the comparison of the study's proposals.
type Proposal struct {
	Policy   Policy    `json:"policy"`
	Name     string    `json:"name"`
	Risk     Risk      `json:"risk_at_margin"`
	Tradeoff *Tradeoff `json:"tradeoff"`
}

// Policies are the study's proposals (§6) side by side: today's indefinite
// contracts, a fixed term, an opt-out, each with yellow cards and with
// immediate fines, and the contracts as filed.
func Policies(termYears, optOutAfter float64) []Policy {
	var ps []Policy
	for _, yc := range []bool{true, false} {
		ps = append(ps, Policy{Term: AsFiled, YellowCards: yc}, Policy{Term: Indefinite, YellowCards: yc},
			Policy{Term: FixedTerm, TermYears: termYears, YellowCards: yc},
			Policy{Term: OptOut, OptOutAfterYears: optOutAfter, YellowCards: yc})
	}
	return ps
}

// Compare runs every policy on the same area and seed: the risk at margin
// and the margin each needs to stay under target.
func Compare(ctx context.Context, a *Area, f *Freed, policies []Policy, margin, step, target float64, o SimOptions) ([]Proposal, error) {
	ms := Margins(step)
	at := -1
	for i, m := range ms {
		if math.Abs(m-margin) < 1e-9 {
			at = i
		}
	}
	if at < 0 {
		ms = append(ms, margin)
		at = len(ms) - 1
	}
	var out []Proposal
	for _, p := range policies {
		o.Policy = p
		sim, err := Simulate(ctx, a, f, ms, o)
		if err != nil {
			return nil, err
		}
		t := ChooseMargin(sim, len(Margins(step)), target)
		out = append(out, Proposal{Policy: p, Name: p.String(), Risk: sim.Risks[at], Tradeoff: t})
	}
	return out, nil
}

// ChooseMargin picks from the first n risks of sim the smallest margin
// whose risk is at most target.
func ChooseMargin(sim *Simulation, n int, target float64) *Tradeoff {
	t := &Tradeoff{Target: target, Chosen: -1, Simulation: sim}
	for _, r := range sim.Risks[:n] {
		if r.PHorizon <= target {
			t.Chosen, t.ChosenOK = r.Margin, true
			break
		}
	}
	return t
}
