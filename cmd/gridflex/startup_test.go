package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// depot1000 writes a depot of 1,000 vehicles (250 types of 4).
func depot1000(tb testing.TB) string {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("sector: logistics\nname: big\ncapacity_kw: 20000\nvehicles:\n")
	for i := range 250 {
		arr, dep, kw := 17*60+15*rng.IntN(24), 5*60+15*rng.IntN(12), []float64{11, 22, 50}[rng.IntN(3)]
		fmt.Fprintf(&b, "  - {name: v%d, count: 4, energy_kwh_per_day: %.1f, arrival: \"%02d:%02d\", departure: \"%02d:%02d\", charger_kw: %g}\n",
			i, rng.Float64()*0.6*kw*8, arr/60, arr%60, dep/60, dep%60, kw)
	}
	path := filepath.Join(tb.TempDir(), "depot.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkScanCommand1000 is `gridflex scan` of a 1,000-vehicle depot
// after the process has started (issue 9 item 18: the whole process must
// take < 60 ms; the scheduler's part is BenchmarkScanDepot).
func BenchmarkScanCommand1000(b *testing.B) {
	path := depot1000(b)
	for b.Loop() {
		if _, _, err := runCLI(b, "scan", path); err != nil {
			b.Fatal(err)
		}
	}
}
