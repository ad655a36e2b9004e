package potential

import (
	"errors"
	"strings"
	"testing"

	"gridflex/scenario"
)

func step(e Explanation, name string) Step {
	for _, s := range e.Steps {
		if s.Name == name {
			return s
		}
	}
	return Step{Name: "missing: " + name}
}

// TestExplainHeating: the derivation shows the study's intermediates for
// offices.heating (§1.2), the example chain.
func TestExplainHeating(t *testing.T) {
	e, err := Explain(scenario.Default(), "offices.heating", Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		step     string
		min, max float64
		tol      float64
	}{
		{"est. 2 heat-pump floor area", 3_392_724, 3_392_724, 0.5},
		{"est. 2 annual heat demand", 185.1, 185.1, 0.05},
		{"est. 2 peak heat", 117.9, 149.7, 0.05},
		{"est. 2 electric peak", 45.4, 57.6, 0.05},
		{"est. 1 electric peak", 33.1, 42.0, 0.05},
		{"flexible heating", 26.5, 57.6, 0.05},
	}
	for _, tc := range tests {
		t.Run(tc.step, func(t *testing.T) {
			s := step(e, tc.step)
			if !near(s.MinCase, tc.min, tc.tol) || !near(s.MaxCase, tc.max, tc.tol) {
				t.Errorf("Explain(offices.heating) %q = %v … %v, want %v … %v", tc.step, s.MinCase, s.MaxCase, tc.min, tc.max)
			}
		})
	}
	if e.MinMW != e.Steps[len(e.Steps)-1].MinCase || e.MaxMW != e.Steps[len(e.Steps)-1].MaxCase {
		t.Errorf("Explain(offices.heating) result %v–%v differs from its last step", e.MinMW, e.MaxMW)
	}
	keys := map[string]Input{}
	for _, in := range e.Inputs {
		keys[in.Key] = in
	}
	for _, k := range []string{"offices.heating.spf", "offices.heating.full_load_hours", "offices.heating.heat_pump_share.a",
		"offices.universe.a.floor_area_m2", "offices.heating.est1.heat_mwh"} {
		in, ok := keys[k]
		if !ok {
			t.Errorf("Explain(offices.heating) lacks input %s", k)
			continue
		}
		if in.Unit == "" || in.Source == "" {
			t.Errorf("Explain(offices.heating) input %s has no unit or source: %+v", k, in)
		}
	}
	if in := keys["offices.heating.full_load_hours"]; in.Low != 1237 || in.High != 1570 || in.Value != 1404 {
		t.Errorf("Explain(offices.heating) full-load hours = %+v, want 1404 in 1237..1570", in)
	}
}

// TestExplainInconsistencies: the study's inconsistencies are reported
// where they touch the result (§2.2).
func TestExplainInconsistencies(t *testing.T) {
	tests := []struct {
		id   string
		want []string
	}{
		{"chemistry.batch", []string{"78", "73"}},
		{"chemistry", []string{"243–389", "199–389"}},
		{"chemistry.utilities", []string{"1.3", "1.5"}},
		{"offices.cooling", []string{"256.6", "256"}},
		{"total", []string{"931.9", "931"}},
		{"offices", []string{"388.9", "388"}},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			e, err := Explain(scenario.Default(), tc.id, Options{})
			if err != nil {
				t.Fatal(err)
			}
			notes := strings.Join(e.Notes, "\n")
			for _, w := range tc.want {
				if !strings.Contains(notes, w) {
					t.Errorf("Explain(%s) notes lack %q:\n%s", tc.id, w, notes)
				}
			}
		})
	}
}

