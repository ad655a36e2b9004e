package area

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"gridflex/meter"
	"gridflex/scenario"
	"gridflex/series"
)

// A contract that is not kept frees less: depot 1 draws 250 kW in its
// 17:00–21:00 window limited to 200 kW, so it frees 200 − 50 = 150 kW, and
// its violation history is every day of the year.
func TestMeasuredBehaviour(t *testing.T) {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	to := time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	s := series.New(from, int(to.Sub(from)/series.ISP))
	cal := series.NewCalendar(from, s.Len())
	for i := range s.KW {
		s.KW[i] = 100
		if m := cal.Minute[i]; m >= 17*60 && m < 21*60 {
			s.KW[i] = 250
		}
	}
	var csv bytes.Buffer
	if err := meter.WriteCanonical(&csv, []meter.Connection{{EAN: "871687120000000011", Offtake: s}}); err != nil {
		t.Fatal(err)
	}
	areaYAML, err := os.ReadFile("testdata/study/area.yaml")
	if err != nil {
		t.Fatal(err)
	}
	withMeter := strings.Replace(string(areaYAML), "margin: 0.5\n", "margin: 0.5\nmeter: depot1.csv\n", 1)
	fsys := overlay{os.DirFS("testdata/study"), map[string][]byte{"m.yaml": []byte(withMeter), "depot1.csv": csv.Bytes()}}
	sc := scenario.Default()
	a, err := Parse(context.Background(), fsys, "m.yaml", sc)
	if err != nil {
		t.Fatal(err)
	}
	f := Free(a, sc)
	var depot1 ContractFreed
	for _, c := range f.Contracts {
		if c.ID == "871687120000000011" {
			depot1 = c
		}
	}
	if !depot1.Measured || !near(depot1.KeptShare, 0.75, 1e-6) || !near(depot1.FreedKW, 150, 1e-3) {
		t.Errorf("depot 1: measured %v, kept %.3f, freed %.1f kW, want measured, 0.75, 150", depot1.Measured, depot1.KeptShare, depot1.FreedKW)
	}
	if !near(depot1.ViolationDayShare, 1, 1e-9) || !near(depot1.ExcessKW, 50, 1e-3) {
		t.Errorf("depot 1: violation days %.3f, excess %.1f kW, want 1 and 50", depot1.ViolationDayShare, depot1.ExcessKW)
	}
	if !near(f.FreedKW, 950, 1e-3) || !near(f.ClauseKW, 1000, 1e-6) {
		t.Errorf("area: freed %.1f kW (clauses %.1f), want 950 (1000)", f.FreedKW, f.ClauseKW)
	}
	if !strings.Contains(a.LoadSource, "1 metered, 5 profiled") {
		t.Errorf("load source %q, want 1 metered, 5 profiled", a.LoadSource)
	}
}

// A waiting party's profile from a gridflex charging-site scan.
func TestScanProfile(t *testing.T) {
	areaYAML, err := os.ReadFile("testdata/study/area.yaml")
	if err != nil {
		t.Fatal(err)
	}
	scan := strings.Replace(string(areaYAML), "category: other, profile: depot}", "category: other, profile: {scan: ../../../charging/testdata/study.good.yaml}}", 1)
	fsys := overlay{os.DirFS(".."), map[string][]byte{"area/testdata/study/s.yaml": []byte(scan)}}
	a, err := Parse(context.Background(), fsys, "area/testdata/study/s.yaml", scenario.Default())
	if err != nil {
		t.Fatal(err)
	}
	p := a.Requests[3].Profile
	if p.Kind != "scan" || len(p.Shape) != a.Load.Len() {
		t.Fatalf("request D profile %q with %d values, want a scan over the base year", p.Kind, len(p.Shape))
	}
	peak := float32(0)
	for _, v := range p.Shape {
		peak = max(peak, v)
	}
	if peak != 1 {
		t.Errorf("scan profile peak %g, want normalised to 1", peak)
	}
}
