package charging

import (
	"fmt"
	"math"
	"sort"
	"time"

	"gridflex/scenario"
	"gridflex/schedule"
	"gridflex/series"
)

// Scenario keys read by the scan (scenario/nl-2026/scan.yaml, conventions.yaml
// and compensation.yaml); keys_test checks they exist.
const (
	keyMorningFrom     = "grid.peak.morning.from"
	keyMorningTo       = "grid.peak.morning.to"
	keyEveningFrom     = "grid.peak.evening.from"
	keyEveningTo       = "grid.peak.evening.to"
	keyPrice           = "grid.electricity_price"
	keyCostShare       = "logistics.compensation.cost_share"
	keyFlexHours       = "logistics.compensation.flex_hours"
	keyChargingHours   = "logistics.compensation.charging_hours"
	keyDaysPerYear     = "scan.charging.days_per_year"
	keyCapacityStep    = "scan.charging.capacity_step_kw"
	keyMinFlex         = "scan.charging.min_flex_kw"
	keyBlockEveFrom    = "scan.charging.block.evening.from"
	keyBlockEveTo      = "scan.charging.block.evening.to"
	keyBlockNightFrom  = "scan.charging.block.night.from"
	keyBlockNightTo    = "scan.charging.block.night.to"
	keyPriorityShare   = "scan.charging.offices.priority_share"
	keyOfficeFrom      = "scan.charging.offices.window.from"
	keyOfficeTo        = "scan.charging.offices.window.to"
	keyOfficeMornFrom  = "scan.charging.offices.flex.morning.from"
	keyOfficeMornTo    = "scan.charging.offices.flex.morning.to"
	keyOfficeEveFrom   = "scan.charging.offices.flex.evening.from"
	keyOfficeEveTo     = "scan.charging.offices.flex.evening.to"
	keyOfficeChargerKW = "scan.charging.offices.charger_kw"
	keyEveningGiveUp   = "scan.charging.logistics.evening_give_up_share"
	keyHeadroomShare   = "contract.headroom_share"
	keyHeadroomMinKW   = "contract.headroom_min_kw"
	keyTermYears       = "cost.years"
)

// Keys lists every scenario key the scan reads.
var Keys = []string{keyMorningFrom, keyMorningTo, keyEveningFrom, keyEveningTo, keyPrice,
	keyCostShare, keyFlexHours, keyChargingHours, keyDaysPerYear, keyCapacityStep, keyMinFlex,
	keyBlockEveFrom, keyBlockEveTo, keyBlockNightFrom, keyBlockNightTo, keyPriorityShare,
	keyOfficeFrom, keyOfficeTo, keyOfficeMornFrom, keyOfficeMornTo, keyOfficeEveFrom,
	keyOfficeEveTo, keyOfficeChargerKW, keyEveningGiveUp, keyHeadroomShare, keyHeadroomMinKW, keyTermYears}

const slotMin = 15 // minutes per ISP

// demand is one vehicle (or one session folded onto the typical day).
type demand struct {
	name     string
	charger  string
	group    int // index into Site.Vehicles, −1 for a session
	from, to int // slots [from, to) of the typical day; to may exceed 96
	// arrMin and depMin are the exact local minutes (depMin > arrMin, may
	// exceed 1440), used where whole quarter-hours would be too coarse.
	arrMin, depMin int
	maxKW, minKW   float64
	// firstKW and lastKW are the mean power the stay allows in its first
	// and last slot (a stay 15:01–15:25 covers 13 and 10 minutes of its
	// two quarter-hours): the scan works in the stay's real minutes.
	firstKW, lastKW float64
	needKWh         float64
	priority        bool
	daysPerYear     float64
	// weight scales a folded session onto the average day (1 ÷ days).
	weight float64
	date   string // local arrival date of a session
}

// day is the site as a typical day of 96 quarter-hours.
type day struct {
	capacityKW float64
	existingKW []float64 // existing block power per slot
	baseKW     []float64 // other load − PV
	peak       []bool
	peakKW     []float64 // charging allowed inside the peaks
	windows    []Window
	demands    []demand
	days       int // days folded (sessions), 1 for vehicle types
	notes      []string
	unmet      []Unmet // demands that cannot be scheduled at all
}

