package area

import (
	"context"
	"testing"

	"gridflex/scenario"
)

// benchArea is the benchmark area: 500 connections, 100 contracts,
// 50 requests, 5 years until the reinforcement.
func benchArea(b *testing.B) (*Area, *Freed, SimOptions) {
	b.Helper()
	fsys := demoFS(b, DemoOptions{Seed: 7, Connections: 500, Contracts: 100, Requests: 50})
	sc := scenario.Default()
	a, err := Parse(context.Background(), fsys, "area.yaml", sc)
	if err != nil {
		b.Fatal(err)
	}
	f := Free(a, sc)
	o, err := NewSimOptions(a, sc)
	if err != nil {
		b.Fatal(err)
	}
	o.Runs = 2000 // × 5 years = 10,000 Monte Carlo years
	return a, f, o
}

// BenchmarkSimulate: 10,000 Monte Carlo years of quarter hours at one
// margin (target: < 10 s).
func BenchmarkSimulate(b *testing.B) {
	a, f, o := benchArea(b)
	b.ReportAllocs()
	years := 0
	for b.Loop() {
		sim, err := Simulate(context.Background(), a, f, []float64{0.5}, o)
		if err != nil {
			b.Fatal(err)
		}
		years += sim.Runs * sim.Years
	}
	b.ReportMetric(float64(years)/b.Elapsed().Seconds(), "years/s")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/10k-years")
}

// BenchmarkFindMargin: the margin search over 21 margins with the same
// 10,000 years (target: < 30 s).
func BenchmarkFindMargin(b *testing.B) {
	a, f, o := benchArea(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FindMargin(context.Background(), a, f, 0.05, 0.05, o); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/search")
}

// BenchmarkFree: freed capacity of the benchmark area.
func BenchmarkFree(b *testing.B) {
	a, _, _ := benchArea(b)
	sc := scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		Free(a, sc)
	}
	b.ReportMetric(float64(len(a.Contracts)*b.N)/b.Elapsed().Seconds(), "contracts/s")
}
