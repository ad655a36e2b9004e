package contract

import (
	"fmt"
	"sort"
	"time"

	"gridflex/series"
)

// comparable reports whether day e is of the same class as d: both working
// days (Monday–Friday, not a holiday of the contract) or both not.
func (c *Contract) comparable(d, e Date) bool {
	return c.working(d) == c.working(e)
}

func (c *Contract) working(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !c.Holidays[d]
}

// callISPs returns, for each ISP of the call window, the local day offset
// (0, or 1 past midnight) and the wall-clock minute, so that "the same
// ISPs" on another day are found by wall-clock time.
func callISPs(call Call) (dayOff, minute []int) {
	start, end := call.Start(), call.End()
	for t := start; t.Before(end); t = t.Add(series.ISP) {
		l := t.In(series.Amsterdam)
		off := 0
		if !t.Before(call.Day.AddDays(1).Start()) {
			off = 1
		}
		dayOff = append(dayOff, off)
		minute = append(minute, l.Hour()*60+l.Minute())
	}
	return dayOff, minute
}

// valuesOn returns the load at the given wall-clock ISPs of day e, and false
// if any is outside the series or missing. On the 92-ISP day a wall time
// that does not exist (02:00–03:00) maps to the hour after; on the 100-ISP
// day a repeated wall time maps to its second occurrence (CET, after the clocks went back).
func valuesOn(load series.Series, e Date, dayOff, minute []int, buf []float64) ([]float64, bool) {
	buf = buf[:0]
	for i := range minute {
		d := e.AddDays(dayOff[i])
		t := time.Date(d.Year, d.Month, d.Day, minute[i]/60, minute[i]%60, 0, 0, series.Amsterdam)
		j, ok := load.Index(t)
		if !ok || load.Missing(j) {
			return buf, false
		}
		buf = append(buf, float64(load.KW[j]))
	}
	return buf, true
}

// measure fills the baseline and delivery of a binding call (baseline.md):
// the previous b.Days comparable days within b.LookbackDays, skipping days
// with a call and days with missing data in the window; "mean" averages
// them per ISP, "high" averages the b.Top days with the highest energy in
// the window.
func (c *Contract) measure(cr *CallResult, load series.Series, callDays map[Date]bool) {
	b := c.Baseline
	dayOff, minute := callISPs(cr.Call)
	type cand struct {
		date Date
		kw   []float64
		kwh  float64
	}
	var picked []cand
	for back := 1; back <= b.LookbackDays && len(picked) < b.Days; back++ {
		e := cr.Call.Day.AddDays(-back)
		if !c.comparable(cr.Call.Day, e) || callDays[e] {
			continue
		}
		v, ok := valuesOn(load, e, dayOff, minute, nil)
		if !ok {
			continue
		}
		sum := 0.0
		for _, x := range v {
			sum += x
		}
		picked = append(picked, cand{e, v, sum / series.ISPsPerHour})
	}
	if len(picked) < b.Days {
		cr.Note = fmt.Sprintf("baseline: %d of %d comparable days with complete data in the %d days before", len(picked), b.Days, b.LookbackDays)
		return
	}
	use := picked
	if b.Method == "high" {
		sort.SliceStable(use, func(i, j int) bool { return use[i].kwh > use[j].kwh })
		use = use[:b.Top]
	}
	for _, p := range use {
		cr.BaselineDays = append(cr.BaselineDays, p.date)
		cr.BaselineKWh += p.kwh
	}
	cr.BaselineKWh /= float64(len(use))
	sort.Slice(cr.BaselineDays, func(i, j int) bool { return cr.BaselineDays[i].Before(cr.BaselineDays[j]) })
	for t := cr.Call.Start(); t.Before(cr.Call.End()); t = t.Add(series.ISP) {
		j, ok := load.Index(t)
		if !ok || load.Missing(j) {
			cr.Note = "load: missing or outside the data in the call window"
			cr.LoadKWh = 0
			return
		}
		cr.LoadKWh += float64(load.KW[j]) / series.ISPsPerHour
	}
	cr.Measured = true
	cr.DeliveredKWh = max(0, cr.BaselineKWh-cr.LoadKWh)
}
