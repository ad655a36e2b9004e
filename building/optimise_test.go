package building

import (
	"errors"
	"math"
	"testing"
)

func smallProblem(n int, weights []float64) Problem {
	p := Problem{
		Model:        RC{UAKWPerK: 1, CKWhPerK: 2}, // τ = 2 h: one step moves far
		StepHours:    0.25,
		MaxKW:        8,
		ThermalPerKW: 2.5,
		ResolutionC:  0.25,
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

// bruteForce enumerates every path of grid temperatures (start anywhere on
// the grid) whose transitions need a power in [0, MaxKW] and returns the
// cheapest cost; it shares no code with Solve beyond RC.Decay.
func bruteForce(p Problem) float64 {
	a := p.Model.Decay(p.StepHours)
	c := (1 - a) * p.ThermalPerKW / p.Model.UAKWPerK
	var pts []float64
	for t := 18.0; t <= 21+1e-9; t += p.ResolutionC {
		pts = append(pts, t)
	}
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
		free := a*t + (1-a)*(p.OutC[k]+p.GainsKW[k]/p.Model.UAKWPerK)
		for _, next := range pts {
			if next < p.LoC[k+1]-1e-9 || next > p.HiC[k+1]+1e-9 {
				continue
			}
			kw := (next - free) / c
			if kw < -1e-9 || kw > p.MaxKW+1e-9 {
				continue
			}
			walk(k+1, next, cost+p.WeightPerKWh[k]*kw*p.StepHours)
		}
	}
	for _, t0 := range pts {
		if t0 >= p.LoC[0] && t0 <= p.HiC[0] {
			walk(0, t0, 0)
		}
	}
	return best
}

// The optimiser against brute force on a small grid: its schedule is never
// worse than the best grid path (it may be better: it is not confined to
// the grid) and it is feasible when simulated.
func TestSolveAgainstBruteForce(t *testing.T) {
	cases := []struct {
		name    string
		n       int
		weights []float64
	}{
		{"flat price, 6 steps", 6, []float64{1}},
		{"peak weights, 6 steps", 6, []float64{1, 1, 100, 100}},
		{"alternating, 7 steps", 7, []float64{3, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := smallProblem(tc.n, tc.weights)
			sol, err := Solve(p)
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			bf := bruteForce(p)
			if sol.Cost > bf+1e-9 {
				t.Errorf("Solve cost = %v, want ≤ brute force %v", sol.Cost, bf)
			}
			if sol.Cost < bf-0.15*bf-1e-9 {
				t.Errorf("Solve cost = %v, implausibly far below brute force %v", sol.Cost, bf)
			}
			checkFeasible(t, p, sol)
		})
	}
}

// Refining the brute-force grid must not beat the optimiser either.
func TestSolveNotBeatenByFinerGrid(t *testing.T) {
	p := smallProblem(5, []float64{1, 50})
	p.ResolutionC = 0.01 // the default grid
	sol, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	checkFeasible(t, p, sol)
	fine := p
	fine.ResolutionC = 0.125
	if bf := bruteForce(fine); sol.Cost > bf+1e-6*bf {
		t.Errorf("Solve cost = %v, finer brute force %v", sol.Cost, bf)
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
