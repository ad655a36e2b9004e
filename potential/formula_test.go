package potential

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"gridflex/scenario"
)

func measure(r Result, id string) Measure {
	for _, m := range r.Measures {
		if m.ID == id {
			return m
		}
	}
	panic("no measure " + id)
}

func sector(r Result, id string) Sector {
	for _, s := range r.Sectors {
		if s.ID == id {
			return s
		}
	}
	panic("no sector " + id)
}

func same(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestInputsMoveOutputs proves nothing is hard-coded: changing one input
// moves every dependent output exactly as the formula says (min, point and
// max alike).
func TestInputsMoveOutputs(t *testing.T) {
	base := scenario.Default()
	r0 := Evaluate(base)
	type triple struct{ min, point, max float64 }
	of := func(m Measure) triple { return triple{m.MinMW, m.PointMW, m.MaxMW} }
	scale := func(x triple, f float64) triple { return triple{x.min * f, x.point * f, x.max * f} }
	eq := func(a, b triple) bool { return same(a.min, b.min) && same(a.point, b.point) && same(a.max, b.max) }

	tests := []struct {
		name    string
		key     string
		value   float64
		measure string
		want    triple
	}{
		{"§1.2 doubling heating SPF halves heating", "offices.heating.spf", 5.2, "offices.heating",
			scale(of(measure(r0, "offices.heating")), 0.5)},
		{"§1.3 doubling cooling SPF halves cooling", "offices.cooling.spf", 8.6, "offices.cooling",
			scale(of(measure(r0, "offices.cooling")), 0.5)},
		{"§1.3 cooling is linear in the active share", "offices.cooling.active_share", 0.45, "offices.cooling",
			scale(of(measure(r0, "offices.cooling")), 0.5)},
		{"§1.3 halving full-load hours doubles cooling", "offices.cooling.full_load_hours", 273, "offices.cooling",
			scale(of(measure(r0, "offices.cooling")), 2)},
		{"§1.4 charging is linear in the charger count", "offices.charging.chargers", 70000, "offices.charging",
			scale(of(measure(r0, "offices.charging")), 2)},
		{"§1.4 charging is linear in simultaneity", "offices.charging.simultaneity", 0.35, "offices.charging",
			scale(of(measure(r0, "offices.charging")), 0.5)},
		{"§2.2 CHP is offered ÷ respondents' share", "chemistry.chp.respondent_share", 0.5, "chemistry.chp",
			triple{200, 200, 200}},
		{"§3 logistics is share × demand", "logistics.depot_demand_mw", 1470, "logistics.charging",
			triple{1029, 1029, 1029}},
		{"§4 datacenters scale with IT capacity", "datacenters.it_mw", 3006, "datacenters.cooling",
			scale(of(measure(r0, "datacenters.cooling")), 2)},
		{"§4 a longer ride-through cuts more", "datacenters.ride_through_min", 12, "datacenters.cooling",
			scale(of(measure(r0, "datacenters.cooling")), 2)},
		{"§4 the cut share is at most 100 %", "datacenters.ride_through_min", 240, "datacenters.cooling",
			scale(of(measure(r0, "datacenters.cooling")), 20)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(base.With(tc.key, tc.value))
			if got := of(measure(r, tc.measure)); !eq(got, tc.want) {
				t.Errorf("Evaluate(%s=%v) %s = %+v, want %+v", tc.key, tc.value, tc.measure, got, tc.want)
			}
		})
	}
}

// TestLogisticsShareMovesTotal: the national total moves by exactly Δ × 220 MW
// when the logistics share moves by Δ (§3, §5).
func TestLogisticsShareMovesTotal(t *testing.T) {
	base := scenario.Default()
	r0 := Evaluate(base)
	for _, share := range []float64{0, 0.5, 0.75, 1} {
		r := Evaluate(base.With("logistics.flexible_share", share))
		d := (share - 0.7) * 220
		if !same(r.Total.MinMW, r0.Total.MinMW+d) || !same(r.Total.MaxMW, r0.Total.MaxMW+d) {
			t.Errorf("Evaluate(logistics.flexible_share=%v) total = %v–%v, want %v–%v",
				share, r.Total.MinMW, r.Total.MaxMW, r0.Total.MinMW+d, r0.Total.MaxMW+d)
		}
	}
}

