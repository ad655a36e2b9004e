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
// indoor temperatures, then a forward pass in continuous temperature that
// picks, per step, the power minimising the step's cost plus the
// (interpolated) cost-to-go. Transitions between grid points are exact
// (the power that lands on a grid point is computed, not rounded), so the
// only approximation is the grid of the cost-to-go; the reported
// trajectory is an exact simulation of the chosen powers.
//
// Per step the reachable next temperatures form an interval whose ends rise
// monotonically with the current temperature, and the step cost is linear
// in the next temperature; so the minimum over the interval is a sliding
// window minimum (monotone deque) and a step costs O(grid points).
func Solve(p Problem) (Solution, error) {
	n := len(p.OutC)
	if len(p.GainsKW) != n || len(p.WeightPerKWh) != n || len(p.LoC) != n+1 || len(p.HiC) != n+1 {
		panic("building: problem length mismatch")
	}
	res := p.ResolutionC
	if res <= 0 {
		res = 0.01
	}
	tMin, tMax := math.Inf(1), math.Inf(-1)
	for k := range p.LoC {
		tMin = min(tMin, p.LoC[k])
		tMax = max(tMax, p.HiC[k])
	}
	if !(tMax >= tMin) {
		return Solution{}, ErrInfeasible
	}
	m := int(math.Floor((tMax-tMin)/res)) + 1
	grid := func(i int) float64 { return tMin + float64(i)*res }

	a := p.Model.Decay(p.StepHours)
	c := (1 - a) * p.ThermalPerKW / p.Model.UAKWPerK // °C per kW electric
	reachLo, reachHi := min(0, c*p.MaxKW), max(0, c*p.MaxKW)
	free := func(k int) float64 { // next temperature from 0 °C with the plant off, minus a·T
		return (1 - a) * (p.OutC[k] + p.GainsKW[k]/p.Model.UAKWPerK)
	}

	// v[k] is the cost-to-go from each grid point at instant k.
	v := make([][]float64, n+1)
	flat := make([]float64, (n+1)*m)
	for k := range v {
		v[k] = flat[k*m : (k+1)*m : (k+1)*m]
	}
	inf := math.Inf(1)
	for i := range m {
		v[n][i] = inf
		if t := grid(i); t >= p.LoC[n]-1e-9 && t <= p.HiC[n]+1e-9 {
			v[n][i] = p.penalty(n, t)
		}
	}
	f := make([]float64, m)
	dq := make([]int, m) // monotone deque of grid indices: dq[head:tail]
	for k := n - 1; k >= 0; k-- {
		next, cur := v[k+1], v[k]
		b := free(k)
		alpha := 0.0 // cost per °C of next temperature
		if c != 0 {
			alpha = p.WeightPerKWh[k] * p.StepHours / c
		}
		// Only the grid points inside this instant's bounds can be states.
		iLo := max(0, int(math.Ceil((p.LoC[k]-tMin)/res-1e-9)))
		iHi := min(m-1, int(math.Floor((p.HiC[k]-tMin)/res+1e-9)))
		for i := range m {
			if i < iLo || i > iHi {
				cur[i] = inf
			}
		}
		if iLo > iHi {
			continue
		}
		// Reachable next states from [iLo, iHi].
		jLo := max(0, int(math.Ceil((a*grid(iLo)+b+reachLo-tMin)/res-1e-9)))
		jHi := min(m-1, int(math.Floor((a*grid(iHi)+b+reachHi-tMin)/res+1e-9)))
		for j := jLo; j <= jHi; j++ {
			f[j] = alpha*grid(j) + next[j]
		}
		soft := (p.SoftHiC != nil && p.SoftHiC[k] == p.SoftHiC[k]) || (p.SoftLoC != nil && p.SoftLoC[k] == p.SoftLoC[k])
		head, tail := 0, 0
		r := jLo
		for i := iLo; i <= iHi; i++ {
			t := grid(i)
			base := a*t + b
			lo := max(jLo, int(math.Ceil((base+reachLo-tMin)/res-1e-9)))
			hi := min(jHi, int(math.Floor((base+reachHi-tMin)/res+1e-9)))
			for ; r <= hi; r++ {
				for tail > head && f[dq[tail-1]] >= f[r] {
					tail--
				}
				dq[tail] = r
				tail++
			}
			for tail > head && dq[head] < lo {
				head++
			}
			if tail == head || lo > hi {
				cur[i] = inf
				continue
			}
			cur[i] = f[dq[head]] - alpha*base
			if soft {
				cur[i] += p.penalty(k, t)
			}
		}
	}

	// Forward pass from the best start.
	start := -1
	for i := range m {
		if !math.IsInf(v[0][i], 1) && (start < 0 || v[0][i] < v[0][start]) {
			start = i
		}
	}
	if start < 0 {
		return Solution{}, ErrInfeasible
	}
	sol := Solution{KW: make([]float64, n), TC: make([]float64, n+1)}
	t := grid(start)
	sol.TC[0] = t
	interp := func(vk []float64, x float64) float64 {
		u := (x - tMin) / res
		j := int(math.Floor(u + 1e-9))
		if j < 0 || j >= m {
			return inf
		}
		fr := u - float64(j)
		if fr < 1e-9 {
			return vk[j]
		}
		if j+1 >= m || math.IsInf(vk[j], 1) || math.IsInf(vk[j+1], 1) {
			return inf
		}
		return vk[j] + fr*(vk[j+1]-vk[j])
	}
	for k := range n {
		base := a*t + free(k)
		best, bestKW := inf, 0.0
		try := func(kw float64) {
			kw = min(max(kw, 0), p.MaxKW)
			x := base + c*kw
			if cost := p.WeightPerKWh[k]*kw*p.StepHours + interp(v[k+1], x); cost < best-1e-12 {
				best, bestKW = cost, kw
			}
		}
		try(0)
		try(p.MaxKW)
		if c != 0 {
			lo := max(0, int(math.Ceil((base+reachLo-tMin)/res-1e-9)))
			hi := min(m-1, int(math.Floor((base+reachHi-tMin)/res+1e-9)))
			for j := lo; j <= hi; j++ {
				try((grid(j) - base) / c)
			}
		}
		if math.IsInf(best, 1) {
			return Solution{}, fmt.Errorf("step %d: %w", k, ErrInfeasible)
		}
		sol.KW[k] = bestKW
		sol.Cost += p.WeightPerKWh[k]*bestKW*p.StepHours + p.penalty(k, t)
		t = base + c*bestKW
		sol.TC[k+1] = t
	}
	sol.Cost += p.penalty(n, t)
	return sol, nil
}
