package charging

import (
	"fmt"
	"math"

	"gridflex/contract"
)

// RecommendedContract is the recommended contract (contract/FORMAT.md): a
// CSC time block (CBC-T) per peak window the site gives up, at the plan's
// highest load there with zero PV plus headroom (contract.headroom_*), and
// the block-power steps when the night capacity must rise; a fixed fee
// that pays the scan's € per year (EURPerYear) on the capacity the time
// blocks free; a fixed term of cost.years years (§6). ean is the
// connection's EAN (a placeholder of zeros when empty); start is the first
// day in force (YYYY-MM-DD).
func RecommendedContract(r Result, ean, start string) (*contract.Contract, error) {
	first, err := contract.ParseDate(start)
	if err != nil {
		return nil, fmt.Errorf("contract start: %w", err)
	}
	if ean == "" {
		ean = "000000000000000000"
	}
	years := max(r.termYears, 1)
	c := &contract.Contract{
		Connection: ean, Name: r.Site, BaseKW: r.CapacityKW, FeedinKW: math.Inf(1),
		Term:      contract.Term{Start: first, End: first.AddYears(years).AddDays(-1)},
		Sanctions: contract.Sanctions{YellowCards: contract.DefaultYellowCards},
		Baseline:  contract.DefaultBaseline,
		Holidays:  map[contract.Date]bool{},
	}
	allMonths := [13]bool{}
	for m := 1; m <= 12; m++ {
		allMonths[m] = true
	}
	all := contract.DaySet{Kind: "all", Spec: "all"}
	freed := 0.0
	for i, g := range r.GiveUp {
		if g.KW <= 0 || i >= len(r.PeakWindows) {
			continue
		}
		w := r.PeakWindows[i]
		limit, ok := timeBlockKW(r, w)
		if !ok {
			continue
		}
		freed = math.Max(freed, r.CapacityKW-limit)
		c.Clauses = append(c.Clauses, contract.Clause{Form: contract.TimeBlock, Name: w.Name, Days: all, Months: allMonths,
			Window: contract.Window{From: w.fromMin, To: w.toMin % 1440}, MaxKW: limit, FeedinMaxKW: math.NaN()})
	}
	// Block power: in each block the schedule uses (held + proposed), the
	// plan's highest load with zero PV plus the headroom, like a time
	// block; a block the plan stays below the base with needs no clause.
	cl := contract.Clause{Form: contract.BlockPower, Name: "night", Days: all, Months: allMonths, FeedinMaxKW: math.NaN()}
	for _, x := range extraRuns(r.extraKW) {
		from, to := clockMin(x.Start), clockMin(x.End)
		limit, _ := r.headroom.LimitKW(plannedKW(r, from, to), math.Inf(1))
		if extra := limit - r.CapacityKW; extra > 0 {
			cl.Blocks = append(cl.Blocks, contract.Block{Window: contract.Window{From: from, To: to % 1440}, ExtraKW: extra})
		}
	}
	if len(cl.Blocks) > 0 {
		c.Clauses = append(c.Clauses, cl)
	}
	c.Compensation = contract.Compensation{ContractedKW: math.NaN()}
	if fee := contract.FeePerKWYear(r.EURPerYear, freed); fee > 0 {
		c.Compensation = contract.Compensation{FixedEURPerKWYear: fee, ContractedKW: freed}
	}
	return c, nil
}

// ContractYAML writes RecommendedContract as a contract file with the one
// contract encoder (contract.Export: never string concatenation, a finite
// term).
func ContractYAML(r Result, ean, start string) ([]byte, error) {
	c, err := RecommendedContract(r, ean, start)
	if err != nil {
		return nil, err
	}
	return contract.Export(c)
}

// extraRuns turns the block power per quarter-hour (the site's own blocks
// plus the proposal, which the schedule uses together) into
// non-overlapping blocks: contract/FORMAT.md takes the largest of
// overlapping blocks, not their sum.
func extraRuns(kw []float64) []BlockExtra {
	var out []BlockExtra
	clock := func(t int) string { return fmt.Sprintf("%02d:%02d", t*15/60, t*15%60) }
	for t := 0; t < len(kw); {
		if kw[t] <= 1e-9 {
			t++
			continue
		}
		e := t
		for e < len(kw) && math.Abs(kw[e]-kw[t]) < 1e-9 {
			e++
		}
		out = append(out, BlockExtra{Start: clock(t), End: clock(e), ExtraKW: kw[t]})
		t = e
	}
	return out
}
