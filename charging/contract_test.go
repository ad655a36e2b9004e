package charging

import (
	"math"
	"strings"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/scenario"
	"gridflex/series"
)

// The recommended contract is a valid contract file (contract/FORMAT.md).
func TestContractYAMLParses(t *testing.T) {
	for _, tc := range []struct{ name, site string }{
		{"study block power", "sector: logistics\nname: d\ncapacity_kw: 80\nvehicles:" + trucks},
		{"time block only", "sector: logistics\nname: d\ncapacity_kw: 120\nvehicles:" + trucks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanYAML(t, scenario.Default(), tc.site, Options{})
			y := ContractYAML(r, "", "2026-01-01")
			if _, err := contract.Parse("recommended.yaml", y, nil); err != nil {
				t.Fatalf("ContractYAML does not parse: %v\n%s", err, y)
			}
			if !strings.Contains(string(y), "form: time-block") {
				t.Errorf("ContractYAML = %s, want a time-block clause", y)
			}
		})
	}
}

// A meter that follows the exported schedule complies with the exported
// contract (study §3 example, and a site with PV, a battery and existing
// block power): no violations, and the grid limit never asks for export.
func TestScheduleMeetsContract(t *testing.T) {
	for _, tc := range []struct{ name, site string }{
		{"study §3 block power", "sector: logistics\nname: d\ncapacity_kw: 80\nvehicles:" + trucks},
		{"time block only", "sector: logistics\nname: d\ncapacity_kw: 120\nvehicles:" + trucks},
		{"held block power overlaps the proposal", "sector: logistics\nname: d\ncapacity_kw: 70\nblock_power: [{from: \"22:00\", to: \"02:00\", extra_kw: 5}]\nvehicles:" + trucks},
		{"pv and battery", "sector: logistics\nname: d\ncapacity_kw: 80\npv: {peak_kw: 60}\nbattery: {kwh: 100, kw: 30, efficiency: 0.9}\nvehicles:" + trucks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanYAML(t, scenario.Default(), tc.site, Options{})
			c, err := contract.Parse("recommended.yaml", ContractYAML(r, "", "2026-01-01"), nil)
			if err != nil {
				t.Fatal(err)
			}
			const days = 3
			start := time.Date(2026, 3, 2, 0, 0, 0, 0, series.Amsterdam)
			off, feed := series.New(start, days*dayISPs), series.New(start, days*dayISPs)
			for i := range off.KW {
				kw := r.AfterKW[i%dayISPs]
				off.KW[i], feed.KW[i] = float32(math.Max(0, kw)), float32(math.Max(0, -kw))
			}
			res, err := contract.Evaluate(c, contract.Input{Offtake: off, Feedin: feed})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Violations) != 0 {
				t.Errorf("Evaluate(schedule) = %d violations, want 0; first %+v\n%s", len(res.Violations), res.Violations[0], ContractYAML(r, "", "2026-01-01"))
			}
			for i, v := range r.LimitKW {
				if v < 0 || r.AfterKW[i] > v+1e-6 {
					t.Errorf("slot %d: limit %v kW, grid %v kW; want 0 ≤ grid-side offtake ≤ limit", i, v, r.AfterKW[i])
				}
			}
		})
	}
}
