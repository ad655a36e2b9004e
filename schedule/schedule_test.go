package schedule

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

const tol = 1e-6

// day returns a cyclic 96-slot problem with the Dutch peak windows 07–10
// and 16–21 closed to charging (study §0).
func day(vs ...Vehicle) Problem {
	p := Problem{Slots: 96, Cyclic: true, Free: make([]bool, 96), MaxChargeKW: make([]float64, 96), Vehicles: vs}
	for t := range 96 {
		h := t / 4
		peak := (h >= 7 && h < 10) || (h >= 16 && h < 21)
		p.Free[t] = !peak
		if !peak {
			p.MaxChargeKW[t] = math.Inf(1)
		}
	}
	return p
}

func at(h int) int { return 4 * h }

// Study §3 worked example: 3 trucks × 290 kWh, 19:00–07:00, 50 kW chargers;
// charging only 21:00–07:00 needs 870 kWh ÷ 10 h = 87 kW.
func TestStudyExample87kW(t *testing.T) {
	truck := Vehicle{From: at(19), To: at(24 + 7), MaxKW: 50, NeedKWh: 290}
	sc, err := Solve(context.Background(), day(truck, truck, truck))
	if err != nil {
		t.Fatal(err)
	}
	if sc.PeakW != 87000 || sc.PeakDen != 1 {
		t.Errorf("Solve(context.Background(), study §3 example) peak = %d/%d W, want exactly 87000 W", sc.PeakW, sc.PeakDen)
	}
	if math.Abs(sc.LowerBoundKW-87) > tol {
		t.Errorf("lower bound = %v kW, want 87", sc.LowerBoundKW)
	}
	if len(sc.Short) != 0 {
		t.Errorf("shortfalls = %v, want none", sc.Short)
	}
	checkSchedule(t, day(truck, truck, truck), sc)
}

// The peak moves with the inputs: more energy, longer window, other load.
func TestPeakMovesWithInputs(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problem
		want float64
	}{
		{"study", day(Vehicle{From: At19(), To: at(31), MaxKW: 50, NeedKWh: 290}, Vehicle{From: At19(), To: at(31), MaxKW: 50, NeedKWh: 290}, Vehicle{From: At19(), To: at(31), MaxKW: 50, NeedKWh: 290}), 87},
		{"two trucks", day(Vehicle{From: At19(), To: at(31), MaxKW: 50, NeedKWh: 290}, Vehicle{From: At19(), To: at(31), MaxKW: 50, NeedKWh: 290}), 58},
		{"arrive 22:00", day(Vehicle{From: at(22), To: at(31), MaxKW: 50, NeedKWh: 290}), 290.0 / 9},
		{"charger binds", day(Vehicle{From: at(21), To: at(23), MaxKW: 11, NeedKWh: 20}), 10},
		{"van §3", day(Vehicle{From: at(19), To: at(31), MaxKW: 11, NeedKWh: 76.5}), 7.65},
		{"base load 20 kW", withBase(day(Vehicle{From: At19(), To: at(31), MaxKW: 50, NeedKWh: 290}), 20), 49},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := Solve(context.Background(), tc.p)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(sc.PeakKW-tc.want) > 1e-3 {
				t.Errorf("Solve(context.Background(), %s).PeakKW = %v, want %v", tc.name, sc.PeakKW, tc.want)
			}
			checkSchedule(t, tc.p, sc)
		})
	}
}

func At19() int { return at(19) }

func withBase(p Problem, kw float64) Problem {
	p.BaseKW = make([]float64, p.Slots)
	for t := range p.BaseKW {
		p.BaseKW[t] = kw
	}
	return p
}