// TestUniverseMovesHeatingAndCooling: a label's floor area enters estimate
// 2 with its heat-pump share and heat need (§1.2); its energy and heat
// totals enter the cooling need (§1.3).
func TestUniverseMovesHeatingAndCooling(t *testing.T) {
	base := scenario.Default()
	b0 := bound(base)
	area := base.Value("offices.universe.a.floor_area_m2")
	b1 := bound(base.With("offices.universe.a.floor_area_m2", area+100_000))
	if got, want := b1.pointTrace.Est2AreaM2-b0.pointTrace.Est2AreaM2, 0.25*100_000.0; !same(got, want) {
		t.Errorf("est. 2 area moved by %v m², want %v (share 25 %% of 100,000 m²)", got, want)
	}
	if got, want := b1.pointTrace.Est2HeatMWh-b0.pointTrace.Est2HeatMWh, 0.25*100_000*67/1000.0; !same(got, want) {
		t.Errorf("est. 2 heat moved by %v MWh, want %v", got, want)
	}
	// The maximum uses estimate 2 at 1,237 h with flex 100 %.
	if got, want := b1.max[outOfficesHeating]-b0.max[outOfficesHeating], 0.25*100_000*67/1000.0/1237/2.6; !same(got, want) {
		t.Errorf("heating max moved by %v MW, want %v", got, want)
	}
	// Cooling follows the same floor area (§1.1 cooling per m² × area).
	coolA := base.Value("offices.universe.a.cooling_kwh_per_m2")
	if got, want := b1.max[outOfficesCooling]-b0.max[outOfficesCooling], 100_000*coolA/1000*0.9/546/4.3; !same(got, want) {
		t.Errorf("cooling max moved by %v MW with 100,000 m² more label A, want %v", got, want)
	}
	// A heat-pump share below label A (0 by default) now counts.
	b3 := bound(base.With("offices.heating.heat_pump_share.b", 0.1))
	if got, want := b3.pointTrace.Est2AreaM2-b0.pointTrace.Est2AreaM2, 0.1*1_200_391.0; !same(got, want) {
		t.Errorf("est. 2 area moved by %v m² with a B share of 10 %%, want %v", got, want)
	}
}

// TestOfficesNotAdditive: heating and cooling are alternatives (§1.5), so a
// heating potential above cooling takes over the sector.
func TestOfficesNotAdditive(t *testing.T) {
	s := scenario.Default().With("offices.cooling.active_share", 0.01)
	r := Evaluate(s)
	h, c, ch := measure(r, "offices.heating"), measure(r, "offices.cooling"), measure(r, "offices.charging")
	o := sector(r, "offices")
	if !same(o.MinMW, max(h.MinMW, c.MinMW)+ch.MinMW) || !same(o.MaxMW, max(h.MaxMW, c.MaxMW)+ch.MaxMW) {
		t.Errorf("offices = %v–%v, want max(heating, cooling) + charging = %v–%v", o.MinMW, o.MaxMW,
			max(h.MinMW, c.MinMW)+ch.MinMW, max(h.MaxMW, c.MaxMW)+ch.MaxMW)
	}
	if !same(o.MaxMW, h.MaxMW+ch.MaxMW) {
		t.Errorf("offices max = %v, want heating %v + charging %v once heating dominates", o.MaxMW, h.MaxMW, ch.MaxMW)
	}
}

// TestRangeMovesBounds: the published bounds are the ends of the ranges; a
// narrower range narrows them (heating min uses 1,570 h, max 1,237 h).
func TestRangeMovesBounds(t *testing.T) {
	s, err := scenario.Load(scenario.Options{Sets: []string{"offices.heating.full_load_hours=1400..1500"}})
	if err != nil {
		t.Fatal(err)
	}
	h := measure(Evaluate(s), "offices.heating")
	wantMin := 0.8 * 135_000 / 1500 / 2.6
	wantMax := 1.0 * bound(s).pointTrace.Est2HeatMWh / 1400 / 2.6
	if !same(h.MinMW, wantMin) || !same(h.MaxMW, wantMax) {
		t.Errorf("heating with 1,400..1,500 h = %v–%v, want %v–%v", h.MinMW, h.MaxMW, wantMin, wantMax)
	}
}

