package schedule

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
)

// solver holds the network over the merged vehicles and the slots.
//
// Nodes: source, one per group, one per slot (where vehicles draw), and
// with a battery one grid node and one battery node per slot; the sink.
// Energy flows source → group → slot → (grid →) sink; a battery path is
// slot t → battery t → battery t−1 … → battery t' → grid t' (discharged at
// t, stored in between, charged at t').
type solver struct {
	m         *model
	g         *network
	src, sink int32
	srcArc    []int32   // per group
	slotArc   []int32   // per slot: the arc into the sink (grid limit)
	vArc      [][]int32 // per group, per window slot: group → slot
	disArc    []int32   // battery: slot t → battery t
	chgArc    []int32   // battery: battery t → grid t
	socArc    []int32   // battery: battery t → battery t−1
	passArc   []int32   // battery: slot t → grid t
	// For the cut, per arc: the P-dependent grid limit of free slot
	// pdep[a] (≥ 0, else −1), or a constant capacity cval[a] in unscaled
	// units (−1 unlimited) when isConst[a].
	pdep    []int32
	cval    []int64
	isConst []bool
}

func newSolver(m *model) *solver {
	G, n := len(m.groups), m.n
	var edges []edge
	slot := func(t int) int32 { return int32(G + 1 + t) }
	grid, bat := slot, slot
	nodes := G + n + 2
	if m.hasBat {
		grid = func(t int) int32 { return int32(G + 1 + n + t) }
		bat = func(t int) int32 { return int32(G + 1 + 2*n + t) }
		nodes += 2 * n
	}
	src, sink := int32(0), int32(nodes-1)
	for gi := range m.groups {
		edges = append(edges, edge{src, int32(gi + 1)})
	}
	for gi, g := range m.groups {
		m.slotsOf(g, func(t int) { edges = append(edges, edge{int32(gi + 1), slot(t)}) })
	}
	for t := range n {
		edges = append(edges, edge{grid(t), sink})
	}
	if m.hasBat {
		for t := range n {
			edges = append(edges, edge{slot(t), grid(t)}, edge{slot(t), bat(t)}, edge{bat(t), grid(t)})
		}
		for t := range n {
			if t > 0 {
				edges = append(edges, edge{bat(t), bat(t - 1)})
			} else if m.cyclic {
				edges = append(edges, edge{bat(0), bat(n - 1)})
			}
		}
	}
	net, fwd := newNetwork(nodes, edges)
	s := &solver{m: m, g: net, src: src, sink: sink, srcArc: fwd[:G], vArc: make([][]int32, G),
		pdep: make([]int32, len(net.to)), cval: make([]int64, len(net.to)), isConst: make([]bool, len(net.to))}
	k := G
	for gi, g := range m.groups {
		s.vArc[gi] = fwd[k : k+g.to-g.from]
		k += g.to - g.from
	}
	s.slotArc = fwd[k : k+n]
	k += n
	if m.hasBat {
		for range n {
			s.passArc = append(s.passArc, fwd[k])
			s.disArc = append(s.disArc, fwd[k+1])
			s.chgArc = append(s.chgArc, fwd[k+2])
			k += 3
		}
		s.socArc = fwd[k:]
	}
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
	for i := range s.pdep {
		s.pdep[i] = -1
	}
	set := func(a int32, c, inf int64) {
		s.isConst[a] = true
		if c < 0 {
			s.g.setCap(a, inf)
			s.cval[a] = -1
			return
		}
		s.g.setCap(a, c*den)
		s.cval[a] = c
	}
	for _, g := range m.groups {
		demand += g.demand
	}
	inf := demand*den + 1
	for gi, g := range m.groups {
		set(s.srcArc[gi], g.demand, inf)
		for k, a := range s.vArc[gi] {
			set(a, g.rateAt(k)*g.count, inf)
		}
	}
	for t := range m.n {
		if m.free[t] && num != nil {
			s.g.setCap(s.slotArc[t], s.slotCap(t, num, den, inf))
			s.pdep[s.slotArc[t]] = int32(t)
			s.isConst[s.slotArc[t]] = false
		} else {
			set(s.slotArc[t], m.maxc[t], inf)
		}
	}
	if m.hasBat {
		for t := range m.n {
			set(s.passArc[t], -1, inf)
			set(s.disArc[t], m.batKW, inf)
			set(s.chgArc[t], m.batKW, inf)
		}
		for _, a := range s.socArc {
			set(a, m.batE, inf)
		}
	}
	return s.g.maxFlow(s.src, s.sink), demand * den
}

