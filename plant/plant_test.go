package plant

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"gridflex/scenario"
)

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func load(t testing.TB) Site {
	t.Helper()
	data, err := os.ReadFile("testdata/plant.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseSite("plant.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func measure(t *testing.T, r Result, name string) Measure {
	t.Helper()
	for _, m := range r.Measures {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("no measure %q", name)
	return Measure{}
}

// Golden figures of §0 and §2.3.
func TestGoldenCompensation(t *testing.T) {
	r := Scan(load(t), scenario.Default())
	cases := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		// nitrogen compressor 0.5 MW: lump sum, €300/MWh substitute, staff 1 h/day × €150 × 365 → €488/MWh
		{"§2.3 nitrogen compressor €/MWh", measure(t, r, "nitrogen compressor").EURPerMWh, 488, 0.5},
		// CHP overhaul €280,000/MW over 1,040 h × 5 yr with 15 % → €62/MWh (fuel set to 0 in the site)
		{"§2.3 CHP overhaul €/MWh", measure(t, r, "gas turbine CHP").EURPerMWh, 61.9, 0.05},
		// battery 4 MW / 4 h alternative at 1,040 h → €140/MWh, for any MW
		{"§2.3 battery alternative €/MWh", measure(t, r, "gas turbine CHP").BatteryEURPerMWh, 140, 0.5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !near(tc.got, tc.want, tc.tol) {
				t.Errorf("%s = %v, want %v ± %v", tc.name, tc.got, tc.want, tc.tol)
			}
		})
	}
}

func TestBatchesLeaveThePeaks(t *testing.T) {
	site := load(t)
	r := Scan(site, scenario.Default())
	if len(r.Plan.Stuck) != 0 {
		t.Errorf("stuck batches %v, want none", r.Plan.Stuck)
	}
	for _, run := range r.Plan.After {
		for k := run.StartISP; k < run.StartISP+run.ISPs; k++ {
			if m := k * 15; (m >= 420 && m < 600) || (m >= 960 && m < 1260) {
				t.Fatalf("run of %s at ISP %d is in a peak", site.Batches[run.Batch].Name, k)
			}
		}
	}
	r1 := measure(t, r, "reactor R1")
	if r1.MorningMW != 1.2 || r1.EveningMW != 1.2 {
		t.Errorf("reactor R1 = %v / %v MW, want 1.2 / 1.2", r1.MorningMW, r1.EveningMW)
	}
	// Three runs of 4 h and one of 2 h must fit in the 16 off-peak hours
	// next to 2 MW of other load: within 6 MW.
	if r.ExtraNightKW != 0 {
		t.Errorf("extra night capacity %v kW, want 0", r.ExtraNightKW)
	}
	// With a tight contract the moved batches need extra night capacity.
	site.CapacityKW = 3000
	tight := Scan(site, scenario.Default())
	if tight.ExtraNightKW <= 0 {
		t.Errorf("capacity 3,000 kW: extra night capacity %v, want > 0", tight.ExtraNightKW)
	}
}

// The greedy plan against brute force on one batch: with a single run the
// greedy is exact, so its out-of-peak, in-capacity start is also the
// closest one to today's start.
func TestScheduleAgainstBruteForce(t *testing.T) {
	s := scenario.Default()
	for _, start := range []string{"06:00", "07:30", "12:00", "17:00", "20:45"} {
		site := Site{Sector: "chemistry", CapacityKW: 1000, BaseLoadKW: 300,
			Batches: []Batch{{Name: "b", KW: 500, DurationH: 3, RunsPerDay: 1, Starts: []string{start}}}}
		r := Scan(site, s)
		cur, _ := parseClock(start)
		best := -1
		for st := 0; st+12 <= 96; st++ {
			ok := true
			for k := st; k < st+12; k++ {
				if m := k * 15; (m >= 420 && m < 600) || (m >= 960 && m < 1260) {
					ok = false
				}
			}
			if ok && (best < 0 || math.Abs(float64(st-cur/15)) < math.Abs(float64(best-cur/15))) {
				best = st
			}
		}
		if got := r.Plan.After[0].StartISP; math.Abs(float64(got-cur/15)) != math.Abs(float64(best-cur/15)) {
			t.Errorf("start %s: moved to ISP %d, brute force %d", start, got, best)
		}
	}
}

func TestParseSiteErrors(t *testing.T) {
	src := `sector: chemistry
capacity_kw: 0
batches:
  - name: r
    kw: 100
    duration_h: 30
    runs_per_day: 1
    starts: ["25:00"]
utilities:
  - {name: n2, kw: 10, buffer_h: 0}
`
	_, err := ParseSite("bad.yaml", []byte(src))
	if err == nil {
		t.Fatal("accepted a bad site")
	}
	for _, want := range []string{"bad.yaml:2: capacity_kw", "bad.yaml:6: batches[0].duration_h", "bad.yaml:8: batches[0].starts[0]", "bad.yaml:10: utilities[0].buffer_h"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\nwant it to contain %q", err, want)
		}
	}
}

