package area

import (
	"context"
	"testing"
	"testing/fstest"

	"gridflex/scenario"
)

func demoFS(t testing.TB, o DemoOptions) fstest.MapFS {
	t.Helper()
	files, err := Demo(o)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func TestDemoParses(t *testing.T) {
	fsys := demoFS(t, DefaultDemo)
	a, err := Parse(context.Background(), fsys, "area.yaml", scenario.Default())
	if err != nil {
		t.Fatal(err)
	}
	f := Free(a, scenario.Default())
	t.Logf("binding %d freed clause %.0f kept %.0f peak %.0f", f.BindingISPs, f.ClauseKW, f.FreedKW, f.PeakKW)
	if len(a.Connections) != DefaultDemo.Connections || len(a.Contracts) != DefaultDemo.Contracts || len(a.Requests) != DefaultDemo.Requests {
		t.Errorf("demo: %d connections, %d contracts, %d requests, want %+v", len(a.Connections), len(a.Contracts), len(a.Requests), DefaultDemo)
	}
}

// The demo's figures, as README.md and demo.md quote them.
func TestDemoFigures(t *testing.T) {
	a := loadArea(t, "testdata/demo")
	sc := scenario.Default()
	f := Free(a, sc)
	if !near(f.FreedKW, 6952, 0.5) {
		t.Errorf("demo freed %.0f kW, want 6,952 (demo.md)", f.FreedKW)
	}
	o, _ := NewReleaseOptions(a, sc)
	if r := Reissue(a, f.FreedKW, f.MeanFreedKW(), o); !near(r.ReissuableKW, 3476, 0.5) {
		t.Errorf("demo reissuable %.0f kW, want 3,476 at margin 0.5", r.ReissuableKW)
	}
}
