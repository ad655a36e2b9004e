package scenario

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"gridflex/input"
)

func TestDefaultIsValid(t *testing.T) {
	s := Default()
	if s.Name != DefaultName {
		t.Errorf("Default().Name = %q, want %q", s.Name, DefaultName)
	}
	for _, p := range s.Params() {
		if probs := p.check(); len(probs) > 0 {
			t.Errorf("default %s: %v", p.Key, probs)
		}
		if p.Unit == "" || p.Source == "" || p.Description == "" {
			t.Errorf("default %s: want unit, source and description", p.Key)
		}
		if !strings.HasPrefix(p.Source, "§") && !strings.Contains(p.Source, "§") {
			t.Errorf("default %s: source %q does not cite a section of study-model.md", p.Key, p.Source)
		}
	}
}

func TestDefaultIsACopy(t *testing.T) {
	a := Default()
	a.params[a.Index("grid.electricity_price")].Value = 1
	if got := Default().Value("grid.electricity_price"); got != 185 {
		t.Errorf("Default() after changing a copy: price = %v, want 185", got)
	}
}

func TestGoodFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		want map[string][3]float64 // value, low, high
	}{
		{"override.good.yaml", map[string][3]float64{
			"grid.electricity_price": {210, 210, 210},
			"grid.peak.evening.from": {16, 15, 17},
			"grid.peak.evening.to":   {21, 20, 22},
			"grid.peak.morning.to":   {10, 10, 10},
		}},
		{"child.good.yaml", map[string][3]float64{
			"grid.electricity_price": {210, 210, 210},
			"grid.peak.morning.to":   {9.5, 9.5, 9.5},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			s, err := Load(Options{File: filepath.Join("testdata", tc.file)})
			if err != nil {
				t.Fatalf("Load(%s): %v", tc.file, err)
			}
			for k, w := range tc.want {
				if got := [3]float64{s.Value(k), s.Low(k), s.High(k)}; got != w {
					t.Errorf("Load(%s): %s = %v, want %v", tc.file, k, got, w)
				}
			}
		})
	}
	s, _ := Load(Options{File: "testdata/override.good.yaml"})
	if s.Name != "pricier" {
		t.Errorf("name = %q, want pricier", s.Name)
	}
	if d := s.Param("grid.peak.evening.to").Range.Dist; d != Triangular {
		t.Errorf("dist = %q, want triangular", d)
	}
}

// TestBadFiles checks every testdata/*.bad.yaml: each "# want:" line must
// appear in the error, so all problems are reported at once.
func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	if len(files) == 0 {
		t.Fatal("no testdata/*.bad.yaml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var wants []string
			sc := bufio.NewScanner(bytes.NewReader(data))
			for sc.Scan() {
				if w, ok := strings.CutPrefix(sc.Text(), "# want: "); ok {
					wants = append(wants, w)
				}
			}
			s, err := Load(Options{File: f})
			if err == nil {
				t.Fatalf("Load(%s) = %v, want an error", f, s.Name)
			}
			if s != nil {
				t.Errorf("Load(%s) returned a scenario with its error", f)
			}
			for _, w := range wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load(%s) error\n%v\nwant it to contain\n%s", f, err, w)
				}
			}
		})
	}
}

