package area

import (
	"math"
	"math/rand/v2"
)

const never = math.MaxInt32

// newModel precomputes the per-ISP arrays of the simulation: contracts
// grouped by the shape of what they free (a handful of windows cover most
// contracts), the reissued load per margin, and the candidate ISPs — those
// in which the station can be overloaded at all (load + everything that can
// come back + the largest reissued load above capacity). Every other ISP is
// never looked at again.
func newModel(a *Area, f *Freed, margins []float64, opts SimOptions) (*model, []Risk) {
	n := a.Load.Len()
	cal := a.calendar()
	m := &model{capKW: a.Station.OfftakeKW, nd: len(cal.Days), H: a.Horizon()}
	// Simulated years run from AsOf's anniversaries; the last one ends at
	// the reinforcement.
	for y := 0; ; y++ {
		d := a.AsOf.DaysUntil(a.AsOf.AddYears(y))
		if d >= m.H {
			m.yearStart = append(m.yearStart, m.H)
			break
		}
		m.yearStart = append(m.yearStart, d)
	}
	m.years = len(m.yearStart) - 1
	day := a.AsOf.Day
	if a.AsOf.Month == 2 && day == 29 {
		day = 28 // a leap day maps onto 28 February of a common base year
	}
	for i, d := range cal.Days {
		if d.Month == a.AsOf.Month && d.Day == day {
			m.off0 = i
			break
		}
	}

	// Shapes.
	index := map[string]int{}
	var weights [][]float32
	var bound []float64 // per shape: the most its contracts can add in one ISP at weight 1
	var mass []float64
	for _, cf := range f.Contracts {
		if !cf.InForce || cf.ClauseKW <= 0 {
			continue
		}
		w := make([]float32, n)
		key := make([]byte, 0, n)
		for t, v := range cf.shape {
			w[t] = float32(float64(v) / cf.ClauseKW)
			key = append(key, byte(math.Round(float64(w[t])*255)))
		}
		k, ok := index[string(key)]
		if !ok {
			k = len(weights)
			index[string(key)] = k
			weights = append(weights, w)
			bound = append(bound, 0)
			mass = append(mass, 0)
		}
		c := cf.c
		sc := simContract{k: k, kw: cf.ClauseKW, excessKW: cf.ExcessKW, pViolate: cf.ViolationDayShare,
			start: c.Term.Start, end: c.Term.End, optOut: c.Term.OptOut, yellow: c.Sanctions.YellowCards,
			startOffDays: c.Term.Start.DaysUntil(a.AsOf)}
		if !c.Term.End.IsZero() {
			sc.termDays = c.Term.Start.DaysUntil(c.Term.End) + 1
		}
		m.cs = append(m.cs, sc)
		bound[k] += math.Max(opts.ReboundShare*sc.kw, sc.excessKW)
		mass[k] += sc.kw
		m.newKW += sc.kw
	}
	m.k = len(weights)
	if len(m.cs) > 0 {
		m.newKW /= float64(len(m.cs))
		m.newK = 0
		for k := range mass {
			if mass[k] > mass[m.newK] {
				m.newK = k
			}
		}
	}
	m.shapes = make([][]int32, m.k)
	for k, w := range weights {
		seen := make([]bool, m.nd)
		for t, v := range w {
			if v > 0 {
				seen[cal.Day[t]] = true
			}
		}
		for d, s := range seen {
			if s {
				m.shapes[k] = append(m.shapes[k], int32(d))
			}
		}
	}

	// Reissued load per margin.
	risks := make([]Risk, len(margins))
	rs := make([][]float32, len(margins))
	maxR := make([]float32, n)
	for mi, mg := range margins {
		reissuable := f.FreedKW * (1 - mg)
		off, _ := Allocate(a.Requests, reissuable, a.Station.FeedinAvailableKW, opts.Release.Rule, opts.Release.Partial)
		risks[mi] = Risk{Margin: mg, ReissuedKW: reissuable}
		r := make([]float32, n)
		for i, g := range off {
			if g <= 0 {
				continue
			}
			risks[mi].GrantedKW += g
			for t, v := range a.Requests[i].Profile.Shape {
				r[t] += float32(g) * v
			}
		}
		for t := range r {
			maxR[t] = max(maxR[t], r[t])
		}
		rs[mi] = r
	}

	// Candidates.
	for t := 0; t < n; t++ {
		u := float64(a.Load.KW[t]) + float64(maxR[t])
		for k, w := range weights {
			u += bound[k] * float64(w[t])
		}
		if u <= m.capKW {
			continue
		}
		m.cDay = append(m.cDay, cal.Day[t])
		m.cB = append(m.cB, a.Load.KW[t])
		for k := range weights {
			m.cW = append(m.cW, weights[k][t])
		}
		m.cands++
	}
	m.cR = make([][]float32, len(margins))
	for mi := range margins {
		m.cR[mi] = make([]float32, 0, m.cands)
		for t := 0; t < n; t++ {
			u := float64(a.Load.KW[t]) + float64(maxR[t])
			for k, w := range weights {
				u += bound[k] * float64(w[t])
			}
			if u > m.capKW {
				m.cR[mi] = append(m.cR[mi], rs[mi][t])
			}
		}
	}
	// With ascending margins and a queue rule that grants less at a larger
	// margin in every ISP, the margin loop stops at the first margin that
	// does not overload an ISP.
	m.monotone = true
	for mi := 1; mi < len(margins); mi++ {
		if margins[mi] < margins[mi-1] {
			m.monotone = false
		}
		for ci := range m.cR[mi] {
			if m.cR[mi][ci] > m.cR[mi-1][ci] {
				m.monotone = false
			}
		}
	}
	// Candidate-major copy: the margin loop reads one contiguous row.
	m.cRT = make([]float32, m.cands*len(margins))
	for mi := range m.cR {
		for ci, v := range m.cR[mi] {
			m.cRT[ci*len(margins)+mi] = v
		}
	}
	m.cRMax = make([]float32, m.cands)
	for mi := range m.cR {
		for ci, v := range m.cR[mi] {
			m.cRMax[ci] = max(m.cRMax[ci], v)
		}
	}
	return m, risks
}

