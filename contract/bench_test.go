package contract

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"gridflex/series"
)

// benchContracts are a few contract shapes the generated connections
// cycle through: every form that acts per ISP without calls.
func benchContracts(tb testing.TB) []*Contract {
	srcs := []string{
		minimal,
		`
connection: "2"
base_capacity_kw: 400
term: {start: 2025-07-01, end: indefinite}
limits:
  - {form: time-block, days: working, from: "07:00", to: "10:00", max_kw: 250, season: winter}
  - {form: time-block, days: working, from: "16:00", to: "21:00", max_kw: 200}
compensation: {fixed_eur_per_kw_year: 25, variable_eur_per_mwh: 18.5}
sanctions: {yellow_cards: [], penalty_eur_per_kw: 40}
`,
		`
connection: "3"
base_capacity_kw: 300
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: block-power
    blocks:
      - {from: "21:00", to: "24:00", extra_kw: 150}
      - {from: "00:00", to: "06:00", extra_kw: 300}
  - {form: time-block, days: all, from: "16:00", to: "21:00", max_kw: 200}
holidays: [2026-04-06, 2026-04-27, 2026-05-05, 2026-05-14, 2026-05-25, 2026-12-25, 2026-12-26]
`,
	}
	var cs []*Contract
	for _, s := range srcs {
		cs = append(cs, mustParse(tb, s))
	}
	return cs
}

// genYear is a deterministic year (2026, 35,040 ISPs) of load for n
// connections: a daily shape scaled per connection plus noise, with an
// occasional evening peak over the limit and an occasional missing ISP.
func genYear(n int) []series.Series {
	start := LocalDate(series.LocalDayStart(Date{2026, 1, 1}.Start())).Start()
	isps := int(Date{2027, 1, 1}.Start().Sub(start) / series.ISP)
	shape := make([]float32, 96)
	for i := range shape {
		h := float64(i) / 4
		shape[i] = float32(0.55 + 0.35*math.Sin((h-6)/24*2*math.Pi))
	}
	out := make([]series.Series, n)
	x := uint64(0x9e3779b97f4a7c15)
	for c := range out {
		kw := make([]float32, isps)
		scale := float32(100 + c%200)
		for i := range kw {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			noise := float32(x>>40) / float32(1<<24) // [0, 1)
			kw[i] = scale*shape[i%96] + 40*noise
			if x%20011 == 0 {
				kw[i] = 600
			}
			if x%50021 == 0 {
				kw[i] = float32(math.NaN())
			}
		}
		out[c] = series.Series{Start: start, KW: kw}
	}
	return out
}

// evaluateAll checks every connection on workers goroutines.
func evaluateAll(tb testing.TB, cs []*Contract, data []series.Series, workers int) (violations int64) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(data) {
					return
				}
				r, err := Evaluate(cs[i%len(cs)], Input{Offtake: data[i]})
				if err != nil {
					tb.Error(err)
					return
				}
				atomic.AddInt64(&violations, int64(len(r.Violations)))
			}
		}()
	}
	wg.Wait()
	return violations
}

// BenchmarkEvaluate is the figure: a year of data for 10,000
// connections already in memory, two workers; target ≥ 100 million ISPs/s.
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{1, 300, 10_000} {
		b.Run(fmt.Sprintf("connections=%d", n), func(b *testing.B) {
			cs := benchContracts(b)
			data := genYear(n)
			isps := 0
			for _, s := range data {
				isps += s.Len()
			}
			workers := min(2, runtime.GOMAXPROCS(0))
			b.ReportAllocs()
			b.ResetTimer()
			iters := 0
			for b.Loop() {
				evaluateAll(b, cs, data, workers)
				iters++
			}
			b.ReportMetric(float64(isps)*float64(iters)/b.Elapsed().Seconds(), "ISPs/s")
			b.ReportMetric(float64(isps), "ISPs/op")
		})
	}
}
