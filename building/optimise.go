package building

import (
	"errors"
	"fmt"
	"math"
)

// Problem is one HVAC scheduling problem over N steps: choose the electric
// power of the heat pump or chiller per step so that the indoor temperature
// stays inside per-instant bounds, at minimum weighted electric energy
// (model.md, "Optimisation").
type Problem struct {
	Model     RC
	StepHours float64   // step length, h (0.25: the ISP)
	OutC      []float64 // outdoor temperature per step, °C (len N)
	GainsKW   []float64 // internal and solar gains per step, kW thermal (len N)
	// LoC and HiC bound the indoor temperature at the N+1 instants between
	// steps: index 0 is the start (a free initial state inside the bounds),
	// index k the end of step k−1.
	LoC, HiC []float64
	// WeightPerKWh is the cost of one kWh of electricity per step (len N):
	// 1 for energy-minimal, 1+λ in the grid peaks for grid-aware.
	WeightPerKWh []float64
	MaxKW        float64 // electric power of the plant, kW (≥ 0)
	// ThermalPerKW is the heat delivered per kW of electricity: +COP for a
	// heat pump, −EER for a chiller.
	ThermalPerKW float64
	// ResolutionC is the grid of the dynamic programme, °C (default 0.01).
	ResolutionC float64
	// SoftLoC and SoftHiC (optional, len N+1) are bounds the plant cannot
	// always keep — a heat pump cannot cool a room its gains overheat —
	// priced at SoftPenaltyPerK per K beyond them per instant instead of
	// forbidden. NaN means no soft bound at that instant.
	SoftLoC, SoftHiC []float64
	SoftPenaltyPerK  float64
}

// penalty is the soft-bound cost of temperature t at instant k.
func (p *Problem) penalty(k int, t float64) float64 {
	var c float64
	if p.SoftHiC != nil && t > p.SoftHiC[k] {
		c += (t - p.SoftHiC[k]) * p.SoftPenaltyPerK
	}
	if p.SoftLoC != nil && t < p.SoftLoC[k] {
		c += (p.SoftLoC[k] - t) * p.SoftPenaltyPerK
	}
	return c
}

// Solution is an optimal schedule.
type Solution struct {
	KW   []float64 // electric power per step, kW (len N)
	TC   []float64 // indoor temperature at the N+1 instants, °C
	Cost float64   // Σ weight × kWh, plus soft-bound penalties
}

// ErrInfeasible means no schedule keeps the temperature inside the bounds:
// the plant is too small for the day or the band too narrow.
var ErrInfeasible = errors.New("no schedule keeps the indoor temperature inside the band")

// Solve finds the schedule by backward dynamic programming over a grid of
// indoor temperatures that drifts with the building (model.md):
//
//   - The grid at instant k is g_k + i·r_k. Its origin follows the
//     building with the plant off, g_{k+1} = a·g_k + b_k, and its spacing
//     shrinks with it, r_{k+1} = a·r_k, so a step with the plant off leads
//     from grid point i exactly to grid point i: free-floating costs
//     nothing and needs no rounding. When the spacing has halved it is
//     reset to ResolutionC (a re-anchoring step, where the landing points
//     are rounded up to the next grid point).
//   - Power moves the next temperature up (heating) or down (cooling) by
//     c·P, c = (1 − a)·ThermalPerKW ÷ UA, so from grid point i the plant
//     reaches an interval of grid points at k+1 whose ends rise with i, and
//     the step cost is linear in the landing point: the minimum over the
//     interval is a sliding-window minimum (monotone deque), O(points) per
//     step.
//
// Every transition is exact (the power that lands on a grid point is
// computed, not rounded), so the schedule is feasible by construction; the
// only restriction is that powers between 0 and MaxKW come in steps of
// r_{k+1} ÷ c (a few kW for an office), and so full load is at most one
// such step below MaxKW.
func Solve(p Problem) (Solution, error) { return new(scratch).solve(p) }

