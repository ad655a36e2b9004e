package schedule

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Problem is a charging site over a horizon of quarter-hour slots.
//
// In a free slot t the grid import is limited by the peak P that Solve
// minimises: charging(t) ≤ P + LimitOffsetKW[t] − BaseKW[t]. In every slot
// charging(t) ≤ MaxChargeKW[t] (the peak windows: zero or reduced). Nil
// slices mean: BaseKW 0, Free all true, MaxChargeKW unlimited,
// LimitOffsetKW 0.
type Problem struct {
	Slots int
	// Cyclic lets windows wrap past the last slot onto the first (a
	// typical day that repeats).
	Cyclic        bool
	BaseKW        []float64 // other load, PV negative
	Free          []bool
	MaxChargeKW   []float64 // +Inf or NaN: no limit
	LimitOffsetKW []float64
	Vehicles      []Vehicle
}

// Vehicle is one vehicle on its own charger.
type Vehicle struct {
	// From and To are the slots [From, To) the vehicle is plugged in;
	// with Cyclic, To may exceed Slots (slot t means t mod Slots).
	From, To int
	MaxKW    float64 // charger power
	NeedKWh  float64 // energy to deliver by To
}

// Reason says why a vehicle's need is not met.
type Reason int

// Reasons for a shortfall, in the order Solve checks them.
const (
	// Dwell: the vehicle's own window and charger cannot deliver the
	// need even with unlimited grid capacity (peak limits included).
	Dwell Reason = iota + 1
	// Shared: the vehicles together exceed the fixed limits of the
	// restricted slots (e.g. reduced charging in a peak shared by many).
	Shared
	// Capacity: the need is above what the given capacity allows
	// (Deliver only; Solve raises the capacity instead).
	Capacity
)

func (r Reason) String() string {
	switch r {
	case Dwell:
		return "dwell too short for its charger outside the restricted hours"
	case Shared:
		return "restricted hours shared with other vehicles"
	case Capacity:
		return "need above what the capacity allows"
	}
	return "met"
}

// Shortfall is a vehicle whose need is not met.
type Shortfall struct {
	Vehicle      int
	NeedKWh      float64
	DeliveredKWh float64
	Reason       Reason
}

// ShortKWh is the unmet energy.
func (s Shortfall) ShortKWh() float64 { return s.NeedKWh - s.DeliveredKWh }

// Schedule is an optimal schedule.
type Schedule struct {
	// PeakKW is the minimum over all feasible schedules of the largest
	// grid import P in the free slots (exact for the quantised input:
	// PeakW / PeakDen watts).
	PeakKW  float64
	PeakW   int64
	PeakDen int64
	// LowerBoundKW is the bound of the certificate cut: no schedule that
	// delivers the same energy has a smaller peak. Equal to PeakKW at the
	// optimum; tests check this on every result.
	LowerBoundKW float64
	// CutSlots is the certificate: the slots of the minimum cut.
	CutSlots []int
	// KW is the charging power per vehicle and slot.
	KW [][]float64
	// ChargeKW is the total charging per slot; GridKW = BaseKW + ChargeKW.
	ChargeKW     []float64
	GridKW       []float64
	DeliveredKWh []float64
	Short        []Shortfall
	// Iterations is the number of max-flow computations of the search.
	Iterations int
}

// Sentinel errors.
var (
	ErrProblem = errors.New("schedule: invalid problem")
	// ErrOverflow: the quantised energies are too large for exact int64
	// arithmetic (far beyond any site).
	ErrOverflow = errors.New("schedule: problem too large for exact arithmetic")
)

// Units: power is quantised to 1 W and energy to 0.25 Wh, so that one watt
// during one slot is one unit of energy and every capacity is an integer.
const (
	wPerKW        = 1000
	unitsPerKWh   = 4000 // 0.25 Wh units
	maxSafeAmount = 1 << 55
)

