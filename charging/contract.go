package charging

import (
	"bytes"
	"fmt"
	"math"
	"strings"
)

// ContractYAML writes the recommended contract as a contract file
// (contract/FORMAT.md) that `gridflex contract` can check meter data
// against: a CSC time block (CBC-T) per peak window the site gives up, at
// the grid-aware limit, and the block-power steps when the night capacity
// must rise. ean is the connection's EAN (a placeholder when empty); start
// is the first day in force (YYYY-MM-DD).
func ContractYAML(r Result, ean, start string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Recommended by `gridflex scan` for %s: %s\n", r.Site, r.Contract.Summary)
	for _, why := range r.Contract.Reasoning {
		fmt.Fprintf(&b, "#   - %s\n", why)
	}
	if ean == "" {
		ean = "000000000000000000"
		b.WriteString("# connection: replace the placeholder with the site's EAN\n")
	}
	fmt.Fprintf(&b, "connection: %q\nname: %q\nbase_capacity_kw: %s\nterm: {start: %s, end: indefinite}\n",
		ean, r.Site, num(r.CapacityKW), start)
	var limits []string
	for i, g := range r.GiveUp {
		if g.KW <= 0 {
			continue
		}
		w := r.PeakWindows[i]
		limit := timeBlockKW(r, w)
		limits = append(limits, fmt.Sprintf("  - form: time-block   # CBC-T / CSC time block (study §6)\n    name: %s\n    days: all\n    from: %q\n    to: %q\n    max_kw: %s\n",
			w.Name, w.From, w.To, num(limit)))
	}
	if runs := extraRuns(r.extraKW); len(runs) > 0 {
		var s strings.Builder
		s.WriteString("  - form: block-power  # extra night capacity (study §3): held and proposed blocks, summed\n    name: night\n    days: all\n    blocks:\n")
		for _, x := range runs {
			fmt.Fprintf(&s, "      - {from: %q, to: %q, extra_kw: %s}\n", x.Start, x.End, num(x.ExtraKW))
		}
		limits = append(limits, s.String())
	}
	if len(limits) > 0 {
		b.WriteString("limits:\n" + strings.Join(limits, ""))
	}
	if len(r.BlockPower) == 0 && r.CompensationEURPerMWh > 0 {
		fmt.Fprintf(&b, "compensation: {variable_eur_per_mwh: %s}  # study §3 rule\n", num(math.Round(r.CompensationEURPerMWh)))
	}
	return b.Bytes()
}

func num(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", x), "0"), ".")
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
