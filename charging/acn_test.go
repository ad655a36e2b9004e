package charging

import (
	"compress/gzip"
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gridflex/scenario"
)

// acnFile returns the path of an ACN-Data file in ../shared, or skips.
func acnFile(t *testing.T, name string) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", "acn-caltech-jpl", name)
	if _, err := os.Stat(p); err != nil {
		t.Skip("../shared not present: ", err)
	}
	return p
}

// Validation on real workplace sessions (ACN-Data, NASA JPL, May–August
// 2019; Lee et al. 2019): the office analysis of §1.4 runs on them and its
// served share agrees with an independent count from the raw timestamps.
func TestACNJPLOffice(t *testing.T) {
	f, err := os.Open(acnFile(t, "jpl_2019-05-01_2019-08-31.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := ParseSessions("jpl.csv.gz", gz)
	if err != nil {
		t.Fatal(err)
	}
	const chargerKW = 6.6 // ACN L2 EVSEs (SOURCE.txt)
	site := mustSessionsSite(t, "jpl.yaml", []byte("sector: offices\nname: JPL\ncapacity_kw: 400\nsessions: {charger_kw: 6.6}\n"))
	r, err := Scan(context.Background(), site, scenario.Default(), Options{Sessions: ss})
	if err != nil {
		t.Fatal(err)
	}
	o := r.Office
	if len(ss) != 6026 || o.Sessions != 6026 || o.Days != 123 || o.Chargers != 52 {
		t.Fatalf("sessions %d / %d, days %d, chargers %d; want 6026 sessions on 123 days at 52 chargers", len(ss), o.Sessions, o.Days, o.Chargers)
	}
	// Independent count: energy deliverable at 6.6 kW within 10:00–16:00
	// of each local day of the stay, from the raw timestamps.
	served := 0
	for _, s := range ss {
		var h float64
		for d := s.Arrival.AddDate(0, 0, -1); d.Before(s.Departure.AddDate(0, 0, 1)); d = d.AddDate(0, 0, 1) {
			y, m, dd := d.Date()
			a := time.Date(y, m, dd, 10, 0, 0, 0, s.Arrival.Location())
			b := time.Date(y, m, dd, 16, 0, 0, 0, s.Arrival.Location())
			lo, hi := maxTime(a, s.Arrival), minTime(b, s.Departure)
			if hi.After(lo) {
				h += hi.Sub(lo).Hours()
			}
		}
		if chargerKW*h >= s.KWh-1e-9 {
			served++
		}
	}
	want := float64(served) / float64(len(ss))
	if math.Abs(o.ServedShareNoPri-want) > 0.002 {
		t.Errorf("ServedShareNoPri = %.4f, independent count %.4f", o.ServedShareNoPri, want)
	}
	if len(o.PriorityChargers) != 5 || o.ServedShare < o.ServedShareNoPri {
		t.Errorf("priority chargers %v, served %.3f (without %.3f): want 5 chargers (10 %% of 52) that never lower the share", o.PriorityChargers, o.ServedShare, o.ServedShareNoPri)
	}
	if r.MinNightCapacityKW > r.TodayPeakKW || math.Abs(r.LowerBoundKW-r.MinNightCapacityKW) > 1e-6 {
		t.Errorf("min capacity %v kW (bound %v) vs today %v kW", r.MinNightCapacityKW, r.LowerBoundKW, r.TodayPeakKW)
	}
	if o.MorningFlexKW <= o.EveningFlexKW {
		t.Errorf("flex 08–10 %.1f kW ≤ 16–18 %.1f kW; §1.4 expects more in the late morning", o.MorningFlexKW, o.EveningFlexKW)
	}
	t.Logf("JPL May–Aug 2019: %d sessions, %d days, %d chargers; served only 10–16 at %.1f kW: %.1f %% (%.1f %% with %d priority chargers); flex 08–10 mean %.1f / max %.1f kW, 16–18 mean %.1f / max %.1f kW; today peak %.1f kW, grid-aware min %.1f kW",
		o.Sessions, o.Days, o.Chargers, chargerKW, 100*o.ServedShareNoPri, 100*o.ServedShare, len(o.PriorityChargers),
		o.MorningFlexKW, o.MorningFlexMax, o.EveningFlexKW, o.EveningFlexMax, r.TodayPeakKW, r.MinNightCapacityKW)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