// TestMonotone checks the premise of bound: at random points of the range
// box, moving any one ranged input from its low to its high end moves each
// output in the same direction as at the point values (or not at all). It
// also checks min ≤ point ≤ max and that random points stay within the
// bounds.
func TestMonotone(t *testing.T) {
	s := scenario.Default()
	m := newModel(s)
	ps := s.Params()
	b := bound(s)
	var ranged []int
	for i, p := range ps {
		if p.Low() < p.High() {
			ranged = append(ranged, i)
		}
	}
	dir := func(v []float64, i int) [nOut]int {
		var lo, hi trace
		w := append([]float64(nil), v...)
		w[i] = ps[i].Low()
		m.eval(w, &lo)
		w[i] = ps[i].High()
		m.eval(w, &hi)
		var d [nOut]int
		for o := range nOut {
			switch {
			case hi.Out[o] > lo.Out[o]+1e-9:
				d[o] = 1
			case hi.Out[o] < lo.Out[o]-1e-9:
				d[o] = -1
			}
		}
		return d
	}
	d0 := map[int][nOut]int{}
	for _, i := range ranged {
		d0[i] = dir(b.values, i)
	}
	for o := range nOut {
		if !(b.min[o] <= b.point[o]+1e-9 && b.point[o] <= b.max[o]+1e-9) {
			t.Errorf("output %d: min %v, point %v, max %v out of order", o, b.min[o], b.point[o], b.max[o])
		}
	}
	r := rand.New(rand.NewPCG(5, 5))
	v := append([]float64(nil), b.values...)
	var tr trace
	for range 500 {
		for _, i := range ranged {
			v[i] = ps[i].Low() + r.Float64()*(ps[i].High()-ps[i].Low())
		}
		m.eval(v, &tr)
		for o := range nOut {
			if tr.Out[o] < b.min[o]-1e-9 || tr.Out[o] > b.max[o]+1e-9 {
				t.Fatalf("output %d at %v = %v, outside the bounds %v–%v", o, v, tr.Out[o], b.min[o], b.max[o])
			}
		}
		for _, i := range ranged {
			d := dir(v, i)
			for o := range nOut {
				if d[o] != 0 && d0[i][o] != 0 && d[o] != d0[i][o] {
					t.Fatalf("output %d is not monotone in %s: direction %d here, %d at the point values", o, ps[i].Key, d[o], d0[i][o])
				}
			}
		}
	}
}

