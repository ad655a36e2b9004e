package charging

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gridflex/scenario"
)

// randomSessions are n office sessions over days days on chargers
// chargers: arrivals 07:00–11:00, stays 1–10 h, 2–30 kWh at 3.7–11 kW,
// to the second.
func randomSessions(rng *rand.Rand, n, days, chargers int) []Session {
	tz := time.FixedZone("", 3600)
	out := make([]Session, n)
	for i := range out {
		d := rng.IntN(days)
		a := time.Date(2026, 1, 5+d, 7, 0, rng.IntN(4*3600), 0, tz)
		out[i] = Session{Arrival: a, Departure: a.Add(time.Duration(3600+rng.IntN(9*3600)) * time.Second),
			KWh: 2 + 28*rng.Float64(), Charger: fmt.Sprintf("c%d", rng.IntN(chargers)),
			ChargerKW: []float64{3.7, 7.4, 11}[rng.IntN(3)]}
	}
	return out
}

func benchSessions(b *testing.B, n int) {
	rng := rand.New(rand.NewPCG(5, 6))
	ss := randomSessions(rng, n, 250, max(10, n/1000))
	site := Site{Sector: Offices, Name: "bench", CapacityKW: 100 + float64(n)/50, Sessions: &SessionOptions{}}
	s := scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Scan(context.Background(), site, s, Options{Sessions: ss}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "sessions/s")
}

// BenchmarkSessions100k scans an office with MaxSessions real sessions end
// to end (issue 9 item 12: 1 M sessions took 8 min 41 s; a scan now takes
// at most MaxSessions).
func BenchmarkSessions100k(b *testing.B) { benchSessions(b, MaxSessions) }

// TestSessionsCap: a sessions file with more than MaxSessions rows is
// refused with the limit named, without reading it all; MaxSessions rows
// are accepted.
func TestSessionsCap(t *testing.T) {
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString("arrival,departure,kwh,charger\n")
		for i := range n {
			fmt.Fprintf(&b, "2026-06-01T08:00:00+02:00,2026-06-01T17:00:00+02:00,%d,c%d\n", 5+i%7, i) // one charger each: no overlap
		}
		return b.String()
	}
	if ss, err := ParseSessions("ok.csv", strings.NewReader(rows(MaxSessions))); err != nil || len(ss) != MaxSessions {
		t.Fatalf("ParseSessions(%d rows) = %d, %v; want all", MaxSessions, len(ss), err)
	}
	_, err := ParseSessions("big.csv", strings.NewReader(rows(MaxSessions+1)))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("big.csv:%d: more than %d sessions", MaxSessions+2, MaxSessions)) {
		t.Errorf("ParseSessions(%d rows) = %v, want the cap named at line %d", MaxSessions+1, err, MaxSessions+2)
	}
}

// TestVehiclesCap: more than MaxVehicles vehicles in all are refused.
func TestVehiclesCap(t *testing.T) {
	site := "sector: logistics\nname: x\ncapacity_kw: 80\nvehicles:\n" +
		"  - {name: a, count: 60000, energy_kwh_per_day: 6, arrival: \"19:00\", departure: \"07:00\", charger_kw: 11}\n" +
		"  - {name: b, count: 40001, energy_kwh_per_day: 6, arrival: \"19:00\", departure: \"07:00\", charger_kw: 11}\n"
	if _, err := ParseSite("x.yaml", []byte(site)); err == nil || !strings.Contains(err.Error(), "want at most 100000 vehicles in all") {
		t.Errorf("ParseSite(100,001 vehicles) = %v, want the cap", err)
	}
}

func benchVehicles(b *testing.B, types, count int) {
	rng := rand.New(rand.NewPCG(7, 8))
	var y strings.Builder
	y.WriteString(strings.Replace(randomDepot(rng, types, 0), "capacity_kw: 100", fmt.Sprintf("capacity_kw: %d", types*count*20), 1))
	text := y.String()
	// Every type gets count vehicles.
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, "count: "); i >= 0 {
			j := i + strings.Index(l[i:], ",")
			l = l[:i] + fmt.Sprintf("count: %d", count) + l[j:]
		}
		lines = append(lines, l)
	}
	site, err := ParseSite("bench.yaml", []byte(strings.Join(lines, "\n")))
	if err != nil {
		b.Fatal(err)
	}
	s := scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Scan(context.Background(), site, s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(types*count)*float64(b.N)/b.Elapsed().Seconds(), "vehicles/s")
}

// BenchmarkVehicles100k scans a depot of 100,000 vehicles (1,000 types of
// 100) end to end (issue 9 item 12: < 2 s).
func BenchmarkVehicles100k(b *testing.B) { benchVehicles(b, 1000, 100) }
