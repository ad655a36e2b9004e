package area

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	"gridflex/contract"
	"gridflex/scenario"
)

// Term policies of the comparison of the study's proposals (§6).
const (
	AsFiled    = "as filed"   // each contract's own term and opt-out
	Indefinite = "indefinite" // today: until the congestion is solved
	FixedTerm  = "fixed term" // proposal 1: a term of TermYears, renewed or not
	OptOut     = "opt-out"    // proposal 1: indefinite with an opt-out after OptOutAfterYears
)

// Policy is how contracts end and are sanctioned in a simulation.
type Policy struct {
	Term             string  `json:"term"`
	TermYears        float64 `json:"term_years,omitempty"`
	OptOutAfterYears float64 `json:"opt_out_after_years,omitempty"`
	// YellowCards: each contract's yellow cards come before fines (§6
	// proposal 2); false: fines from the first violation.
	YellowCards bool `json:"yellow_cards"`
}

func (p Policy) String() string {
	s := p.Term
	switch p.Term {
	case FixedTerm:
		s = fmt.Sprintf("%s of %g years", p.Term, p.TermYears)
	case OptOut:
		s = fmt.Sprintf("%s after %g years", p.Term, p.OptOutAfterYears)
	}
	if p.YellowCards {
		return s + ", yellow cards"
	}
	return s + ", immediate fines"
}

// SimOptions steer Simulate; NewSimOptions reads the defaults.
type SimOptions struct {
	Runs                int
	Seed                uint64
	Workers             int // 0: GOMAXPROCS
	OptOutProbability   float64
	RenewalProbability  float64
	NewContractsPerYear float64
	ReboundShare        float64
	FineDeterrence      float64
	Policy              Policy
	Release             ReleaseOptions
}

// NewSimOptions reads the area.* defaults of sc.
func NewSimOptions(a *Area, sc *scenario.Scenario) (SimOptions, error) {
	ro, err := NewReleaseOptions(a, sc)
	if err != nil {
		return SimOptions{}, err
	}
	return SimOptions{Runs: int(sc.Value("area.monte_carlo_runs")), Seed: 1,
		OptOutProbability: sc.Value("area.opt_out_probability"), RenewalProbability: sc.Value("area.renewal_probability"),
		NewContractsPerYear: sc.Value("area.new_contracts_per_year"), ReboundShare: sc.Value("area.rebound_share"),
		FineDeterrence: sc.Value("area.fine_deterrence"), Policy: Policy{Term: AsFiled, YellowCards: true}, Release: ro}, nil
}

// YearRisk is the overload risk of one simulated year.
type YearRisk struct {
	Year       int     `json:"year"` // 1 = the first year after AsOf
	From       string  `json:"from"`
	To         string  `json:"to"` // last day
	POverload  float64 `json:"p_overload"`
	MeanISPs   float64 `json:"mean_overloaded_isps"`
	MeanMWh    float64 `json:"mean_overload_mwh"`
	ISPsP10    float64 `json:"isps_p10"`
	ISPsP50    float64 `json:"isps_p50"`
	ISPsP90    float64 `json:"isps_p90"`
	MWhP10     float64 `json:"mwh_p10"`
	MWhP50     float64 `json:"mwh_p50"`
	MWhP90     float64 `json:"mwh_p90"`
	MeanEndedK float64 `json:"mean_ended_kw"` // freed kW of contracts ended by the year's end
}

// Risk is the simulated risk at one margin.
type Risk struct {
	Margin     float64    `json:"margin"`
	ReissuedKW float64    `json:"reissued_kw"`
	GrantedKW  float64    `json:"granted_kw"`
	PHorizon   float64    `json:"p_overload_before_reinforcement"`
	Years      []YearRisk `json:"years"`
}

// Simulation is the outcome of Simulate.
type Simulation struct {
	Runs          int     `json:"runs"`
	Seed          uint64  `json:"seed"`
	Years         int     `json:"years"`
	Policy        Policy  `json:"policy"`
	CandidateISPs int     `json:"candidate_isps"` // base ISPs in which an overload is possible at all
	BaseISPs      int     `json:"base_isps"`
	Shapes        int     `json:"contract_shapes"`
	Risks         []Risk  `json:"risks"` // one per margin, in the order given
	FreedKW       float64 `json:"freed_kw"`
}