// Solve returns a schedule that delivers every vehicle's need (or, where
// impossible, the most it can, with the reason) with the smallest peak
// grid import P over the free slots. The peak is exact for the quantised
// input (1 W, 0.25 Wh) and comes with a certificate cut (scheduler.md).
// Solve stops with ctx.Err() when ctx is cancelled or its deadline passes
// (checked before every max flow of the peak search).
func Solve(ctx context.Context, p Problem) (Schedule, error) {
	m, err := quantise(p)
	if err != nil {
		return Schedule{}, err
	}
	s := newSolver(m)
	short := s.capDemands()
	sc, err := s.minPeak(ctx)
	if err != nil {
		return Schedule{}, err
	}
	if m.hasBat && m.eta < 1 {
		// Losses are drawn from the grid when charging, which makes the
		// problem a generalised flow. Solve it lossless (a valid lower
		// bound), then add the losses of the schedule as other load and
		// solve again until the losses no longer grow: the result is
		// feasible with losses; PeakKW − LowerBoundKW bounds the gap.
		lower := sc.LowerBoundKW
		base0 := slices.Clone(m.base)
		extra := make([]int64, m.n)
		for range 8 {
			loss := s.losses(sc.PeakW, sc.PeakDen)
			grew := false
			for t, l := range loss {
				if l > extra[t] {
					extra[t], grew = l, true
				}
			}
			if !grew {
				break
			}
			for t := range m.base {
				m.base[t] = base0[t] + extra[t]
			}
			it := sc.Iterations
			if sc, err = s.minPeak(ctx); err != nil {
				return Schedule{}, err
			}
			sc.Iterations += it
		}
		copy(m.base, base0)
		// The max flow may route energy through the battery for nothing;
		// never do worse than leaving the battery idle — when the vehicles
		// can do without it (a vehicle inside a peak window with no
		// charging allowed may depend on the battery).
		kw := m.batKW
		m.batKW = 0
		if flow, want := s.flowAt(nil, 1); flow == want {
			idle, err := s.minPeak(ctx)
			if err != nil {
				m.batKW = kw
				return Schedule{}, err
			}
			if idle.PeakW*sc.PeakDen <= sc.PeakW*idle.PeakDen {
				idle.Iterations += sc.Iterations
				idle.LowerBoundKW, idle.CutSlots, idle.Short = lower, nil, short
				s.fillAt(&idle, p, nil)
				m.batKW = kw
				return idle, nil
			}
		}
		m.batKW = kw
		sc.LowerBoundKW = lower
		sc.CutSlots = nil // the certificate is for the lossless bound only
		sc.Short = short
		s.fillAt(&sc, p, extra)
		return sc, nil
	}
	sc.Short = short
	s.fillAt(&sc, p, nil)
	return sc, nil
}

// minPeak is Newton's method on the concave min-cut function from below:
// every iterate is a valid lower bound; the last cut proves optimality.
func (s *solver) minPeak(ctx context.Context) (Schedule, error) {
	m := s.m
	num, den := int64(math.MinInt64/4), int64(1)
	anyFree := false
	for t := range m.n {
		if m.free[t] {
			anyFree = true
			num = max(num, m.base[t]-m.off[t])
		}
	}
	var sc Schedule
	if !anyFree {
		num = 0
	}
	// Without a cut, the bound is the other load itself (P ≥ base − offset
	// in every free slot).
	bn, bd := num, den
	for {
		if err := ctx.Err(); err != nil {
			return Schedule{}, err
		}
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
		bn, bd = nn, nd
		sc.CutSlots = s.cutSet()
	}
	if !anyFree {
		num, den, bn, bd = 0, 1, 0, 1
	}
	sc.PeakW, sc.PeakDen = num, den
	sc.PeakKW = float64(num) / float64(den) / wPerKW
	sc.LowerBoundKW = float64(bn) / float64(bd) / wPerKW
	return sc, nil
}

// cutSet is the set A of slots on the source side of the last minimum cut.
func (s *solver) cutSet() []int {
	var a []int
	G := len(s.m.groups)
	for t := range s.m.n {
		if s.g.reachable(int32(G + 1 + t)) {
			a = append(a, t)
		}
	}
	return a
}

// losses runs the flow at P = num/den and returns the battery's charging
// losses per slot in W (rounded up), for the net charge of each slot.
func (s *solver) losses(num, den int64) []int64 {
	s.flowAt(&num, den)
	out := make([]int64, s.m.n)
	for t := range out {
		net := s.g.flowOn(s.chgArc[t]) - s.g.flowOn(s.disArc[t])
		if net > 0 {
			out[t] = int64(math.Ceil(float64(net) / float64(den) * (1/s.m.eta - 1)))
		}
	}
	return out
}

// Deliver schedules with the grid import in free slots limited to capKW and
// returns the most energy that fits, with a shortfall per vehicle. When
// vehicles compete, every one first gets the same largest share of its need
// that fits for all (to 1e-6), then the flow delivers as much more as
// possible: the total is maximal and nobody is starved.
func (s *solver) fairShare(ctx context.Context, num int64) (int, error) {
	m := s.m
	full := make([]int64, len(m.groups))
	for gi, g := range m.groups {
		full[gi] = g.demand
	}
	scale := func(f float64) {
		for gi := range m.groups {
			m.groups[gi].demand = int64(math.Floor(f * float64(full[gi])))
		}
	}
	lo, hi, n := 0.0, 1.0, 0
	for hi-lo > 1e-6 {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		mid := (lo + hi) / 2
		scale(mid)
		n++
		if flow, want := s.flowAt(&num, 1); flow == want {
			lo = mid
		} else {
			hi = mid
		}
	}
	scale(lo)
	s.flowAt(&num, 1)
	// Raise the demands to the full need, keeping the flow, and augment.
	for gi := range m.groups {
		s.g.cap[s.srcArc[gi]] += full[gi] - m.groups[gi].demand
		m.groups[gi].demand = full[gi]
	}
	s.g.maxFlow(s.src, s.sink)
	return n + 1, nil
}