func FuzzParseSite(f *testing.F) {
	data, _ := os.ReadFile("testdata/plant.yaml")
	f.Add(data)
	f.Add([]byte("sector: chemistry\ncapacity_kw: 10\nchp: [{name: a, mw: 1}]\n"))
	f.Add([]byte("batches: [{starts: ['24:00']}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		site, err := ParseSite("fuzz.yaml", data)
		if err != nil {
			return
		}
		r := Scan(site, scenario.Default())
		for _, m := range r.Measures {
			if math.IsNaN(m.EURPerMWh) || m.MorningMW < 0 || m.EveningMW < 0 {
				t.Fatalf("%s: %+v from an accepted site", m.Name, m)
			}
		}
	})
}

// fiftyProcesses is a plant with 50 processes of every kind.
func fiftyProcesses() Site {
	s := Site{Sector: "chemistry", Name: "bench", CapacityKW: 60000, BaseLoadKW: 5000}
	for i := range 30 {
		s.Batches = append(s.Batches, Batch{Name: fmt.Sprint("batch ", i), KW: float64(200 + 37*i), DurationH: float64(1 + i%4), RunsPerDay: 1 + i%3, Parallel: 1 + i%2})
	}
	for i := range 10 {
		s.Continuous = append(s.Continuous, Continuous{Name: fmt.Sprint("line ", i), KW: 1000, CurtailableShare: 0.1, CatchUpKW: 50, EURPerHour: 800})
	}
	for i := range 8 {
		s.Utilities = append(s.Utilities, Utility{Name: fmt.Sprint("utility ", i), KW: 300, BufferH: 3, Costs: Costs{Staff: true}})
	}
	for i := range 2 {
		s.CHP = append(s.CHP, CHP{Name: fmt.Sprint("chp ", i), MW: 5})
	}
	return s
}

func BenchmarkScan50Processes(b *testing.B) {
	site, s := fiftyProcesses(), scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		Scan(site, s)
	}
	b.ReportMetric(50*float64(b.N)/b.Elapsed().Seconds(), "processes/s")
}

// Moving batches never loses or creates energy, and never puts a run in a
// peak that was outside one, for any plant of the benchmark's shape.
func TestScheduleConservesEnergy(t *testing.T) {
	s := scenario.Default()
	for capKW := 8000.0; capKW <= 64000; capKW *= 2 {
		site := fiftyProcesses()
		site.CapacityKW = capKW
		r := Scan(site, s)
		var before, after Day
		addRuns(&before, &site, r.Plan.Before)
		addRuns(&after, &site, r.Plan.After)
		var eb, ea float64
		for i := range day {
			eb += before[i] / 4
			ea += after[i] / 4
		}
		if math.Abs(eb-ea) > 1e-6 {
			t.Errorf("capacity %v kW: batch energy %v kWh before, %v after", capKW, eb, ea)
		}
		if len(r.Plan.After) != len(r.Plan.Before) {
			t.Errorf("capacity %v kW: %d runs before, %d after", capKW, len(r.Plan.Before), len(r.Plan.After))
		}
	}
}

// A site whose load today exceeds its contracted capacity is flagged, and
// the extra night capacity the moved batches need is measured against the
// contracted capacity, not today's over-contract load (§2).
func TestOverContractedCapacity(t *testing.T) {
	const src = `sector: chemistry
name: tight
capacity_kw: %g
base_load_kw: 2500
batches:
  - {name: R1, kw: 1200, duration_h: 4, runs_per_day: 2, starts: ["07:00", "15:00"]}
  - {name: R2, kw: 1000, duration_h: 3, runs_per_day: 2, starts: ["09:00", "17:00"], parallel: 2}
`
	for _, tc := range []struct {
		name               string
		capacityKW, overKW float64
	}{
		{"fits", 6000, 0},
		{"over", 3600, 1100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, err := ParseSite("tight.yaml", []byte(fmt.Sprintf(src, tc.capacityKW)))
			if err != nil {
				t.Fatal(err)
			}
			r := Scan(site, scenario.Default())
			if math.Abs(r.OverCapacityKW-tc.overKW) > 1e-9 {
				t.Errorf("OverCapacityKW = %v, want %v", r.OverCapacityKW, tc.overKW)
			}
			var off [day]bool
			for i := range off {
				t := i * 15
				off[i] = !(t >= r.Windows[0][0] && t < r.Windows[0][1]) && !(t >= r.Windows[1][0] && t < r.Windows[1][1])
			}
			if want := max(0, r.AfterKW.Max(&off)-tc.capacityKW); math.Abs(r.ExtraNightKW-want) > 1e-9 {
				t.Errorf("ExtraNightKW = %v, want %v (off-peak load after − capacity_kw)", r.ExtraNightKW, want)
			}
		})
	}
}
