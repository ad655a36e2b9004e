package potential

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gridflex/scenario"
)

// TestScenarioFiles loads testdata/*.good.yaml and *.bad.yaml through
// scenario.Load, as `--scenario FILE` does. A good file states the expected
// results in comments "# want ID MIN MAX" (MW, ±0.001); a bad file states
// text its error must contain in comments "# want error: TEXT" (all of them:
// problems are reported at once).
func TestScenarioFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario cases in testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var wantErrs, wantVals []string
			for _, line := range strings.Split(string(data), "\n") {
				if s, ok := strings.CutPrefix(line, "# want error: "); ok {
					wantErrs = append(wantErrs, strings.TrimSpace(s))
				} else if s, ok := strings.CutPrefix(line, "# want "); ok {
					wantVals = append(wantVals, s)
				}
			}
			s, err := scenario.Load(scenario.Options{File: f})
			if strings.HasSuffix(f, ".bad.yaml") {
				if len(wantErrs) == 0 {
					t.Fatal("bad case states no '# want error:' line")
				}
				if err == nil {
					t.Fatalf("Load(%s) = nil error, want %q", f, wantErrs)
				}
				for _, w := range wantErrs {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("Load(%s) error lacks %q:\n%v", f, w, err)
					}
				}
				if s != nil {
					t.Errorf("Load(%s) returned a scenario with its error", f)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load(%s) = %v", f, err)
			}
			if len(wantVals) == 0 {
				t.Fatal("good case states no '# want ID MIN MAX' line")
			}
			r := Evaluate(s)
			got := map[string][2]float64{"total": {r.Total.MinMW, r.Total.MaxMW}}
			for _, m := range r.Measures {
				got[m.ID] = [2]float64{m.MinMW, m.MaxMW}
			}
			for _, sc := range r.Sectors {
				got[sc.ID] = [2]float64{sc.MinMW, sc.MaxMW}
			}
			for _, w := range wantVals {
				fs := strings.Fields(w)
				if len(fs) != 3 {
					t.Fatalf("malformed want line %q: want '# want ID MIN MAX'", w)
				}
				lo, err1 := strconv.ParseFloat(fs[1], 64)
				hi, err2 := strconv.ParseFloat(fs[2], 64)
				g, ok := got[fs[0]]
				if err1 != nil || err2 != nil || !ok {
					t.Fatalf("malformed want line %q", w)
				}
				if !near(g[0], lo, 1e-3) || !near(g[1], hi, 1e-3) {
					t.Errorf("Evaluate(%s) %s = %v–%v, want %v–%v", f, fs[0], g[0], g[1], lo, hi)
				}
			}
		})
	}
}

// FuzzScenarioParse: the scenario parser never panics, and whatever it
// accepts is a valid scenario the model can evaluate.
func FuzzScenarioParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range seeds {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"", "params:", "params: []", "params: {a: 1}", "- 1", "name: x\nparams:\n  offices.heating.spf: 1..2\n",
		"params:\n  offices.heating.spf: {value: 3, low: 2, high: 4, dist: normal}\n",
		"params:\n  offices.heating.spf: [1, 2]\n", "base: nl-2026\n", "base: ../../../etc/passwd\n",
		"params:\n  logistics.flexible_share: .nan\n", "params:\n  offices.heating.spf: 1e400\n",
		"params: &a\n  x: *a\n", "{{{{", "params:\n  offices.heating.spf: !!binary AAAA\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		// Bases named by path resolve relative to the (nonexistent)
		// directory of this name, so the fuzzer never reads real files.
		s, err := scenario.Parse("/nonexistent/fuzz.yaml", []byte(data))
		if err != nil {
			if s != nil {
				t.Errorf("Parse returned a scenario with error %v", err)
			}
			return
		}
		r := Evaluate(s)
		for _, m := range r.Measures {
			if m.MinMW > m.MaxMW+1e-9*max(1, m.MaxMW) {
				t.Errorf("Evaluate(parsed %q) %s min %v > max %v", data, m.ID, m.MinMW, m.MaxMW)
			}
		}
	})
}
