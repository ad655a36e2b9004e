package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sector scans end to end through `gridflex scan`.
func TestScanSectors(t *testing.T) {
	cases := []struct {
		name, site string
		want       []string // in the table output
	}{
		{"chemistry", "../../plant/testdata/plant.yaml", []string{"nitrogen compressor (utility)", "488", "Flex-e subsidy"}},
		{"datacenter", "../../datacenter/testdata/colocation.yaml", []string{"cooling by thermal inertia", "option 5"}},
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
			out, _, err = runCLI(t, "scan", tc.site, "--format", "json")
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Summary struct {
					MorningMW float64 `json:"morning_mw"`
				} `json:"summary"`
				Contract struct{ File string } `json:"contract"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("--format json: %v", err)
			}
			if doc.Summary.MorningMW <= 0 || doc.Contract.File == "" {
				t.Errorf("json summary %+v, contract %q", doc.Summary, doc.Contract.File)
			}
			// The report and the chart as files; the contract it recommends
			// is checked by the contract command's parser.
			dir := t.TempDir()
			for _, f := range []string{"r.html", "r.md", "c.svg"} {
				if _, _, err := runCLI(t, "scan", tc.site, "-o", filepath.Join(dir, f)); err != nil {
					t.Fatalf("-o %s: %v", f, err)
				}
				if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
					t.Errorf("-o %s: %v", f, err)
				}
			}
		})
	}
}

// Outputs move with the scenario: a higher margin raises the compensation.
func TestScanSectorSet(t *testing.T) {
	base, _, err := runCLI(t, "scan", "../../plant/testdata/plant.yaml", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	more, _, err := runCLI(t, "scan", "../../plant/testdata/plant.yaml", "--format", "json", "--set", "cost.margin=0.5")
	if err != nil {
		t.Fatal(err)
	}
	eur := func(s string) float64 {
		var d struct {
			Summary struct {
				EURPerYear float64 `json:"eur_per_year"`
			} `json:"summary"`
		}
		if err := json.Unmarshal([]byte(s), &d); err != nil {
			t.Fatal(err)
		}
		return d.Summary.EURPerYear
	}
	if eur(more) <= eur(base) {
		t.Errorf("margin 0.5: €%v/yr, want more than €%v/yr", eur(more), eur(base))
	}
}

func TestScanSectorErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("sector: chemistry\ncapacity_kw: -3\nchp: [{name: c, mw: 1}]\n"), 0o644)
	_, _, err := runCLI(t, "scan", bad)
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:2: capacity_kw") {
		t.Errorf("scan bad.yaml: err = %v, want file, line and field", err)
	}
	_, _, err = runCLI(t, "scan", "../../plant/testdata/plant.yaml", "-o", filepath.Join(dir, "x.pdf"))
	if err == nil {
		t.Error("-o x.pdf: want an error")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("-o x.pdf: a file was written")
	}
}