func TestSets(t *testing.T) {
	for _, tc := range []struct {
		name    string
		sets    []string
		key     string
		want    [3]float64
		wantErr []string
	}{
		{name: "point", sets: []string{"grid.electricity_price=200"}, key: "grid.electricity_price", want: [3]float64{200, 200, 200}},
		{name: "range", sets: []string{"grid.electricity_price=100..300"}, key: "grid.electricity_price", want: [3]float64{200, 100, 300}},
		{name: "later wins", sets: []string{"grid.electricity_price=1", "grid.electricity_price=2"}, key: "grid.electricity_price", want: [3]float64{2, 2, 2}},
		{name: "digit separator", sets: []string{"grid.electricity_price=1_000"}, key: "grid.electricity_price", want: [3]float64{1000, 1000, 1000}},
		{name: "all problems at once", sets: []string{"grid.electricity_price=-1", "grid.peak.morning.to=25", "nope=1", "noequals"},
			wantErr: []string{`want a number ≥ 0, got -1`, `want an hour of the day between 0 and 24, got 25`, `unknown key "nope"`, `want KEY=VALUE`}},
		{name: "nan refused", sets: []string{"grid.electricity_price=NaN"}, wantErr: []string{`got "NaN"`}},
		{name: "inf refused", sets: []string{"grid.electricity_price=+Inf"}, wantErr: []string{`got "+Inf"`}},
		{name: "absurd refused", sets: []string{"grid.electricity_price=1e308", "grid.peak.evening.from=1__5", "grid.peak.evening.to=1e-400..22"},
			wantErr: []string{`want a magnitude at most 1e+12, got "1e308"`, `got "1__5"`, `want 0 or a magnitude at least 1e-12, got "1e-400"`}},
		{name: "bad range", sets: []string{"grid.electricity_price=3..x"}, wantErr: []string{`want LOW..HIGH with two numbers`}},
		{name: "missing prefix suggested", sets: []string{"electricity_price=3"}, wantErr: []string{`did you mean "grid.electricity_price"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(Options{Sets: tc.sets})
			if len(tc.wantErr) > 0 {
				if err == nil {
					t.Fatalf("Load(%q) succeeded, want error", tc.sets)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("Load(%q) error = %v, want it to contain %q", tc.sets, err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Load(%q): %v", tc.sets, err)
			}
			if got := [3]float64{s.Value(tc.key), s.Low(tc.key), s.High(tc.key)}; got != tc.want {
				t.Errorf("Load(%q): %s = %v, want %v", tc.sets, tc.key, got, tc.want)
			}
		})
	}
}

func TestSetsApplyAfterFile(t *testing.T) {
	s, err := Load(Options{File: "testdata/override.good.yaml", Sets: []string{"grid.electricity_price=150"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Value("grid.electricity_price"); got != 150 {
		t.Errorf("price = %v, want 150 (--set after file)", got)
	}
}

func TestUnknownKeyPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Value(unknown) did not panic")
		}
	}()
	Default().Value("no.such.key")
}

func TestSuggest(t *testing.T) {
	keys := []string{"offices.heating.spf", "offices.cooling.spf", "grid.electricity_price"}
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"offices.heating.sfp", "offices.heating.spf"},
		{"spf", "offices.heating.spf"},
		{"grid.electricityprice", "grid.electricity_price"},
	} {
		got := suggest(keys, tc.in)
		if len(got) == 0 || got[0] != tc.want {
			t.Errorf("suggest(%q) = %v, want first %q", tc.in, got, tc.want)
		}
	}
	if got := suggest(keys, "zzzzzzzzzzzz"); len(got) != 0 {
		t.Errorf("suggest(nonsense) = %v, want none", got)
	}
}

func TestBuiltinDefaultsRefuseBadFiles(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"missing unit", "params:\n  - {key: a, value: 1, source: x, description: d}\n", "want key, value, unit, source and description"},
		{"duplicate", "params:\n  - {key: a, value: 1, unit: u, source: s, description: d}\n  - {key: a, value: 2, unit: u, source: s, description: d}\n", "defined twice"},
		{"unknown field", "params:\n  - {key: a, value: 1, unit: u, source: s, description: d, colour: red}\n", "colour"},
		{"bad domain", "params:\n  - {key: a, value: 1, unit: u, source: s, description: d, domain: fraction}\n  - {key: b, value: 0, unit: u, source: s, description: d, domain: positive}\n", "want a number > 0, got 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"x/m.yaml": &fstest.MapFile{Data: []byte(tc.yaml)}}
			_, err := loadBuiltin(fsys, "x")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("loadBuiltin(%s) error = %v, want %q", tc.name, err, tc.want)
			}
		})
	}
}

// TestErrorsSortedByLine keeps a file's problems in reading order, whichever
// part of the file they come from.
func TestErrorsSortedByLine(t *testing.T) {
	data := []byte("params:\n  grid.electricty_price: 1\nparms: {}\n")
	_, err := Parse("x.yaml", data)
	if err == nil {
		t.Fatal("Parse succeeded, want errors")
	}
	msg := err.Error()
	if i, j := strings.Index(msg, "x.yaml:2:"), strings.Index(msg, "x.yaml:3:"); i < 0 || j < 0 || i > j {
		t.Errorf("Parse error not in line order:\n%s", msg)
	}
}

func TestQuotedMappingValueRefused(t *testing.T) {
	_, err := Parse("x.yaml", []byte("params:\n  grid.peak.morning.to: {value: \"9\"}\n"))
	if err == nil || !strings.Contains(err.Error(), `value: want a number, got "9"`) {
		t.Errorf("Parse(quoted value) error = %v", err)
	}
}

func TestNameShowsCommandLineChanges(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{}, "nl-2026"},
		{Options{Sets: []string{"grid.electricity_price=200"}}, "nl-2026+set"},
		{Options{File: "testdata/override.good.yaml"}, "pricier"},
		{Options{File: "testdata/override.good.yaml", Sets: []string{"grid.electricity_price=1"}}, "pricier+set"},
	} {
		s, err := Load(tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if s.Name != tc.want {
			t.Errorf("Load(%+v).Name = %q, want %q", tc.opts, s.Name, tc.want)
		}
	}
}

// TestParseCapsErrors: a file with thirty bad keys gives twenty messages
// and a count, not a flood (issue 9 item 11).
func TestParseCapsErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("params:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  grid.electricity_price_%d: 1\n", i)
	}
	_, err := Parse("caps.yaml", []byte(b.String()))
	if err == nil || strings.Count(err.Error(), "caps.yaml:") != input.MaxErrors || !strings.Contains(err.Error(), "10 more not shown") {
		t.Fatalf("Parse(30 unknown keys) = %v, want %d problems and 10 more not shown", err, input.MaxErrors)
	}
}
