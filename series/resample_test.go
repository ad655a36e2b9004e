package series

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestDaysDST(t *testing.T) {
	start := time.Date(2024, 10, 26, 0, 0, 0, 0, Amsterdam)
	s := New(start, 96+100+96)
	for i := range s.KW {
		s.KW[i] = 4 // 1 kWh per ISP
	}
	s.KW[100] = NaN()
	days := s.Days()
	want := []struct {
		isps, missing int
		kwh           float64
	}{{96, 0, 96}, {100, 1, 99}, {96, 0, 96}}
	if len(days) != len(want) {
		t.Fatalf("Days() = %d days, want %d", len(days), len(want))
	}
	for i, w := range want {
		d := days[i]
		if d.ISPs != w.isps || d.Missing != w.missing || d.KWh != w.kwh {
			t.Errorf("Days()[%d] = %d ISPs, %d missing, %g kWh; want %d, %d, %g", i, d.ISPs, d.Missing, d.KWh, w.isps, w.missing, w.kwh)
		}
	}
	if !math.IsNaN(days[1].MeanKW()) || days[0].MeanKW() != 4 {
		t.Errorf("MeanKW = %g, %g; want 4, NaN", days[0].MeanKW(), days[1].MeanKW())
	}
}

func TestHoursPartial(t *testing.T) {
	s := New(time.Date(2026, 1, 1, 0, 30, 0, 0, time.UTC), 4)
	copy(s.KW, []float32{8, 8, 4, 12})
	hs := s.Hours()
	if len(hs) != 2 || hs[0].Missing != 2 || hs[0].KWh != 4 || hs[1].Missing != 2 || hs[1].KWh != 4 || hs[1].MaxKW != 12 {
		t.Errorf("Hours() = %+v", hs)
	}
}

// Property: resampling conserves energy, to hours and to days, and counts
// every missing ISP exactly once.
func TestResampleConservesEnergy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(366*96)) * ISP)
		s := New(start, r.IntN(3*96*40))
		for i := range s.KW {
			if r.IntN(20) > 0 {
				s.KW[i] = float32(r.IntN(4000)) / 4
			}
		}
		total, missing := s.TotalKWh()
		for name, bs := range map[string][]Bucket{"hours": s.Hours(), "days": s.Days()} {
			var sum float64
			var isps, miss int
			for _, b := range bs {
				sum += b.KWh
				isps += b.ISPs
				miss += b.Missing
			}
			outside := isps - s.Len()
			if math.Abs(sum-total) > 1e-6*math.Max(1, total) || miss-outside != missing {
				t.Fatalf("trial %d %s: %g kWh, %d missing; want %g, %d", trial, name, sum, miss-outside, total, missing)
			}
		}
	}
}

func TestAlignAndSum(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := New(t0, 2)
	copy(a.KW, []float32{1, 2})
	b := New(t0.Add(ISP), 2)
	copy(b.KW, []float32{10, 20})
	a2, b2 := Align(a, b)
	if !a2.Start.Equal(t0) || a2.Len() != 3 || b2.Len() != 3 || !a2.Missing(2) || !b2.Missing(0) || b2.KW[2] != 20 {
		t.Errorf("Align = %v, %v", a2.KW, b2.KW)
	}
	sum := Sum(a, b)
	if sum.Len() != 3 || !sum.Missing(0) || sum.KW[1] != 12 || !sum.Missing(2) {
		t.Errorf("Sum = %v, want [NaN 12 NaN]", sum.KW)
	}
	if got := Sum(); got.Len() != 0 {
		t.Errorf("Sum() = %v, want empty", got.KW)
	}
}

func TestConversions(t *testing.T) {
	if KWhToKW(2.5) != 10 || KWToKWh(10) != 2.5 {
		t.Errorf("KWhToKW(2.5) = %g, KWToKWh(10) = %g; want 10, 2.5", KWhToKW(2.5), KWToKWh(10))
	}
}

func BenchmarkCalendarYear(b *testing.B) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, Amsterdam)
	b.ReportAllocs()
	for b.Loop() {
		NewCalendar(start, 365*96)
	}
	b.ReportMetric(float64(365*96*b.N)/b.Elapsed().Seconds(), "ISPs/s")
}
