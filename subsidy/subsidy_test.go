package subsidy

import (
	"testing"

	"gridflex/scenario"
)

// §7: scan 50 % up to €10,000; feasibility 50 % between €10,000 and
// €125,000; realisation 35 % up to €300,000 with a congestion contract;
// eligibility more than 100 kW (§7; 100 kW itself is not), ≥ 1 kV,
// declared congestion area.
func TestCompute(t *testing.T) {
	s := scenario.Default()
	ok := Input{VoltageKV: 10, CongestionArea: true, CongestionContract: true}
	with := func(in Input, scan, feas, real float64) Input {
		in.ScanEUR, in.FeasibilityEUR, in.RealisationEUR = scan, feas, real
		return in
	}
	noContract := ok
	noContract.CongestionContract = false
	lowVoltage := ok
	lowVoltage.VoltageKV = 0.4
	cases := []struct {
		name     string
		kw       float64
		in       Input
		want     [3]float64
		eligible bool
	}{
		{"all below caps", 500, with(ok, 8000, 60000, 400000), [3]float64{4000, 30000, 140000}, true},
		{"all capped", 500, with(ok, 50000, 400000, 2_000_000), [3]float64{10000, 125000, 300000}, true},
		{"feasibility below minimum", 500, with(ok, 0, 15000, 0), [3]float64{0, 0, 0}, true},
		{"realisation without contract", 500, with(noContract, 8000, 0, 400000), [3]float64{4000, 0, 0}, true},
		{"too small", 99, with(ok, 8000, 60000, 400000), [3]float64{0, 0, 0}, false},
		{"exactly 100 kW is not more than 100 kW", 100, with(ok, 8000, 0, 0), [3]float64{0, 0, 0}, false},
		{"just above 100 kW", 100.5, with(ok, 8000, 0, 0), [3]float64{4000, 0, 0}, true},
		{"low voltage", 500, with(lowVoltage, 8000, 0, 0), [3]float64{0, 0, 0}, false},
		{"no congestion area", 500, Input{VoltageKV: 10, ScanEUR: 8000}, [3]float64{0, 0, 0}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Compute(tc.kw, tc.in, s)
			if r.Eligible != tc.eligible {
				t.Errorf("Compute(%v kW, %+v).Eligible = %v, want %v (%v)", tc.kw, tc.in, r.Eligible, tc.eligible, r.Reasons)
			}
			var total float64
			for i, p := range r.Parts {
				if p.SubsidyEUR != tc.want[i] {
					t.Errorf("%s subsidy = %v, want %v", p.Name, p.SubsidyEUR, tc.want[i])
				}
				total += tc.want[i]
			}
			if r.TotalEUR != total {
				t.Errorf("total = %v, want %v", r.TotalEUR, total)
			}
		})
	}
}

// The subsidy never exceeds the cost's share and never decreases with cost
// (apart from the feasibility minimum step).
func TestMonotone(t *testing.T) {
	s := scenario.Default()
	prev := 0.0
	for cost := 0.0; cost <= 3e6; cost += 12_345 {
		r := Compute(1000, Input{VoltageKV: 10, CongestionArea: true, CongestionContract: true, RealisationEUR: cost}, s)
		got := r.Parts[2].SubsidyEUR
		if got < prev || got > 0.35*cost+1e-9 {
			t.Fatalf("realisation subsidy at €%v = %v (previous %v)", cost, got, prev)
		}
		prev = got
	}
}
