package building

import (
	"math"
	"testing"
)

// The model against its analytic solution: with constant outdoor
// temperature and no heat input, T(t) = T_out + (T0 − T_out)·e^(−t/τ), for
// any step length (the discretisation is exact, model.md).
func TestRCDecayMatchesAnalytic(t *testing.T) {
	cases := []struct {
		name           string
		m              RC
		t0, out, stepH float64
		steps          int
	}{
		{"medium 40 h, quarter hours", RC{UAKWPerK: 13, CKWhPerK: 520}, 21, -5, 0.25, 96},
		{"light 10 h, hours", RC{UAKWPerK: 2, CKWhPerK: 20}, 20, 30, 1, 48},
		{"heavy 80 h, one long step", RC{UAKWPerK: 1, CKWhPerK: 80}, 22, 0, 24, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			temp := tc.t0
			for k := 1; k <= tc.steps; k++ {
				temp = tc.m.Step(temp, tc.out, 0, 0, tc.stepH)
				hours := float64(k) * tc.stepH
				want := tc.out + (tc.t0-tc.out)*math.Exp(-hours/tc.m.TauHours())
				if math.Abs(temp-want) > 1e-9 {
					t.Fatalf("after %v h: Step = %v, want %v", hours, temp, want)
				}
			}
		})
	}
}

// A constant heat input moves the equilibrium by Q ÷ UA; the decay towards
// it is the same exponential.
func TestRCEquilibrium(t *testing.T) {
	m := RC{UAKWPerK: 10, CKWhPerK: 300}
	temp := 5.0
	for range 24 * 4 * 40 {
		temp = m.Step(temp, 0, 50, 150, 0.25)
	}
	if want := 20.0; math.Abs(temp-want) > 1e-6 {
		t.Errorf("after 960 h: T = %v, want equilibrium %v", temp, want)
	}
}
