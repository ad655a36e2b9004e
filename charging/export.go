package charging

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"gridflex/scenario"
	"gridflex/schedule"
	"gridflex/series"
)

// DaySchedule is the grid-aware schedule of one real local day: 96
// quarter-hours, or 92 and 100 on the days the clocks change. Index i is
// the ISP that starts i × 15 min after local midnight (real elapsed time).
type DaySchedule struct {
	Day series.Day
	// Chargers are the chargers with a vehicle or session that day, each
	// with its power per ISP; a vehicle's profile carries its need.
	Chargers []ChargerSchedule
	// Idle are the chargers whose vehicles do not come that day (their
	// days: leave it out): they get no profile.
	Idle []string
	// LimitKW is the recommended contract's offtake limit per ISP.
	LimitKW []float64
	// Unmet lists every vehicle the day's schedule cannot charge fully
	// (a stay shortened by the spring clock change, say).
	Unmet []Unmet
}

// CaseExport is the Unmet case of a real day's schedule.
const CaseExport = "schedule of the exported day"

// ScheduleDay builds the grid-aware schedule of the local day that starts
// at date (any instant of that day) on the day's real ISPs: every stay,
// peak window, block and other load is placed by its wall-clock time on
// that day, so on 2027-03-28 a truck 19:00–07:00 is plugged in 11 real
// hours and on 2026-10-25 13, and the scheduler spreads its need over
// them. The day repeats (cyclic) as the typical day does: the morning
// stands for the night's end. Vehicles whose days leave out the date's
// weekday are idle. r is the scan of the same site and options (its
// contract limits and priority chargers are kept).
func ScheduleDay(ctx context.Context, site Site, s *scenario.Scenario, opts Options, r Result, date time.Time) (DaySchedule, error) {
	d, err := build(site, s, opts)
	if err != nil {
		return DaySchedule{}, err
	}
	if len(r.LimitKW) != dayISPs || len(r.extraKW) != dayISPs {
		return DaySchedule{}, fmt.Errorf("schedule day: want the scan result of the site, got %d limits", len(r.LimitKW))
	}
	l := date.In(series.Amsterdam)
	days := series.LocalDays(series.LocalDayStart(date), series.LocalDayStart(date).Add(time.Minute))
	day := days[0]
	n := day.ISPs()
	out := DaySchedule{Day: day, LimitKW: make([]float64, n)}
	cal := series.NewCalendar(day.Start, n)
	slot := make([]int, n)
	for i := range n {
		slot[i] = int(cal.Minute[i]) / slotMin
	}
	// elapsed is the real minutes from local midnight to the wall-clock
	// minute m of the day (m ≤ 2·1440: past midnight is the same
	// morning, the day repeats).
	elapsed := func(m int) int {
		wrap := 0
		for m > 24*60 {
			m -= 24 * 60
			wrap += n * slotMin
		}
		if m == 24*60 {
			return wrap + n*slotMin
		}
		t := time.Date(l.Year(), l.Month(), l.Day(), 0, m, 0, 0, series.Amsterdam)
		return wrap + int(t.Sub(day.Start)/time.Minute)
	}

	var pri []string
	if r.Office != nil {
		pri = r.Office.PriorityChargers
	}
	priSet := setOf(pri)
	isPri := func(x demand) bool { return x.priority || priSet[x.charger] }
	wd := day.Weekday()
	var priDs, flexDs []demand
	idle := map[string]bool{}
	for _, x := range d.demands {
		if x.group >= 0 && !operatesOn(site.Vehicles[x.group], wd) {
			idle[x.charger] = true
			continue
		}
		a, b := x.arrMin, x.depMin
		if a >= 24*60 {
			a, b = a-24*60, b-24*60
		}
		if !x.place(elapsed(a), elapsed(b), n) {
			out.Unmet = append(out.Unmet, Unmet{Case: CaseExport, Vehicle: x.name, NeedKWh: x.needKWh / x.weight,
				ShortKWh: x.needKWh / x.weight, Reason: "plugged in for no time that day"})
			continue
		}
		if isPri(x) {
			priDs = append(priDs, x)
		} else {
			flexDs = append(flexDs, x)
		}
	}
	inf := make([]float64, n)
	peak := make([]bool, n)
	for i := range n {
		inf[i] = math.Inf(1)
		peak[i] = d.peak[slot[i]]
		out.LimitKW[i] = r.LimitKW[slot[i]]
	}
	priArr := chargeOnArrival(priDs, inf, peak, nil, true)
	prob := schedule.Problem{Slots: n, Cyclic: true, BaseKW: make([]float64, n), Free: make([]bool, n),
		MaxChargeKW: make([]float64, n), LimitOffsetKW: make([]float64, n), Vehicles: make([]schedule.Vehicle, len(flexDs))}
	for i := range n {
		t := slot[i]
		prob.BaseKW[i] = d.baseKW[t] + priArr.loadKW[i]
		prob.Free[i] = !d.peak[t]
		prob.MaxChargeKW[i] = d.peakKW[t]
		prob.LimitOffsetKW[i] = r.extraKW[t]
	}
	for i, x := range flexDs {
		prob.Vehicles[i] = x.vehicle()
	}
	if b := site.Battery; b != nil {
		prob.Battery = &schedule.Battery{KWh: b.KWh, KW: b.KW, Efficiency: b.Efficiency}
	}
	// As for the typical day (contractSchedule): level the load below the
	// contract's limits; if the day cannot be charged within them, deliver
	// what they allow and list the shortfalls.
	sc, err := schedule.Solve(ctx, prob)
	if err != nil {
		return DaySchedule{}, fmt.Errorf("schedule %s: %w", day, err)
	}
	if sc.PeakKW > d.capacityKW+1e-6 {
		if sc, err = schedule.Deliver(ctx, prob, d.capacityKW); err != nil {
			return DaySchedule{}, fmt.Errorf("schedule %s: %w", day, err)
		}
	}
	for i, x := range flexDs {
		if got := sc.DeliveredKWh[i]; got < x.needKWh-1e-6 {
			reason := "the contract's limits that day do not allow it"
			if x.reachKWh() < x.needKWh-1e-9 {
				reason = fmt.Sprintf("dwell that day too short for its charger (%.1f kW over %d quarter-hours)", x.maxKW/x.weight, x.to-x.from)
			}
			out.Unmet = append(out.Unmet, Unmet{Case: CaseExport, Vehicle: x.name, NeedKWh: x.needKWh / x.weight,
				ShortKWh: (x.needKWh - got) / x.weight, Reason: reason})
		}
	}
	for i, x := range priDs {
		if got := priArr.gotKWh[i]; got < x.needKWh-1e-6 {
			out.Unmet = append(out.Unmet, Unmet{Case: CaseExport, Vehicle: x.name, NeedKWh: x.needKWh / x.weight,
				ShortKWh: (x.needKWh - got) / x.weight, Reason: "dwell that day too short for its charger (priority, charging on arrival)"})
		}
	}
	all := append(slices.Clone(flexDs), priDs...)
	kw := append(slices.Clone(sc.KW), priArr.kw...)
	out.Chargers = chargers(all, kw)
	for _, c := range out.Chargers {
		delete(idle, c.ID) // a charger with another session that day is not idle
	}
	for id := range idle {
		out.Idle = append(out.Idle, id)
	}
	slices.Sort(out.Idle)
	return out, nil
}

// operatesOn reports whether a vehicle type comes on weekday wd: every
// day unless its days list leaves wd out.
func operatesOn(v Vehicle, wd time.Weekday) bool {
	if len(v.Days) == 0 {
		return true
	}
	return slices.Contains(v.Days, weekdays[(int(wd)+6)%7])
}
