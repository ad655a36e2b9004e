package flexcall

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gridflex/area"
	"gridflex/contract"
	"gridflex/series"
	"gridflex/uftp"
)

// Contract is what the call decision needs of one on-call contract (CBC-A,
// CSC on call): how much the connection can reduce and what a call costs.
type Contract struct {
	ID              string  // contract identifier, the FlexRequest's ContractID
	CongestionPoint string  // UFTP entity address of the connection ("ean.…")
	MaxKW           float64 // largest reduction that may be called, per ISP
	ActivationEUR   float64 // fee per call (per day the contract is called)
	EURPerMWh       float64 // fee per MWh of reduction called
}

// FromContract takes the on-call clause and fees of a contract file
// (contract/FORMAT.md): flex_kw, activation_eur and variable_eur_per_mwh.
// The congestion point is built from the connection EAN with its check
// digit verified: gridflex only sends addresses it can vouch for.
func FromContract(c *contract.Contract) (Contract, error) {
	for _, cl := range c.Clauses {
		if cl.Form != contract.OnCall {
			continue
		}
		cp, err := congestionPoint(c.Connection)
		if err != nil {
			return Contract{}, fmt.Errorf("contract %s: %w", c.ID(), err)
		}
		return Contract{
			ID: c.ID(), CongestionPoint: cp, MaxKW: cl.FlexKW,
			ActivationEUR: c.Compensation.ActivationEUR, EURPerMWh: c.Compensation.VariableEURPerMWh,
		}, nil
	}
	return Contract{}, fmt.Errorf("contract %s has no on-call clause", c.ID())
}

// Area is one station's day ahead: its forecast, its capacity and the
// on-call contracts behind it.
type Area struct {
	Day        uftp.Date
	ForecastKW series.Series // the day's ISPs, none missing
	CapacityKW float64       // the station's limit, per ISP
	Contracts  []Contract
}

// Call is one contract called for the day: the reduction asked per ISP of
// the day (index ISP−1) and what it costs.
type Call struct {
	Contract    Contract
	ReductionKW []float64
	CostEUR     float64
}

// Decision is the cheapest set of calls that keeps the forecast under the
// capacity in every ISP.
type Decision struct {
	Calls   []Call
	CostEUR float64
	Nodes   int // branch-and-bound nodes visited, for the benchmark
}

// ErrInfeasible: even calling every contract in full leaves an ISP above
// capacity.
var ErrInfeasible = errors.New("the contracts cannot keep the station under capacity")

// maxContracts bounds the exact search: sets are bit masks, and the worst
// case is 2^n subsets (60 contracts, the demo area's count, take well under
// a second: BenchmarkDecide).
const maxContracts = 64

