package compensation

import (
	"math"
	"math/rand/v2"
	"testing"

	"gridflex/scenario"
)

// studyPotential is Table 0.1 (study-model.md §5) plus the datacenter
// cooling range of §4, so that curve tests do not depend on the potential
// model's arithmetic.
var studyPotential = map[string]PotentialMW{
	"offices.heating":      {26, 58},
	"offices.cooling":      {205, 256},
	"offices.charging":     {82, 132},
	"chemistry.batch":      {5, 78},
	"chemistry.chp":        {153, 153},
	"chemistry.utilities":  {1.5, 87},
	"chemistry.continuous": {39, 71},
	"logistics.charging":   {154, 154},
	"datacenters.cooling":  {15, 23},
}

func TestCurveProperties(t *testing.T) {
	ms := Evaluate(scenario.Default(), Structural).Measures
	for _, b := range []Bound{Low, High} {
		for _, w := range []Which{Min, Max} {
			t.Run(string(b)+"/"+string(w), func(t *testing.T) {
				c := BuildCurve(ms, studyPotential, b, w, nil)
				checkCurve(t, c)
				if len(c.Unpriced) != 1 || c.Unpriced[0] != "datacenters.cooling" {
					t.Errorf("BuildCurve.Unpriced = %v, want [datacenters.cooling]", c.Unpriced)
				}
			})
		}
	}
	t.Run("§5 national total min 640, max 931", func(t *testing.T) {
		for w, want := range map[Which]float64{Min: 640, Max: 931} {
			if got := BuildCurve(ms, studyPotential, High, w, nil).TotalMW; math.Abs(got-want) > 0.6 {
				t.Errorf("BuildCurve(%s).TotalMW = %g, want %g", w, got, want)
			}
		}
	})
	t.Run("heating is the alternative to cooling", func(t *testing.T) {
		c := BuildCurve(ms, studyPotential, High, Max, nil)
		for _, s := range c.Steps {
			if s.ID == "offices.heating" && (!s.Alternative || s.AlternativeTo != "offices.cooling") {
				t.Errorf("heating step = %+v, want alternative to offices.cooling", s)
			}
		}
	})
	t.Run("sector filter", func(t *testing.T) {
		c := BuildCurve(ms, studyPotential, High, Max, func(m Measure) bool { return m.Sector == "chemistry" })
		if len(c.Steps) != 4 || math.Abs(c.TotalMW-389) > 0.01 {
			t.Errorf("BuildCurve(chemistry) = %d steps %g MW, want 4 steps 389 MW", len(c.Steps), c.TotalMW)
		}
	})
}

// TestCurveRandom: for random prices and potentials the curve is sorted,
// contiguous and its total is the sum of the counted steps.
func TestCurveRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	base := Evaluate(scenario.Default(), Structural).Measures
	for i := range 200 {
		ms := make([]Measure, len(base))
		pot := map[string]PotentialMW{}
		for j, m := range base {
			m.Low.EURPerMWh = r.Float64() * 1000
			m.High.EURPerMWh = m.Low.EURPerMWh + r.Float64()*1000
			ms[j] = m
			lo := r.Float64() * 100
			pot[m.ID] = PotentialMW{lo, lo + r.Float64()*100}
		}
		c := BuildCurve(ms, pot, Bound([]Bound{Low, High}[i%2]), Which([]Which{Min, Max}[i/2%2]), nil)
		checkCurve(t, c)
	}
}

func checkCurve(t *testing.T, c Curve) {
	t.Helper()
	x, prev := 0.0, math.Inf(-1)
	for _, s := range c.Counted() {
		if s.EURPerMWh < prev {
			t.Errorf("BuildCurve: step %s at %g €/MWh after %g, want sorted", s.ID, s.EURPerMWh, prev)
		}
		if math.Abs(s.FromMW-x) > 1e-9 || math.Abs(s.ToMW-s.FromMW-s.MW) > 1e-9 {
			t.Errorf("BuildCurve: step %s spans %g..%g for %g MW, want from %g", s.ID, s.FromMW, s.ToMW, s.MW, x)
		}
		prev, x = s.EURPerMWh, x+s.MW
	}
	if math.Abs(c.TotalMW-x) > 1e-9 {
		t.Errorf("BuildCurve.TotalMW = %g, want the sum of counted steps %g", c.TotalMW, x)
	}
}

func TestUnlock(t *testing.T) {
	ms := Evaluate(scenario.Default(), Structural).Measures
	sector := func(u Unlocked, name string) UnlockedSector {
		for _, s := range u.Sectors {
			if s.Sector == name {
				return s
			}
		}
		t.Fatalf("Unlock: no sector %q", name)
		return UnlockedSector{}
	}
	tests := []struct {
		name           string
		price          float64
		bound          Bound
		sector         string
		minMW, maxMW   float64
		totMin, totMax float64
	}{
		// §1.5: offices = max(heating, cooling) + charging = 287..388.
		{"§1.5 offices, all unlocked", 1e6, High, "offices", 287, 388, 640, 931},
		{"nothing below the cheapest", -1, High, "offices", 0, 0, 0, 0},
		// §2.3: €500/MWh unlocks a large part of chemistry: all but curtailment.
		{"§2.3 €500 unlocks most chemistry", 500, High, "chemistry", 5 + 153 + 1.5, 78 + 153 + 87, 0, 0},
		// Owner-users: heating 17, cooling 36, charging 0 → all offices at €40.
		{"§1.6 owner-users at €40", 40, Low, "offices", 287, 388, 0, 0},
		// Landlords at €150: heating (116) and charging (71), not cooling (240).
		{"§1.6 landlords at €150", 150, High, "offices", 26 + 82, 58 + 132, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := Unlock(ms, studyPotential, tc.price, tc.bound)
			s := sector(u, tc.sector)
			if math.Abs(s.MinMW-tc.minMW) > 1e-9 || math.Abs(s.MaxMW-tc.maxMW) > 1e-9 {
				t.Errorf("Unlock(€%g, %s).%s = %g..%g MW, want %g..%g", tc.price, tc.bound, tc.sector, s.MinMW, s.MaxMW, tc.minMW, tc.maxMW)
			}
			if tc.totMax > 0 || tc.price < 0 {
				// The study rounds chemistry's 198.5 to 199, hence 640.
				if math.Abs(u.MinMW-tc.totMin) > 0.6 || math.Abs(u.MaxMW-tc.totMax) > 0.6 {
					t.Errorf("Unlock(€%g).total = %g..%g MW, want %g..%g", tc.price, u.MinMW, u.MaxMW, tc.totMin, tc.totMax)
				}
			}
		})
	}
	t.Run("unlock matches the curve", func(t *testing.T) {
		for _, price := range []float64{0, 50, 120, 300, 500, 3000, 5000} {
			u := Unlock(ms, studyPotential, price, High)
			c := BuildCurve(ms, studyPotential, High, Max, nil)
			var curveMW float64
			for _, s := range c.Counted() {
				if s.EURPerMWh <= price {
					curveMW += s.MW
				}
			}
			// The curve counts the larger seasonal member; when only heating
			// is affordable, unlock counts heating, so compare with ≤.
			if u.MaxMW+1e-9 < curveMW {
				t.Errorf("Unlock(€%g).MaxMW = %g, want ≥ curve's %g", price, u.MaxMW, curveMW)
			}
		}
	})
}
