package schedule

import (
	"errors"
	"fmt"
	"math"
)

// Problem is a charging site over a horizon of quarter-hour slots.
//
// In a free slot t the grid import is limited by the peak P that Solve
// minimises: charging(t) ≤ P + LimitOffsetKW[t] − BaseKW[t]. In every slot
// charging(t) ≤ MaxChargeKW[t] (the peak windows: zero or reduced). Nil
// slices mean: BaseKW 0, Free all true, MaxChargeKW unlimited,
// LimitOffsetKW 0.
type Problem struct {
	Slots int
	// Cyclic lets windows wrap past the last slot onto the first (a
	// typical day that repeats).
	Cyclic        bool
	BaseKW        []float64 // other load, PV negative
	Free          []bool
	MaxChargeKW   []float64 // +Inf or NaN: no limit
	LimitOffsetKW []float64
	Vehicles      []Vehicle
	// Battery is an optional stationary battery (battery.md section of
	// scheduler.md): it charges from the grid and discharges to the
	// vehicles, also inside the peaks.
	Battery *Battery
}

// Battery is a stationary battery behind the connection. Charging b kW for
// a slot stores b/4 kWh; the round-trip loss (1 − Efficiency) is drawn
// from the grid when charging. With Cyclic its state of charge repeats
// over the horizon; otherwise it starts and ends empty.
type Battery struct {
	KWh        float64
	KW         float64
	Efficiency float64 // round trip, (0, 1]
}

// Vehicle is one vehicle on its own charger.
type Vehicle struct {
	// From and To are the slots [From, To) the vehicle is plugged in;
	// with Cyclic, To may exceed Slots (slot t means t mod Slots).
	From, To int
	MaxKW    float64 // charger power
	NeedKWh  float64 // energy to deliver by To
	// FirstKW and LastKW cap the mean power in the window's first and
	// last slot when the stay covers only part of them (a session
	// 15:01–15:25 is 6.6 kW × 13/15 in 15:00–15:15 and 6.6 × 10/15 in
	// 15:15–15:30); 0 means MaxKW. With a one-slot window the smaller
	// applies.
	FirstKW, LastKW float64
}

// slotKW is the vehicle's power cap in slot k of its window (k = 0 …
// To−From−1).
func (v Vehicle) slotKW(k int) float64 {
	kw := v.MaxKW
	if k == 0 && v.FirstKW > 0 {
		kw = min(kw, v.FirstKW)
	}
	if k == v.To-v.From-1 && v.LastKW > 0 {
		kw = min(kw, v.LastKW)
	}
	return kw
}

// Reason says why a vehicle's need is not met.
type Reason int

// Reasons for a shortfall, in the order Solve checks them.
const (
	// Dwell: the vehicle's own window and charger cannot deliver the
	// need even with unlimited grid capacity (peak limits included).
	Dwell Reason = iota + 1
	// Shared: the vehicles together exceed the fixed limits of the
	// restricted slots (e.g. reduced charging in a peak shared by many).
	Shared
	// Capacity: the need is above what the given capacity allows
	// (Deliver only; Solve raises the capacity instead).
	Capacity
)

func (r Reason) String() string {
	switch r {
	case Dwell:
		return "dwell too short for its charger outside the restricted hours"
	case Shared:
		return "restricted hours shared with other vehicles"
	case Capacity:
		return "need above what the capacity allows"
	}
	return "met"
}

// Shortfall is a vehicle whose need is not met.
type Shortfall struct {
	Vehicle      int
	NeedKWh      float64
	DeliveredKWh float64
	Reason       Reason
}

// ShortKWh is the unmet energy.
func (s Shortfall) ShortKWh() float64 { return s.NeedKWh - s.DeliveredKWh }

// Schedule is an optimal schedule.
type Schedule struct {
	// PeakKW is the minimum over all feasible schedules of the largest
	// grid import P in the free slots (exact for the quantised input:
	// PeakW / PeakDen watts).
	PeakKW  float64
	PeakW   int64
	PeakDen int64
	// LowerBoundKW is the bound of the certificate cut: no schedule that
	// delivers the same energy has a smaller peak. Equal to PeakKW at the
	// optimum; tests check this on every result.
	LowerBoundKW float64
	// CutSlots is the certificate: the slots of the minimum cut.
	CutSlots []int
	// KW is the charging power per vehicle and slot.
	KW [][]float64
	// ChargeKW is the total charging per slot; GridKW = BaseKW + ChargeKW.
	ChargeKW     []float64
	GridKW       []float64
	DeliveredKWh []float64
	// BatteryKW is the battery's grid-side power per slot (charging > 0)
	// and BatteryKWh its state of charge at the start of each slot;
	// nil without a battery.
	BatteryKW  []float64
	BatteryKWh []float64
	Short      []Shortfall
	// Iterations is the number of max-flow computations of the search.
	Iterations int
}

// Sentinel errors.
var (
	ErrProblem = errors.New("schedule: invalid problem")
	// ErrOverflow: the quantised energies are too large for exact int64
	// arithmetic (far beyond any site).
	ErrOverflow = errors.New("schedule: problem too large for exact arithmetic")
)

// Units: power is quantised to 1 W and energy to 0.25 Wh, so that one watt
// during one slot is one unit of energy and every capacity is an integer.
const (
	wPerKW        = 1000
	unitsPerKWh   = 4000 // 0.25 Wh units
	maxSafeAmount = 1 << 55
)

// model is the quantised problem with identical vehicles merged.
type model struct {
	n      int
	base   []int64 // W
	free   []bool
	maxc   []int64 // W per slot; -1 = unlimited
	off    []int64 // W
	groups []group
	member []int // vehicle → group
	cyclic bool
	batKW  int64 // W; 0 without a battery
	batE   int64 // units
	eta    float64
	hasBat bool
}