// model is what every run needs, precomputed once.
type model struct {
	capKW float64
	nd    int // base days
	off0  int // base day of AsOf's calendar day
	H     int // horizon in days
	years int
	// yearStart[y] is the first day (from AsOf) of simulated year y;
	// yearStart[years] = H.
	yearStart []int
	k         int // shapes
	cands     int
	cDay      []int32   // base day of each candidate ISP
	cB        []float32 // station load
	cW        []float32 // cands × k: shape weights
	cR        [][]float32
	cRMax     []float32 // per candidate: the largest reissued load of any margin
	cRT       []float32 // cR candidate-major: cRT[ci*margins+mi]
	monotone  bool      // cR never rises from one margin to the next
	shapes    [][]int32 // per shape: base days on which it frees anything
	cs        []simContract
	newKW     float64
	newK      int
}

type simContract struct {
	k            int
	kw           float64 // freed kW at shape peak
	excessKW     float64
	pViolate     float64
	start        contract.Date
	end          contract.Date // zero: indefinite
	optOut       contract.Date
	termDays     int // for renewal
	yellow       []int
	startOffDays int // AsOf − start, days
}

// Simulate runs opts.Runs Monte Carlo runs of the years from AsOf to the
// reinforcement for each of margins, with the same random draws for every
// margin (so the risk of a larger margin is never above a smaller one's
// under a monotone queue rule).
func Simulate(ctx context.Context, a *Area, f *Freed, margins []float64, opts SimOptions) (*Simulation, error) {
	if opts.Runs <= 0 {
		return nil, fmt.Errorf("runs %d: want > 0", opts.Runs)
	}
	m, risks := newModel(a, f, margins, opts)
	sim := &Simulation{Runs: opts.Runs, Seed: opts.Seed, Years: m.years, Policy: opts.Policy, CandidateISPs: m.cands,
		BaseISPs: a.Load.Len(), Shapes: m.k, Risks: risks, FreedKW: f.FreedKW}
	M, Y := len(margins), m.years
	isps := make([]float32, opts.Runs*M*Y) // run-major
	mwh := make([]float32, opts.Runs*M*Y)
	ended := make([]float32, opts.Runs*Y)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	next := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := m.newState(M)
			for {
				mu.Lock()
				run := next
				next++
				mu.Unlock()
				if run >= opts.Runs {
					return
				}
				if err := ctx.Err(); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				// Two streams per run: contract ends and new contracts
				// draw the same numbers under every sanction regime.
				rng := rand.New(rand.NewPCG(opts.Seed, uint64(run)))
				vrng := rand.New(rand.NewPCG(opts.Seed, uint64(run)|1<<63))
				m.run(rng, vrng, opts, st, isps[run*M*Y:(run+1)*M*Y], mwh[run*M*Y:(run+1)*M*Y], ended[run*Y:(run+1)*Y])
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	col := make([]float64, opts.Runs)
	for mi := range margins {
		r := &sim.Risks[mi]
		anyRun := make([]bool, opts.Runs)
		for y := 0; y < Y; y++ {
			yr := YearRisk{Year: y + 1, From: a.AsOf.AddDays(m.yearStart[y]).String(), To: a.AsOf.AddDays(m.yearStart[y+1] - 1).String()}
			hit := 0
			for run := 0; run < opts.Runs; run++ {
				v := isps[run*M*Y+mi*Y+y]
				if v > 0 {
					hit++
					anyRun[run] = true
				}
				yr.MeanISPs += float64(v)
				yr.MeanMWh += float64(mwh[run*M*Y+mi*Y+y])
				yr.MeanEndedK += float64(ended[run*Y+y])
			}
			n := float64(opts.Runs)
			yr.POverload, yr.MeanISPs, yr.MeanMWh, yr.MeanEndedK = float64(hit)/n, yr.MeanISPs/n, yr.MeanMWh/n, yr.MeanEndedK/n
			for run := range col {
				col[run] = float64(isps[run*M*Y+mi*Y+y])
			}
			yr.ISPsP10, yr.ISPsP50, yr.ISPsP90 = percentiles(col)
			for run := range col {
				col[run] = float64(mwh[run*M*Y+mi*Y+y])
			}
			yr.MWhP10, yr.MWhP50, yr.MWhP90 = percentiles(col)
			r.Years = append(r.Years, yr)
		}
		hits := 0
		for _, h := range anyRun {
			if h {
				hits++
			}
		}
		r.PHorizon = float64(hits) / float64(opts.Runs)
	}
	return sim, nil
}

func percentiles(xs []float64) (p10, p50, p90 float64) {
	s := slices.Clone(xs)
	sort.Float64s(s)
	q := func(p float64) float64 {
		// Linear interpolation between order statistics (type 7).
		h := p * float64(len(s)-1)
		lo := int(math.Floor(h))
		hi := min(lo+1, len(s)-1)
		return s[lo] + (h-float64(lo))*(s[hi]-s[lo])
	}
	return q(0.1), q(0.5), q(0.9)
}
