package potential

import (
	"math"
	"testing"

	"gridflex/scenario"
)

// near reports whether got equals the study's printed want within tol. tol
// is the study's rounding: 0.5 for whole numbers, 0.05 for one decimal, and
// 1 where the study truncates (cooling's 256.6 printed as 256 and the sums
// carrying it; see doc.go).
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol+1e-9 }

// TestGolden checks every published value and intermediate of
// study-model.md §1–§5 against the model at the default scenario.
func TestGolden(t *testing.T) {
	b := bound(scenario.Default())
	pt := &b.pointTrace
	lo := func(o int) *trace { return &b.minTrace[o] }
	hi := func(o int) *trace { return &b.maxTrace[o] }
	const (
		whole   = 0.5
		decimal = 0.05
		trunc   = 1.0
	)
	tests := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"§1.1 floor area of large offices 19,530,303 m²", pt.FloorAreaM2, 19_530_303, whole},
		{"§1.1 buildings 2,293", pt.Buildings, 2293, whole},
		// Twelve rows, each ±1 MWh in the printed table.
		{"§1.1 cooling need 669,446 MWh", pt.CoolingNeedMWh, 669_446, 12},
		{"§1.2 est. 2 heat-pump area 3,392,724 m²", pt.Est2AreaM2, 3_392_724, whole},
		{"§1.2 est. 2 heat 185.1 GWh", pt.Est2HeatMWh / 1000, 185.1, decimal},
		{"§1.2 est. 2 share of buildings 19.2 %", 100 * pt.Est2BuildingShare, 19.2, decimal},
		{"§1.2 est. 2 heat per m² 55 kWh/m²", pt.Est2HeatMWh * 1000 / pt.Est2AreaM2, 55, whole},
		{"§1.2 est. 1 heat per m² 57 kWh/m²", pt.Est1HeatMWh * 1000 / pt.Est1AreaM2, 57, whole},
		{"§1.2 est. 1 peak heat at 1,570 h 86 MW", lo(outOfficesHeating).Est1PeakHeatMW, 86, whole},
		{"§1.2 est. 1 peak heat at 1,237 h 109 MW", hi(outOfficesHeating).Est1PeakHeatMW, 109, whole},
		{"§1.2 est. 2 peak heat at 1,570 h 118 MW", lo(outOfficesHeating).Est2PeakHeatMW, 118, whole},
		{"§1.2 est. 2 peak heat at 1,237 h 149.7 MW", hi(outOfficesHeating).Est2PeakHeatMW, 149.7, decimal},
		{"§1.2 est. 1 electric 33.1 MW", lo(outOfficesHeating).Est1ElecMW, 33.1, decimal},
		{"§1.2 est. 1 electric 42.0 MW", hi(outOfficesHeating).Est1ElecMW, 42.0, decimal},
		{"§1.2 est. 2 electric 45.4 MW", lo(outOfficesHeating).Est2ElecMW, 45.4, decimal},
		{"§1.2 est. 2 electric 57.6 MW", hi(outOfficesHeating).Est2ElecMW, 57.6, decimal},
		{"§1.2 heating min 26 MW", b.min[outOfficesHeating], 26, whole},
		{"§1.2 heating max 58 MW", b.max[outOfficesHeating], 58, whole},
		{"§1.3 cooled demand 602.5 GWh", pt.ActiveCoolingMWh / 1000, 602.5, decimal},
		{"§1.3 cooled demand 34 kWh/m²", pt.ActiveCoolingMWh * 1000 / (0.9 * pt.FloorAreaM2), 34, whole},
		{"§1.3 peak cooling 1,103 MW", pt.PeakCoolingMW, 1103, whole},
		{"§1.3 electric cooling peak 256.6 MW", pt.CoolElecMW, 256.6, decimal},
		{"§1.3 cooling min 205 MW", b.min[outOfficesCooling], 205, whole},
		{"§1.3/§5 cooling max 256 MW (truncated)", b.max[outOfficesCooling], 256, trunc},
		// The study's way 1 uses 19.5 M m², rounded by ±0.05 M m².
		{"§1.4 way 1 parking spaces 487,500", pt.ParkingSpaces, 487_500, 0.05e6 * 0.025},
		{"§1.4 way 1 chargers 19,500", pt.ChargersParkingLow, 19_500, 0.05e6 * 0.025 * 0.04},
		{"§1.4 way 1 chargers 48,750", pt.ChargersParkingHigh, 48_750, 0.05e6 * 0.025 * 0.10},
		{"§1.4 way 2 plug-in EVs 386,005", pt.PlugInEVs, 386_005, whole},
		{"§1.4 way 2 EVs at large offices 193,003", pt.EVsAtLargeOffices, 193_003, whole},
		{"§1.4 way 2 chargers 38,600 (truncated)", pt.ChargersFleet, 38_600, trunc},
		{"§1.4 flexible chargers 31,500", pt.FlexibleChargers, 31_500, whole},
		{"§1.4 charging min 81.6 MW", b.min[outOfficesCharging], 81.6, decimal},
		{"§1.4 charging max 132.3 MW", b.max[outOfficesCharging], 132.3, decimal},
		{"§1.4 charging min 82 MW", b.min[outOfficesCharging], 82, whole},
		{"§1.4 charging max 132 MW", b.max[outOfficesCharging], 132, whole},
		{"§1.5 offices min 287 MW", b.min[outOffices], 287, whole},
		{"§1.5 offices max 388 MW (truncated cooling)", b.max[outOffices], 388, trunc},
		{"§2.1 sector capacity 2,068 MW", pt.ChemCapacityCheckMW, 2068, whole},
		{"§2.2 batch min 5 MW", b.min[outChemistryBatch], 5, whole},
		{"§2.2 batch max 78 MW (Table 0.1)", b.max[outChemistryBatch], 78, whole},
		{"§2.2 CHP 153 MW", b.min[outChemistryCHP], 153, whole},
		{"§2.2 CHP max 153 MW", b.max[outChemistryCHP], 153, whole},
		{"§2.2 utilities min 1.5 MW (Table 0.1)", b.min[outChemistryUtilities], 1.5, decimal},
		{"§2.2 utilities max 87 MW", b.max[outChemistryUtilities], 87, whole},
		{"§2.2 continuous min 39 MW", b.min[outChemistryContinuous], 39, whole},
		{"§2.2 continuous max 71 MW", b.max[outChemistryContinuous], 71, whole},
		{"§2.2 chemistry min 199 MW", b.min[outChemistry], 199, whole},
		{"§2.2 chemistry max 389 MW", b.max[outChemistry], 389, whole},
		{"§3 logistics 154 MW", b.min[outLogisticsCharging], 154, 0},
		{"§3 logistics max 154 MW", b.max[outLogistics], 154, 0},
		{"§4 installed cooling 300 MW", lo(outDatacentersCooling).DCCoolingMW, 300, trunc},
		{"§4 installed cooling 450 MW", hi(outDatacentersCooling).DCCoolingMW, 450, trunc},
		{"§4 cooling cut 5 %", 100 * pt.DCCutShare, 5, 0},
		{"§4 datacenters min 15 MW", b.min[outDatacentersCooling], 15, whole},
		{"§4 datacenters max 23 MW", b.max[outDatacentersCooling], 23, whole},
		{"§5 national total min 640 MW", b.min[outTotal], 640, whole},
		{"§5 national total max 931 MW (truncated cooling)", b.max[outTotal], 931, trunc},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !near(tc.got, tc.want, tc.tol) {
				t.Errorf("got %v, want %v ± %v", tc.got, tc.want, tc.tol)
			}
		})
	}
}