type group struct {
	from, to int   // window [from, to), to-from ≤ n
	rate     int64 // W (= units per slot)
	// first and last are the rates of the window's first and last slot
	// (partly covered stays), equal to rate otherwise.
	first, last int64
	need        int64 // units, per vehicle
	count       int64
	demand      int64 // units, whole group, after shortfalls
}

func quantise(p Problem) (*model, error) {
	n := p.Slots
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if n <= 0 {
		return nil, fmt.Errorf("%w: want Slots > 0, got %d", ErrProblem, n)
	}
	for name, l := range map[string]int{"BaseKW": len(p.BaseKW), "Free": len(p.Free), "MaxChargeKW": len(p.MaxChargeKW), "LimitOffsetKW": len(p.LimitOffsetKW)} {
		if l != 0 && l != n {
			bad("%s: want %d slots, got %d", name, n, l)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrProblem, errors.Join(errs...))
	}
	m := &model{n: n, base: make([]int64, n), free: make([]bool, n), maxc: make([]int64, n), off: make([]int64, n), cyclic: p.Cyclic}
	if b := p.Battery; b != nil {
		if !(b.KWh >= 0 && b.KW >= 0 && b.Efficiency > 0 && b.Efficiency <= 1) || math.IsInf(b.KWh+b.KW, 0) {
			bad("Battery: want kWh ≥ 0, kW ≥ 0 and an efficiency in (0, 1], got %+v", *b)
		} else {
			m.hasBat, m.batKW, m.batE, m.eta = true, watts(b.KW), int64(math.Round(b.KWh*unitsPerKWh)), b.Efficiency
		}
	}
	for t := range n {
		m.free[t] = p.Free == nil || p.Free[t]
		m.maxc[t] = -1
		if p.BaseKW != nil {
			m.base[t] = watts(p.BaseKW[t])
			if !finite(p.BaseKW[t]) {
				bad("BaseKW[%d]: want a finite number, got %g", t, p.BaseKW[t])
			}
		}
		if p.LimitOffsetKW != nil {
			m.off[t] = watts(p.LimitOffsetKW[t])
			if !finite(p.LimitOffsetKW[t]) {
				bad("LimitOffsetKW[%d]: want a finite number, got %g", t, p.LimitOffsetKW[t])
			}
		}
		if p.MaxChargeKW != nil {
			c := p.MaxChargeKW[t]
			switch {
			case math.IsNaN(c) || math.IsInf(c, 1):
			case c < 0 || math.IsInf(c, -1):
				bad("MaxChargeKW[%d]: want ≥ 0, got %g", t, c)
			default:
				m.maxc[t] = watts(c)
			}
		}
	}
	idx := map[group]int{}
	m.member = make([]int, len(p.Vehicles))
	for i, v := range p.Vehicles {
		switch {
		case v.From < 0 || v.From >= n:
			bad("Vehicles[%d].From: want 0…%d, got %d", i, n-1, v.From)
			continue
		case v.To <= v.From || v.To-v.From > n || (!p.Cyclic && v.To > n):
			hi := n
			if p.Cyclic {
				hi = v.From + n
			}
			bad("Vehicles[%d].To: want %d…%d, got %d", i, v.From+1, hi, v.To)
			continue
		case !(v.MaxKW >= 0) || math.IsInf(v.MaxKW, 0):
			bad("Vehicles[%d].MaxKW: want ≥ 0, got %g", i, v.MaxKW)
			continue
		case !(v.NeedKWh >= 0) || math.IsInf(v.NeedKWh, 0):
			bad("Vehicles[%d].NeedKWh: want ≥ 0, got %g", i, v.NeedKWh)
			continue
		case !(v.FirstKW >= 0 && v.LastKW >= 0) || math.IsInf(v.FirstKW+v.LastKW, 0):
			bad("Vehicles[%d].FirstKW, LastKW: want ≥ 0, got %g, %g", i, v.FirstKW, v.LastKW)
			continue
		}
		key := group{from: v.From, to: v.To, rate: watts(v.MaxKW), need: int64(math.Round(v.NeedKWh * unitsPerKWh)),
			first: watts(v.slotKW(0)), last: watts(v.slotKW(v.To - v.From - 1))}
		g, ok := idx[key]
		if !ok {
			g = len(m.groups)
			idx[key] = g
			m.groups = append(m.groups, key)
		}
		m.groups[g].count++
		m.member[i] = g
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrProblem, errors.Join(errs...))
	}
	var total int64
	for _, g := range m.groups {
		total += g.count * max(g.need, g.rate*int64(g.to-g.from))
		if total > maxSafeAmount/int64(n) {
			return nil, ErrOverflow
		}
	}
	for t := range n {
		for _, x := range []int64{m.base[t], m.off[t], m.maxc[t]} {
			if x > maxSafeAmount/int64(n) || -x > maxSafeAmount/int64(n) {
				return nil, ErrOverflow
			}
		}
	}
	return m, nil
}

func watts(kw float64) int64 { return int64(math.Round(kw * wPerKW)) }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// slotsOf calls f for every slot of the group's window.
func (m *model) slotsOf(g group, f func(t int)) {
	for t := g.from; t < g.to; t++ {
		f(t % m.n)
	}
}

// rateAt is the group's per-vehicle rate in slot k of its window.
func (g group) rateAt(k int) int64 {
	r := g.rate
	if k == 0 {
		r = min(r, g.first)
	}
	if k == g.to-g.from-1 {
		r = min(r, g.last)
	}
	return r
}
