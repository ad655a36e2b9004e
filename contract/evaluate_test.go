package contract

import (
	"math"
	"strings"
	"testing"
	"time"

	"gridflex/series"
	"gridflex/series/seriestest"
)

// mustParse decodes a contract literal; tabs in Go literals are not YAML
// indentation, so literals use spaces.
func mustParse(t testing.TB, src string) *Contract {
	t.Helper()
	c, err := Parse("test.yaml", []byte(src), nil)
	if err != nil {
		t.Fatalf("Parse:\n%v", err)
	}
	return c
}

// flat is days local days of kw from local midnight of the date.
func flat(y int, m time.Month, d, days int, kw float32) series.Series {
	start := seriestest.LocalMidnight(y, m, d)
	end := seriestest.LocalMidnight(y, m, d+days)
	s := series.New(start, int(end.Sub(start)/series.ISP))
	for i := range s.KW {
		s.KW[i] = kw
	}
	return s
}

// set writes n ISPs of kw from local wall time hh:mm on the date.
func set(s series.Series, y int, m time.Month, d, hh, mm, n int, kw float32) {
	i, ok := s.Index(time.Date(y, m, d, hh, mm, 0, 0, series.Amsterdam))
	if !ok {
		panic("set: outside the series")
	}
	for k := range n {
		s.KW[i+k] = kw
	}
}

func local(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, series.Amsterdam).UTC()
}

const minimal = `
connection: "871687120000000001"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: time-block
    days: working
    from: "16:00"
    to: "21:00"
    max_kw: 300
compensation: {fixed_eur_per_kw_year: 20}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 50}
`

// wantViolation is a violation in local wall time.
type wantViolation struct {
	start, end  time.Time
	maxExcessKW float64
	excessKWh   float64
	sanction    string
}

func checkViolations(t *testing.T, got []Violation, want []wantViolation) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d violations %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if !g.Start.Equal(w.start) || !g.End.Equal(w.end) || !near(g.MaxExcessKW, w.maxExcessKW) || !near(g.ExcessKWh, w.excessKWh) ||
			(w.sanction != "" && g.Sanction != w.sanction) {
			t.Errorf("violation %d = %s–%s max %g kW %g kWh %s, want %s–%s max %g kW %g kWh %s", i,
				g.Start.In(series.Amsterdam).Format("01-02 15:04"), g.End.In(series.Amsterdam).Format("01-02 15:04"), g.MaxExcessKW, g.ExcessKWh, g.Sanction,
				w.start.In(series.Amsterdam).Format("01-02 15:04"), w.end.In(series.Amsterdam).Format("01-02 15:04"), w.maxExcessKW, w.excessKWh, w.sanction)
		}
	}
}

// near compares with the one tolerance used for reference results.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

// offtake reads the "offtake" series of a seriestest load block, so a
// case's load reads in the same wall-clock terms as its contract.
func offtake(t testing.TB, block string) series.Series {
	t.Helper()
	m, err := seriestest.Load(block)
	if err != nil {
		t.Fatalf("seriestest.Load:\n%v", err)
	}
	s, ok := m["offtake"]
	if !ok {
		t.Fatalf("seriestest.Load: no offtake series in\n%s", block)
	}
	return s
}

