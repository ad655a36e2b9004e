package meter

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readFile reads a CSV meter file (optionally .gz) whole, within the
// limits of package input; workbooks are read by package meter/xlsx.
func readFile(path string, opts Options) ([]Connection, Report, error) {
	f, err := Open(path)
	if err != nil {
		return nil, Report{}, err
	}
	defer f.Close()
	if f.XLSX {
		return nil, Report{}, fmt.Errorf("%s: a workbook: read it with package meter/xlsx", path)
	}
	return Read(f, path, opts)
}

// sharedData is ../shared/data relative to the repository root; tests on
// real files skip without it.
func sharedData(t *testing.T, parts ...string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("../shared not present: no go.mod above the test")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{dir, "..", "shared", "data"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("../shared not present: %v", err)
	}
	return p
}

// ENTSO-E actual total load NL 2022–2024: 15-minute MW with offsets, both
// DST changes every year (SOURCE.txt: 105,216 rows, no gaps or duplicates).
func TestENTSOELoad(t *testing.T) {
	path := sharedData(t, "entsoe-nl-load", "actual_total_load_nl_2022_2024.csv")
	if _, _, err := readFile(path, Options{}); err == nil {
		t.Errorf("ReadFile without unit = nil error; the header \"Actual Load\" names none")
	}
	conns, rep, err := readFile(path, Options{Unit: "MW", EAN: "NL"})
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 1 || rep.Rows != 105216 {
		t.Fatalf("%d connections, %d rows; want 1, 105216", len(conns), rep.Rows)
	}
	q := conns[0].Quality
	wantStart := time.Date(2021, 12, 31, 23, 0, 0, 0, time.UTC)
	if !q.Start.Equal(wantStart) || q.ExpectedISPs != 105216 || q.PresentISPs != 105216 || q.GapCount != 0 || q.Duplicates != 0 {
		t.Errorf("quality = start %s, %d expected, %d present, %d gaps, %d duplicates; want %s, 105216, 105216, 0, 0",
			q.Start, q.ExpectedISPs, q.PresentISPs, q.GapCount, q.Duplicates, wantStart)
	}
	wantDST := []DSTDay{{"2022-03-27", 92, 92}, {"2022-10-30", 100, 100}, {"2023-03-26", 92, 92},
		{"2023-10-29", 100, 100}, {"2024-03-31", 92, 92}, {"2024-10-27", 100, 100}}
	if len(q.DST) != len(wantDST) {
		t.Fatalf("DST = %+v, want %+v", q.DST, wantDST)
	}
	for i := range wantDST {
		if q.DST[i] != wantDST[i] {
			t.Errorf("DST[%d] = %+v, want %+v", i, q.DST[i], wantDST[i])
		}
	}
	// 2023-10-29 02:00+01:00 (the second 02:00) is ISP 8 + 4 of that day.
	s := conns[0].Offtake
	i, _ := s.Index(time.Date(2023, 10, 29, 1, 0, 0, 0, time.UTC))
	if s.KW[i] != 10608e3 || s.KW[i-4] != 10959e3 {
		t.Errorf("2023-10-29 02:00 CET/CEST = %g / %g kW, want 10608000 / 10959000", s.KW[i], s.KW[i-4])
	}
	if rep.Format.Timestamps != "with UTC offset" || rep.Format.Separator != "," {
		t.Errorf("format = %+v", rep.Format)
	}
}

