package usecase

import (
	"context"
	"math"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gridflex/report"
	"gridflex/scenario"
	"gridflex/series"
)

// scanDoc scans the site name of fsys on the default scenario and returns
// its report.
func scanDoc(t *testing.T, fsys fstest.MapFS, name string) report.Document {
	t.Helper()
	r, err := Scan(context.Background(), ScanRequest{Scenario: scenario.Default(), Files: fsys, Site: name, Now: fixedNow})
	if err != nil {
		t.Fatalf("Scan(%s): %v", name, err)
	}
	return r.Report
}

func closeTo(got, want float64) bool { return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want)) }

// An office with a building: heating and cooling are seasonal alternatives
// (§1.5), so each peak counts the larger of the two, not their sum.
func TestScanOfficeSeasons(t *testing.T) {
	d := scanDoc(t, fstest.MapFS{"office.yaml": repoFile(t, "../building/testdata/reference.yaml")}, "office.yaml")
	var heat, cool [2]float64
	for _, m := range d.Measures {
		switch m.Name {
		case "grid-aware heating":
			heat = [2]float64{m.MorningMW, m.EveningMW}
		case "grid-aware cooling":
			cool = [2]float64{m.MorningMW, m.EveningMW}
		}
	}
	// §1.6 Table 4.4: 150 kW of heat pump, nearly all of it cut in the
	// morning peak (the DP's power steps: a few kW).
	if heat[0] < 0.14 || heat[0] > 0.15 {
		t.Errorf("heating morning cut = %v MW, want ≈ 0.15 (150 kW heat pump, §1.6)", heat[0])
	}
	for i, peak := range []string{"morning", "evening"} {
		got := []float64{d.Summary.MorningMW, d.Summary.EveningMW}[i]
		if want := max(heat[i], cool[i]); !closeTo(got, want) {
			t.Errorf("%s summary = %v MW, want max(heating %v, cooling %v) = %v", peak, got, heat[i], cool[i], want)
		}
	}
	if sum := heat[1] + cool[1]; closeTo(d.Summary.EveningMW, sum) {
		t.Errorf("evening summary %v MW = heating + cooling: the seasons were added", d.Summary.EveningMW)
	}
}

