package charging

import (
	"bytes"
	"context"
	"flag"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"gridflex/scenario"
	"gridflex/series"
)

func TestReports(t *testing.T) {
	r := scanYAML(t, scenario.Default(), "sector: logistics\nname: d\ncapacity_kw: 80\nvehicles:"+trucks, Options{})
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string
	}{
		{"text", func(b *bytes.Buffer) error { return r.WriteText(b) }, []string{"87.00 kW", "111 €/MWh", "21:00–24:00"}},
		{"markdown", func(b *bytes.Buffer) error { return r.WriteMarkdown(b) }, []string{"# Charging scan: d", "| evening 16:00–21:00 |"}},
		{"html", func(b *bytes.Buffer) error { return r.WriteHTML(b) }, []string{"<!DOCTYPE html>", "<svg", "grid peak windows"}},
		{"svg", func(b *bytes.Buffer) error { return Chart(b, r, "svg") }, []string{"<svg"}},
		{"png", func(b *bytes.Buffer) error { return Chart(b, r, "png") }, []string{"PNG"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("%s report lacks %q", tc.name, w)
				}
			}
		})
	}
}

// TypicalDay folds a meter series by local wall clock, also over the DST
// change: the autumn day's repeated 02:00 hour lands on the same slots.
func TestTypicalDay(t *testing.T) {
	start := time.Date(2026, 10, 24, 0, 0, 0, 0, series.Amsterdam).UTC()
	n := 96 + 100 // Saturday and the 100-ISP Sunday
	s := series.New(start, n)
	cal := series.NewCalendar(start, n)
	for i := range s.KW {
		s.KW[i] = float32(cal.Minute[i] / 60) // the local hour
	}
	s.KW[5] = series.NaN()
	day, missing, err := TypicalDay(s)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 1 {
		t.Errorf("missing = %d, want 1", missing)
	}
	for i, v := range day {
		if want := float64(i / 4); math.Abs(v-want) > 1e-9 {
			t.Fatalf("TypicalDay()[%d] = %v, want %v", i, v, want)
		}
	}
	if _, _, err := TypicalDay(series.New(start, 10)); err == nil {
		t.Errorf("TypicalDay(10 ISPs) = nil error, want the quarter-hours without values named")
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The study's worked example (§3) as a golden report: 87 kW, ~90 kW,
// +7.8 kW block power, €111/MWh. Refresh with go test -update.
func TestStudyGoldenReport(t *testing.T) {
	data, err := os.ReadFile("testdata/study.good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Scan(context.Background(), mustSite(t, "study.good.yaml", data), scenario.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/study.golden.txt"
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("report differs from %s (go test -update to refresh):\n%s", golden, b.String())
	}
}