// state is one worker's scratch space.
type state struct {
	diff   [][]float32 // per shape, per day of the simulated year (+1)
	endDay []int
	births []int // days on which new contracts are signed
	cnt    []int
	exc    []float64
}

func (m *model) newState(margins int) *state {
	st := &state{diff: make([][]float32, m.k), endDay: make([]int, len(m.cs)), cnt: make([]int, margins), exc: make([]float64, margins)}
	for k := range st.diff {
		st.diff[k] = make([]float32, 367)
	}
	return st
}

// geometric draws the number of failures before the first success of
// Bernoulli(p) trials.
func geometric(rng *rand.Rand, p float64) int {
	if p >= 1 {
		return 0
	}
	if p <= 0 {
		return never
	}
	g := math.Floor(math.Log(1-rng.Float64()) / math.Log1p(-p))
	if g > never/2 {
		return never
	}
	return int(g)
}

// endDay draws the day (from AsOf) on which contract c stops freeing
// capacity under the policy: its term ends and it is not renewed, or the
// company opts out.
func (m *model) endDay(c *simContract, rng *rand.Rand, o SimOptions) int {
	e, opt, term := never, never, c.termDays
	switch o.Policy.Term {
	case Indefinite:
		return never
	case AsFiled:
		if !c.end.IsZero() {
			e = term - c.startOffDays
		}
		if !c.optOut.IsZero() {
			opt = max(c.start.DaysUntil(c.optOut)-c.startOffDays, 0)
		}
	case FixedTerm:
		term = max(int(math.Round(o.Policy.TermYears*365.25)), 1)
		e = term - c.startOffDays
		for e <= 0 { // renewed before AsOf: the contract is in force
			e += term
		}
	case OptOut:
		opt = max(int(math.Round(o.Policy.OptOutAfterYears*365.25))-c.startOffDays, 0)
	}
	for e < m.H && term > 0 && rng.Float64() < o.RenewalProbability {
		e += term
	}
	if opt < m.H {
		if k := geometric(rng, o.OptOutProbability); k < never {
			opt += 365*k + rng.IntN(365)
		} else {
			opt = never
		}
	}
	return min(e, opt)
}