// model is the quantised problem with identical vehicles merged.
type model struct {
	n      int
	base   []int64 // W
	free   []bool
	maxc   []int64 // W per slot; -1 = unlimited
	off    []int64 // W
	groups []group
	member []int // vehicle → group
}

type group struct {
	from, to int   // window [from, to), to-from ≤ n
	rate     int64 // W (= units per slot)
	need     int64 // units, per vehicle
	count    int64
	demand   int64 // units, whole group, after shortfalls
}

func quantise(p Problem) (*model, error) {
	n := p.Slots
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if n <= 0 {
		return nil, fmt.Errorf("%w: want Slots > 0, got %d", ErrProblem, n)
	}
	for name, l := range map[string]int{"BaseKW": len(p.BaseKW), "Free": len(p.Free), "MaxChargeKW": len(p.MaxChargeKW), "LimitOffsetKW": len(p.LimitOffsetKW)} {
		if l != 0 && l != n {
			bad("%s: want %d slots, got %d", name, n, l)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrProblem, errors.Join(errs...))
	}
	m := &model{n: n, base: make([]int64, n), free: make([]bool, n), maxc: make([]int64, n), off: make([]int64, n)}
	for t := range n {
		m.free[t] = p.Free == nil || p.Free[t]
		m.maxc[t] = -1
		if p.BaseKW != nil {
			m.base[t] = watts(p.BaseKW[t])
			if !finite(p.BaseKW[t]) {
				bad("BaseKW[%d]: want a finite number, got %g", t, p.BaseKW[t])
			}
		}
		if p.LimitOffsetKW != nil {
			m.off[t] = watts(p.LimitOffsetKW[t])
			if !finite(p.LimitOffsetKW[t]) {
				bad("LimitOffsetKW[%d]: want a finite number, got %g", t, p.LimitOffsetKW[t])
			}
		}
		if p.MaxChargeKW != nil {
			c := p.MaxChargeKW[t]
			switch {
			case math.IsNaN(c) || math.IsInf(c, 1):
			case c < 0 || math.IsInf(c, -1):
				bad("MaxChargeKW[%d]: want ≥ 0, got %g", t, c)
			default:
				m.maxc[t] = watts(c)
			}
		}
	}
	idx := map[group]int{}
	m.member = make([]int, len(p.Vehicles))
	for i, v := range p.Vehicles {
		switch {
		case v.From < 0 || v.From >= n:
			bad("Vehicles[%d].From: want 0…%d, got %d", i, n-1, v.From)
			continue
		case v.To <= v.From || v.To-v.From > n || (!p.Cyclic && v.To > n):
			hi := n
			if p.Cyclic {
				hi = v.From + n
			}
			bad("Vehicles[%d].To: want %d…%d, got %d", i, v.From+1, hi, v.To)
			continue
		case !(v.MaxKW >= 0) || math.IsInf(v.MaxKW, 0):
			bad("Vehicles[%d].MaxKW: want ≥ 0, got %g", i, v.MaxKW)
			continue
		case !(v.NeedKWh >= 0) || math.IsInf(v.NeedKWh, 0):
			bad("Vehicles[%d].NeedKWh: want ≥ 0, got %g", i, v.NeedKWh)
			continue
		}
		key := group{from: v.From, to: v.To, rate: watts(v.MaxKW), need: int64(math.Round(v.NeedKWh * unitsPerKWh))}
		g, ok := idx[key]
		if !ok {
			g = len(m.groups)
			idx[key] = g
			m.groups = append(m.groups, key)
		}
		m.groups[g].count++
		m.member[i] = g
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrProblem, errors.Join(errs...))
	}
	var total int64
	for _, g := range m.groups {
		total += g.count * max(g.need, g.rate*int64(g.to-g.from))
		if total > maxSafeAmount/int64(n) {
			return nil, ErrOverflow
		}
	}
	for t := range n {
		for _, x := range []int64{m.base[t], m.off[t], m.maxc[t]} {
			if x > maxSafeAmount/int64(n) || -x > maxSafeAmount/int64(n) {
				return nil, ErrOverflow
			}
		}
	}
	return m, nil
}

