package potential

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gridflex/scenario"
)

func TestPercentilesMatchSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1, 2, 3, 10, 101, 1000, 4097} {
		xs := make([]float32, n)
		for i := range xs {
			xs[i] = float32(r.IntN(50)) // many ties
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		got := percentiles(xs, 0.1, 0.5, 0.9)
		for i, p := range []float64{0.1, 0.5, 0.9} {
			h := p * float64(n-1)
			k := int(math.Floor(h))
			want := float64(sorted[k])
			if k+1 < n {
				want += (h - float64(k)) * float64(sorted[k+1]-sorted[k])
			}
			if math.Abs(got[i]-want) > 1e-9 {
				t.Errorf("percentiles(n=%d)[%v] = %v, want %v", n, p, got[i], want)
			}
		}
	}
}

func TestMonteCarloDeterministic(t *testing.T) {
	s := scenario.Default()
	a, err := MonteCarlo(context.Background(), s, MonteCarloOptions{N: 50000, Seed: 42, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := MonteCarlo(context.Background(), s, MonteCarloOptions{N: 50000, Seed: 42, Workers: 4})
	if !slices.Equal(a.Measures, b.Measures) || a.Total != b.Total {
		t.Errorf("MonteCarlo with 1 and 4 workers differ: %+v vs %+v", a.Total, b.Total)
	}
	c, _ := MonteCarlo(context.Background(), s, MonteCarloOptions{N: 50000, Seed: 43})
	if c.Total == a.Total {
		t.Errorf("MonteCarlo with seeds 42 and 43 gave the same total %+v", a.Total)
	}
}

// TestMonteCarloWithinBounds: with bounded distributions every percentile
// lies within the model's min–max, and P10 ≤ P50 ≤ P90.
func TestMonteCarloWithinBounds(t *testing.T) {
	s := scenario.Default()
	r := EvaluateWith(s, Options{})
	mc, err := MonteCarlo(context.Background(), s, MonteCarloOptions{N: 20000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	check := func(id string, q Quantiles, lo, hi float64) {
		const eps = 1e-3 // float32 storage
		if !(q.P10MW >= lo-eps && q.P10MW <= q.P50MW && q.P50MW <= q.P90MW && q.P90MW <= hi+eps) {
			t.Errorf("%s: P10/P50/P90 = %v/%v/%v, want ordered within %v..%v", id, q.P10MW, q.P50MW, q.P90MW, lo, hi)
		}
	}
	for i, m := range r.Measures {
		check(m.ID, mc.Measures[i], m.MinMW, m.MaxMW)
	}
	for i, sc := range r.Sectors {
		check(sc.ID, mc.Sectors[i], sc.MinMW, sc.MaxMW)
	}
	check("total", mc.Total, r.Total.MinMW, r.Total.MaxMW)
	if _, err := MonteCarlo(context.Background(), s, MonteCarloOptions{N: 0}); !errors.Is(err, ErrNoSamples) {
		t.Errorf("MonteCarlo(N=0) = %v, want ErrNoSamples", err)
	}
	if _, err := MonteCarlo(context.Background(), s, MonteCarloOptions{N: MaxSamples + 1}); !errors.Is(err, ErrTooManySamples) {
		t.Errorf("MonteCarlo(N=%d) = %v, want ErrTooManySamples", MaxSamples+1, err)
	}
}

func BenchmarkMonteCarlo(b *testing.B) {
	s := scenario.Default()
	const n = 1_000_000
	b.ReportAllocs()
	for b.Loop() {
		if _, err := MonteCarlo(context.Background(), s, MonteCarloOptions{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

func BenchmarkEvaluate(b *testing.B) {
	s := scenario.Default()
	m := newModel(s)
	v := s.Values()
	var t trace
	b.ReportAllocs()
	for b.Loop() {
		m.eval(v, &t)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evaluations/s")
}

// BenchmarkEvaluateTable measures the public Evaluate: the point value and
// the min/max corners of every output (Table 0.1).
func BenchmarkEvaluateTable(b *testing.B) {
	s := scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(s)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tables/s")
}

// TestMonteCarloProgress: progress rises to N, one call per chunk.
func TestMonteCarloProgress(t *testing.T) {
	const n = 3*chunkSize + 17
	var calls []int
	_, err := MonteCarlo(context.Background(), scenario.Default(), MonteCarloOptions{N: n, Seed: 9, Workers: 2,
		Progress: func(done int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 4 || calls[len(calls)-1] != n || !slices.IsSorted(calls) {
		t.Errorf("Progress calls = %v, want 4 rising to %d", calls, n)
	}
}