// TestGoldenEvaluate checks the public Result (Table 0.1, §5) and its JSON
// ids.
func TestGoldenEvaluate(t *testing.T) {
	r := Evaluate(scenario.Default())
	if r.Scenario != "nl-2026" {
		t.Errorf("Evaluate().Scenario = %q, want nl-2026", r.Scenario)
	}
	want := map[string][2]float64{
		"logistics.charging": {154, 154}, "offices.heating": {26, 58}, "offices.cooling": {205, 256},
		"offices.charging": {82, 132}, "chemistry.batch": {5, 78}, "chemistry.chp": {153, 153},
		"chemistry.utilities": {1.5, 87}, "chemistry.continuous": {39, 71}, "datacenters.cooling": {15, 23},
		"offices": {287, 388}, "chemistry": {199, 389}, "logistics": {154, 154}, "datacenters": {15, 23},
	}
	seen := 0
	check := func(id string, lo, hi float64) {
		w, ok := want[id]
		if !ok {
			t.Errorf("Evaluate() has unexpected id %q", id)
			return
		}
		seen++
		if !near(lo, w[0], 0.5) || !near(hi, w[1], 1) {
			t.Errorf("Evaluate() %s = %v–%v MW, want %v–%v (§5 Table 0.1)", id, lo, hi, w[0], w[1])
		}
	}
	for _, m := range r.Measures {
		check(m.ID, m.MinMW, m.MaxMW)
		if m.InTotal != (m.Sector != "datacenters") {
			t.Errorf("Evaluate() %s InTotal = %v", m.ID, m.InTotal)
		}
	}
	for _, s := range r.Sectors {
		check(s.ID, s.MinMW, s.MaxMW)
	}
	if seen != len(want) {
		t.Errorf("Evaluate() has %d of the %d ids of Table 0.1", seen, len(want))
	}
	if !near(r.Total.MinMW, 640, 0.5) || !near(r.Total.MaxMW, 931, 1) || r.Total.WithDatacenters {
		t.Errorf("Evaluate() total = %+v, want 640–931 MW without datacenters (§5)", r.Total)
	}
	withDC := EvaluateWith(scenario.Default(), Options{WithDatacenters: true})
	dc := r.Sectors[3]
	if !near(withDC.Total.MinMW, r.Total.MinMW+dc.MinMW, 1e-9) || !near(withDC.Total.MaxMW, r.Total.MaxMW+dc.MaxMW, 1e-9) {
		t.Errorf("EvaluateWith(datacenters) total = %+v, want %v + %v", withDC.Total, r.Total, dc)
	}
	if got := OfficeFloorAreaM2(scenario.Default()); got != 19_530_303 {
		t.Errorf("OfficeFloorAreaM2() = %v, want 19,530,303 m² (§1.1)", got)
	}
}