// Decide chooses which contracts to call and how much per ISP, minimising
// activation fees plus energy fees. For a given set of called contracts
// the cheapest split is exact and greedy (each ISP's excess goes to the
// contracts with the lowest €/MWh first), so the search is over sets:
// depth-first branch and bound, including a contract before excluding it,
// pruned by (a) the capacity of the contracts still possible being below
// the largest excess and (b) a lower bound — the fees of the included
// contracts, plus the least fees (fractional, by fee per kW) that reach
// the largest excess, plus the energy cost if every undecided contract
// were free to call. Contracts are branched on cheapest fee per kW first.
// The result is optimal; ties go to the set found first.
func Decide(a Area) (Decision, error) {
	n := len(a.Contracts)
	if n > maxContracts {
		return Decision{}, fmt.Errorf("%d contracts: the exact call decision handles at most %d", n, maxContracts)
	}
	want := uftp.ISPsIn(a.Day)
	if a.ForecastKW.Start != uftp.DayStart(a.Day) || a.ForecastKW.Len() != want {
		return Decision{}, fmt.Errorf("forecast for %s: want %d ISPs from %s, got %d from %s",
			a.Day, want, uftp.DayStart(a.Day).Format("2006-01-02T15:04Z"), a.ForecastKW.Len(), a.ForecastKW.Start.Format("2006-01-02T15:04Z"))
	}
	excess := make([]float64, 0, want)
	for i, kw := range a.ForecastKW.KW {
		if a.ForecastKW.Missing(i) {
			return Decision{}, fmt.Errorf("forecast for %s: ISP %d is missing", a.Day, i+1)
		}
		if e := float64(kw) - a.CapacityKW; e > 0 {
			excess = append(excess, e)
		} else {
			excess = append(excess, 0)
		}
	}
	for i, c := range a.Contracts {
		if !(c.MaxKW >= 0) || !(c.ActivationEUR >= 0) || !(c.EURPerMWh >= 0) || math.IsInf(c.MaxKW+c.ActivationEUR+c.EURPerMWh, 0) {
			return Decision{}, fmt.Errorf("contract %d (%s): max_kw, activation and energy fees must be finite and ≥ 0", i+1, c.ID)
		}
	}
	s := newSearch(a.Contracts, excess)
	all := uint64(1)<<n - 1
	if peak := slices.Max(append([]float64{0}, excess...)); s.capacity(all) < peak-tolKW {
		return Decision{}, fmt.Errorf("%w: %s needs %.1f kW more than capacity, the %d contracts give %.1f kW",
			ErrInfeasible, a.Day, peak, n, s.capacity(all))
	}
	s.best, s.bestCost = all, s.cost(all)
	s.branch(0, 0)
	return s.decision(), nil
}

// tolKW absorbs float32 rounding of the forecast.
const tolKW = 1e-6

type search struct {
	cs       []Contract
	excess   []float64
	byPrice  []int     // contract indices, cheapest €/MWh first
	order    []int     // branching order: cheapest activation fee per kW first
	suffix   []uint64  // suffix[k]: the contracts order[k:]
	hot      []float64 // the excesses above zero: the only ISPs that cost
	best     uint64
	bestCost float64
	nodes    int
	peak     float64
}

