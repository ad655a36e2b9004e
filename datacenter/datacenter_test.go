package datacenter

import (
	"math"
	"os"
	"strings"
	"testing"

	"gridflex/scenario"
)

// §4: 6 minutes to the critical temperature and 120 minutes of flex cut
// cooling by 5 %; 0.05 × 300–450 MW = 15–23 MW nationally.
func TestCutShareGolden(t *testing.T) {
	cases := []struct {
		name           string
		critical, flex float64
		want           float64
	}{
		{"§4 golden 6/120", 6, 120, 0.05},
		{"capped at 1", 180, 120, 1},
		{"no ride-through", 0, 120, 0},
		{"no flex needed", 6, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CutShare(tc.critical, tc.flex); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("CutShare(%v, %v) = %v, want %v", tc.critical, tc.flex, got, tc.want)
			}
		})
	}
	s := scenario.Default()
	share := CutShare(s.Value("datacenters.ride_through_min"), s.Value("datacenters.flex_duration_min"))
	lo, hi := share*300, share*450
	if math.Round(lo) != 15 || math.Round(hi) != 23 {
		t.Errorf("national cooling flex = %v–%v MW, want 15–23 (§4)", lo, hi)
	}
}

func TestScanExample(t *testing.T) {
	data, err := os.ReadFile("testdata/colocation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	site, err := ParseSite("colocation.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	r := Scan(site, scenario.Default())
	want := map[string]float64{
		"datacenters.cooling":        2 * 0.05, // 8 MW × 25 % × 5 %
		"datacenters.hybrid_cooling": 2 * (1 - 4.0/12) * 0.5,
		"datacenters.load_shifting":  8 * 0.05,
	}
	if len(r.Measures) != len(want) {
		t.Fatalf("%d measures, want %d", len(r.Measures), len(want))
	}
	for _, m := range r.Measures {
		if math.Abs(m.EveningMW-want[m.ID]) > 1e-9 {
			t.Errorf("%s = %v MW, want %v", m.ID, m.EveningMW, want[m.ID])
		}
	}
	if r.Measures[0].Blocker == "" || !strings.Contains(r.Measures[0].Blocker, "27") {
		t.Errorf("cooling blocker = %q, want the 27 °C set-point rule", r.Measures[0].Blocker)
	}
	if r.Measures[2].Option.Number != 6 {
		t.Errorf("colocation load shifting is option %d, want 6", r.Measures[2].Option.Number)
	}
	// Without minutes_to_critical the study's 6 minutes apply (§4: 5 %);
	// the scenario moves it.
	site.MinutesToCritical = nil
	if got := Scan(site, scenario.Default()).CutShare; math.Abs(got-0.05) > 1e-12 {
		t.Errorf("no minutes_to_critical: cut share %v, want 0.05 (datacenters.ride_through_min)", got)
	}
	if got := Scan(site, scenario.Default().With("datacenters.ride_through_min", 12)).CutShare; math.Abs(got-0.1) > 1e-12 {
		t.Errorf("ride_through_min 12: cut share %v, want 0.1", got)
	}
	// A contractual band that pre-cools no lower than 27 °C is not blocked.
	site.BandC = []float64{27, 32}
	if b := Scan(site, scenario.Default()).Measures[0].Blocker; b != "" {
		t.Errorf("band 27–32: blocker %q, want none", b)
	}
}

func TestParseSiteErrors(t *testing.T) {
	src := `sector: datacenters
name: x
capacity_kw: -1
type: mainframe
it_mw: 2
pue: 0.5
minutes_to_critical: 6
hybrid_cooling:
  modes:
    - {name: a, cop: 5}
    - {name: b, cop: 3}
`
	_, err := ParseSite("bad.yaml", []byte(src))
	if err == nil {
		t.Fatal("ParseSite accepted a bad file")
	}
	for _, want := range []string{"bad.yaml:3: capacity_kw", "bad.yaml:4: type", "bad.yaml:6: pue", "bad.yaml:11: hybrid_cooling.modes[1].cop"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nwant it to contain %q", err, want)
		}
	}
	if _, err := ParseSite("typo.yaml", []byte("sector: datacenters\nit_mv: 3\n")); err == nil || !strings.Contains(err.Error(), "it_mv") {
		t.Errorf("unknown key: err = %v, want it named", err)
	}
}

func FuzzParseSite(f *testing.F) {
	data, _ := os.ReadFile("testdata/colocation.yaml")
	f.Add(data)
	f.Add([]byte("sector: datacenters\n"))
	f.Add([]byte("{}"))
	f.Add([]byte("hybrid_cooling: {modes: [{cop: 1}]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		site, err := ParseSite("fuzz.yaml", data)
		if err != nil {
			return
		}
		r := Scan(site, scenario.Default())
		for _, m := range r.Measures {
			if math.IsNaN(m.MorningMW) || m.MorningMW < 0 {
				t.Fatalf("%s: %v MW from an accepted site", m.ID, m.MorningMW)
			}
		}
	})
}
