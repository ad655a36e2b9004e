package flexcall

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gridflex/series"
	"gridflex/uftp"
)

var testDay = uftp.Date{Year: 2026, Month: 3, Day: 10}

// eveningPeak is a station forecast: baseKW all day, peakKW from 17:00 to
// 21:00 with a shoulder of half the excess an hour either side.
func eveningPeak(day uftp.Date, baseKW, peakKW float64) series.Series {
	n := uftp.ISPsIn(day)
	s := series.New(uftp.DayStart(day), n)
	for k := range n {
		kw := baseKW
		switch {
		case k >= 68 && k < 84:
			kw = peakKW
		case k >= 64 && k < 88:
			kw = (baseKW + peakKW) / 2
		}
		s.KW[k] = float32(kw)
	}
	return s
}

func testContracts(r *rand.Rand, n int) []Contract {
	cs := make([]Contract, n)
	for i := range cs {
		cs[i] = Contract{
			ID: fmt.Sprintf("CBC-A-%02d", i+1), CongestionPoint: "ean.871685900012636543",
			MaxKW: float64(100 + r.IntN(900)), ActivationEUR: float64(r.IntN(500)), EURPerMWh: float64(r.IntN(300)),
		}
	}
	return cs
}

// bruteForce tries every subset.
func bruteForce(a Area) float64 {
	s := newSearch(a.Contracts, excessOf(a))
	best := math.Inf(1)
	for set := uint64(0); set < 1<<len(a.Contracts); set++ {
		best = math.Min(best, s.cost(set))
	}
	return best
}

func excessOf(a Area) []float64 {
	e := make([]float64, a.ForecastKW.Len())
	for i, kw := range a.ForecastKW.KW {
		e[i] = math.Max(0, float64(kw)-a.CapacityKW)
	}
	return e
}

// TestDecideMatchesBruteForce: on random small areas the branch and bound
// finds the cost of the best subset, its calls keep every ISP under
// capacity within each contract's MaxKW, and their costs add up.
func TestDecideMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 200 {
		a := Area{Day: testDay, ForecastKW: eveningPeak(testDay, 8000, 8000+float64(r.IntN(3000))), CapacityKW: 9000,
			Contracts: testContracts(r, 1+r.IntN(12))}
		if trial%5 == 0 {
			a.Contracts[0].MaxKW = 0 // a contract that cannot help
		}
		if trial%7 == 0 {
			a.Contracts[len(a.Contracts)-1].ActivationEUR = 0
		}
		want := bruteForce(a)
		d, err := Decide(a)
		if math.IsInf(want, 1) {
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("trial %d: infeasible area: err = %v", trial, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		if math.Abs(d.CostEUR-want) > 1e-6 {
			t.Fatalf("trial %d: Decide cost %.4f, brute force %.4f", trial, d.CostEUR, want)
		}
		sum := 0.0
		for k, kw := range a.ForecastKW.KW {
			left := float64(kw)
			for _, c := range d.Calls {
				if c.ReductionKW[k] > c.Contract.MaxKW+1e-9 || c.ReductionKW[k] < 0 {
					t.Fatalf("trial %d: %s reduces %.1f kW in ISP %d, max %.1f", trial, c.Contract.ID, c.ReductionKW[k], k+1, c.Contract.MaxKW)
				}
				left -= c.ReductionKW[k]
			}
			if left > a.CapacityKW+1e-3 {
				t.Fatalf("trial %d: ISP %d stays at %.1f kW, capacity %.1f", trial, k+1, left, a.CapacityKW)
			}
		}
		for _, c := range d.Calls {
			sum += c.CostEUR
		}
		if math.Abs(sum-d.CostEUR) > 1e-6 {
			t.Fatalf("trial %d: calls cost %.4f, decision says %.4f", trial, sum, d.CostEUR)
		}
	}
}

// TestDecideMovesWithFees: the choice follows the fees — a cheap
// activation wins one large contract, a cheap energy price several.
func TestDecideMovesWithFees(t *testing.T) {
	a := Area{Day: testDay, ForecastKW: eveningPeak(testDay, 8000, 9500), CapacityKW: 9000, Contracts: []Contract{
		{ID: "big", MaxKW: 600, ActivationEUR: 100, EURPerMWh: 200},
		{ID: "small-1", MaxKW: 300, ActivationEUR: 100, EURPerMWh: 50},
		{ID: "small-2", MaxKW: 300, ActivationEUR: 100, EURPerMWh: 50},
	}}
	ids := func(d Decision) string {
		s := ""
		for _, c := range d.Calls {
			s += c.Contract.ID + " "
		}
		return s
	}
	// 500 kW × 4 h = 2 MWh in the peak, 0 in the shoulders (9000 − 8750 < 0):
	// big costs 100 + 2 × 200 = 500 €, the two small ones 200 + 2 × 50 = 300 €.
	d, err := Decide(a)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(d); got != "small-1 small-2 " || math.Abs(d.CostEUR-300) > 1e-9 {
		t.Errorf("energy-cheap: calls %q cost %.2f, want both small ones at 300 €", got, d.CostEUR)
	}
	a.Contracts[0].EURPerMWh = 40
	d, _ = Decide(a)
	if got := ids(d); got != "big " || math.Abs(d.CostEUR-180) > 1e-9 {
		t.Errorf("big made cheap: calls %q cost %.2f, want big at 180 €", got, d.CostEUR)
	}
	a.CapacityKW = 8000
	if _, err := Decide(a); !errors.Is(err, ErrInfeasible) {
		t.Errorf("1500 kW excess with 1200 kW of contracts: err = %v, want ErrInfeasible", err)
	}
	a.CapacityKW = 9600
	if d, err := Decide(a); err != nil || len(d.Calls) != 0 || d.CostEUR != 0 {
		t.Errorf("no excess: %+v, %v; want no calls", d, err)
	}
}

// TestDecideDSTDay: the decision works on the 100-ISP day and refuses a
// forecast of the wrong length.
func TestDecideDSTDay(t *testing.T) {
	day := uftp.Date{Year: 2026, Month: 10, Day: 25}
	a := Area{Day: day, ForecastKW: eveningPeak(day, 8000, 9500), CapacityKW: 9000,
		Contracts: []Contract{{ID: "a", MaxKW: 600, EURPerMWh: 10}}}
	d, err := Decide(a)
	if err != nil || len(d.Calls) != 1 || len(d.Calls[0].ReductionKW) != 100 {
		t.Fatalf("DST day: %+v, %v", d, err)
	}
	a.ForecastKW = eveningPeak(testDay, 8000, 9500)
	if _, err := Decide(a); err == nil {
		t.Errorf("a 96-ISP forecast for a 100-ISP day was accepted")
	}
}

// BenchmarkDecide is the day-ahead call decision over 96 ISPs for areas of
// 10 to 60 on-call contracts with random sizes and fees; 60 is the number
// of contracts in the demo area (area.DefaultDemo, a 57 MW station), whose
// own contracts are time blocks without call fees. Target: < 1 s.
func BenchmarkDecide(b *testing.B) {
	for _, n := range []int{10, 20, 40, 60} {
		b.Run(fmt.Sprintf("contracts=%d", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 5))
			a := Area{Day: testDay, ForecastKW: eveningPeak(testDay, 8000, 11000), CapacityKW: 9000, Contracts: testContracts(r, n)}
			nodes := 0
			b.ReportAllocs()
			for b.Loop() {
				d, err := Decide(a)
				if err != nil {
					b.Fatal(err)
				}
				nodes = d.Nodes
			}
			b.ReportMetric(float64(nodes), "nodes")
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*1000, "ms/decision")
		})
	}
}