func TestShortfalls(t *testing.T) {
	// Arrives 20:00, leaves 22:00: one free hour at 11 kW gives 11 kWh of 30.
	short := Vehicle{From: at(20), To: at(22), MaxKW: 11, NeedKWh: 30}
	ok := Vehicle{From: at(19), To: at(31), MaxKW: 11, NeedKWh: 30}
	sc, err := Solve(context.Background(), day(short, ok))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Short) != 1 || sc.Short[0].Vehicle != 0 || sc.Short[0].Reason != Dwell || math.Abs(sc.Short[0].ShortKWh()-19) > tol {
		t.Fatalf("Short = %+v, want vehicle 0 short 19 kWh for Dwell", sc.Short)
	}
	if math.Abs(sc.DeliveredKWh[0]-11) > tol || math.Abs(sc.DeliveredKWh[1]-30) > tol {
		t.Errorf("Delivered = %v, want [11 30]", sc.DeliveredKWh)
	}
	// Reduced charging in the evening peak (5 kW) shared by two vehicles
	// that are only there in the peak: together they get 5 kWh of 8.
	p := day(Vehicle{From: at(17), To: at(18), MaxKW: 11, NeedKWh: 4}, Vehicle{From: at(17), To: at(18), MaxKW: 11, NeedKWh: 4})
	for tt := at(16); tt < at(21); tt++ {
		p.MaxChargeKW[tt] = 5
	}
	sc, err = Solve(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var got float64
	for _, s := range sc.Short {
		if s.Reason != Shared {
			t.Errorf("reason %v, want Shared", s.Reason)
		}
		got += s.ShortKWh()
	}
	if math.Abs(got-3) > tol {
		t.Errorf("total shortfall = %v kWh, want 3", got)
	}
	// Deliver at the contracted 80 kW: the study's trucks miss 70 kWh.
	truck := Vehicle{From: at(19), To: at(31), MaxKW: 50, NeedKWh: 290}
	sc, err = Deliver(context.Background(), day(truck, truck, truck), 80)
	if err != nil {
		t.Fatal(err)
	}
	got = 0
	for _, s := range sc.Short {
		got += s.ShortKWh()
	}
	if math.Abs(got-70) > tol {
		t.Errorf("Deliver(context.Background(), study, 80 kW) shortfall = %v kWh, want 70 (§3: 800 of 870 kWh)", got)
	}
}

// checkSchedule verifies every constraint of the result and the
// certificate: the cut in CutSlots, evaluated from the problem alone,
// proves that no smaller peak delivers the same energy.
func checkSchedule(t *testing.T, p Problem, sc Schedule) {
	t.Helper()
	n := p.Slots
	charge := make([]float64, n)
	for i, v := range p.Vehicles {
		var e float64
		for tt := range n {
			kw := sc.KW[i][tt]
			if kw < -tol || kw > v.MaxKW+tol {
				t.Fatalf("vehicle %d slot %d: %v kW outside [0, %v]", i, tt, kw, v.MaxKW)
			}
			if kw > tol && !inWindow(p, v, tt) {
				t.Fatalf("vehicle %d charges %v kW in slot %d outside its window", i, kw, tt)
			}
			e += kw / 4
			charge[tt] += kw
		}
		if math.Abs(e-sc.DeliveredKWh[i]) > tol {
			t.Fatalf("vehicle %d: schedule has %v kWh, DeliveredKWh %v", i, e, sc.DeliveredKWh[i])
		}
	}
	for tt := range n {
		base, off := 0.0, 0.0
		if p.BaseKW != nil {
			base = p.BaseKW[tt]
		}
		if p.LimitOffsetKW != nil {
			off = p.LimitOffsetKW[tt]
		}
		if p.MaxChargeKW != nil && charge[tt] > p.MaxChargeKW[tt]+tol {
			t.Fatalf("slot %d: charging %v kW above the limit %v", tt, charge[tt], p.MaxChargeKW[tt])
		}
		if (p.Free == nil || p.Free[tt]) && base+charge[tt] > sc.PeakKW+off+tol {
			t.Fatalf("slot %d: grid %v kW above the peak %v + %v", tt, base+charge[tt], sc.PeakKW, off)
		}
	}
	if lb := cutBound(p, sc); lb < sc.PeakKW-1e-6 {
		t.Fatalf("certificate bound %v kW < peak %v kW: optimality not proven", lb, sc.PeakKW)
	}
	if math.Abs(sc.LowerBoundKW-sc.PeakKW) > 1e-6 {
		t.Fatalf("LowerBoundKW %v ≠ PeakKW %v", sc.LowerBoundKW, sc.PeakKW)
	}
}

