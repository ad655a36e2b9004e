package potential

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"gridflex/scenario"
)

// chunkSize is the number of samples drawn from one random stream. The
// sample set depends only on the seed and the chunk index, never on which
// worker ran a chunk, so results are the same for any number of workers.
const chunkSize = 1 << 14

// MonteCarloOptions configure MonteCarlo.
type MonteCarloOptions struct {
	// N is the number of samples (≥ 1).
	N int
	// Seed selects the random streams; the same seed gives the same result.
	Seed uint64
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// WithDatacenters adds datacenter cooling to the national total.
	WithDatacenters bool
	// Progress, if set, is called after each chunk with the number of
	// samples done so far. Calls are serialised but come from worker
	// goroutines.
	Progress func(done int)
}

// Quantiles are the 10th, 50th and 90th percentiles of one output over the
// samples (linear interpolation between order statistics).
type Quantiles struct {
	ID    string  `json:"id"`
	P10MW float64 `json:"p10_mw"`
	P50MW float64 `json:"p50_mw"`
	P90MW float64 `json:"p90_mw"`
}

// MonteCarloResult is the distribution of every output of Table 0.1.
type MonteCarloResult struct {
	Scenario        string      `json:"scenario"`
	N               int         `json:"n"`
	Seed            uint64      `json:"seed"`
	WithDatacenters bool        `json:"with_datacenters"`
	Measures        []Quantiles `json:"measures"`
	Sectors         []Quantiles `json:"sectors"`
	Total           Quantiles   `json:"total"`
	// Sampled lists the keys of the ranged inputs that were sampled.
	Sampled []string `json:"sampled"`
}

// MaxSamples bounds N: every sample of every output is kept for exact
// percentiles, 60 bytes per sample (1.2 GB at the limit).
const MaxSamples = 20_000_000

// Errors of MonteCarlo.
var (
	ErrNoSamples      = errors.New("monte carlo: want at least 1 sample")
	ErrTooManySamples = fmt.Errorf("monte carlo: want at most %d samples (all are kept in memory for exact percentiles)", MaxSamples)
)

// MonteCarlo samples every ranged input of s by its distribution, evaluates
// the point model for each sample and reports percentiles per measure,
// sector and the national total. A cancelled or expired ctx stops the
// workers at the next chunk and returns ctx's error.
func MonteCarlo(ctx context.Context, s *scenario.Scenario, opts MonteCarloOptions) (MonteCarloResult, error) {
	if opts.N < 1 {
		return MonteCarloResult{}, ErrNoSamples
	}
	if opts.N > MaxSamples {
		return MonteCarloResult{}, ErrTooManySamples
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	m := newModel(s)
	base := s.Values()
	var (
		idx      []int
		samplers []scenario.Sampler
		sampled  []string
	)
	for i, p := range s.Params() {
		if p.Low() < p.High() {
			idx = append(idx, i)
			samplers = append(samplers, p.Sampler())
			sampled = append(sampled, p.Key)
		}
	}

	// Samples are stored as float32 deviations from the point values: 4
	// bytes × 15 outputs × N, precise to ~1e-5 MW for deviations of
	// hundreds of MW, and exact for outputs no sampled input moves.
	var point trace
	m.eval(base, &point)
	var outs [nOut][]float32
	for o := range outs {
		outs[o] = make([]float32, opts.N)
	}
	chunks := (opts.N + chunkSize - 1) / chunkSize
	var (
		next     atomic.Int64
		done     int
		progress sync.Mutex
		wg       sync.WaitGroup
	)
	for range min(workers, chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := append([]float64(nil), base...)
			var t trace
			for {
				c := int(next.Add(1) - 1)
				if c >= chunks || ctx.Err() != nil {
					return
				}
				r := rand.New(rand.NewPCG(opts.Seed, splitmix(uint64(c))))
				lo, hi := c*chunkSize, min((c+1)*chunkSize, opts.N)
				for i := lo; i < hi; i++ {
					for j, k := range idx {
						v[k] = samplers[j].Sample(r)
					}
					m.eval(v, &t)
					for o := range outs {
						outs[o][i] = float32(t.Out[o] - point.Out[o])
					}
				}
				if opts.Progress != nil {
					progress.Lock()
					done += hi - lo
					opts.Progress(done)
					progress.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return MonteCarloResult{}, fmt.Errorf("monte carlo: %w", err)
	}

	// Percentiles per output, outputs spread over the workers.
	var q [nOut][3]float64
	var oi atomic.Int64
	for range min(workers, nOut) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				o := int(oi.Add(1) - 1)
				if o >= nOut {
					return
				}
				q[o] = percentiles(outs[o], 0.1, 0.5, 0.9)
				for k := range q[o] {
					q[o][k] += point.Out[o]
				}
			}
		}()
	}
	wg.Wait()

	res := MonteCarloResult{Scenario: s.Name, N: opts.N, Seed: opts.Seed, WithDatacenters: opts.WithDatacenters, Sampled: sampled}
	quant := func(id string, o int) Quantiles {
		return Quantiles{ID: id, P10MW: q[o][0], P50MW: q[o][1], P90MW: q[o][2]}
	}
	for _, mi := range measures {
		res.Measures = append(res.Measures, quant(mi.id, mi.out))
	}
	for _, si := range sectors {
		res.Sectors = append(res.Sectors, quant(si.id, si.out))
	}
	if opts.WithDatacenters {
		res.Total = quant("total", outTotalWithDatacenters)
	} else {
		res.Total = quant("total", outTotal)
	}
	return res, nil
}

// splitmix spreads chunk indices over the 64-bit space so that neighbouring
// chunks start PCG streams far apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