// Deliver schedules with the grid import in free slots limited to capKW and
// returns the most energy that fits, with a shortfall per vehicle: every
// vehicle gets at least the same share of its need (fairShare). Like Solve
// it stops with ctx.Err() when ctx is done.
func Deliver(ctx context.Context, p Problem, capKW float64) (Schedule, error) {
	if err := ctx.Err(); err != nil {
		return Schedule{}, err
	}
	m, err := quantise(p)
	if err != nil {
		return Schedule{}, err
	}
	s := newSolver(m)
	short := s.capDemands()
	num := watts(capKW)
	sc := Schedule{Short: short, PeakW: num, PeakDen: 1, PeakKW: float64(num) / wPerKW, Iterations: 1}
	if flow, want := s.flowAt(&num, 1); flow < want {
		n, err := s.fairShare(ctx, num)
		if err != nil {
			return Schedule{}, err
		}
		sc.Iterations += n
	}
	s.fill(&sc, p)
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
		for k := range g.to - g.from {
			t := (g.from + k) % m.n
			c := g.rateAt(k)
			if m.maxc[t] >= 0 {
				c = min(c, m.maxc[t]+m.batKW)
			}
			alone += c
		}
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

// cutLine returns, for the minimum cut of the last max flow, the energy
// that the free grid arcs of the cut must carry (r: the demand minus every
// constant arc of the cut) and those free slots: the cut proves P
// infeasible while Σ_{t∈slots} min(P + c_t, M_t) < r.
func (s *solver) cutLine() (r int64, slots []int) {
	for _, g := range s.m.groups {
		r += g.demand
	}
	g := s.g
	for u := int32(0); int(u) < g.n; u++ {
		if !g.reachable(u) {
			continue
		}
		for a := g.first[u]; a < g.first[u+1]; a++ {
			if g.reachable(g.to[a]) {
				continue
			}
			if t := s.pdep[a]; t >= 0 {
				slots = append(slots, int(t))
			} else if s.isConst[a] {
				if c := s.cval[a]; c < 0 {
					r -= 1 << 60 // an unlimited arc in the cut: it bounds nothing
				} else {
					r -= c
				}
			}
		}
	}
	sort.Ints(slots)
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

// fillAt runs the flow at the optimum again (with the loss load extra
// added to the other load, W per slot) and writes the per-vehicle
// schedule; members of a merged group share its flow equally.
func (s *solver) fillAt(sc *Schedule, p Problem, extra []int64) {
	m := s.m
	num, den := sc.PeakW, sc.PeakDen
	if extra != nil {
		for t := range m.base {
			m.base[t] += extra[t]
		}
	}
	s.flowAt(&num, den)
	if extra != nil {
		for t := range m.base {
			m.base[t] -= extra[t]
		}
	}
	s.fill(sc, p)
}

// fill writes the schedule of the network's current flow at sc's peak.
func (s *solver) fill(sc *Schedule, p Problem) {
	m := s.m
	den := sc.PeakDen
	perGroup := make([][]float64, len(m.groups))
	delivered := make([]float64, len(m.groups))
	for gi, g := range m.groups {
		row := make([]float64, m.n)
		var tot int64
		for k, a := range s.vArc[gi] {
			f := s.g.flowOn(a)
			tot += f
			row[(g.from+k)%m.n] += float64(f) / float64(den) / float64(g.count) / wPerKW
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
	if m.hasBat {
		sc.BatteryKW = make([]float64, m.n)
		sc.BatteryKWh = make([]float64, m.n)
		for t := range m.n {
			net := float64(s.g.flowOn(s.chgArc[t])-s.g.flowOn(s.disArc[t])) / float64(den) / wPerKW
			if net > 0 {
				net /= m.eta // the loss is drawn from the grid with the charge
			}
			sc.BatteryKW[t] = net
			sc.GridKW[t] += net
		}
		// State of charge at the start of slot t: what flows from
		// battery t into battery t−1 is stored between them.
		for t := range m.n {
			switch {
			case m.cyclic:
				sc.BatteryKWh[t] = float64(s.g.flowOn(s.socArc[t])) / float64(den) / unitsPerKWh
			case t > 0:
				sc.BatteryKWh[t] = float64(s.g.flowOn(s.socArc[t-1])) / float64(den) / unitsPerKWh
			}
		}
	}
}