func inWindow(p Problem, v Vehicle, t int) bool {
	for s := v.From; s < v.To; s++ {
		if s%p.Slots == t {
			return true
		}
	}
	return false
}

// cutBound recomputes, from the problem alone, the smallest P that the cut
// A = sc.CutSlots admits: the energy that must pass through A is
// Σ_i max(0, E_i − r_i·|W_i \ A|), and A can take Σ_{t∈A} min(P − base_t +
// off_t, M_t). Without a cut the bound is the other load in the free slots.
func cutBound(p Problem, sc Schedule) float64 {
	n := p.Slots
	get := func(xs []float64, t int, def float64) float64 {
		if xs == nil {
			return def
		}
		return xs[t]
	}
	free := func(t int) bool { return p.Free == nil || p.Free[t] }
	lo := math.Inf(-1)
	for t := range n {
		if free(t) {
			lo = math.Max(lo, get(p.BaseKW, t, 0)-get(p.LimitOffsetKW, t, 0))
		}
	}
	if sc.CutSlots == nil {
		return lo
	}
	in := make([]bool, n)
	for _, t := range sc.CutSlots {
		in[t] = true
	}
	var need float64
	for i, v := range p.Vehicles {
		out := 0
		for s := v.From; s < v.To; s++ {
			if !in[s%n] {
				out++
			}
		}
		need += math.Max(0, sc.DeliveredKWh[i]-v.MaxKW*float64(out)/4)
	}
	f := func(P float64) float64 {
		var c float64
		for _, t := range sc.CutSlots {
			if free(t) {
				c += math.Min(P-get(p.BaseKW, t, 0)+get(p.LimitOffsetKW, t, 0), get(p.MaxChargeKW, t, math.Inf(1))) / 4
			} else {
				c += get(p.MaxChargeKW, t, math.Inf(1)) / 4
			}
		}
		return c
	}
	a, b := lo, lo+1
	for f(b) < need-1e-9 {
		b = 2*b - a + 1
		if b > 1e9 {
			return math.Inf(1)
		}
	}
	for range 200 {
		m := (a + b) / 2
		if f(m) < need-1e-9 {
			a = m
		} else {
			b = m
		}
	}
	return math.Max(a, lo)
}

// lpPeak solves the same problem as a linear program with gonum's simplex:
// an independent method. Variables: x_it (kW) for every vehicle and window
// slot, then P⁺ and P⁻.
func lpPeak(t *testing.T, p Problem, need []float64) float64 {
	t.Helper()
	n := p.Slots
	type v struct{ i, t int }
	var vars []v
	for i, veh := range p.Vehicles {
		for s := veh.From; s < veh.To; s++ {
			vars = append(vars, v{i, s % n})
		}
	}
	nv := len(vars) + 2
	c := make([]float64, nv)
	c[nv-2], c[nv-1] = 1, -1
	var G [][]float64
	var h []float64
	for k, x := range vars {
		row := make([]float64, nv)
		row[k] = 1
		G, h = append(G, row), append(h, p.Vehicles[x.i].MaxKW)
		neg := make([]float64, nv) // lp.Convert makes every variable free
		neg[k] = -1
		G, h = append(G, neg), append(h, 0)
	}
	for _, k := range []int{nv - 2, nv - 1} {
		neg := make([]float64, nv)
		neg[k] = -1
		G, h = append(G, neg), append(h, 0)
	}
	for tt := range n {
		row := make([]float64, nv)
		for k, x := range vars {
			if x.t == tt {
				row[k] = 1
			}
		}
		if p.MaxChargeKW != nil && !math.IsInf(p.MaxChargeKW[tt], 1) {
			G, h = append(G, row), append(h, p.MaxChargeKW[tt])
		}
		if p.Free == nil || p.Free[tt] {
			r := append([]float64(nil), row...)
			r[nv-2], r[nv-1] = -1, 1
			base, off := 0.0, 0.0
			if p.BaseKW != nil {
				base = p.BaseKW[tt]
			}
			if p.LimitOffsetKW != nil {
				off = p.LimitOffsetKW[tt]
			}
			G, h = append(G, r), append(h, off-base)
		}
	}
	A := mat.NewDense(len(p.Vehicles), nv, nil)
	for k, x := range vars {
		A.Set(x.i, k, 0.25)
	}
	Gm := mat.NewDense(len(G), nv, nil)
	for r, row := range G {
		Gm.SetRow(r, row)
	}
	cs, As, bs := lp.Convert(c, Gm, h, A, need)
	opt, _, err := lp.Simplex(cs, As, bs, 1e-10, nil)
	if err != nil {
		t.Fatalf("lp.Simplex: %v", err)
	}
	return opt
}

