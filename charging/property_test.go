package charging

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gridflex/scenario"
)

// randomDepot is a site file with n vehicle types of random stays, needs
// and chargers (needs kept within what each stay allows outside the peaks).
func randomDepot(rng *rand.Rand, n int, extraKWh float64) string {
	var b strings.Builder
	b.WriteString("sector: logistics\nname: random\ncapacity_kw: 100\nvehicles:\n")
	for i := range n {
		arr := 17*60 + 15*rng.IntN(24)
		dep := 5*60 + 15*rng.IntN(12)
		kw := []float64{11, 22, 50}[rng.IntN(3)]
		free := float64(min(dep+24*60, 31*60)-max(arr, 21*60)) / 60 // hours of 21:00–07:00 in the stay
		need := math.Round(rng.Float64()*0.8*kw*free*10)/10 + extraKWh
		fmt.Fprintf(&b, "  - {name: v%d, count: %d, energy_kwh_per_day: %g, arrival: \"%02d:%02d\", departure: \"%02d:%02d\", charger_kw: %g}\n",
			i, 1+rng.IntN(4), need, arr/60, arr%60, dep/60, dep%60, kw)
	}
	return b.String()
}

// Properties of the night capacity for every depot: it is at least the
// energy ÷ the free hours (a closed-form bound), equals its certificate,
// and never falls when a need grows.
func TestNightCapacityProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	s := scenario.Default()
	for k := range 40 {
		seed := rng.Uint64()
		a := scanYAML(t, s, randomDepot(rand.New(rand.NewPCG(seed, 1)), 1+k%5, 0), Options{})
		b := scanYAML(t, s, randomDepot(rand.New(rand.NewPCG(seed, 1)), 1+k%5, 5), Options{})
		var need float64
		for _, v := range a.Vehicles {
			need += v.NeedKWh * float64(v.Count)
		}
		// 16 hours a day are outside the peaks 07–10 and 16–21.
		if lb := need / 16; a.MinNightCapacityKW < lb-1e-6 {
			t.Fatalf("case %d: night capacity %v kW below energy ÷ free hours %v", k, a.MinNightCapacityKW, lb)
		}
		if math.Abs(a.MinNightCapacityKW-a.LowerBoundKW) > 1e-6 {
			t.Fatalf("case %d: capacity %v ≠ its certificate %v", k, a.MinNightCapacityKW, a.LowerBoundKW)
		}
		if b.MinNightCapacityKW < a.MinNightCapacityKW-1e-6 {
			t.Fatalf("case %d: more need lowers the capacity %v → %v", k, a.MinNightCapacityKW, b.MinNightCapacityKW)
		}
	}
}

// BenchmarkScanDepot scans a depot of about 1,000 vehicles (400 types) end to end (today,
// optimum, capacity check, block proposal, report numbers).
func BenchmarkScanDepot(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	site, err := ParseSite("bench.yaml", []byte(randomDepot(rng, 400, 0)))
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, v := range site.Vehicles {
		n += v.N()
	}
	s := scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Scan(context.Background(), site, s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "vehicles/s")
}