// scratch holds the dynamic programme's buffers, reused between solves of
// one scan (a scan solves two problems per day).
type scratch struct {
	g, r   []float64
	lo, hi []int
	flat   []float64
	next   []int32
	dq     []int
	f      []float64
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (sc *scratch) solve(p Problem) (Solution, error) {
	n := len(p.OutC)
	if len(p.GainsKW) != n || len(p.WeightPerKWh) != n || len(p.LoC) != n+1 || len(p.HiC) != n+1 {
		panic("building: problem length mismatch")
	}
	res0 := p.ResolutionC
	if res0 <= 0 {
		res0 = 0.01
	}
	a := p.Model.Decay(p.StepHours)
	c := (1 - a) * p.ThermalPerKW / p.Model.UAKWPerK // °C per kW electric
	inf := math.Inf(1)

	// The grids: origin g, spacing r and the index range [lo, hi] inside
	// the bounds at every instant.
	sc.g, sc.r, sc.lo, sc.hi = grow(sc.g, n+1), grow(sc.r, n+1), grow(sc.lo, n+1), grow(sc.hi, n+1)
	g, r, lo, hi := sc.g, sc.r, sc.lo, sc.hi
	g[0], r[0] = p.LoC[0], res0
	for k := range n {
		g[k+1] = a*g[k] + (1-a)*(p.OutC[k]+p.GainsKW[k]/p.Model.UAKWPerK)
		r[k+1] = a * r[k]
		if r[k+1] < res0/2 {
			r[k+1] = res0
		}
	}
	size := 0
	for k := range n + 1 {
		lo[k] = int(math.Ceil((p.LoC[k]-g[k])/r[k] - 1e-9))
		hi[k] = int(math.Floor((p.HiC[k]-g[k])/r[k] + 1e-9))
		if hi[k] < lo[k] {
			return Solution{}, fmt.Errorf("instant %d: bounds [%g, %g]: %w", k, p.LoC[k], p.HiC[k], ErrInfeasible)
		}
		size += hi[k] - lo[k] + 1
	}
	temp := func(k, i int) float64 { return g[k] + float64(i)*r[k] }

	// v[k][i-lo[k]] is the cost-to-go from grid point i at instant k;
	// next[k][i-lo[k]] the grid point at k+1 it moves to.
	sc.flat, sc.next = grow(sc.flat, size), grow(sc.next, size)
	flat, nextFlat := sc.flat, sc.next
	v := make([][]float64, n+1)
	next := make([][]int32, n+1)
	off := 0
	for k := range n + 1 {
		w := hi[k] - lo[k] + 1
		v[k], next[k] = flat[off:off+w:off+w], nextFlat[off:off+w:off+w]
		off += w
	}
	for i := lo[n]; i <= hi[n]; i++ {
		v[n][i-lo[n]] = p.penalty(n, temp(n, i))
	}
	dq := sc.dq[:0]
	widest := 0
	for k := range n + 1 {
		widest = max(widest, hi[k]-lo[k]+1)
	}
	sc.f = grow(sc.f, widest)
	f := sc.f
	defer func() { sc.dq = dq[:0] }()
	for k := n - 1; k >= 0; k-- {
		// From grid point i the plant-off landing point, in units of the
		// next grid, is u(i) = s·i + o (s = 1, o = 0 unless re-anchoring).
		s := a * r[k] / r[k+1]
		o := (a*g[k] + (1-a)*(p.OutC[k]+p.GainsKW[k]/p.Model.UAKWPerK) - g[k+1]) / r[k+1]
		reach := math.Abs(c) * p.MaxKW / r[k+1] // grid points the plant can move the next temperature
		alpha := 0.0                            // cost per grid point of the landing point
		if c != 0 {
			alpha = p.WeightPerKWh[k] * p.StepHours * r[k+1] / c
		}
		vn, cur, nx := v[k+1], v[k], next[k]
		soft := (p.SoftHiC != nil && p.SoftHiC[k] == p.SoftHiC[k]) || (p.SoftLoC != nil && p.SoftLoC[k] == p.SoftLoC[k])
		// f[j − lo[k+1]] is the cost of landing on grid point j at k+1.
		f = f[:len(vn)]
		for jj := range vn {
			f[jj] = alpha*float64(jj+lo[k+1]) + vn[jj]
		}
		base := lo[k+1]
		dq = dq[:0]
		head := 0
		pushed := lo[k+1] // next landing point to push
		if c < 0 {
			// Cooling moves down: walk i downwards so the windows still
			// slide one way.
			pushed = hi[k+1]
		}
		for step := 0; step <= hi[k]-lo[k]; step++ {
			i := lo[k] + step
			if c < 0 {
				i = hi[k] - step
			}
			u := s*float64(i) + o
			var jLo, jHi int
			if c >= 0 {
				jLo, jHi = int(math.Ceil(u-1e-9)), int(math.Floor(u+reach+1e-9))
			} else {
				jLo, jHi = int(math.Ceil(u-reach-1e-9)), int(math.Floor(u+1e-9))
			}
			jLo, jHi = max(jLo, lo[k+1]), min(jHi, hi[k+1])
			if c >= 0 {
				for ; pushed <= jHi; pushed++ {
					for len(dq) > head && f[dq[len(dq)-1]-base] >= f[pushed-base] {
						dq = dq[:len(dq)-1]
					}
					dq = append(dq, pushed)
				}
				for len(dq) > head && dq[head] < jLo {
					head++
				}
			} else {
				for ; pushed >= jLo; pushed-- {
					for len(dq) > head && f[dq[len(dq)-1]-base] >= f[pushed-base] {
						dq = dq[:len(dq)-1]
					}
					dq = append(dq, pushed)
				}
				for len(dq) > head && dq[head] > jHi {
					head++
				}
			}
			if len(dq) == head || jLo > jHi {
				cur[i-lo[k]] = inf
				continue
			}
			j := dq[head]
			cur[i-lo[k]] = f[j-base] - alpha*u
			nx[i-lo[k]] = int32(j)
			if soft {
				cur[i-lo[k]] += p.penalty(k, temp(k, i))
			}
		}
		if head > 1024 { // keep the deque's backing array from growing without bound
			dq = append(dq[:0], dq[head:]...)
		}
	}

	// Follow the decisions from the best start.
	start := -1
	for i := lo[0]; i <= hi[0]; i++ {
		if x := v[0][i-lo[0]]; !math.IsInf(x, 1) && (start < 0 || x < v[0][start-lo[0]]) {
			start = i
		}
	}
	if start < 0 {
		return Solution{}, ErrInfeasible
	}
	sol := Solution{KW: make([]float64, n), TC: make([]float64, n+1), Cost: v[0][start-lo[0]]}
	i := start
	t := temp(0, i)
	sol.TC[0] = t
	for k := range n {
		j := int(next[k][i-lo[k]])
		u := a*r[k]/r[k+1]*float64(i) + (a*g[k]+(1-a)*(p.OutC[k]+p.GainsKW[k]/p.Model.UAKWPerK)-g[k+1])/r[k+1]
		kw := 0.0
		if c != 0 {
			kw = min(max((float64(j)-u)*r[k+1]/c, 0), p.MaxKW)
		}
		sol.KW[k] = kw
		// Report the exact simulation of the chosen power; it equals the
		// grid point up to rounding.
		t = p.Model.Step(t, p.OutC[k], p.GainsKW[k], p.ThermalPerKW*kw, p.StepHours)
		sol.TC[k+1] = t
		i = j
	}
	return sol, nil
}
