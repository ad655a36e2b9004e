package areaview

import (
	"fmt"

	"gridflex/area"
	"gridflex/table"
)

// SimulateReport is the risk per year at the area's margin, the margin
// trade-off and, when given, the comparison of the study's proposals.
func SimulateReport(a *area.Area, at area.Risk, t *area.Tradeoff, ps []area.Proposal) Report {
	sim := t.Simulation
	chosen := "none of the scanned margins"
	if t.ChosenOK {
		chosen = fmt.Sprintf("%.2f (%s MW reissued)", t.Chosen, mw(sim.FreedKW*(1-t.Chosen)))
	}
	r := Report{Title: fmt.Sprintf("Overload risk of %s until the reinforcement on %s", a.Name, a.Reinforcement.Date), Summary: []string{
		fmt.Sprintf("%d Monte Carlo runs of %d years, seed %d, policy: %s", sim.Runs, sim.Years, sim.Seed, sim.Policy),
		fmt.Sprintf("freed %s MW; at margin %.2f %s MW is reissued, %s MW granted: P(overload before the reinforcement) = %s",
			mw(sim.FreedKW), at.Margin, mw(at.ReissuedKW), mw(at.GrantedKW), pct(at.PHorizon)),
		fmt.Sprintf("smallest margin with risk ≤ %s: %s", pct(t.Target), chosen),
		fmt.Sprintf("%d of %d base ISPs can overload at all (%d contract shapes)", sim.CandidateISPs, sim.BaseISPs, sim.Shapes),
	}}
	ys := Section{Title: fmt.Sprintf("Risk per year at margin %.2f", at.Margin),
		Header: []string{"year", "from", "to", "P(overload)", "mean ISPs", "ISPs P10", "P50", "P90", "mean MWh", "MWh P10", "P50", "P90", "ended kW"},
		Right:  []bool{true, false, false, true, true, true, true, true, true, true, true, true, true}}
	for _, y := range at.Years {
		ys.Rows = append(ys.Rows, []string{fmt.Sprint(y.Year), y.From, y.To, pct(y.POverload), table.Num(y.MeanISPs, 1),
			table.Num(y.ISPsP10, 0), table.Num(y.ISPsP50, 0), table.Num(y.ISPsP90, 0), table.Num(y.MeanMWh, 2),
			table.Num(y.MWhP10, 2), table.Num(y.MWhP50, 2), table.Num(y.MWhP90, 2), kw(y.MeanEndedK)})
	}
	ys.Notes = []string{"ended kW: freed capacity of contracts that ended or opted out by the year's end (mean over runs)",
		"the measured base year stands for every year: weather and growth are not varied"}
	tr := Section{Title: "Margin trade-off: margin → MW reissued → overload risk",
		Header: []string{"margin", "reissued MW", "granted MW", "P(overload before reinforcement)", "worst year P", "mean overload MWh/yr"},
		Right:  []bool{true, true, true, true, true, true}}
	for _, rk := range sim.Risks {
		worst, mwhSum := 0.0, 0.0
		for _, y := range rk.Years {
			worst = max(worst, y.POverload)
			mwhSum += y.MeanMWh
		}
		tr.Rows = append(tr.Rows, []string{table.Num(rk.Margin, 2), mw(rk.ReissuedKW), mw(rk.GrantedKW), pct(rk.PHorizon),
			pct(worst), table.Num(mwhSum/float64(max(len(rk.Years), 1)), 2)})
	}
	r.Sections = append(r.Sections, ys, tr)
	if len(ps) > 0 {
		cs := Section{Title: fmt.Sprintf("The study's proposals on the same area (margin %.2f)", at.Margin),
			Header: []string{"policy", "P(overload)", "mean overload MWh/yr", "ended kW by the end", "margin needed"},
			Right:  []bool{false, true, true, true, true}}
		for _, p := range ps {
			mwhSum, ended := 0.0, 0.0
			for _, y := range p.Risk.Years {
				mwhSum += y.MeanMWh
				ended = y.MeanEndedK
			}
			need := "> 1"
			if p.Tradeoff.ChosenOK {
				need = table.Num(p.Tradeoff.Chosen, 2)
			}
			cs.Rows = append(cs.Rows, []string{p.Name, pct(p.Risk.PHorizon), table.Num(mwhSum/float64(max(len(p.Risk.Years), 1)), 2), kw(ended), need})
		}
		cs.Notes = []string{"same seed for every policy; yellow cards: each contract's cards (default 3, 1) before the violation rate drops by area.fine_deterrence"}
		r.Sections = append(r.Sections, cs)
	}
	return r
}
