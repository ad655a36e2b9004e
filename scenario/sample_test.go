package scenario

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func ranged(v, lo, hi float64, d Dist, dom Domain) Param {
	return Param{Key: "k", Value: v, Domain: dom, Range: &Range{Low: lo, High: hi, Dist: d}}
}

func TestSamplerQuantile(t *testing.T) {
	tests := []struct {
		name string
		p    Param
		u    float64
		want float64
	}{
		{"no range gives value", Param{Value: 3}, 0.7, 3},
		{"collapsed range gives value", ranged(2, 2, 2, Uniform, Any), 0.3, 2},
		{"uniform low", ranged(5, 0, 10, Uniform, Any), 0, 0},
		{"uniform middle", ranged(5, 0, 10, Uniform, Any), 0.5, 5},
		{"uniform quarter", ranged(5, 0, 10, Uniform, Any), 0.25, 2.5},
		{"triangular mode", ranged(2, 0, 10, Triangular, Any), 0.2, 2},
		{"triangular low", ranged(2, 0, 10, Triangular, Any), 0, 0},
		{"triangular symmetric median", ranged(5, 0, 10, Triangular, Any), 0.5, 5},
		{"normal median is value", ranged(5, 4, 6, Normal, Any), 0.5, 5},
		{"normal P5 is low", ranged(5, 4, 6, Normal, Any), 0.05, 4},
		{"normal P95 is high", ranged(5, 4, 6, Normal, Any), 0.95, 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Sampler().Quantile(tc.u); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("Quantile(%v) = %v, want %v", tc.u, got, tc.want)
			}
		})
	}
}

// TestSamplerStaysInSupport is a property test: bounded distributions stay
// within [low, high]; a truncated normal stays within its domain.
func TestSamplerStaysInSupport(t *testing.T) {
	tests := []struct {
		name   string
		p      Param
		lo, hi float64
	}{
		{"uniform", ranged(0.9, 0.8, 1, Uniform, Fraction), 0.8, 1},
		{"triangular at edge", ranged(1, 0.8, 1, Triangular, Fraction), 0.8, 1},
		{"normal truncated to fraction", ranged(0.95, 0.8, 1, Normal, Fraction), 0, 1},
		{"normal truncated to positive", ranged(0.1, 0.01, 2, Normal, Positive), math.SmallestNonzeroFloat64, math.Inf(1)},
		{"normal truncated to hour", ranged(23, 20, 24, Normal, HourOfDay), 0, 24},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.p.Sampler()
			r := rand.New(rand.NewPCG(1, 2))
			for i := range 20000 {
				if x := s.Sample(r); !(x >= tc.lo && x <= tc.hi) {
					t.Fatalf("sample %d = %v, want within [%v, %v]", i, x, tc.lo, tc.hi)
				}
			}
			for _, u := range []float64{0, 1e-300, 0.5, math.Nextafter(1, 0)} {
				if x := s.Quantile(u); !(x >= tc.lo && x <= tc.hi) {
					t.Errorf("Quantile(%v) = %v, want within [%v, %v]", u, x, tc.lo, tc.hi)
				}
			}
		})
	}
}

// TestSamplerMoments checks the empirical distribution against its
// definition: mean and 5th/95th percentiles.
func TestSamplerMoments(t *testing.T) {
	tests := []struct {
		name           string
		p              Param
		mean, p05, p95 float64
	}{
		{"uniform", ranged(1404, 1237, 1570, Uniform, Positive), 1403.5, 1237 + 0.05*333, 1237 + 0.95*333},
		// Triangular(0, 10, mode 2): mean (0+10+2)/3 = 4.
		{"triangular", ranged(2, 0, 10, Triangular, Any), 4, math.Sqrt(0.05 * 10 * 2), 10 - math.Sqrt(0.05*10*8)},
		{"normal", ranged(100, 90, 110, Normal, NonNegative), 100, 90, 110},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.p.Sampler()
			r := rand.New(rand.NewPCG(7, 7))
			const n = 200000
			xs := make([]float64, n)
			sum := 0.0
			for i := range xs {
				xs[i] = s.Sample(r)
				sum += xs[i]
			}
			slices.Sort(xs)
			width := tc.p.Range.High - tc.p.Range.Low
			tol := 0.01 * width
			if got := sum / n; math.Abs(got-tc.mean) > tol {
				t.Errorf("mean = %v, want %v ± %v", got, tc.mean, tol)
			}
			if got := xs[n/20]; math.Abs(got-tc.p05) > tol {
				t.Errorf("P5 = %v, want %v ± %v", got, tc.p05, tol)
			}
			if got := xs[n*19/20]; math.Abs(got-tc.p95) > tol {
				t.Errorf("P95 = %v, want %v ± %v", got, tc.p95, tol)
			}
		})
	}
}

// TestSamplerDeterministic: the same stream gives the same draws.
func TestSamplerDeterministic(t *testing.T) {
	s := ranged(0.5, 0.2, 0.9, Normal, Fraction).Sampler()
	a, b := rand.New(rand.NewPCG(3, 4)), rand.New(rand.NewPCG(3, 4))
	for i := range 100 {
		if x, y := s.Sample(a), s.Sample(b); x != y {
			t.Fatalf("draw %d: %v != %v with the same seed", i, x, y)
		}
	}
}