// Optimality against an independent LP on random small sites: cyclic and
// not, peaks closed or reduced, other load and PV, several vehicles.
func TestOptimalAgainstLP(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rates := []float64{3.7, 7.4, 11, 22, 50}
	compared := 0
	for k := 0; compared < 150 && k < 1000; k++ {
		n := 6 + rng.IntN(10)
		p := Problem{Slots: n, Cyclic: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			p.BaseKW = make([]float64, n)
			for tt := range n {
				p.BaseKW[tt] = float64(rng.IntN(41) - 10) // PV makes it negative
			}
		}
		if rng.IntN(2) == 0 {
			p.Free = make([]bool, n)
			p.MaxChargeKW = make([]float64, n)
			for tt := range n {
				p.Free[tt] = rng.IntN(4) != 0
				p.MaxChargeKW[tt] = math.Inf(1)
				if !p.Free[tt] {
					p.MaxChargeKW[tt] = float64(rng.IntN(3) * 5)
				}
			}
		}
		if rng.IntN(3) == 0 {
			p.LimitOffsetKW = make([]float64, n)
			for tt := range n {
				p.LimitOffsetKW[tt] = float64(rng.IntN(3) * 10)
			}
		}
		nveh := 1 + rng.IntN(5)
		for range nveh {
			from := rng.IntN(n)
			l := 1 + rng.IntN(n-1)
			if !p.Cyclic {
				l = 1 + rng.IntN(n-from)
			}
			r := rates[rng.IntN(len(rates))]
			need := math.Round(rng.Float64()*r*float64(l)/4*100) / 100
			p.Vehicles = append(p.Vehicles, Vehicle{From: from, To: from + l, MaxKW: r, NeedKWh: need})
		}
		sc, err := Solve(context.Background(), p)
		if err != nil {
			t.Fatalf("case %d: %v", k, err)
		}
		checkSchedule(t, p, sc)
		anyFree := p.Free == nil
		for _, f := range p.Free {
			anyFree = anyFree || f
		}
		if !anyFree {
			continue
		}
		want := lpPeak(t, p, sc.DeliveredKWh)
		if math.Abs(sc.PeakKW-want) > 1e-4 {
			t.Fatalf("case %d: Solve(context.Background(), %+v).PeakKW = %v, LP optimum %v", k, p, sc.PeakKW, want)
		}
		compared++
	}
	if compared < 100 {
		t.Fatalf("only %d cases compared", compared)
	}
}

// randomDepot is the benchmark depot: n vehicles with arrivals 15:00–23:00,
// departures 05:00–09:00, vans and trucks.
func randomDepot(n int, seed uint64) Problem {
	rng := rand.New(rand.NewPCG(seed, 7))
	vs := make([]Vehicle, n)
	for i := range vs {
		from := at(15) + rng.IntN(33)
		to := at(24+5) + rng.IntN(17)
		kw := []float64{11, 22, 50}[rng.IntN(3)]
		free := 0
		for s := from; s < to; s++ {
			if h := (s % 96) / 4; !((h >= 7 && h < 10) || (h >= 16 && h < 21)) {
				free++
			}
		}
		need := math.Round(rng.Float64()*0.9*kw*float64(free)/4*10) / 10
		vs[i] = Vehicle{From: from, To: to, MaxKW: kw, NeedKWh: need}
	}
	return day(vs...)
}

