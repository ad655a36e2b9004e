package area

import (
	"context"
	"math"
	"os"
	"testing"

	"gridflex/scenario"
)

func loadArea(t testing.TB, dir string) *Area {
	t.Helper()
	a, err := Parse(context.Background(), os.DirFS(dir), "area.yaml", scenario.Default())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// §6: five contracts of 0.2 MW for five years free 1 MW; margin 0.5 → 0.5 MW.
func TestStudyExample(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	f := Free(a, sc)
	if f.BindingISPs == 0 {
		t.Fatal("no binding ISPs")
	}
	if !near(f.FreedKW, 1000, 1e-6) {
		t.Errorf("Free().FreedKW = %g, want 1000 (5 × 200 kW, §6)", f.FreedKW)
	}
	o, err := NewReleaseOptions(a, sc)
	if err != nil {
		t.Fatal(err)
	}
	r := Reissue(a, f.FreedKW, 200, o)
	if !near(r.ReissuableKW, 500, 1e-6) {
		t.Errorf("Reissue().ReissuableKW = %g, want 500 (§6)", r.ReissuableKW)
	}
	// Margin moves the result.
	o.Margin = 0.2
	if r := Reissue(a, f.FreedKW, 200, o); !near(r.ReissuableKW, 800, 1e-6) {
		t.Errorf("margin 0.2: ReissuableKW = %g, want 800", r.ReissuableKW)
	}
}