// A chemical plant: per-measure MW from the site file, € per MWh by the §0
// cost formula (CAPEX + years × OPEX) × (1 + margin) ÷ (MW × h/yr × years),
// and the extra night capacity that moved batches need.
func TestScanChemistryFigures(t *testing.T) {
	s := scenario.Default()
	years, margin := s.Value("cost.years"), s.Value("cost.margin")
	structural, incidental := s.Value("cost.hours_structural"), s.Value("cost.hours_incidental")
	lump := s.Value("cost.lump_sum_eur")
	staff := s.Value("cost.staff_hours_per_day") * s.Value("cost.staff_eur_per_hour") * s.Value("cost.staff_days_per_year")
	formula := func(capex, opexPerYear, mw, hours float64) float64 {
		return (capex + years*opexPerYear) * (1 + margin) / (mw * hours * years)
	}
	// plant.yaml, measure by measure.
	want := map[string]struct{ morning, evening, eurPerMWh float64 }{
		"reactor R1 (batch)": {1.2, 1.2, formula(lump, 0, 1.2, structural)},
		"dryer D2 (batch)":   {0.8, 0, formula(lump, 0, 0.8, structural)},
		// 300 €/MWh substitute for the shifted 520 MWh, 1 h/day staff.
		"nitrogen compressor (utility)": {0.5, 0.5, formula(lump, 300*0.5*structural+staff, 0.5, structural)},
		// Overhaul €280,000/MW over 5 years, fuel 0 (the site's).
		"gas turbine CHP (chp)": {2, 2, formula(s.Value("chemistry.compensation.chp.overhaul_eur_per_mw")*2, 0, 2, structural)},
		// 25 % of 2 MW, €1,500 per hour of curtailment, 250 h/yr.
		"extrusion line (continuous)": {0, 0.5, formula(lump, 1500*incidental, 0.5, incidental)},
	}
	d := scanDoc(t, fstest.MapFS{"plant.yaml": repoFile(t, "../plant/testdata/plant.yaml")}, "plant.yaml")
	if len(d.Measures) != len(want) {
		t.Fatalf("%d measures, want %d", len(d.Measures), len(want))
	}
	for _, m := range d.Measures {
		w, ok := want[m.Name]
		if !ok {
			t.Errorf("unexpected measure %q", m.Name)
			continue
		}
		if !closeTo(m.MorningMW, w.morning) || !closeTo(m.EveningMW, w.evening) {
			t.Errorf("%s = %v / %v MW, want %v / %v", m.Name, m.MorningMW, m.EveningMW, w.morning, w.evening)
		}
		if !closeTo(m.EURPerMWh, w.eurPerMWh) {
			t.Errorf("%s = €%v/MWh, want €%v/MWh (§0 formula)", m.Name, m.EURPerMWh, w.eurPerMWh)
		}
	}
	if d.Summary.ExtraNightKW != 0 {
		t.Errorf("plant.yaml: extra night capacity %v kW, want 0 (6 MW contracted)", d.Summary.ExtraNightKW)
	}

	// 1,000 kW base + a 500 kW batch in the morning peak, 1,200 kW
	// contracted: moved out of the peak it runs at 1,500 kW, 300 kW above.
	tight := `sector: chemistry
name: tight
capacity_kw: 1200
base_load_kw: 1000
batches:
  - {name: reactor, kw: 500, duration_h: 2, runs_per_day: 1, starts: ["07:00"]}
`
	d = scanDoc(t, fstest.MapFS{"tight.yaml": {Data: []byte(tight)}}, "tight.yaml")
	if !closeTo(d.Summary.ExtraNightKW, 300) {
		t.Errorf("tight.yaml: extra night capacity %v kW, want 300", d.Summary.ExtraNightKW)
	}
	if d.Summary.MorningMW != 0.5 {
		t.Errorf("tight.yaml: morning %v MW, want 0.5", d.Summary.MorningMW)
	}
	// And it moves with the contract: at 1,500 kW nothing extra is needed.
	roomy := strings.Replace(tight, "capacity_kw: 1200", "capacity_kw: 1500", 1)
	if x := scanDoc(t, fstest.MapFS{"roomy.yaml": {Data: []byte(roomy)}}, "roomy.yaml").Summary.ExtraNightKW; x != 0 {
		t.Errorf("capacity 1,500 kW: extra night capacity %v kW, want 0", x)
	}
}

// TestChargingExports: the OCPP export is for the profile day (tomorrow by
// default, the request's day otherwise) and the contract export starts on
// the scan's contract start, one rule with every other sector.
func TestChargingExports(t *testing.T) {
	fsys := fstest.MapFS{"depot.yaml": repoFile(t, "../charging/testdata/study.good.yaml")}
	for _, tc := range []struct {
		day                time.Time
		wantDay, wantStart string
	}{
		{time.Time{}, "2026-03-16", "2026-04-01"},
		{time.Date(2026, 10, 25, 0, 0, 0, 0, series.Amsterdam), "2026-10-25", "2026-10-25"},
	} {
		r, err := Scan(context.Background(), ScanRequest{Scenario: scenario.Default(), Files: fsys, Site: "depot.yaml", Day: tc.day, Charging: true, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Charging.ProfileDay.Format(time.DateOnly); got != tc.wantDay {
			t.Errorf("ProfileDay(day %v) = %s, want %s", tc.day, got, tc.wantDay)
		}
		x, err := OCPPExport(context.Background(), r.Charging)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, f := range x.Files {
			names[f.Name] = true
		}
		if !names["grid_limit.csv"] || !names["chargers.csv"] || len(x.Files) < 3 {
			t.Errorf("OCPPExport = %v, want profiles, chargers.csv and grid_limit.csv", names)
		}
		c, err := ContractExport(r)
		if err != nil || !strings.Contains(string(c), tc.wantStart) {
			t.Errorf("ContractExport(day %v) = %v, lacks the start %s:\n%s", tc.day, err, tc.wantStart, c)
		}
	}
}