// TestExplainEveryID: every id explains, its result matches Evaluate, and
// calibrated inputs are marked (§2.2).
func TestExplainEveryID(t *testing.T) {
	s := scenario.Default()
	r := Evaluate(s)
	want := map[string][2]float64{"total": {r.Total.MinMW, r.Total.MaxMW}}
	for _, m := range r.Measures {
		want[m.ID] = [2]float64{m.MinMW, m.MaxMW}
	}
	for _, sc := range r.Sectors {
		want[sc.ID] = [2]float64{sc.MinMW, sc.MaxMW}
	}
	calibrated := 0
	for _, id := range ExplainIDs() {
		e, err := Explain(s, id, Options{})
		if err != nil {
			t.Errorf("Explain(%s) = %v", id, err)
			continue
		}
		if w := want[id]; e.MinMW != w[0] || e.MaxMW != w[1] {
			t.Errorf("Explain(%s) = %v–%v, want Evaluate's %v–%v", id, e.MinMW, e.MaxMW, w[0], w[1])
		}
		if len(e.Steps) == 0 || e.Study == "" || e.Formula == "" {
			t.Errorf("Explain(%s) has no steps, study value or formula", id)
		}
		for _, in := range e.Inputs {
			if in.Calibrated {
				calibrated++
			}
		}
	}
	if calibrated == 0 {
		t.Error("Explain marks no input as calibrated; §2.2 inputs are")
	}
	if len(ExplainIDs()) != len(want) {
		t.Errorf("ExplainIDs() has %d ids, want %d", len(ExplainIDs()), len(want))
	}
}

func TestExplainUnknownID(t *testing.T) {
	_, err := Explain(scenario.Default(), "offices.lighting", Options{})
	if !errors.Is(err, ErrUnknownID) {
		t.Fatalf("Explain(offices.lighting) = %v, want ErrUnknownID", err)
	}
	for _, id := range ExplainIDs() {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("Explain(offices.lighting) error %q does not list %s", err, id)
		}
	}
}

// TestTruncationNotesFollowScenario: the §5 truncation caveat and the §1.3
// W/m² remark appear only while the computed figures still differ from the
// printed ones in the way they describe.
func TestTruncationNotesFollowScenario(t *testing.T) {
	base := scenario.Default()
	tests := []struct {
		name     string
		s        *scenario.Scenario
		id       string
		present  []string
		absent   []string
		evalNote bool
	}{
		{"default cooling", base, "offices.cooling", []string{"256.6 MW to 256", "14.6"}, nil, true},
		{"default total", base, "total", []string{"national 931 (931.9)"}, nil, true},
		// Cooling at 50 % active share is ~142.6 MW: no truncation to 256.
		{"less cooling", base.With("offices.cooling.active_share", 0.5), "offices.cooling", nil, []string{"to 256", "388", "931"}, false},
		// Half the logistics: cooling still truncates, the total is no longer 931.x.
		{"less logistics", base.With("logistics.flexible_share", 0.5), "total", []string{"to 256", "offices 388"}, []string{"931"}, true},
		// SPF chosen so that the electric peak per cooled m² is 14.4.
		{"spf for 14.4 W/m²", base.With("offices.cooling.spf", 4.3*14.6/14.4), "offices.cooling", nil, []string{"14.4 W/m²"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Explain(tc.s, tc.id, Options{})
			if err != nil {
				t.Fatal(err)
			}
			notes := strings.Join(e.Notes, "\n")
			for _, w := range tc.present {
				if !strings.Contains(notes, w) {
					t.Errorf("Explain(%s) notes lack %q:\n%s", tc.id, w, notes)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(notes, w) {
					t.Errorf("Explain(%s) notes contain %q, want it gone:\n%s", tc.id, w, notes)
				}
			}
			if got := len(Evaluate(tc.s).Notes) > 0; got != tc.evalNote {
				t.Errorf("Evaluate notes present = %v, want %v: %q", got, tc.evalNote, Evaluate(tc.s).Notes)
			}
		})
	}
}

// TestExplainSuggestsClosestID: a typo gets the nearest id, another word
// only the list.
func TestExplainSuggestsClosestID(t *testing.T) {
	tests := []struct {
		id, want string
	}{
		{"offices.heatng", "did you mean offices.heating?"},
		{"chemistry.cph", "did you mean chemistry.chp?"},
		{"totl", "did you mean total?"},
		{"nope", ""},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			_, err := Explain(scenario.Default(), tc.id, Options{})
			if !errors.Is(err, ErrUnknownID) {
				t.Fatalf("Explain(%q) error = %v, want ErrUnknownID", tc.id, err)
			}
			if tc.want == "" && strings.Contains(err.Error(), "did you mean") {
				t.Errorf("Explain(%q) error = %q, want no suggestion", tc.id, err)
			}
			if tc.want != "" && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Explain(%q) error = %q, want it to contain %q", tc.id, err, tc.want)
			}
			if !strings.Contains(err.Error(), "datacenters.cooling") {
				t.Errorf("Explain(%q) error = %q, want the list of ids", tc.id, err)
			}
		})
	}
}
