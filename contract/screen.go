package contract

import (
	"fmt"
	"math"
	"time"

	"gridflex/series"
)

// CallResult is what became of one call.
type CallResult struct {
	Call    Call
	Binding bool
	Reason  string  // why a call does not bind
	LimitKW float64 // the limit it sets; NaN for a volume call

	// Filled by Evaluate for binding calls:
	BaselineKWh  float64 // baseline energy over the call window
	LoadKWh      float64 // measured energy over the call window
	DeliveredKWh float64 // max(0, BaselineKWh − LoadKWh)
	BaselineDays []Date  // the comparable days used
	Measured     bool    // false when the baseline or the load is incomplete
	Note         string  // why delivery could not be measured
	ShortfallKWh float64 // volume calls: VolumeKWh − DeliveredKWh when positive
}

// Hours is the length of the call window.
func (c Call) Hours() float64 { return c.End().Sub(c.Start()).Hours() }

// screenCalls decides which calls bind c (study §6): the contract must
// have an on-call or TDTR clause and be in force that day; a call must be
// announced in time (on call: before the day starts, "at the latest the day
// before"; TDTR: at least a day ahead); a TDTR may be limited in at most
// 1 − firm_share of a contract year's hours.
func screenCalls(c *Contract, calls []Call) []CallResult {
	ci := c.callClause()
	var out []CallResult
	for _, call := range calls {
		if call.Connection != "" && call.Connection != c.ID() {
			continue
		}
		out = append(out, CallResult{Call: call, LimitKW: call.MaxKW})
	}
	sortCalls(out)
	limitedHours := map[int]float64{}
	for i := range out {
		cr := &out[i]
		call := cr.Call
		if ci < 0 {
			cr.Reason = "the contract has no on-call or tdtr clause"
			continue
		}
		cl := &c.Clauses[ci]
		if !c.Term.Contains(call.Day) {
			cr.Reason = fmt.Sprintf("%s is outside the term", call.Day)
			continue
		}
		deadline := call.Day.Start()
		rule := "announced before the day starts"
		if cl.NoticeHours > 0 {
			deadline = call.Start().Add(-time.Duration(cl.NoticeHours * float64(time.Hour)))
			rule = fmt.Sprintf("announced at least %g h ahead", cl.NoticeHours)
		}
		if call.Announced.After(deadline) {
			cr.Reason = fmt.Sprintf("announced too late (%s): want %s, by %s", localStamp(call.Announced), rule, localStamp(deadline))
			continue
		}
		switch cl.Form {
		case OnCall:
			if math.IsNaN(call.MaxKW) && math.IsNaN(call.VolumeKWh) {
				cr.Reason = "neither max_kw nor volume_kwh given"
				continue
			}
		case TDTR:
			if !math.IsNaN(call.VolumeKWh) {
				cr.Reason = "a TDTR limitation is a limit (max_kw), not a volume"
				continue
			}
			if math.IsNaN(call.MaxKW) {
				cr.LimitKW = cl.LimitedKW
			}
			year, first, last := c.Term.Year(call.Day)
			hours := first.Start().Sub(last.AddDays(1).Start()).Hours() * -1
			budget := (1 - cl.FirmShare) * hours
			if limitedHours[year]+call.Hours() > budget+1e-9 {
				cr.Reason = fmt.Sprintf("over the TDTR budget: %.2f h limited already in contract year %d, budget %.2f h (%.0f %% firm of %.0f h)",
					limitedHours[year], year+1, budget, cl.FirmShare*100, hours)
				continue
			}
			limitedHours[year] += call.Hours()
		}
		cr.Binding = true
	}
	return out
}

// localStamp formats an instant in Europe/Amsterdam for messages.
func localStamp(t time.Time) string { return t.In(series.Amsterdam).Format("2006-01-02 15:04 MST") }