func watts(kw float64) int64 { return int64(math.Round(kw * wPerKW)) }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// slotsOf calls f for every slot of the group's window.
func (m *model) slotsOf(g group, f func(t int)) {
	for t := g.from; t < g.to; t++ {
		f(t % m.n)
	}
}

// solver holds the network over the merged vehicles and the slots.
type solver struct {
	m         *model
	g         *network
	src, sink int32
	srcArc    []int32   // per group
	slotArc   []int32   // per slot, slot → sink
	vArc      [][]int32 // per group, per window slot: group → slot
}

func newSolver(m *model) *solver {
	G, n := len(m.groups), m.n
	var edges []edge
	src, sink := int32(0), int32(G+n+1)
	slot := func(t int) int32 { return int32(G + 1 + t) }
	for gi := range m.groups {
		edges = append(edges, edge{src, int32(gi + 1)})
	}
	for gi, g := range m.groups {
		m.slotsOf(g, func(t int) { edges = append(edges, edge{int32(gi + 1), slot(t)}) })
	}
	for t := range n {
		edges = append(edges, edge{slot(t), sink})
	}
	net, fwd := newNetwork(G+n+2, edges)
	s := &solver{m: m, g: net, src: src, sink: sink, srcArc: fwd[:G], vArc: make([][]int32, G)}
	k := G
	for gi, g := range m.groups {
		s.vArc[gi] = fwd[k : k+g.to-g.from]
		k += g.to - g.from
	}
	s.slotArc = fwd[k:]
	return s
}

// slotCap is the charging capacity of slot t at peak P = num/den, scaled
// by den; inf stands for unlimited. num nil means P = +∞.
func (s *solver) slotCap(t int, num *int64, den, inf int64) int64 {
	m := s.m
	c := inf
	if m.maxc[t] >= 0 {
		c = m.maxc[t] * den
	}
	if m.free[t] && num != nil {
		c = min(c, max(*num+(m.off[t]-m.base[t])*den, 0))
	}
	return c
}

// flowAt runs the max flow with every group demanding its demand at peak
// P = num/den (num nil: P = +∞) and returns the flow in units × den.
func (s *solver) flowAt(num *int64, den int64) (flow, demand int64) {
	m := s.m
	for gi, g := range m.groups {
		demand += g.demand
		s.g.setCap(s.srcArc[gi], g.demand*den)
		for _, a := range s.vArc[gi] {
			s.g.setCap(a, g.rate*g.count*den)
		}
	}
	inf := demand*den + 1
	for t := range m.n {
		s.g.setCap(s.slotArc[t], s.slotCap(t, num, den, inf))
	}
	return s.g.maxFlow(s.src, s.sink), demand * den
}

// Solve returns a schedule that delivers every vehicle's need (or, where
// impossible, the most it can, with the reason) with the smallest peak
// grid import P over the free slots. The peak is exact for the quantised
// input (1 W, 0.25 Wh) and comes with a certificate cut (scheduler.md).
func Solve(p Problem) (Schedule, error) {
	m, err := quantise(p)
	if err != nil {
		return Schedule{}, err
	}
	s := newSolver(m)
	short := s.capDemands()
	// Newton's method on the concave min-cut function from below: every
	// iterate is a valid lower bound; the last cut proves optimality.
	num, den := int64(math.MinInt64/4), int64(1)
	anyFree := false
	for t := range m.n {
		if m.free[t] {
			anyFree = true
			num = max(num, m.base[t]-m.off[t])
		}
	}
	sc := Schedule{Short: short}
	if !anyFree {
		num = 0
	}
	// Without a cut, the bound is the other load itself (P ≥ base − offset
	// in every free slot).
	bn, bd := num, den
	for {
		sc.Iterations++
		flow, want := s.flowAt(&num, den)
		if flow == want || !anyFree {
			break
		}
		r, slots := s.cutLine()
		nn, nd, ok := s.root(r, slots, floorDiv(num, den))
		if !ok || nn*den <= num*nd {
			// Cannot happen after capDemands: at P = +∞ all demands fit,
			// and with exact integers every step makes progress.
			return Schedule{}, fmt.Errorf("schedule: internal error: no progress at P=%d/%d W", num, den)
		}
		num, den = nn, nd
		bn, bd, sc.CutSlots = nn, nd, slots
	}
	if !anyFree {
		num, den, bn, bd = 0, 1, 0, 1
	}
	sc.PeakW, sc.PeakDen = num, den
	sc.PeakKW = float64(num) / float64(den) / wPerKW
	sc.LowerBoundKW = float64(bn) / float64(bd) / wPerKW
	s.fill(&sc, p, den)
	return sc, nil
}