func TestRandomDepotCertificate(t *testing.T) {
	p := randomDepot(300, 3)
	sc, err := Solve(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	checkSchedule(t, p, sc)
	if len(sc.Short) != 0 {
		t.Errorf("Short = %d vehicles, want none", len(sc.Short))
	}
}

// Benchmark: 1,000 vehicles, one day at 15 minutes, scheduled optimally
// (issue 5: under 100 ms).
func BenchmarkSolve1000(b *testing.B) {
	p := randomDepot(1000, 1)
	b.ReportAllocs()
	var it int
	for b.Loop() {
		sc, err := Solve(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		it = sc.Iterations
	}
	b.ReportMetric(float64(len(p.Vehicles))*float64(b.N)/b.Elapsed().Seconds(), "vehicles/s")
	b.ReportMetric(float64(it), "maxflows/op")
}

// A battery charged in the daytime gap (10–16, trucks away) lowers the
// night capacity of the study's depot: 100 kWh delivered at night needs
// 10·P + 100 ≥ 870 → P = 77 kW; at 90 % the day draws 111 kWh, far below
// 77 kW × 6 h, so the losses do not move the optimum.
func TestBatteryLowersNightCapacity(t *testing.T) {
	truck := Vehicle{From: at(19), To: at(31), MaxKW: 50, NeedKWh: 290}
	for _, tc := range []struct {
		name        string
		b           Battery
		want, lower float64
	}{
		{"no storage", Battery{KWh: 0, KW: 50, Efficiency: 0.9}, 87, 87},
		{"100 kWh lossless", Battery{KWh: 100, KW: 50, Efficiency: 1}, 77, 77},
		{"100 kWh 90 %", Battery{KWh: 100, KW: 50, Efficiency: 0.9}, 77, 77},
		// 5 kW × 6 h = 30 kWh stored in the day: 10·P + 30 ≥ 870 → 84 kW.
		{"power-limited 5 kW", Battery{KWh: 100, KW: 5, Efficiency: 1}, 84, 84},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := day(truck, truck, truck)
			b := tc.b
			p.Battery = &b
			sc, err := Solve(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(sc.PeakKW-tc.want) > 1e-3 || math.Abs(sc.LowerBoundKW-tc.lower) > 1e-3 {
				t.Errorf("Solve(context.Background(), battery %+v) = %v kW (bound %v), want %v (bound %v)", tc.b, sc.PeakKW, sc.LowerBoundKW, tc.want, tc.lower)
			}
			for tt := range p.Slots {
				if p.Free[tt] && sc.GridKW[tt] > sc.PeakKW+1e-6 {
					t.Fatalf("slot %d: grid %v above %v", tt, sc.GridKW[tt], sc.PeakKW)
				}
				if !p.Free[tt] && sc.GridKW[tt] > 1e-6 {
					t.Fatalf("peak slot %d draws %v kW from the grid", tt, sc.GridKW[tt])
				}
				if sc.BatteryKWh[tt] > b.KWh+1e-9 || math.Abs(sc.BatteryKW[tt]) > b.KW/b.Efficiency+1e-9 {
					t.Fatalf("slot %d: battery %v kW / %v kWh outside its limits", tt, sc.BatteryKW[tt], sc.BatteryKWh[tt])
				}
			}
			for i := range p.Vehicles {
				if math.Abs(sc.DeliveredKWh[i]-290) > 1e-6 {
					t.Fatalf("vehicle %d gets %v kWh, want 290", i, sc.DeliveredKWh[i])
				}
			}
		})
	}
}

// A battery never makes the peak worse, a lossless one is solved exactly
// (checked against the LP with storage as extra slack is not available, so
// against the no-battery optimum and its own bound).
func TestBatteryNeverWorse(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for k := range 60 {
		n := 8 + rng.IntN(8)
		p := Problem{Slots: n, Cyclic: rng.IntN(2) == 0, BaseKW: make([]float64, n)}
		for tt := range n {
			p.BaseKW[tt] = float64(rng.IntN(20))
		}
		for range 1 + rng.IntN(4) {
			from, l := rng.IntN(n), 1+rng.IntN(n-1)
			if !p.Cyclic {
				l = 1 + rng.IntN(n-from)
			}
			r := []float64{3.7, 11, 22}[rng.IntN(3)]
			p.Vehicles = append(p.Vehicles, Vehicle{From: from, To: from + l, MaxKW: r, NeedKWh: math.Round(rng.Float64()*r*float64(l)/4*100) / 100})
		}
		a, err := Solve(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range []Battery{{KWh: 0, KW: 0, Efficiency: 1}, {KWh: 20, KW: 10, Efficiency: 1}, {KWh: 20, KW: 10, Efficiency: 0.85}} {
			q := p
			q.Battery = &b
			c, err := Solve(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if c.PeakKW > a.PeakKW+1e-6 || c.LowerBoundKW > c.PeakKW+1e-6 {
				t.Fatalf("case %d battery %+v: peak %v (bound %v), without battery %v", k, b, c.PeakKW, c.LowerBoundKW, a.PeakKW)
			}
			if b.KWh == 0 && math.Abs(c.PeakKW-a.PeakKW) > 1e-6 {
				t.Fatalf("case %d: an empty battery changes the peak %v → %v", k, a.PeakKW, c.PeakKW)
			}
			for i := range q.Vehicles {
				if math.Abs(c.DeliveredKWh[i]-a.DeliveredKWh[i]) > 1e-6 && c.DeliveredKWh[i] < a.DeliveredKWh[i] {
					t.Fatalf("case %d: vehicle %d gets less with a battery", k, i)
				}
			}
			for tt := range n {
				if c.GridKW[tt] > c.PeakKW+1e-6 {
					t.Fatalf("case %d battery %+v: slot %d grid %v > peak %v", k, b, tt, c.GridKW[tt], c.PeakKW)
				}
			}
		}
	}
}

// At a fixed capacity, competing vehicles share the shortfall: everyone
// gets at least the same share of its need, and the total is the maximum.
func TestDeliverFairShare(t *testing.T) {
	van := Vehicle{From: at(21), To: at(31), MaxKW: 11, NeedKWh: 80}
	truck := Vehicle{From: at(21), To: at(31), MaxKW: 50, NeedKWh: 300}
	sc, err := Deliver(context.Background(), day(van, truck), 30) // 300 kWh fit of 380
	if err != nil {
		t.Fatal(err)
	}
	total := sc.DeliveredKWh[0] + sc.DeliveredKWh[1]
	if math.Abs(total-300) > 1e-3 {
		t.Errorf("delivered %v kWh in all, want the maximum 300", total)
	}
	share := 300.0 / 380
	for i, v := range []Vehicle{van, truck} {
		if sc.DeliveredKWh[i] < share*v.NeedKWh-1e-3 {
			t.Errorf("vehicle %d gets %v of %v kWh, below the common share %.3f", i, sc.DeliveredKWh[i], v.NeedKWh, share)
		}
	}
}

// Benchmark: the same depot with a varying other load (office hours, PV at
// noon) and 100 kW of charging allowed in the peaks — more cuts to walk.
func BenchmarkSolve1000OtherLoad(b *testing.B) {
	p := randomDepot(1000, 2)
	p.BaseKW = make([]float64, 96)
	for t := range 96 {
		h := float64(t) / 4
		p.BaseKW[t] = 200 + 150*math.Sin(math.Pi*h/24) - 120*math.Max(0, math.Sin(math.Pi*(h-7)/12)) + float64((t*37)%23)
		if !p.Free[t] {
			p.MaxChargeKW[t] = 100
		}
	}
	b.ReportAllocs()
	var it int
	for b.Loop() {
		sc, err := Solve(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		it = sc.Iterations
	}
	b.ReportMetric(float64(len(p.Vehicles))*float64(b.N)/b.Elapsed().Seconds(), "vehicles/s")
	b.ReportMetric(float64(it), "maxflows/op")
}

// A vehicle plugged in only inside a peak with no charging allowed depends
// on the battery: the "battery idle" comparison must not be tried then
// (found by FuzzParseSite: it failed with "no progress").
func TestBatteryOnlySource(t *testing.T) {
	for _, eta := range []float64{1, 0.9, 0.1} {
		t.Run(strconv.FormatFloat(eta, 'g', -1, 64), func(t *testing.T) {
			p := day(Vehicle{From: at(17), To: at(19), MaxKW: 11, NeedKWh: 10})
			p.Battery = &Battery{KWh: 20, KW: 10, Efficiency: eta}
			sc, err := Solve(context.Background(), p)
			if err != nil {
				t.Fatalf("Solve(context.Background(), vehicle inside the peak, battery η %v) = %v", eta, err)
			}
			if math.Abs(sc.DeliveredKWh[0]-10) > 1e-6 || len(sc.Short) != 0 {
				t.Errorf("Solve(context.Background(), η %v) delivers %v kWh (short %v), want 10", eta, sc.DeliveredKWh[0], sc.Short)
			}
			// 10 kWh / η drawn over the 16 free hours at best.
			if lo := 10 / eta / 16; sc.PeakKW < lo-1e-6 || sc.LowerBoundKW > sc.PeakKW+1e-6 {
				t.Errorf("Solve(context.Background(), η %v) peak %v kW (bound %v), want ≥ %v", eta, sc.PeakKW, sc.LowerBoundKW, lo)
			}
			for tt := range p.Slots {
				if !p.Free[tt] && sc.GridKW[tt] > 1e-6 {
					t.Fatalf("peak slot %d draws %v kW from the grid", tt, sc.GridKW[tt])
				}
			}
		})
	}
}

// TestPartialSlotCaps: a stay covering only part of its first and last
// slot gets only those minutes' energy there (FirstKW, LastKW); a need that
// fits them is met, one above is short for its dwell.
func TestPartialSlotCaps(t *testing.T) {
	for _, tc := range []struct {
		need, want float64
	}{{2.06, 2.06}, {2.6, 6.6 * 23 / 60}} {
		p := Problem{Slots: 96, Vehicles: []Vehicle{{From: 60, To: 62, MaxKW: 6.6, NeedKWh: tc.need, FirstKW: 6.6 * 13 / 15, LastKW: 6.6 * 10 / 15}}}
		sc, err := Solve(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		if got := sc.DeliveredKWh[0]; math.Abs(got-tc.want) > 1e-3 {
			t.Errorf("need %g: delivered %v kWh, want %v", tc.need, got, tc.want)
		}
		if sc.KW[0][60] > 6.6*13/15+1e-3 || sc.KW[0][61] > 6.6*10/15+1e-3 {
			t.Errorf("need %g: %v, %v kW above the minutes' power", tc.need, sc.KW[0][60], sc.KW[0][61])
		}
		if short := tc.need > tc.want; short != (len(sc.Short) == 1 && sc.Short[0].Reason == Dwell) {
			t.Errorf("need %g: short = %+v", tc.need, sc.Short)
		}
	}
}

// TestCancelled: a cancelled context stops the peak search and the fair
// share with the context's error, not a schedule (issue 10).
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	truck := Vehicle{From: at(19), To: at(31), MaxKW: 50, NeedKWh: 290}
	if _, err := Solve(ctx, day(truck, truck, truck)); !errors.Is(err, context.Canceled) {
		t.Errorf("Solve(cancelled) = %v, want context.Canceled", err)
	}
	if _, err := Deliver(ctx, day(truck, truck, truck), 80); !errors.Is(err, context.Canceled) {
		t.Errorf("Deliver(cancelled) = %v, want context.Canceled", err)
	}
}