// TestSensitivity: the ranking is by swing, the swings equal the formulas,
// and inputs that cannot move the total (heating, while cooling dominates
// the offices sector; datacenters, outside the total) have no swing.
func TestSensitivity(t *testing.T) {
	sens, err := Sensitivities(context.Background(), scenario.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(sens.Inputs); i++ {
		if sens.Inputs[i].SwingMW > sens.Inputs[i-1].SwingMW {
			t.Errorf("Sensitivities() input %d (%s) swings more than input %d", i, sens.Inputs[i].Key, i-1)
		}
	}
	want := map[string]float64{
		"chemistry.utilities.extrapolation_blend": 87 - 1.5002,
		"chemistry.batch.extrapolation_blend":     78 - 5.2,
		"offices.charging.kw_per_charger":         31_500 * (6.0 - 3.7) * 0.7 / 1000,
		"offices.heating.full_load_hours":         0,
		"datacenters.cooling_share":               0,
	}
	for _, in := range sens.Inputs {
		if w, ok := want[in.Key]; ok && !same(in.SwingMW, w) {
			t.Errorf("Sensitivities() swing of %s = %v MW, want %v", in.Key, in.SwingMW, w)
		}
	}
	if sens.Inputs[0].Key != "chemistry.utilities.extrapolation_blend" {
		t.Errorf("Sensitivities() top input = %s, want chemistry.utilities.extrapolation_blend", sens.Inputs[0].Key)
	}
	dc, _ := Sensitivities(context.Background(), scenario.Default(), Options{WithDatacenters: true})
	for _, in := range dc.Inputs {
		if in.Key == "datacenters.cooling_share" && !same(in.SwingMW, 1503*0.1*0.05) {
			t.Errorf("Sensitivities(with datacenters) swing of %s = %v, want %v", in.Key, in.SwingMW, 1503*0.1*0.05)
		}
	}
}

// TestBoundCorners: on the defaults the exhaustive corner search and the
// one-at-a-time search agree; where a blend's low and high estimates cross
// inside the ranges, only the corner search finds the true extremes.
func TestBoundCorners(t *testing.T) {
	s := scenario.Default()
	b := bound(s)
	g := &bounds{values: b.values, ranged: b.ranged}
	for o := range nOut {
		g.minCorner[o] = append([]float64(nil), b.values...)
		g.maxCorner[o] = append([]float64(nil), b.values...)
	}
	m := newModel(s)
	g.oneAtATime(m, s.Params())
	for o := range nOut {
		var lo, hi trace
		m.eval(g.minCorner[o], &lo)
		m.eval(g.maxCorner[o], &hi)
		if !same(lo.Out[o], b.min[o]) || !same(hi.Out[o], b.max[o]) {
			t.Errorf("output %d: one at a time %v–%v, corners %v–%v", o, lo.Out[o], hi.Out[o], b.min[o], b.max[o])
		}
	}

	// Batch high = 2,000 × 0.3 × flex share: 0.6 MW at 0.001, below the low
	// estimate 5.2 MW; so the minimum is the high estimate at the lowest
	// share (blend 1), though at the point values the blend raises batch.
	c, err := scenario.Load(scenario.Options{Sets: []string{"chemistry.batch.flex_share=0.001..0.13"}})
	if err != nil {
		t.Fatal(err)
	}
	batch := measure(Evaluate(c), "chemistry.batch")
	if !same(batch.MinMW, 2000*0.3*0.001) || !same(batch.MaxMW, 78) {
		t.Errorf("Evaluate(crossing estimates) batch = %v–%v, want %v–78", batch.MinMW, batch.MaxMW, 2000*0.3*0.001)
	}
}

// TestCoolingFollowsLabelAreaAndIntensity is a property over every label:
// the cooling need, and with it the flexible cooling, is linear in the
// label's floor area and in its cooling per m² (§1.1, §1.3), so scaling
// either by k adds (k−1) × area × intensity.
func TestCoolingFollowsLabelAreaAndIntensity(t *testing.T) {
	base := scenario.Default()
	b0 := bound(base)
	for _, l := range labels {
		u := "offices.universe." + l + "."
		area, kwh := base.Value(u+"floor_area_m2"), base.Value(u+"cooling_kwh_per_m2")
		for _, tc := range []struct {
			name string
			key  string
			k    float64
		}{
			{"double area", u + "floor_area_m2", 2},
			{"halve area", u + "floor_area_m2", 0.5},
			{"triple intensity", u + "cooling_kwh_per_m2", 3},
			{"zero intensity", u + "cooling_kwh_per_m2", 0},
		} {
			t.Run(l+"/"+tc.name, func(t *testing.T) {
				b := bound(base.With(tc.key, tc.k*base.Value(tc.key)))
				wantNeed := (tc.k - 1) * area * kwh / 1000
				if got := b.pointTrace.CoolingNeedMWh - b0.pointTrace.CoolingNeedMWh; !same(got, wantNeed) {
					t.Errorf("cooling need moved by %v MWh, want %v", got, wantNeed)
				}
				// Max: active 90 %, 546 h, SPF 4.3, flex 100 %.
				if got, want := b.max[outOfficesCooling]-b0.max[outOfficesCooling], wantNeed*0.9/546/4.3; math.Abs(got-want) > 1e-9 {
					t.Errorf("cooling max moved by %v MW, want %v", got, want)
				}
			})
		}
	}
}
