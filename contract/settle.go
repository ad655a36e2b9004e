package contract

import (
	"fmt"
	"math"
	"time"

	"gridflex/series"
)

// Settlement is the account of one month or one contract year.
type Settlement struct {
	Period string // "2026-03" or "year 1"
	Kind   string // "month" or "contract-year"
	Start  Date
	End    Date // inclusive

	FixedEUR        float64
	VariableEUR     float64
	ActivationEUR   float64
	CompensationEUR float64
	PenaltyEUR      float64
	NetEUR          float64
	Violations      int
	YellowCards     int
	FreedKWh        float64
	DeliveredKWh    float64
	MissingISPs     int
}

// settle computes compensation per day and sums everything per month and
// per contract year:
//
//   - fixed: FixedEURPerKWYear × ContractedKW ÷ days of the contract year,
//     per day in force, pro rata to the part of the day the data covers
//     (availability is paid whether or not it was used);
//   - variable: VariableEURPerMWh × (delivered MWh on measured binding calls
//   - time-block freed MWh on ISPs measured within the limit); freed
//     capacity on a missing ISP earns nothing, as compliance is unknown;
//   - activation: ActivationEUR per binding call.
func settle(c *Contract, s *Schedule, stats []dayStats, shift, n int, r *Result) {
	type acc = Settlement
	type monthKey struct {
		y int
		m time.Month
	}
	months := map[monthKey]*acc{}
	years := map[int]*acc{}
	var monthOrder []monthKey
	var yearOrder []int
	var lastKey monthKey
	var last *acc
	month := func(d Date) *acc {
		k := monthKey{d.Year, d.Month}
		if last != nil && k == lastKey {
			return last
		}
		m := months[k]
		if m == nil {
			first := Date{d.Year, d.Month, 1}
			m = &acc{Period: fmt.Sprintf("%04d-%02d", d.Year, d.Month), Kind: "month", Start: first, End: DateOf(first.civil().AddDate(0, 1, -1))}
			months[k] = m
			monthOrder = append(monthOrder, k)
		}
		lastKey, last = k, m
		return m
	}
	year := func(d Date) *acc {
		if !c.Term.Contains(d) {
			return nil
		}
		k, _, _ := c.Term.Year(d)
		if y := years[k]; y != nil {
			return y
		}
		_, first, last := c.Term.Year(d)
		// A term ending mid-year ends the last contract year there: the
		// row must not claim months the contract is no longer in force.
		if end, ok := c.Term.Last(); ok && end.Before(last) {
			last = end
		}
		y := &acc{Period: fmt.Sprintf("year %d", k+1), Kind: "contract-year", Start: first, End: last}
		years[k] = y
		yearOrder = append(yearOrder, k)
		return y
	}
	both := func(d Date, fn func(a *acc)) {
		fn(month(d))
		if y := year(d); y != nil {
			fn(y)
		}
	}
	// bothDay is both for a schedule day, whose contract year is known.
	bothDay := func(d *Day, fn func(a *acc)) {
		fn(month(d.Date))
		if d.Year < 0 {
			return
		}
		y := years[d.Year]
		if y == nil {
			y = year(d.Date)
		}
		fn(y)
	}
	contracted := r.ContractedKW
	for di := range s.Days {
		d := &s.Days[di]
		lo, hi := max(0, d.Offset-shift), min(n, d.Offset+len(d.P.OfftakeKW)-shift)
		if lo >= hi {
			continue
		}
		covered := hi - lo
		frac := float64(covered) / float64(len(d.P.OfftakeKW))
		freed, structural := d.P.FreedKWh, d.P.StructuralKWh
		if covered < len(d.P.OfftakeKW) {
			freed, structural = partialFreed(s, d, lo+shift-d.Offset, hi+shift-d.Offset)
		}
		st := stats[di]
		kept := math.Max(0, structural-st.missingStructural-st.overStructural)
		r.MissingISPs += st.missing
		r.MissingBindingISPs += st.missingBind
		if freed > 0 {
			r.FreedKW = math.Max(r.FreedKW, float64(d.P.FreedKW))
		}
		r.FreedKWh += freed
		var fixed, variable float64
		if d.Year >= 0 {
			fixed = c.Compensation.FixedEURPerKWYear * contracted * frac / float64(d.YearDays)
			variable = c.Compensation.VariableEURPerMWh * kept / 1000
			r.KeptFreedKWh += kept
		}
		bothDay(d, func(a *acc) {
			a.FixedEUR += fixed
			a.VariableEUR += variable
			a.FreedKWh += freed
			a.MissingISPs += st.missing
		})
	}
	for i := range r.Calls {
		cr := &r.Calls[i]
		if !cr.Binding {
			continue
		}
		variable := c.Compensation.VariableEURPerMWh * cr.DeliveredKWh / 1000
		both(cr.Call.Day, func(a *acc) {
			a.ActivationEUR += c.Compensation.ActivationEUR
			a.VariableEUR += variable
			a.DeliveredKWh += cr.DeliveredKWh
		})
	}
	for _, v := range r.Violations {
		d := LocalDate(v.Start)
		both(d, func(a *acc) {
			a.Violations++
			a.PenaltyEUR += v.PenaltyEUR
			if v.Sanction == "yellow card" {
				a.YellowCards++
			}
		})
	}
	for _, k := range monthOrder {
		m := months[k]
		m.finish()
		r.Settlement = append(r.Settlement, *m)
		r.FixedEUR += m.FixedEUR
		r.VariableEUR += m.VariableEUR
		r.ActivationEUR += m.ActivationEUR
		r.PenaltyEUR += m.PenaltyEUR
		r.YellowCards += m.YellowCards
	}
	for _, k := range yearOrder {
		y := years[k]
		y.finish()
		r.Settlement = append(r.Settlement, *y)
	}
	r.CompensationEUR = r.FixedEUR + r.VariableEUR + r.ActivationEUR
	r.NetEUR = r.CompensationEUR - r.PenaltyEUR
}

func (a *Settlement) finish() {
	a.CompensationEUR = a.FixedEUR + a.VariableEUR + a.ActivationEUR
	a.NetEUR = a.CompensationEUR - a.PenaltyEUR
}

// partialFreed is FreedKWh and StructuralKWh over ISPs [a, b) of a day.
func partialFreed(s *Schedule, d *Day, a, b int) (freed, structural float64) {
	if math.IsInf(float64(s.BaseKW), 1) {
		return 0, 0
	}
	for i := a; i < b; i++ {
		if f := s.BaseKW - d.P.OfftakeKW[i]; f > 0 {
			freed += float64(f) / series.ISPsPerHour
			if s.structural[d.P.Clause[i]] {
				structural += float64(f) / series.ISPsPerHour
			}
		}
	}
	return freed, structural
}

// LocalISPStart is the local start time of ISP i of a result's period, for
// reports.
func (r *Result) LocalISPStart(i int) time.Time {
	return r.Start.Add(time.Duration(i) * series.ISP).In(series.Amsterdam)
}