// run simulates one run of all years, writing overloaded ISPs and MWh per
// margin and year.
func (m *model) run(rng, vrng *rand.Rand, o SimOptions, st *state, isps, mwh, ended []float32) {
	Y, M := m.years, len(m.cR)
	for i := range m.cs {
		st.endDay[i] = m.endDay(&m.cs[i], rng, o)
	}
	st.births = st.births[:0]
	if rate := o.NewContractsPerYear / 365; rate > 0 && len(m.cs) > 0 {
		for t := -math.Log(1-rng.Float64()) / rate; t < float64(m.H); t += -math.Log(1-rng.Float64()) / rate {
			st.births = append(st.births, int(t))
		}
	}
	carried := float32(0) // new contracts of earlier years
	for y := 0; y < Y; y++ {
		ys := m.yearStart[y]
		ylen := m.yearStart[y+1] - ys
		for k := range st.diff {
			clear(st.diff[k])
		}
		endedKW := 0.0
		for i := range m.cs {
			c := &m.cs[i]
			e := st.endDay[i] - ys
			if e < ylen {
				st.diff[c.k][max(e, 0)] += float32(o.ReboundShare * c.kw)
				endedKW += c.kw
			}
			m.violations(vrng, o, st, c, y, min(e, ylen))
		}
		ended[y] = float32(endedKW)
		if m.k > 0 {
			st.diff[m.newK][0] -= carried
			for _, b := range st.births {
				if b >= ys && b < ys+ylen {
					st.diff[m.newK][b-ys] -= float32(m.newKW)
					carried += float32(m.newKW)
				}
			}
		}
		for k := range st.diff {
			d := st.diff[k]
			for j := 1; j < len(d); j++ {
				d[j] += d[j-1]
			}
		}
		clear(st.cnt)
		clear(st.exc)
		for ci, b := range m.cDay {
			j := int(b) - m.off0
			if j < 0 {
				j += m.nd
			}
			if j >= ylen {
				continue
			}
			x := m.cB[ci]
			w := m.cW[ci*m.k : (ci+1)*m.k]
			for k, wk := range w {
				if wk != 0 {
					x += st.diff[k][j] * wk
				}
			}
			if float64(x+m.cRMax[ci]) <= m.capKW {
				continue // no margin overloads this ISP
			}
			rs := m.cRT[ci*M : (ci+1)*M]
			for mi, r := range rs {
				if v := float64(x+r) - m.capKW; v > 0 {
					st.cnt[mi]++
					st.exc[mi] += v
				} else if m.monotone {
					break // larger margins reissue no more in this ISP
				}
			}
		}
		for mi := 0; mi < M; mi++ {
			isps[mi*Y+y] = float32(st.cnt[mi])
			mwh[mi*Y+y] = float32(st.exc[mi] / 4 / 1000)
		}
	}
}

// violations draws the days of year y (before day activeEnd) on which
// contract c exceeds its limit: each day its limit applies with
// probability pViolate while a yellow card is left, pViolate ×
// FineDeterrence once a fine applies (immediately without yellow cards).
// Candidate days are drawn at pViolate and thinned by FineDeterrence where
// a fine applies, with the thinning draw taken on every candidate: the
// violations under immediate fines are a subset of those under yellow
// cards in the same run, so the comparison of the two is not noise.
func (m *model) violations(rng *rand.Rand, o SimOptions, st *state, c *simContract, y, activeEnd int) {
	if c.pViolate <= 0 || c.excessKW <= 0 || activeEnd <= 0 {
		return
	}
	cards := 0
	if o.Policy.YellowCards {
		if cy := (c.startOffDays + m.yearStart[y]) / 365; cy < len(c.yellow) {
			cards = c.yellow[cy]
		}
	}
	days := m.shapes[c.k]
	used := 0
	// Skip over the shape's days in base-day order, mapped to this year's
	// days; the order of days within the year does not change the count.
	for i := geometric(rng, c.pViolate); i < len(days); i += 1 + geometric(rng, c.pViolate) {
		u := rng.Float64()
		j := int(days[i]) - m.off0
		if j < 0 {
			j += m.nd
		}
		if j >= activeEnd || (used >= cards && u >= o.FineDeterrence) {
			continue
		}
		st.diff[c.k][j] += float32(c.excessKW)
		st.diff[c.k][j+1] -= float32(c.excessKW)
		used++
	}
}