// Deliver schedules with the grid import in free slots limited to capKW and
// returns the most energy that fits, with a shortfall per vehicle.
// Which vehicle falls short when several compete is not specified.
func Deliver(p Problem, capKW float64) (Schedule, error) {
	m, err := quantise(p)
	if err != nil {
		return Schedule{}, err
	}
	s := newSolver(m)
	short := s.capDemands()
	num := watts(capKW)
	s.flowAt(&num, 1)
	sc := Schedule{Short: short, PeakW: num, PeakDen: 1, PeakKW: float64(num) / wPerKW, Iterations: 1}
	s.fill(&sc, p, 1)
	for i, v := range p.Vehicles {
		if d := sc.DeliveredKWh[i]; d < v.NeedKWh-0.5/unitsPerKWh && !slices.ContainsFunc(sc.Short, func(x Shortfall) bool { return x.Vehicle == i }) {
			sc.Short = append(sc.Short, Shortfall{Vehicle: i, NeedKWh: v.NeedKWh, DeliveredKWh: d, Reason: Capacity})
		}
	}
	slices.SortFunc(sc.Short, func(a, b Shortfall) int { return a.Vehicle - b.Vehicle })
	return sc, nil
}

// capDemands lowers each group's demand to what it can get with unlimited
// capacity in the free slots, first alone (Dwell), then together (Shared),
// and returns the shortfalls per vehicle.
func (s *solver) capDemands() []Shortfall {
	m := s.m
	dwell := make([]bool, len(m.groups))
	for gi := range m.groups {
		g := &m.groups[gi]
		var alone int64
		m.slotsOf(*g, func(t int) {
			c := g.rate
			if m.maxc[t] >= 0 {
				c = min(c, m.maxc[t])
			}
			alone += c
		})
		g.demand = g.count * min(g.need, alone)
		dwell[gi] = alone < g.need
	}
	flow, want := s.flowAt(nil, 1)
	shared := make([]bool, len(m.groups))
	if flow < want {
		for gi := range m.groups {
			if f := s.g.flowOn(s.srcArc[gi]); f < m.groups[gi].demand {
				m.groups[gi].demand = f
				shared[gi] = true
			}
		}
	}
	var out []Shortfall
	for i, gi := range m.member {
		g := m.groups[gi]
		if !dwell[gi] && !shared[gi] {
			continue
		}
		r := Dwell
		if !dwell[gi] {
			r = Shared
		}
		out = append(out, Shortfall{Vehicle: i, NeedKWh: float64(g.need) / unitsPerKWh,
			DeliveredKWh: float64(g.demand) / float64(g.count) / unitsPerKWh, Reason: r})
	}
	return out
}