func newSearch(cs []Contract, excess []float64) *search {
	s := &search{cs: cs, excess: excess, peak: slices.Max(append([]float64{0}, excess...))}
	for _, e := range excess {
		if e > tolKW {
			s.hot = append(s.hot, e)
		}
	}
	s.byPrice = make([]int, len(cs))
	for i := range s.byPrice {
		s.byPrice[i] = i
	}
	slices.SortStableFunc(s.byPrice, func(i, j int) int {
		switch {
		case cs[i].EURPerMWh < cs[j].EURPerMWh:
			return -1
		case cs[i].EURPerMWh > cs[j].EURPerMWh:
			return 1
		}
		return 0
	})
	s.order = slices.Clone(s.byPrice)
	slices.SortStableFunc(s.order, func(i, j int) int {
		a, b := feePerKW(cs[i]), feePerKW(cs[j])
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	s.suffix = make([]uint64, len(cs)+1)
	for k := len(cs) - 1; k >= 0; k-- {
		s.suffix[k] = s.suffix[k+1] | 1<<s.order[k]
	}
	return s
}

func feePerKW(c Contract) float64 {
	if c.MaxKW <= 0 {
		return math.Inf(1)
	}
	return c.ActivationEUR / c.MaxKW
}

// feeBound is a lower bound on the activation fees the contracts order[k:]
// must add to in to reach the peak excess: the fractional knapsack by fee
// per kW, which is the branching order.
func (s *search) feeBound(k int, in uint64) float64 {
	need := s.peak - s.capacity(in)
	eur := 0.0
	for _, i := range s.order[k:] {
		if need <= tolKW {
			break
		}
		c := s.cs[i]
		if c.MaxKW <= 0 {
			continue
		}
		take := math.Min(need, c.MaxKW)
		eur += c.ActivationEUR * take / c.MaxKW
		need -= take
	}
	return eur
}

func (s *search) capacity(set uint64) float64 {
	kw := 0.0
	for i, c := range s.cs {
		if set&(1<<i) != 0 {
			kw += c.MaxKW
		}
	}
	return kw
}

// fill covers an excess e (kW) with the contracts of set, cheapest €/MWh
// first — the optimal split for a fixed set — calling use for each share,
// and returns what is left uncovered.
func (s *search) fill(set uint64, e float64, use func(i int, kw float64)) float64 {
	for _, i := range s.byPrice {
		if e <= tolKW {
			break
		}
		if set&(1<<i) == 0 || s.cs[i].MaxKW <= 0 {
			continue
		}
		r := math.Min(e, s.cs[i].MaxKW)
		use(i, r)
		e -= r
	}
	return e
}

// energyEUR is the cheapest energy cost of covering every ISP's excess
// with the contracts in set, +Inf when they cannot.
func (s *search) energyEUR(set uint64) float64 {
	eur := 0.0
	add := func(i int, kw float64) { eur += kw / series.ISPsPerHour / 1000 * s.cs[i].EURPerMWh }
	for _, e := range s.hot {
		if s.fill(set, e, add) > tolKW {
			return math.Inf(1)
		}
	}
	return eur
}

func (s *search) fees(set uint64) float64 {
	eur := 0.0
	for i, c := range s.cs {
		if set&(1<<i) != 0 {
			eur += c.ActivationEUR
		}
	}
	return eur
}

// cost of calling exactly set; a contract whose share comes out zero is
// not called and pays no fee (dropping it is never worse).
func (s *search) cost(set uint64) float64 {
	return s.fees(set) + s.energyEUR(set)
}

// branch decides the contracts order[k:], with in the contracts included
// so far.
func (s *search) branch(k int, in uint64) {
	s.nodes++
	undecided := s.suffix[k]
	if s.capacity(in|undecided) < s.peak-tolKW {
		return
	}
	if s.fees(in)+s.feeBound(k, in)+s.energyEUR(in|undecided) >= s.bestCost-1e-9 {
		return
	}
	if k == len(s.cs) {
		if c := s.cost(in); c < s.bestCost-1e-9 {
			s.best, s.bestCost = in, c
		}
		return
	}
	s.branch(k+1, in|1<<s.order[k])
	s.branch(k+1, in)
}

func (s *search) decision() Decision {
	d := Decision{Nodes: s.nodes}
	red := make([][]float64, len(s.cs))
	for t, e := range s.excess {
		s.fill(s.best, e, func(i int, kw float64) {
			if red[i] == nil {
				red[i] = make([]float64, len(s.excess))
			}
			red[i][t] = kw
		})
	}
	for i, c := range s.cs {
		if red[i] == nil {
			continue // in the set but never needed: not called
		}
		call := Call{Contract: c, ReductionKW: red[i], CostEUR: c.ActivationEUR}
		for _, r := range red[i] {
			call.CostEUR += r / series.ISPsPerHour / 1000 * c.EURPerMWh
		}
		d.Calls = append(d.Calls, call)
		d.CostEUR += call.CostEUR
	}
	return d
}

// FromArea is the call decision's input for a day of an area (package
// area): the station's offtake capacity and every on-call contract in
// force on the day; contracts of other forms are not callable and are
// left out. The forecast is the caller's (day-ahead, kW per ISP).
func FromArea(a *area.Area, day uftp.Date, forecastKW series.Series) (Area, error) {
	out := Area{Day: day, ForecastKW: forecastKW, CapacityKW: a.Station.OfftakeKW}
	d := contract.Date{Year: day.Year, Month: day.Month, Day: day.Day}
	var errs []error
	for _, c := range a.Contracts {
		if !c.Term.Contains(d) || !hasOnCall(c) {
			continue
		}
		oc, err := FromContract(c)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out.Contracts = append(out.Contracts, oc)
	}
	return out, errors.Join(errs...)
}

func hasOnCall(c *contract.Contract) bool {
	for _, cl := range c.Clauses {
		if cl.Form == contract.OnCall {
			return true
		}
	}
	return false
}