// Cambridge building b4, 2019: hourly kWh in UTC without offset; the
// archive wrote 0 for missing hours (SOURCE.txt: b4 2019 has 46).
func TestCambridgeHourly(t *testing.T) {
	path := sharedData(t, "cambridge-buildings", "electricity", "UCam_Building_b4_elec_2019.csv")
	// Read as Amsterdam local time, 2019-03-31 02:00 does not exist.
	if _, _, err := readFile(path, Options{}); err == nil {
		t.Errorf("ReadFile in Europe/Amsterdam = nil error, want the missing spring hour")
	}
	conns, _, err := readFile(path, Options{Zone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	c := conns[0]
	q := c.Quality
	if c.EAN != "UCam_Building_b4_elec_2019" || c.Resolution != time.Hour {
		t.Errorf("connection %s at %s, want UCam_Building_b4_elec_2019 at 1h", c.EAN, c.Resolution)
	}
	if q.Readings != 8760 || q.ExpectedISPs != 35040 || q.PresentISPs != 35040 || q.Zero != 46 || q.Duplicates != 0 {
		t.Errorf("quality = %d readings, %d expected, %d present, %d zero; want 8760, 35040, 35040, 46",
			q.Readings, q.ExpectedISPs, q.PresentISPs, q.Zero)
	}
	if len(q.DST) != 2 || q.DST[0] != (DSTDay{"2019-03-31", 92, 92}) || q.DST[1] != (DSTDay{"2019-10-27", 100, 100}) {
		t.Errorf("DST = %+v", q.DST)
	}
	// Spreading keeps the energy: the hourly kWh sum equals the ISP sum.
	total, missing := c.Offtake.TotalKWh()
	var hourly float64
	for _, h := range c.Offtake.Hours() {
		hourly += h.KWh
	}
	// summary_electricity_2019_2023_all_buildings.csv: b4 2019 annual
	// 132,010 kWh, max 50.7 kW.
	if missing != 0 || math.Abs(total-hourly) > 1e-6 || math.Round(total) != 132010 || float32(q.MaxKW) != 50.7 {
		t.Errorf("energy = %g kWh (hours %g), %d missing, max %g kW; want 132010 kWh, 50.7 kW", total, hourly, missing, q.MaxKW)
	}
	if len(q.Notes) == 0 {
		t.Errorf("no note about spreading hourly readings")
	}
}

// Every Cambridge electricity file agrees with the archive's summary
// (computed independently from the same files): rows, zero hours, annual
// kWh and peak.
func TestCambridgeAgainstSummary(t *testing.T) {
	dir := sharedData(t, "cambridge-buildings")
	sum, err := os.ReadFile(filepath.Join(dir, "summary_electricity_2019_2023_all_buildings.csv"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ rows, zero, kwh, maxKW float64 }
	want := map[string]row{}
	for _, line := range strings.Split(string(sum), "\n")[1:] {
		f := strings.Split(line, ",")
		if len(f) < 7 {
			continue
		}
		var r row
		for i, p := range []*float64{&r.rows, &r.zero, &r.kwh, nil, &r.maxKW} {
			if p != nil {
				*p, _ = strconv.ParseFloat(f[2+i], 64)
			}
		}
		want[f[0]+"_elec_"+f[1]] = r
	}
	files, _ := filepath.Glob(filepath.Join(dir, "electricity", "*.csv"))
	if len(files) == 0 {
		t.Skip("../shared not present: no Cambridge electricity files")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".csv")
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Skipf("%s not in the summary", name)
			}
			conns, _, err := readFile(f, Options{Zone: time.UTC})
			if err != nil {
				t.Fatal(err)
			}
			q := conns[0].Quality
			if float64(q.Readings) != w.rows || float64(q.Zero) != w.zero || math.Round(q.EnergyKWh) != w.kwh || math.Abs(q.MaxKW-w.maxKW) > 0.05 {
				t.Errorf("%s: %d readings, %d zero, %.0f kWh, max %.1f kW; summary %v", name, q.Readings, q.Zero, q.EnergyKWh, q.MaxKW, w)
			}
		})
	}
}

// The hourly ENTSO-E table read as wide data: SOURCE.txt lists 3 empty
// prices and 1 empty load among 26,305 rows, in UTC with offset.
func TestENTSOEHourlyWide(t *testing.T) {
	path := sharedData(t, "entsoe-nl-load", "electricity_data_nl_2022_2024_hourly.csv")
	conns, rep, err := readFile(path, Options{Unit: "MW"}) // only Load is MW; the check is about blanks
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 26305 || rep.Format.Layout != "wide" || len(conns) != 12 {
		t.Fatalf("%d rows, layout %s, %d columns; want 26305, wide, 12", rep.Rows, rep.Format.Layout, len(conns))
	}
	empty := map[string]int{}
	for _, c := range conns {
		empty[c.EAN] = c.Quality.EmptyValues
		if c.Resolution != time.Hour || c.Quality.ExpectedISPs != 26305*4 {
			t.Errorf("%s: resolution %s, %d ISPs; want 1h, %d", c.EAN, c.Resolution, c.Quality.ExpectedISPs, 26305*4)
		}
	}
	if empty["Load"] != 1 || empty["Price"] != 3 {
		t.Errorf("empty values: Load %d, Price %d; want 1, 3", empty["Load"], empty["Price"])
	}
}
