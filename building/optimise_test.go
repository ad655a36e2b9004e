package building

import (
	"errors"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

func smallProblem(n int, weights []float64) Problem {
	p := Problem{
		Model:        RC{UAKWPerK: 1, CKWhPerK: 2}, // τ = 2 h: one step moves far
		StepHours:    0.25,
		MaxKW:        8,
		ThermalPerKW: 2.5,
		ResolutionC:  0.01,
	}
	for k := range n {
		p.OutC = append(p.OutC, 5+float64(k))
		p.GainsKW = append(p.GainsKW, 1)
		p.WeightPerKWh = append(p.WeightPerKWh, weights[k%len(weights)])
	}
	for k := range n + 1 {
		lo, hi := 18.0, 21.0
		if k >= n-1 {
			lo = 20 // occupied at the end
		}
		p.LoC = append(p.LoC, lo)
		p.HiC = append(p.HiC, hi)
	}
	return p
}

// coolingProblem is smallProblem for a chiller on a hot day.
func coolingProblem(n int, weights []float64) Problem {
	p := smallProblem(n, weights)
	p.ThermalPerKW = -4
	for k := range p.OutC {
		p.OutC[k] = 28 + float64(k)
		p.GainsKW[k] = 2
	}
	for k := range p.LoC {
		p.LoC[k], p.HiC[k] = 21, 27
		if k >= n-1 {
			p.HiC[k] = 24.5 // occupied at the end
		}
	}
	return p
}

// bruteForce enumerates every sequence of power levels {0, ¼, ½, ¾, 1} ×
// MaxKW from every start temperature on a 0.05 K grid and returns the
// cheapest feasible cost; it shares no code with Solve beyond RC.Step.
func bruteForce(p Problem) float64 {
	levels := []float64{0, 0.25, 0.5, 0.75, 1}
	best := math.Inf(1)
	var walk func(k int, t, cost float64)
	walk = func(k int, t, cost float64) {
		if cost >= best {
			return
		}
		if k == len(p.OutC) {
			best = cost
			return
		}
		for _, l := range levels {
			kw := l * p.MaxKW
			next := p.Model.Step(t, p.OutC[k], p.GainsKW[k], p.ThermalPerKW*kw, p.StepHours)
			if next < p.LoC[k+1]-1e-9 || next > p.HiC[k+1]+1e-9 {
				continue
			}
			walk(k+1, next, cost+p.WeightPerKWh[k]*kw*p.StepHours)
		}
	}
	for t0 := p.LoC[0]; t0 <= p.HiC[0]+1e-9; t0 += 0.05 {
		walk(0, t0, 0)
	}
	return best
}

// lpOptimum solves the same problem as a linear programme with gonum's
// simplex — the powers and the start temperature as variables, every
// temperature affine in them through the exact one-step map — and returns
// the exact continuous optimum.
func lpOptimum(t *testing.T, p Problem) float64 {
	t.Helper()
	n := len(p.OutC)
	a := p.Model.Decay(p.StepHours)
	nv := n + 1 // P_0 … P_{n−1}, and T_0 − LoC[0]
	consts := make([]float64, n+1)
	coef := make([][]float64, n+1)
	consts[0] = p.LoC[0]
	coef[0] = make([]float64, nv)
	coef[0][n] = 1
	for k := range n {
		consts[k+1] = a*consts[k] + (1-a)*(p.OutC[k]+p.GainsKW[k]/p.Model.UAKWPerK)
		coef[k+1] = make([]float64, nv)
		for j := range nv {
			coef[k+1][j] = a * coef[k][j]
		}
		coef[k+1][k] += (1 - a) * p.ThermalPerKW / p.Model.UAKWPerK
	}
	var rows [][]float64
	var h []float64
	for k := range n { // 0 ≤ P_k ≤ MaxKW (the general form's variables are free)
		up, dn := make([]float64, nv), make([]float64, nv)
		up[k], dn[k] = 1, -1
		rows, h = append(rows, up, dn), append(h, p.MaxKW, 0)
	}
	for k := range n + 1 {
		up, dn := make([]float64, nv), make([]float64, nv)
		for j := range nv {
			up[j], dn[j] = coef[k][j], -coef[k][j]
		}
		rows, h = append(rows, up, dn), append(h, p.HiC[k]-consts[k], consts[k]-p.LoC[k])
	}
	g := mat.NewDense(len(rows), nv, nil)
	for i, r := range rows {
		g.SetRow(i, r)
	}
	c := make([]float64, nv)
	for k := range n {
		c[k] = p.WeightPerKWh[k] * p.StepHours
	}
	cs, as, bs := lp.Convert(c, g, h, nil, nil)
	f, _, err := lp.Simplex(cs, as, bs, 1e-10, nil)
	if err != nil {
		t.Fatalf("lp: %v", err)
	}
	return f
}

// The optimiser against an exact LP and against brute force on small
// problems: never better than the LP optimum, at most one power step per
// ISP worse (the grid's restriction), never worse than the best sequence of
// quarter-power levels by more than that, and feasible when simulated.
func TestSolveAgainstLPAndBruteForce(t *testing.T) {
	cases := []struct {
		name string
		p    Problem
	}{
		{"heating, flat price, 6 steps", smallProblem(6, []float64{1})},
		{"heating, peak weights, 6 steps", smallProblem(6, []float64{1, 1, 100, 100})},
		{"heating, alternating, 7 steps", smallProblem(7, []float64{3, 1})},
		{"cooling, peak weights, 6 steps", coolingProblem(6, []float64{1, 100, 100, 1})},
		{"cooling, flat, 7 steps", coolingProblem(7, []float64{1})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p
			sol, err := Solve(p)
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			checkFeasible(t, p, sol)
			a := p.Model.Decay(p.StepHours)
			quantumKW := p.ResolutionC / math.Abs((1-a)*p.ThermalPerKW/p.Model.UAKWPerK)
			var bound float64
			for _, w := range p.WeightPerKWh {
				bound += w * quantumKW * p.StepHours
			}
			opt := lpOptimum(t, p)
			if sol.Cost < opt-1e-6 || sol.Cost > opt+bound {
				t.Errorf("Solve cost = %v, want within [%v, %v] (LP optimum + one power step per ISP)", sol.Cost, opt, opt+bound)
			}
			bf := bruteForce(p)
			if bf < opt-1e-6 {
				t.Errorf("brute force %v below the LP optimum %v", bf, opt)
			}
			if sol.Cost > bf+bound {
				t.Errorf("Solve cost = %v, brute force %v (+ %v)", sol.Cost, bf, bound)
			}
		})
	}
}

func checkFeasible(t *testing.T, p Problem, sol Solution) {
	t.Helper()
	temp := sol.TC[0]
	for k, kw := range sol.KW {
		if kw < -1e-9 || kw > p.MaxKW+1e-9 {
			t.Fatalf("step %d: power %v outside [0, %v]", k, kw, p.MaxKW)
		}
		temp = p.Model.Step(temp, p.OutC[k], p.GainsKW[k], p.ThermalPerKW*kw, p.StepHours)
		if math.Abs(temp-sol.TC[k+1]) > 1e-9 {
			t.Fatalf("instant %d: trajectory %v, simulation %v", k+1, sol.TC[k+1], temp)
		}
		if temp < p.LoC[k+1]-1e-6 || temp > p.HiC[k+1]+1e-6 {
			t.Fatalf("instant %d: T = %v outside [%v, %v]", k+1, temp, p.LoC[k+1], p.HiC[k+1])
		}
	}
}

func TestSolveInfeasible(t *testing.T) {
	p := smallProblem(4, []float64{1})
	p.MaxKW = 0 // no heating: the building cools below the band
	if _, err := Solve(p); !errors.Is(err, ErrInfeasible) {
		t.Errorf("Solve without plant: err = %v, want ErrInfeasible", err)
	}
}
