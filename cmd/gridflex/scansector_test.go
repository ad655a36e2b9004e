package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sectorJSON is the part of `gridflex scan --format json` the tests read.
type sectorJSON struct {
	Summary struct {
		MorningMW    float64  `json:"morning_mw"`
		EveningMW    float64  `json:"evening_mw"`
		MWhPerYear   float64  `json:"mwh_per_year"`
		EURPerYear   float64  `json:"eur_per_year"`
		ExtraNightKW float64  `json:"extra_night_kw"`
		Lines        []string `json:"lines"`
	} `json:"summary"`
	Measures []struct {
		Name         string  `json:"name"`
		Kind         string  `json:"kind"`
		MorningMW    float64 `json:"morning_mw"`
		EveningMW    float64 `json:"evening_mw"`
		HoursPerYear float64 `json:"hours_per_year"`
		MWhPerYear   float64 `json:"mwh_per_year"`
		EURPerMWh    float64 `json:"eur_per_mwh"`
	} `json:"measures"`
	Contract struct{ File string } `json:"contract"`
}

func scanJSON(t *testing.T, args ...string) sectorJSON {
	t.Helper()
	out, _, err := runCLI(t, append([]string{"scan"}, append(args, "--format", "json")...)...)
	if err != nil {
		t.Fatalf("scan %v: %v", args, err)
	}
	var d sectorJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("scan %v --format json: %v", args, err)
	}
	return d
}

// writeSite writes a site file into a test directory.
func writeSite(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func closeTo(got, want float64) bool { return math.Abs(got-want) <= 1e-6*math.Max(1, math.Abs(want)) }

// Every sector's table output (the figures and the contract: usecase.TestScanSectors).
func TestScanSectors(t *testing.T) {
	cases := []struct {
		name, site string
		want       []string // in the table output
	}{
		{"chemistry", "../../plant/testdata/plant.yaml", []string{"nitrogen compressor (utility)", "488", "Flex-e subsidy"}},
		{"datacenter", "../../datacenter/testdata/colocation.yaml", []string{"cooling by thermal inertia", "option 5", "BLOCKED (PH1 27 °C set-point rule)", "available once the rule changes"}},
		{"office", "../../building/testdata/reference.yaml", []string{"grid-aware heating", "grid-aware cooling"}},
		{"office with a weather file", "../../building/testdata/weather.yaml", []string{"grid-aware heating"}},
		{"office campus with charging (§1.7)", "../../building/testdata/campus.yaml", []string{"grid-aware EV charging", "grid-aware heating"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runCLI(t, "scan", tc.site)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("scan %s: output lacks %q:\n%s", tc.site, w, out)
				}
			}
		})
	}
}

// The HTML report of an office carries its charts inline and loads
// nothing (figures: usecase.TestScanOfficeSeasons).
func TestScanSectorOffice(t *testing.T) {
	const site = "../../building/testdata/reference.yaml"
	html, _, err := runCLI(t, "scan", site, "--format", "html")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"<!DOCTYPE html>", "<svg", "grid-aware heating", "not added", "reference office"} {
		if !strings.Contains(html, w) {
			t.Errorf("scan --format html lacks %q", w)
		}
	}
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:|//)|<link\b|<script[^>]*\bsrc|url\(\s*["']?https?:|@import`)
	if m := external.FindString(html); m != "" {
		t.Errorf("scan --format html loads %q: want a self-contained report", m)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// §4 golden: 6 minutes to the critical temperature over 120 minutes of
// flex cut cooling by 5 %; from the scenario when the site gives neither.
func TestScanSectorDatacenterGolden(t *testing.T) {
	site := writeSite(t, "dc.yaml", "sector: datacenters\nname: dc\ncapacity_kw: 5000\ntype: colocation\nit_mw: 4\ncooling_share: 0.25\n")
	cases := []struct {
		name string
		set  []string
		want float64 // MW of the inertia measure: 1 MW cooling × share
	}{
		{"§4 6 ÷ 120 = 5 %", nil, 0.05},
		{"12 minutes: 10 %", []string{"--set", "datacenters.ride_through_min=12"}, 0.10},
		{"60 minutes of flex: 10 %", []string{"--set", "datacenters.flex_duration_min=60"}, 0.10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := scanJSON(t, append([]string{site}, tc.set...)...)
			if len(d.Measures) == 0 || !strings.HasPrefix(d.Measures[0].Name, "cooling by thermal inertia") {
				t.Fatalf("measures %+v, want the inertia measure first", d.Measures)
			}
			if m := d.Measures[0]; !closeTo(m.MorningMW, tc.want) || !closeTo(m.EveningMW, tc.want) {
				t.Errorf("inertia = %v / %v MW, want %v", m.MorningMW, m.EveningMW, tc.want)
			}
		})
	}
}

// Outputs move with the scenario: a higher margin raises the compensation.
func TestScanSectorSet(t *testing.T) {
	base := scanJSON(t, "../../plant/testdata/plant.yaml")
	more := scanJSON(t, "../../plant/testdata/plant.yaml", "--set", "cost.margin=0.5")
	if more.Summary.EURPerYear <= base.Summary.EURPerYear {
		t.Errorf("margin 0.5: €%v/yr, want more than €%v/yr", more.Summary.EURPerYear, base.Summary.EURPerYear)
	}
}

