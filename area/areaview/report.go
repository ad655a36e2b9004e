package areaview

import (
	"fmt"
	"strings"
	"time"

	"gridflex/area"
	"gridflex/series"
	"gridflex/table"
)

func kw(v float64) string { return table.Num(v, 0) }
func mw(v float64) string { return table.Num(v/1000, 2) }
func pct(v float64) string {
	return table.Num(100*v, 1) + " %"
}

// stamp is an instant on the Dutch wall clock, as area's messages print it.
func stamp(t time.Time) string { return t.In(series.Amsterdam).Format("2006-01-02 15:04") }

// ShowReport describes the area and what its contracts free.
func ShowReport(a *area.Area, f *area.Freed) Report {
	peak, at := a.PeakKW()
	r := Report{Title: fmt.Sprintf("Area %s (%s)", a.Name, a.File), Summary: []string{
		fmt.Sprintf("station: %s MW offtake, %s MW feed-in; measured peak %s MW at %s (%s)", mw(a.Station.OfftakeKW), mw(a.Station.FeedinKW), mw(peak), stamp(at), a.LoadSource),
		fmt.Sprintf("as of %s; reinforcement %s (+%s MW), %d days away", a.AsOf, a.Reinforcement.Date, mw(a.Reinforcement.OfftakeKW), a.Horizon()),
		fmt.Sprintf("%d connections, %d contracts, %d requests on the waiting list", len(a.Connections), len(a.Contracts), len(a.Requests)),
		fmt.Sprintf("binding ISPs: %d of %d (station load with contracted connections at base ≥ %s kW = %s of capacity)", f.BindingISPs, f.BaseISPs, kw(f.ThresholdKW), pct(f.BindingShare)),
		fmt.Sprintf("freed in the binding ISPs: %s MW by the clauses, %s MW as kept (measured behaviour)", mw(f.ClauseKW), mw(f.FreedKW)),
	}}
	s := Section{Title: "Freed capacity per contract (kW, in the station's binding ISPs)",
		Header: []string{"contract", "forms", "term", "in force", "clause kW", "firm kW", "mean kW", "covered", "kept", "freed kW", "violation days", "note"},
		Right:  []bool{false, false, false, false, true, true, true, true, true, true, true, false}}
	for _, c := range f.Contracts {
		kept := "no data"
		if c.Measured {
			kept = pct(c.KeptShare)
		}
		in := "yes"
		if !c.InForce {
			in = "no"
		}
		s.Rows = append(s.Rows, []string{c.ID, strings.Join(c.Forms, "+"), c.Start + " – " + c.End, in, kw(c.ClauseKW), kw(c.FirmKW),
			kw(c.MeanKW), pct(c.CoveredShare), kept, kw(c.FreedKW), pct(c.ViolationDayShare), c.Note})
	}
	s.Notes = append(s.Notes, f.Notes...)
	s.Notes = append(s.Notes, "firm = the least a contract frees in any binding ISP; a group contract counts once; on-call and TDTR clauses are assumed called in every binding ISP")
	r.Sections = append(r.Sections, s)
	return r
}

// ReleaseReport is the waiting list as served by rel.
func ReleaseReport(a *area.Area, rel *area.Release) Report {
	r := Report{Title: fmt.Sprintf("Release to the waiting list of %s", a.Name), Summary: []string{
		fmt.Sprintf("freed %s MW × (1 − margin %s) = %s MW reissuable; feed-in available %s MW", mw(rel.FreedKW), table.Num(rel.Margin, 2), mw(rel.ReissuableKW), mw(rel.FeedinAvailableKW)),
		fmt.Sprintf("rule %s, partial offers %v: %s MW of %s MW requested offtake granted now", rel.Rule, rel.Partial, mw(rel.GrantedOfftakeKW), mw(rel.RequestedOfftakeKW)),
		fmt.Sprintf("new contracts are expected to reissue about %s MW a year", mw(rel.NewReissuableKWYear)),
	}}
	s := Section{Title: "Waiting list in queue order",
		Header: []string{"position", "request", "category", "requested", "offtake kW", "feed-in kW", "ahead kW", "granted kW", "status", "estimate", "basis"},
		Right:  []bool{true, false, false, false, true, true, true, true, false, false, false}}
	for _, o := range rel.Offers {
		est := o.Estimate
		if est == "" {
			est = "unknown"
		}
		s.Rows = append(s.Rows, []string{fmt.Sprint(o.Position), o.ID, o.Category, o.Requested, kw(o.OfftakeKW), kw(o.FeedinKW),
			kw(o.AheadOfftakeKW), kw(o.GrantedOfftakeKW + o.GrantedFeedinKW), o.Status, est, o.EstimateBasis})
	}
	if rel.Rule == area.FCFS {
		s.Notes = append(s.Notes, "strict first-come-first-served: the first request that does not fit blocks every request behind it")
	} else {
		s.Notes = append(s.Notes, "first-fit: a request that does not fit is skipped; the next one that fits is served")
	}
	r.Sections = append(r.Sections, s)
	return r
}