func hourClock(h float64) string {
	m := int(math.Round(h * 60))
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// mask returns the slots of the local window [fromMin, toMin) (wrapping).
func mask(fromMin, toMin int) []bool {
	m := make([]bool, dayISPs)
	for t := range dayISPs {
		start := t * slotMin
		if fromMin <= toMin {
			m[t] = start >= fromMin && start < toMin
		} else {
			m[t] = start >= fromMin || start < toMin
		}
	}
	return m
}

func clockMin(s string) int {
	m, err := series.ParseClock(s)
	if err != nil {
		panic("charging: unvalidated clock " + s) // Validate rejects it first
	}
	return m
}

// build turns the site into a typical day.
func build(site Site, s *scenario.Scenario, opts Options) (*day, error) {
	d := &day{capacityKW: site.CapacityKW, existingKW: make([]float64, dayISPs), baseKW: make([]float64, dayISPs),
		peak: make([]bool, dayISPs), peakKW: make([]float64, dayISPs), days: 1}
	for _, b := range site.BlockPower {
		for t, in := range mask(clockMin(b.From), clockMin(b.To)) {
			if in {
				d.existingKW[t] += b.ExtraKW
			}
		}
	}
	if len(site.PeakWindows) > 0 {
		for _, w := range site.PeakWindows {
			name := "morning"
			if clockMin(w.From) >= 12*60 {
				name = "evening"
			}
			d.windows = append(d.windows, Window{Name: name, From: w.From, To: w.To, ChargingKW: w.ChargingKW,
				fromMin: clockMin(w.From), toMin: clockMin(w.To)})
		}
	} else {
		for _, w := range []struct{ name, from, to string }{
			{"morning", keyMorningFrom, keyMorningTo}, {"evening", keyEveningFrom, keyEveningTo}} {
			f, t := s.Value(w.from), s.Value(w.to)
			d.windows = append(d.windows, Window{Name: w.name, From: hourClock(f), To: hourClock(t),
				fromMin: int(math.Round(f * 60)), toMin: int(math.Round(t * 60))})
		}
	}
	for i := range d.peakKW {
		d.peakKW[i] = math.Inf(1)
	}
	for _, w := range d.windows {
		for t, in := range mask(w.fromMin, w.toMin) {
			if in {
				d.peak[t] = true
				d.peakKW[t] = min(d.peakKW[t], w.ChargingKW)
			}
		}
	}
	switch {
	case opts.OtherLoadKW != nil:
		if len(opts.OtherLoadKW) != dayISPs {
			return nil, fmt.Errorf("other load: want %d quarter-hours, got %d", dayISPs, len(opts.OtherLoadKW))
		}
		copy(d.baseKW, opts.OtherLoadKW)
	case site.OtherLoadKW != nil:
		for t := range d.baseKW {
			d.baseKW[t] = *site.OtherLoadKW
		}
	}
	if pv := site.PV; pv != nil {
		prof := pvProfile(*pv)
		for t := range d.baseKW {
			d.baseKW[t] -= prof[t]
		}
	}
	daysPerYear := s.Value(keyDaysPerYear)
	if site.DaysPerYear != nil {
		daysPerYear = *site.DaysPerYear
	}
	if opts.Sessions != nil {
		chargerKW := s.Value(keyOfficeChargerKW)
		if site.Sessions != nil && site.Sessions.ChargerKW > 0 {
			chargerKW = site.Sessions.ChargerKW
		}
		d.foldSessions(opts.Sessions, chargerKW, daysPerYear)
	} else {
		n := 0
		for _, v := range site.Vehicles {
			n += v.N()
		}
		d.demands = make([]demand, 0, n)
		for gi, v := range site.Vehicles {
			dy := v.OperatingDays(daysPerYear)
			a, b := clockMin(v.Arrival), clockMin(v.Departure)
			if b <= a {
				b += 24 * 60
			}
			for k := range v.N() {
				name := v.Name
				if v.N() > 1 {
					name = fmt.Sprintf("%s #%d", v.Name, k+1)
				}
				d.add(demand{name: name, charger: name, group: gi, arrMin: a, depMin: b, maxKW: v.MaxKW(),
					minKW: v.MinKW(), needKWh: v.NeedKWh(), priority: v.Priority, daysPerYear: dy, weight: 1})
			}
		}
	}
	return d, nil
}

// add places a demand on the quarter-hours its stay touches, with the
// power of a partly covered first and last quarter-hour scaled to the
// minutes plugged in; a stay of no length is reported as unmet.
func (d *day) add(x demand) {
	if !x.place(x.arrMin, x.depMin, dayISPs) {
		if x.needKWh > 0 {
			d.unmet = append(d.unmet, Unmet{Case: "all", Vehicle: x.name, NeedKWh: x.needKWh / x.weight,
				ShortKWh: x.needKWh / x.weight, Reason: "plugged in for no time"})
		}
		return
	}
	d.demands = append(d.demands, x)
}

// place sets the slots [from, to) of a stay from minute a to minute b of
// an n-slot day (b may pass the day's end: the day repeats) and the power
// of its partly covered first and last slot. It reports false for a stay
// of no length.
func (x *demand) place(a, b, n int) bool {
	if b <= a {
		return false
	}
	x.firstKW, x.lastKW = x.maxKW, x.maxKW
	if b-a >= n*slotMin { // a whole day or more: every slot, in full
		x.from = a / slotMin
		x.to = x.from + n
	} else {
		x.from, x.to = a/slotMin, (b+slotMin-1)/slotMin
		if x.to-x.from == 1 {
			x.firstKW = x.maxKW * float64(b-a) / slotMin
			x.lastKW = x.firstKW
		} else {
			x.firstKW = x.maxKW * float64((x.from+1)*slotMin-a) / slotMin
			x.lastKW = x.maxKW * float64(b-(x.to-1)*slotMin) / slotMin
		}
	}
	if x.from >= n {
		x.from, x.to = x.from-n, x.to-n
	}
	return true
}

// slotKW is the demand's power cap in slot k of its window.
func (x demand) slotKW(k int) float64 {
	kw := x.maxKW
	if k == 0 {
		kw = min(kw, x.firstKW)
	}
	if k == x.to-x.from-1 {
		kw = min(kw, x.lastKW)
	}
	return kw
}

// reachKWh is the most the demand can charge over its stay.
func (x demand) reachKWh() float64 {
	n := x.to - x.from
	if n == 1 {
		return x.slotKW(0) / 4
	}
	return (x.slotKW(0) + x.slotKW(n-1) + x.maxKW*float64(n-2)) / 4
}

// vehicle is the demand as the scheduler sees it.
func (x demand) vehicle() schedule.Vehicle {
	return schedule.Vehicle{From: x.from, To: x.to, MaxKW: x.maxKW, NeedKWh: x.needKWh, FirstKW: x.firstKW, LastKW: x.lastKW}
}

// scaled divides the demand's powers and need by its weight (a session of
// the average day back to itself).
func (x demand) scaled() demand {
	w := x.weight
	x.maxKW, x.firstKW, x.lastKW, x.needKWh, x.weight = x.maxKW/w, x.firstKW/w, x.lastKW/w, x.needKWh/w, 1
	return x
}

// foldSessions puts real sessions onto the average day: each session keeps
// its local wall-clock arrival and dwell, its need and power are divided by
// the number of days with sessions, so that the day's profiles are the mean
// daily profiles.
func (d *day) foldSessions(ss []Session, chargerKW, daysPerYear float64) {
	dates := map[string]bool{}
	for _, s := range ss {
		dates[s.Arrival.Format(time.DateOnly)] = true
	}
	d.days = len(dates)
	d.demands = make([]demand, 0, len(ss))
	w := 1 / float64(d.days)
	capped := 0
	for i, s := range ss {
		a := s.Arrival.Hour()*60 + s.Arrival.Minute()
		if s.Arrival.Second() > 0 || s.Arrival.Nanosecond() > 0 {
			a++ // whole minutes inside the stay
		}
		dwell := int(s.Departure.Sub(s.Arrival) / time.Minute)
		if dwell > 24*60 {
			dwell = 24 * 60
			capped++
		}
		kw := chargerKW
		if s.ChargerKW > 0 {
			kw = s.ChargerKW
		}
		d.add(demand{name: fmt.Sprintf("session %d (%s, %s)", i+1, s.Charger, s.Arrival.Format("2006-01-02 15:04")),
			charger: s.Charger, group: -1, arrMin: a, depMin: a + dwell, maxKW: kw * w, needKWh: s.KWh * w,
			daysPerYear: daysPerYear, weight: w, date: s.Arrival.Format(time.DateOnly)})
	}
	if capped > 0 {
		d.notes = append(d.notes, fmt.Sprintf("%d sessions longer than 24 h are treated as 24 h on the typical day", capped))
	}
	d.notes = append(d.notes, fmt.Sprintf("%d sessions on %d days folded onto the average day (profiles are daily means)", len(ss), d.days))
}

// pvProfile is the PV output per slot: the given profile, or a half-sine
// from sunrise to sunset with the peak at noon between them.
func pvProfile(pv PV) []float64 {
	out := make([]float64, dayISPs)
	if len(pv.ProfileKW) == dayISPs {
		copy(out, pv.ProfileKW)
		return out
	}
	rise, set := 7*60, 19*60
	if pv.Sunrise != "" {
		rise = clockMin(pv.Sunrise)
	}
	if pv.Sunset != "" {
		set = clockMin(pv.Sunset)
	}
	for t := range out {
		mid := float64(t*slotMin) + slotMin/2.0
		if mid > float64(rise) && mid < float64(set) {
			out[t] = pv.PeakKW * math.Sin(math.Pi*(mid-float64(rise))/float64(set-rise))
		}
	}
	return out
}

// TypicalDay folds a quarter-hour series onto a typical local day
// (Europe/Amsterdam wall clock, 96 values): the mean kW of every
// quarter-hour of the day over the whole series. Missing intervals are
// skipped and counted; a quarter-hour of the day without any value is an
// error (nothing is filled silently).
func TypicalDay(s series.Series) (kw []float64, missing int, err error) {
	sum := make([]float64, dayISPs)
	n := make([]int, dayISPs)
	cal := series.NewCalendar(s.Start, s.Len())
	for i, v := range s.KW {
		if v != v {
			missing++
			continue
		}
		t := int(cal.Minute[i]) / slotMin
		sum[t] += float64(v)
		n[t]++
	}
	var empty []string
	for t := range sum {
		if n[t] == 0 {
			empty = append(empty, fmt.Sprintf("%02d:%02d", t/4, t%4*slotMin))
			continue
		}
		sum[t] /= float64(n[t])
	}
	if len(empty) > 0 {
		sort.Strings(empty)
		return nil, missing, fmt.Errorf("typical day: no values for the quarter-hours %v", empty)
	}
	return sum, missing, nil
}
