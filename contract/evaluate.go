package contract

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"gridflex/series"
)

// Input is the measured data of one connection (or the summed load of a
// group) and the calls that may apply to it.
type Input struct {
	Offtake series.Series // required
	Feedin  series.Series // optional (Len 0); must start with Offtake
	Calls   []Call
}

// Result is the outcome of a contract over the period of the data.
type Result struct {
	ID         string    // connection EAN or group identifier
	Start, End time.Time // the period of the data (UTC)

	ISPs               int // ISPs in the period
	MissingISPs        int // ISPs without an offtake value
	MissingBindingISPs int // of which the limit was below base: compliance unknown

	Violations      []Violation // by start
	YellowCards     int
	PenaltyEUR      float64
	FixedEUR        float64
	VariableEUR     float64
	ActivationEUR   float64
	CompensationEUR float64 // fixed + variable + activation
	NetEUR          float64 // compensation − penalties

	ContractedKW     float64 // basis of the fixed fee
	FreedKW          float64 // largest capacity below base in a binding window
	FreedKWh         float64 // Σ capacity below base × ¼ h over the period
	KeptFreedKWh     float64 // the time-block part of FreedKWh on ISPs measured within the limit
	DeliveredKWh     float64 // Σ delivered on measured binding calls
	Calls            []CallResult
	Settlement       []Settlement    // months, then contract years
	TDTRLimitedHours map[int]float64 // per contract year (0-based), binding TDTR calls
	Schedule         *Schedule       // the limits the data was checked against
	// Warnings are the contract's departures from the study's proposals
	// that do not stop a check (a term outside 2–5 years, §6).
	Warnings []string
}

// Errors of Evaluate.
var (
	ErrNoData     = errors.New("no meter data")
	ErrMisaligned = errors.New("feed-in series does not align with offtake")
)

// Evaluate checks the data of in against contract c: limits, violations,
// sanctions, compensation and settlement.
func Evaluate(c *Contract, in Input) (*Result, error) {
	off := in.Offtake
	if off.Len() == 0 {
		return nil, fmt.Errorf("contract %s: %w", c.ID(), ErrNoData)
	}
	if in.Feedin.Len() > 0 && (!in.Feedin.Start.Equal(off.Start) || in.Feedin.Len() != off.Len()) {
		return nil, fmt.Errorf("contract %s: %w: offtake %s+%d, feed-in %s+%d", c.ID(), ErrMisaligned,
			off.Start.Format(time.RFC3339), off.Len(), in.Feedin.Start.Format(time.RFC3339), in.Feedin.Len())
	}
	first, last := LocalDate(off.Start), LocalDate(off.End().Add(-series.ISP))
	s := Resolve(c, first, last, in.Calls)
	shift := int(off.Start.Sub(s.Start) / series.ISP)
	stats := make([]dayStats, len(s.Days))
	vs := s.scan(off, shift, Offtake, stats)
	if in.Feedin.Len() > 0 {
		vs = append(vs, s.scan(in.Feedin, shift, Feedin, nil)...)
	}
	r := &Result{ID: c.ID(), Start: off.Start, End: off.End(), ISPs: off.Len(), ContractedKW: c.ContractedKW(),
		TDTRLimitedHours: map[int]float64{}, Schedule: s, Warnings: c.TermWarnings()}

	// Calls: delivery against the baseline; a volume call short of its
	// volume is a violation over its window.
	callDays := map[Date]bool{}
	for _, cr := range s.Calls {
		callDays[cr.Call.Day] = true
	}
	ci := c.callClause()
	for i := range s.Calls {
		cr := &s.Calls[i]
		if !cr.Binding {
			continue
		}
		if c.Clauses[ci].Form == TDTR {
			y, _, _ := c.Term.Year(cr.Call.Day)
			r.TDTRLimitedHours[y] += cr.Call.Hours()
		}
		c.measure(cr, off, callDays)
		if v := cr.Call.VolumeKWh; !math.IsNaN(v) && cr.Measured && cr.DeliveredKWh < v {
			cr.ShortfallKWh = v - cr.DeliveredKWh
			y, _, _ := c.Term.Year(cr.Call.Day)
			vs = append(vs, Violation{Start: cr.Call.Start(), End: cr.Call.End(), Direction: Offtake,
				MaxExcessKW: cr.ShortfallKWh / cr.Call.Hours(), ExcessKWh: cr.ShortfallKWh,
				Clause: c.Clauses[ci].Name, Year: y, Volume: true, clause: ci + 1})
		}
		r.DeliveredKWh += cr.DeliveredKWh
	}
	r.Calls = s.Calls
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].Start.Before(vs[j].Start) })
	c.sanction(vs)
	r.Violations = vs
	settle(c, s, stats, shift, off.Len(), r)
	return r, nil
}

// sanction applies the regime in order of time (study §6): in contract
// year k the first YellowCards[k] violations of a contract clause get a
// yellow card, later ones a penalty of PenaltyEURPerKW per kW of their
// largest excess. Exceeding the base GTV is not this contract's matter
// (the operator's tariff covers it) and neither is anything outside the
// term.
func (c *Contract) sanction(vs []Violation) {
	used := map[int]int{}
	for i := range vs {
		v := &vs[i]
		if v.clause == BaseClause || v.Year < 0 {
			v.Sanction = "none"
			continue
		}
		cards := 0
		if v.Year < len(c.Sanctions.YellowCards) {
			cards = c.Sanctions.YellowCards[v.Year]
		}
		if used[v.Year] < cards {
			used[v.Year]++
			v.Sanction = "yellow card"
			continue
		}
		v.Sanction = "penalty"
		v.PenaltyEUR = c.Sanctions.PenaltyEURPerKW * v.MaxExcessKW
	}
}