// -o writes the report or its chart through a temporary file and a rename:
// the directory holds the finished file and nothing else, and a failed
// scan leaves an earlier file as it was.
func TestScanSectorOutputFiles(t *testing.T) {
	const site = "../../building/testdata/reference.yaml"
	cases := []struct{ file, start, contains string }{
		{"report.html", "<!DOCTYPE html>", "<svg"},
		{"chart.svg", "<", "<svg"},
		{"report.json", "{", `"measures"`},
		{"report.md", "#", "grid-aware heating"},
	}
	bad := writeSite(t, "bad.yaml", "sector: offices\nname: o\ncapacity_kw: 400\nbuilding: {floor_area_m2: 0}\n")
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, tc.file)
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, _, err := runCLI(t, "scan", bad, "-o", out); err == nil {
				t.Fatal("scan bad.yaml -o: want an error")
			}
			if got := mustRead(t, out); got != "old" {
				t.Errorf("failed scan changed %s to %.40q", tc.file, got)
			}
			_, stderr, err := runCLI(t, "scan", site, "-o", out)
			if err != nil {
				t.Fatal(err)
			}
			got := mustRead(t, out)
			if !strings.HasPrefix(strings.TrimSpace(got), tc.start) || !strings.Contains(got, tc.contains) {
				t.Errorf("%s starts %.60q, want %q and %q inside", tc.file, got, tc.start, tc.contains)
			}
			if !strings.Contains(stderr, "wrote "+out) {
				t.Errorf("stderr %q, want the file named", stderr)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("directory holds %v, want only %s (no temporary files left)", names, tc.file)
			}
		})
	}
}

// A bad site file: every problem at once as FILE:LINE: field: …, in line
// order, and no output file.
func TestScanSectorErrors(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"chemistry", "sector: chemistry\nname: bad\ncapacity_kw: -3\nbatches:\n  - {name: r, kw: 0, duration_h: 2, runs_per_day: 1}\nchp: [{name: c, mw: 1, colour: red}]\n",
			[]string{"bad.yaml:3: capacity_kw: want", "bad.yaml:5: batches[0].kw: want", "bad.yaml:6: colour: unknown key"}},
		{"datacenter", "sector: datacenters\nname: dc\ncapacity_kw: lots\ntype: cloud\nit_mw: 4\ncooling_share: 1.5\n",
			[]string{`bad.yaml:3: capacity_kw: want a number, got text "lots"`, `bad.yaml:4: type: want one of`, "bad.yaml:6: cooling_share: want a share"}},
		{"office", "sector: offices\nname: o\ncapacity_kw: 400\nbuilding:\n  floor_area_m2: 0\n  thermal_mass: granite\n  label: z\n",
			[]string{"bad.yaml:5: building.floor_area_m2: want", "bad.yaml:6: building.thermal_mass: want", `bad.yaml:7: building.label: want one of`}},
		{"office unknown key", "sector: offices\nname: o\ncapacity_kw: 400\nbuilding:\n  floor_area_m2: 1000\n  colour: red\n",
			[]string{"bad.yaml:6: colour: unknown key"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := writeSite(t, "bad.yaml", tc.text)
			out := filepath.Join(t.TempDir(), "report.html")
			_, _, err := runCLI(t, "scan", site, "-o", out)
			if err == nil {
				t.Fatal("scan bad.yaml: want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("scan bad.yaml: error lacks %q:\n%v", w, err)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("scan bad.yaml -o report.html: a file was written")
			}
		})
	}
	_, _, err := runCLI(t, "scan", "../../plant/testdata/plant.yaml", "-o", filepath.Join(t.TempDir(), "x.pdf"))
	if err == nil || !strings.Contains(err.Error(), "want a .html, .md, .json, .svg or .png file") {
		t.Errorf("-o x.pdf: err = %v, want the accepted extensions", err)
	}
}

// --format html -o F.html writes the report once, to the file; stdout stays
// empty and stderr has a one-line confirmation.
func TestScanSectorReportFileOnly(t *testing.T) {
	const site = "../../building/testdata/reference.yaml"
	for _, tc := range []struct{ format, file string }{
		{"html", "r.html"}, {"md", "r.md"}, {"json", "r.json"},
	} {
		t.Run(tc.format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.file)
			stdout, stderr, err := runCLI(t, "scan", site, "--format", tc.format, "-o", out)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != "" {
				t.Errorf("stdout %.60q, want nothing (the report is in %s)", stdout, out)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "wrote "+out) {
				t.Errorf("stderr %q, want one line naming %s", stderr, out)
			}
			if mustRead(t, out) == "" {
				t.Errorf("%s is empty", out)
			}
		})
	}
}

// A chemistry site drawing more than its contracted capacity today is
// flagged in the table output (§2).
func TestScanSectorOverCapacity(t *testing.T) {
	site := writeSite(t, "tight.yaml", `sector: chemistry
name: tight
capacity_kw: 3600
base_load_kw: 2500
batches:
  - {name: R1, kw: 1200, duration_h: 4, runs_per_day: 2, starts: ["07:00", "15:00"]}
  - {name: R2, kw: 1000, duration_h: 3, runs_per_day: 2, starts: ["09:00", "17:00"], parallel: 2}
`)
	out, _, err := runCLI(t, "scan", site)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "WARNING: today's load (4,700 kW) exceeds the contracted capacity (3,600 kW)") {
		t.Errorf("scan %s: no over-capacity warning:\n%s", site, out)
	}
}
