package contract

import (
	"fmt"
	"math"
	"time"

	"gridflex/series"
)

// Form is the kind of a limit clause (study §6).
type Form string

// The contract forms of study §6.
const (
	TimeBlock  Form = "time-block"  // CBC-T / CSC time block: a lower limit in fixed windows
	BlockPower Form = "block-power" // extra capacity only in given blocks
	TDTR       Form = "tdtr"        // firm in ≥ 85 % of the hours; limited on notice
	Group      Form = "group"       // a limit on the summed load of members
	OnCall     Form = "on-call"     // CBC-A / CSC on call: limited when called
)

// forms lists the valid forms in the order errors name them.
var forms = []Form{TimeBlock, BlockPower, TDTR, Group, OnCall}

// Contract is one decoded contract file. A group contract has Group and
// Members instead of Connection.
type Contract struct {
	File       string   // where it was read from, for messages
	Connection string   // EAN of the connection
	Group      string   // group identifier (group contracts only)
	Members    []string // member EANs (group contracts only)
	Name       string

	BaseKW   float64 // base contracted capacity (GTV) for offtake; 0 = none (groups)
	FeedinKW float64 // contracted feed-in capacity; +Inf = not limited

	Term         Term
	Clauses      []Clause
	Compensation Compensation
	Sanctions    Sanctions
	Baseline     Baseline
	Holidays     map[Date]bool // local dates that are not working days
}

// ID is the connection EAN, or the group identifier for a group contract.
func (c *Contract) ID() string {
	if c.Group != "" {
		return c.Group
	}
	return c.Connection
}

// callClause returns the index of the clause that calls act on (on-call or
// TDTR), or -1.
func (c *Contract) callClause() int {
	for i, cl := range c.Clauses {
		if cl.Form == OnCall || cl.Form == TDTR {
			return i
		}
	}
	return -1
}

// Term is the contract period. Contract years start at Start and every
// anniversary of it (study §6: yellow cards count per contract year).
type Term struct {
	Start Date
	End   Date // last day in force, inclusive; zero = indefinite
	// OptOut is the day the company's opt-out takes effect (study §6
	// proposal 1: "an opt-out after some years"): from it on the contract
	// is no longer in force. Zero = none.
	OptOut Date
}

// Indefinite reports whether the term has no end (the usual case: until
// congestion is solved, study §6).
func (t Term) Indefinite() bool { return t.End.IsZero() }

// Contains reports whether local date d is in force: from Start to End,
// and before the opt-out.
func (t Term) Contains(d Date) bool {
	return !d.Before(t.Start) && (t.Indefinite() || !t.End.Before(d)) && (t.OptOut.IsZero() || d.Before(t.OptOut))
}

// Last is the last day in force (the end, or the day before the opt-out
// when that is earlier); ok is false for a term without either.
func (t Term) Last() (last Date, ok bool) {
	last = t.End
	if !t.OptOut.IsZero() && (last.IsZero() || t.OptOut.Before(last.AddDays(1))) {
		last = t.OptOut.AddDays(-1)
	}
	return last, !last.IsZero()
}

// Year returns the 0-based contract year of d and its first and last date;
// d must not precede Start.
func (t Term) Year(d Date) (k int, first, last Date) {
	k = d.Year - t.Start.Year
	for ; k > 0 && d.Before(t.Start.AddYears(k)); k-- {
	}
	for !d.Before(t.Start.AddYears(k + 1)) {
		k++
	}
	return k, t.Start.AddYears(k), t.Start.AddYears(k + 1).AddDays(-1)
}

// Clause is one entry of limits.
type Clause struct {
	Form Form
	Name string // label in reports; defaults to the form and its position
	Line int    // line in the contract file

	Days   DaySet
	Months [13]bool // months in which the clause applies; all when none given
	Window Window   // time-block, group: where the limit applies

	MaxKW       float64 // time-block, group: the limit in the window
	FeedinMaxKW float64 // time-block: optional feed-in limit in the window; NaN = none
	Blocks      []Block // block-power

	FirmShare   float64 // tdtr: share of a contract year's hours that is firm
	LimitedKW   float64 // tdtr: limit while limited, unless the call names one
	FlexKW      float64 // on-call: contracted flexible capacity (availability fee basis)
	NoticeHours float64 // tdtr, on-call: minimum notice; 0 = before the day starts
}

// Block is extra capacity in one window of a block-power clause.
type Block struct {
	Window  Window
	ExtraKW float64
}

// Window is a daily window of local wall-clock time [From, To) in minutes
// after midnight; To may be 1440 ("24:00"). A window with To ≤ From wraps
// past midnight (21:00–06:00).
type Window struct{ From, To int }