// TestGoldenAlternatives reproduces the study's other printed values, which
// the defaults do not use (§2.2 inconsistencies), by changing one input.
func TestGoldenAlternatives(t *testing.T) {
	tests := []struct {
		name      string
		key       string
		value     float64
		measure   string
		max       bool
		want, tol float64
	}{
		{"§2.2 utilities low at 0.1 % is 1.3 MW (text 1.3–1.4)", "chemistry.utilities.weighted_share", 0.001, "chemistry.utilities", false, 1.3, 0.05},
		{"§2.2 batch high of Table 5.2 is 73 MW", "chemistry.batch.flex_share", 0.1217, "chemistry.batch", true, 73, 0.5},
		{"§2.2 CHP with exactly two thirds is 150 MW", "chemistry.chp.respondent_share", 2.0 / 3, "chemistry.chp", true, 150, 1e-9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := measure(Evaluate(scenario.Default().With(tc.key, tc.value)), tc.measure)
			got := m.MinMW
			if tc.max {
				got = m.MaxMW
			}
			if !near(got, tc.want, tc.tol) {
				t.Errorf("Evaluate(%s=%v) %s = %v, want %v ± %v", tc.key, tc.value, tc.measure, got, tc.want, tc.tol)
			}
		})
	}
}

// TestBriefComplete: the terminal table shows Brief instead of the full
// text, so every measure needs all three short forms.
func TestBriefComplete(t *testing.T) {
	for _, m := range Evaluate(scenario.Default()).Measures {
		if m.Brief.Peaks == "" || m.Brief.Season == "" || m.Brief.Cost == "" {
			t.Errorf("measure %s: brief %+v has an empty field", m.ID, m.Brief)
		}
	}
}