func TestForms(t *testing.T) {
	for _, tc := range []struct {
		name     string
		contract string
		load     string // a seriestest.Load block with an offtake series
		want     []wantViolation
	}{
		{
			name:     "time-block working day 16:00-21:00",
			contract: minimal,
			load: `
load 15m from 2026-03-02 00:00  # Monday
  offtake 400x@16:00 350x@21:00 400x@24:00
`,
			want: []wantViolation{{local(2026, 3, 2, 16, 0), local(2026, 3, 2, 21, 0), 50, 250, "yellow card"}},
		},
		{
			name:     "time-block does not bind on a Saturday",
			contract: minimal,
			load: `
load 15m from 2026-03-07 00:00  # Saturday
  offtake 450x@24:00
`,
		},
		{
			name:     "time-block over base is a GTV exceedance, not sanctioned",
			contract: minimal,
			load: `
load 15m from 2026-03-02 00:00
  offtake 200x@09:00 520x2 200x@24:00
`,
			want: []wantViolation{{local(2026, 3, 2, 9, 0), local(2026, 3, 2, 9, 30), 20, 10, "none"}},
		},
		{
			name:     "spring-forward day has 92 ISPs, window by wall clock",
			contract: strings.Replace(minimal, "days: working", "days: all", 1),
			load: `
load 15m from 2026-03-29 00:00  # Sunday, 92 ISPs
  offtake 100x@16:00 310x@21:00 100x@24:00
`,
			want: []wantViolation{{local(2026, 3, 29, 16, 0), local(2026, 3, 29, 21, 0), 10, 50, "yellow card"}},
		},
		{
			name:     "fall-back day has 100 ISPs, window by wall clock",
			contract: strings.Replace(minimal, "days: working", "days: [sun]", 1),
			load: `
load 15m from 2026-10-25 00:00  # Sunday, 100 ISPs
  offtake 100x@20:45 320x2 100x@24:00
`,
			want: []wantViolation{{local(2026, 10, 25, 20, 45), local(2026, 10, 25, 21, 0), 20, 5, "yellow card"}},
		},
		{
			name: "window ending at 24:00 ends at midnight",
			contract: `
connection: "1"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: time-block, days: all, from: "21:00", to: "24:00", max_kw: 100}
`,
			load: `
load 15m from 2026-06-01 00:00
  offtake 50x@23:30 150x@00:30 50x@24:00  # only 23:30–24:00 is limited
`,
			want: []wantViolation{{local(2026, 6, 1, 23, 30), local(2026, 6, 2, 0, 0), 50, 25, "yellow card"}},
		},
		{
			name: "violation crossing midnight is one run",
			contract: `
connection: "1"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: time-block, days: all, from: "21:00", to: "06:00", max_kw: 100}
`,
			load: `
load 15m from 2026-06-01 00:00
  offtake 50x@23:00 130x@00:15 160 130x@01:00 50x@24:00
`,
			want: []wantViolation{{local(2026, 6, 1, 23, 0), local(2026, 6, 2, 1, 0), 60, 7*30/4.0 + 60/4.0, "yellow card"}},
		},
		{
			name: "block power: stepped extra capacity at night (§3)",
			contract: `
connection: "1"
base_capacity_kw: 80
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: block-power
    blocks:
      - {from: "21:00", to: "24:00", extra_kw: 150}
      - {from: "00:00", to: "06:00", extra_kw: 300}
`,
			// 22:00 at the 230 kW limit: fine; 23:00 10 over block 1;
			// 01:00 at the 380 kW limit: fine; 06:00 block over, base 80 applies.
			load: `
load 15m from 2026-06-01 00:00
  offtake 60x@22:00 230x@23:00 240 60x@01:00 380x@02:00 60x@06:00 100 60x@24:00
`,
			want: []wantViolation{
				{local(2026, 6, 1, 23, 0), local(2026, 6, 1, 23, 15), 10, 2.5, "yellow card"},
				{local(2026, 6, 2, 6, 0), local(2026, 6, 2, 6, 15), 20, 5, "none"},
			},
		},
		{
			name:     "missing ISP ends a run and is not compliant-by-fill",
			contract: minimal,
			load: `
load 15m from 2026-03-02 00:00
  offtake 400x@16:00 350x@17:00 _ 350 250x@21:00 400x@24:00
`,
			want: []wantViolation{
				{local(2026, 3, 2, 16, 0), local(2026, 3, 2, 17, 0), 50, 50, "yellow card"},
				{local(2026, 3, 2, 17, 15), local(2026, 3, 2, 17, 30), 50, 12.5, "yellow card"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, tc.contract)
			r, err := Evaluate(c, Input{Offtake: offtake(t, tc.load)})
			if err != nil {
				t.Fatal(err)
			}
			checkViolations(t, r.Violations, tc.want)
		})
	}
}

func TestMissingCounted(t *testing.T) {
	// Two missing ISPs outside the window, three in the binding window.
	s := offtake(t, `
load 15m from 2026-03-02 00:00
  offtake 100x@03:00 _x2 100x@17:00 _x3 100x@24:00
`)
	r, err := Evaluate(mustParse(t, minimal), Input{Offtake: s})
	if err != nil {
		t.Fatal(err)
	}
	if r.ISPs != 96 || r.MissingISPs != 5 || r.MissingBindingISPs != 3 {
		t.Errorf("Evaluate: isps %d missing %d binding %d, want 96 5 3", r.ISPs, r.MissingISPs, r.MissingBindingISPs)
	}
	// 20 binding ISPs × 200 kW ÷ 4 = 1000 kWh freed, of which 3 ISPs unverified.
	if !near(r.FreedKWh, 1000) || !near(r.KeptFreedKWh, 850) {
		t.Errorf("Evaluate: freed %g kept %g kWh, want 1000 850", r.FreedKWh, r.KeptFreedKWh)
	}
}
