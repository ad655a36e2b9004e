package chargingview

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strings"
	"testing"

	"gridflex/charging"
	"gridflex/scenario"
)

// studySite is the study's worked depot (§3), the charging package's
// testdata, so that both packages test the same site.
const studySite = "../../charging/testdata/study.good.yaml"

func scanFile(t *testing.T, name string) charging.Result {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	site, err := charging.ParseSite(name, data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := charging.Scan(context.Background(), site, scenario.Default(), charging.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestViews(t *testing.T) {
	r := scanFile(t, studySite)
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		want  []string
	}{
		{"text", func(b *bytes.Buffer) error { return WriteText(b, r) }, []string{"87.00 kW", "111 €/MWh", "21:00–24:00"}},
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

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The study's worked example (§3) as a golden report: 87 kW, ~90 kW,
// +7.8 kW block power, €111/MWh. Refresh with go test -update.
func TestStudyGoldenReport(t *testing.T) {
	r := scanFile(t, studySite)
	var b bytes.Buffer
	if err := WriteText(&b, r); err != nil {
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