// cutLine returns, for the minimum cut of the last max flow, the energy the
// free cut slots must carry (R) and their offsets c_t = off − base and
// limits: the cut proves P infeasible while Σ_t min(P + c_t, M_t) < R.
func (s *solver) cutLine() (r int64, slots []int) {
	m := s.m
	G := len(m.groups)
	inCut := func(t int) bool { return s.g.reachable(int32(G + 1 + t)) }
	for _, g := range m.groups {
		r += g.demand
		var outside int64
		m.slotsOf(g, func(t int) {
			if !inCut(t) {
				outside += g.rate * g.count
			}
		})
		r -= min(g.demand, outside)
	}
	for t := range m.n {
		if !inCut(t) {
			continue
		}
		slots = append(slots, t)
		if m.free[t] {
			continue
		}
		if m.maxc[t] >= 0 {
			r -= m.maxc[t]
		} else {
			r -= 1 << 60 // an unlimited slot in the cut: the cut bounds nothing
		}
	}
	return r, slots
}

// root returns the smallest P = num/den with Σ_{free t∈slots} min(P + c_t, M_t)
// ≥ r, for P ≥ lo (where every P + c_t ≥ 0); ok false if none exists.
func (s *solver) root(r int64, slots []int, lo int64) (num, den int64, ok bool) {
	m := s.m
	type term struct{ c, sat int64 } // sat: P at which the slot saturates
	var active []term
	var fixed int64
	for _, t := range slots {
		if !m.free[t] {
			continue
		}
		c := m.off[t] - m.base[t]
		if m.maxc[t] >= 0 {
			if lo+c >= m.maxc[t] {
				fixed += m.maxc[t]
				continue
			}
			active = append(active, term{c, m.maxc[t] - c})
		} else {
			active = append(active, term{c, math.MaxInt64})
		}
	}
	slices.SortFunc(active, func(a, b term) int { return cmpInt(b.sat, a.sat) }) // pop smallest from the end
	var sumC int64
	for _, x := range active {
		sumC += x.c
	}
	for len(active) > 0 {
		k := int64(len(active))
		num := r - fixed - sumC // P·k ≥ num
		last := active[len(active)-1]
		if last.sat == math.MaxInt64 || num <= last.sat*k {
			return reduce(num, k)
		}
		fixed += last.c + last.sat
		sumC -= last.c
		active = active[:len(active)-1]
	}
	return 0, 0, fixed >= r
}

func reduce(num, den int64) (int64, int64, bool) {
	a, b := abs(num), den
	for b != 0 {
		a, b = b, a%b
	}
	if a == 0 {
		return 0, 1, true
	}
	return num / a, den / a, true
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// fill runs the flow at the optimum again and writes the per-vehicle
// schedule; members of a merged group share its flow equally.
func (s *solver) fill(sc *Schedule, p Problem, den int64) {
	m := s.m
	num := sc.PeakW
	if sc.PeakDen != den {
		panic("schedule: fill with a different denominator")
	}
	s.flowAt(&num, den)
	perGroup := make([][]float64, len(m.groups))
	delivered := make([]float64, len(m.groups))
	for gi, g := range m.groups {
		row := make([]float64, m.n)
		var tot int64
		for k, a := range s.vArc[gi] {
			f := s.g.flowOn(a)
			tot += f
			row[(g.from+k)%m.n] = float64(f) / float64(den) / float64(g.count) / wPerKW
		}
		perGroup[gi] = row
		delivered[gi] = float64(tot) / float64(den) / float64(g.count) / unitsPerKWh
	}
	sc.KW = make([][]float64, len(p.Vehicles))
	sc.DeliveredKWh = make([]float64, len(p.Vehicles))
	sc.ChargeKW = make([]float64, m.n)
	sc.GridKW = make([]float64, m.n)
	for i, gi := range m.member {
		sc.KW[i] = perGroup[gi]
		sc.DeliveredKWh[i] = delivered[gi]
	}
	for gi, g := range m.groups {
		for t, kw := range perGroup[gi] {
			sc.ChargeKW[t] += kw * float64(g.count)
		}
	}
	for t := range m.n {
		sc.GridKW[t] = float64(m.base[t])/wPerKW + sc.ChargeKW[t]
	}
}
