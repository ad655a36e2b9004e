package contract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/series"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.json")

// goldenResult is the part of a result the golden files pin down.
type goldenResult struct {
	Summary    Summary
	Violations []Violation
	Calls      []struct {
		Day                                string
		Binding                            bool
		Reason, Note                       string
		BaselineKWh, LoadKWh, DeliveredKWh float64
	}
	Settlement []Settlement
}

// TestGolden evaluates every testdata/*.good.yaml over a generated year
// (2026, both DST days) with testdata/calls.csv and compares the outcome
// with testdata/golden/NAME.json; go test -update rewrites them after a
// deliberate change.
func TestGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/calls.csv")
	if err != nil {
		t.Fatal(err)
	}
	calls, err := ParseCalls("testdata/calls.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.good.yaml")
	year := genYear(2)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".good.yaml")
		t.Run(name, func(t *testing.T) {
			c, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			// The generated load peaks near 340 kW; scale it to the contract so
			// that most ISPs comply and a few do not.
			load := series.Series{Start: year[0].Start, KW: make([]float32, year[0].Len())}
			scale := float32(c.BaseKW / 400)
			if c.Group != "" {
				load, scale = series.Sum(year[0], year[1]), 1
			}
			for i, v := range year[0].KW {
				if c.Group == "" {
					load.KW[i] = v * scale
				}
			}
			r, err := Evaluate(c, Input{Offtake: load, Calls: calls})
			if err != nil {
				t.Fatal(err)
			}
			g := goldenResult{Summary: Summarise(r), Violations: r.Violations, Settlement: r.Settlement}
			for _, cr := range r.Calls {
				g.Calls = append(g.Calls, struct {
					Day                                string
					Binding                            bool
					Reason, Note                       string
					BaselineKWh, LoadKWh, DeliveredKWh float64
				}{cr.Call.Day.String(), cr.Binding, cr.Reason, cr.Note, cr.BaselineKWh, cr.LoadKWh, cr.DeliveredKWh})
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("Evaluate(%s) differs from %s (go test -update after a deliberate change):\n%s", f, path, got)
			}
		})
	}
}

// TestBadFilesWholeLines tightens TestBadFiles: each "# want:" line must be
// a whole line of the error, so an out-of-date expectation (a valid-key
// list that lost an entry, say) fails instead of matching as a prefix.
func TestBadFilesWholeLines(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, ws := wants(t, f)
			_, err := Parse(filepath.Base(f), data, nil)
			if err == nil {
				t.Fatalf("Parse(%s) = nil error, want one", f)
			}
			lines := map[string]bool{}
			for _, l := range strings.Split(err.Error(), "\n") {
				lines[strings.TrimSpace(l)] = true
			}
			for _, w := range ws {
				if !lines[w] {
					t.Errorf("Parse(%s) error\n%v\nhas no line\n%s", f, err, w)
				}
			}
		})
	}
}