// Contains reports whether the wall-clock minute m lies in the window.
func (w Window) Contains(m int) bool {
	if w.From < w.To {
		return m >= w.From && m < w.To
	}
	return m >= w.From || m < w.To
}

// String writes an end at midnight as 24:00, so a whole-day window reads
// 00:00–24:00 rather than the empty-looking 00:00–00:00.
func (w Window) String() string {
	to := clock(w.To)
	if w.To == 1440 || w.To == 0 && w.From == 0 {
		to = "24:00"
	}
	return clock(w.From) + "–" + to
}

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// DaySet says on which local days a clause applies.
type DaySet struct {
	Kind     string  // "all", "working", "weekend" (non-working days) or "list"
	Weekdays [7]bool // Kind "list"
	Spec     string  // as written, for reports
}

// Applies reports whether the set contains a day with weekday wd; holiday
// marks a day of the holiday calendar.
func (s DaySet) Applies(wd time.Weekday, holiday bool) bool {
	working := wd != time.Saturday && wd != time.Sunday && !holiday
	switch s.Kind {
	case "working":
		return working
	case "weekend":
		return !working
	case "list":
		return s.Weekdays[wd]
	}
	return true
}

// Compensation is what the operator pays (study §6: fixed fee, possibly a
// variable fee per MWh, fees per activation).
type Compensation struct {
	FixedEURPerKWYear float64 // per kW of ContractedKW per contract year, pro rata per day
	VariableEURPerMWh float64 // per MWh delivered (settle.go says what counts)
	ActivationEUR     float64 // per binding call
	ContractedKW      float64 // basis of the fixed fee; NaN = derived from the clauses
}

// Sanctions is the regime for violations. The default is the study's
// proposal (§6): three yellow cards in the first contract year, one in the
// second, then a penalty per exceedance.
type Sanctions struct {
	YellowCards     []int   // per contract year; years beyond the list have none
	PenaltyEURPerKW float64 // per kW of the maximum excess of a violation
}

// DefaultYellowCards is the study's proposal (§6).
var DefaultYellowCards = []int{3, 1}

// Baseline says how delivered flexibility on a call is measured
// (baseline.md).
type Baseline struct {
	Method       string // "mean" or "high"
	Days         int    // comparable days looked at (10)
	Top          int    // "high": the Top days of Days with the highest load (5)
	LookbackDays int    // how far back comparable days are searched (45)
}

// DefaultBaseline is "mean of the same ISPs on the previous 10 comparable days".
var DefaultBaseline = Baseline{Method: "mean", Days: 10, Top: 5, LookbackDays: 45}

// freedKW is the capacity a clause frees below base at most, the basis of
// the fixed fee when the contract does not name it.
func (cl *Clause) freedKW(baseKW float64) float64 {
	switch cl.Form {
	case TimeBlock:
		return math.Max(0, baseKW-cl.MaxKW)
	case TDTR:
		return math.Max(0, baseKW-cl.LimitedKW)
	case OnCall:
		return cl.FlexKW
	}
	return 0
}

// ContractedKW is the basis of the fixed fee: Compensation.ContractedKW or
// the largest capacity any clause frees below base.
func (c *Contract) ContractedKW() float64 {
	if !math.IsNaN(c.Compensation.ContractedKW) {
		return c.Compensation.ContractedKW
	}
	kw := 0.0
	for i := range c.Clauses {
		kw = math.Max(kw, c.Clauses[i].freedKW(c.BaseKW))
	}
	return kw
}

// Date is a local calendar date in Europe/Amsterdam.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("want a date YYYY-MM-DD, got %q", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar date of t in t's own location.
func DateOf(t time.Time) Date { y, m, d := t.Date(); return Date{y, m, d} }

// LocalDate is the Europe/Amsterdam date of instant t.
func LocalDate(t time.Time) Date { return DateOf(t.In(series.Amsterdam)) }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Start is local midnight of d as an instant (UTC).
func (d Date) Start() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, series.Amsterdam).UTC()
}

func (d Date) civil() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns d shifted by n calendar days.
func (d Date) AddDays(n int) Date { return DateOf(d.civil().AddDate(0, 0, n)) }

// AddYears returns the same day n years on (29 Feb becomes 1 Mar).
func (d Date) AddYears(n int) Date { return DateOf(d.civil().AddDate(n, 0, 0)) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// DaysUntil is the number of days from d to e.
func (d Date) DaysUntil(e Date) int { return int(e.civil().Sub(d.civil()).Hours()+0.5) / 24 }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.civil().Weekday() }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}
