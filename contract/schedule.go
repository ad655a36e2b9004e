package contract

import (
	"math"
	"sort"
	"sync"
	"time"

	"gridflex/series"
)

// BaseClause is the clause id of the base contracted capacity (GTV); clause
// i of Contract.Clauses has id i+1.
const BaseClause = 0

// Schedule is a contract resolved over whole local days: per ISP the
// maximum offtake and feed-in in kW and the clause that sets each.
type Schedule struct {
	Start   time.Time // local midnight of the first day, UTC
	Days    []Day
	Clauses []string // names by clause id; Clauses[0] is "base"
	BaseKW  float32  // +Inf when the contract has none (groups)
	Calls   []CallResult

	structural []bool // by clause id: set by a time-block clause
}

// Day is one local day of a schedule.
type Day struct {
	Date   Date
	Offset int // ISP index of the day's first ISP from Schedule.Start
	Year   int // 0-based contract year; -1 outside the term
	// YearDays is the number of days of that contract year (365 or 366).
	YearDays int
	P        *Profile
}

// Profile is the limit of one local day. Days alike (weekday, holiday,
// month, length, in term) share one profile; a day with calls has its own.
type Profile struct {
	OfftakeKW     []float32
	FeedinKW      []float32 // +Inf where not limited
	Clause        []uint8   // clause id setting OfftakeKW
	FeedinClause  []uint8
	FeedinLimited bool    // any finite FeedinKW
	FreedKW       float32 // max over ISPs of base − offtake limit, ≥ 0
	FreedKWh      float64 // Σ max(0, base − offtake limit) ÷ 4
	// StructuralKWh is the part of FreedKWh set by time-block clauses, which
	// earn the variable fee when kept (settle.go).
	StructuralKWh float64
}

// ISPs is the number of ISPs of the schedule.
func (s *Schedule) ISPs() int {
	if len(s.Days) == 0 {
		return 0
	}
	last := s.Days[len(s.Days)-1]
	return last.Offset + len(last.P.OfftakeKW)
}

// profileKey identifies a day's limits: which clauses apply (by days and
// months), the day's length (92/96/100) and whether the term is in force.
// Most contracts need only a handful of profiles a year.
type profileKey struct {
	applies uint64 // bit i: clause i applies on the day
	n       int
	inTerm  bool
}

// Resolve builds the schedule of c over the local days from first to last
// (inclusive) with the calls that bind it. Calls for other connections are
// ignored; calls that do not bind are kept in Schedule.Calls with the
// reason.
func Resolve(c *Contract, first, last Date, calls []Call) *Schedule {
	s := &Schedule{Start: first.Start(), Clauses: []string{"base"}, BaseKW: float32(c.BaseKW)}
	if c.BaseKW == 0 && c.Group != "" {
		s.BaseKW = float32(math.Inf(1))
	}
	s.structural = []bool{false}
	for _, cl := range c.Clauses {
		s.Clauses = append(s.Clauses, cl.Name)
		s.structural = append(s.structural, cl.Form == TimeBlock)
	}
	feedin := feedinLimited(c)
	cache := map[profileKey]*Profile{}
	offset := 0
	dayStart := s.Start
	wd := first.Weekday()
	// The contract year changes on anniversaries only; track it instead of
	// recomputing it per day.
	year, yearDays, nextYear := -1, 0, Date{}
	s.Days = make([]Day, 0, first.DaysUntil(last)+1)
	for d := first; !last.Before(d); d = d.AddDays(1) {
		next := d.AddDays(1).Start()
		n := int(next.Sub(dayStart) / series.ISP)
		dayStart = next
		inTerm := c.Term.Contains(d)
		switch {
		case !inTerm:
			year = -1
		case year < 0 || !d.Before(nextYear):
			var y0, y1 Date
			year, y0, y1 = c.Term.Year(d)
			yearDays, nextYear = y0.DaysUntil(y1)+1, y1.AddDays(1)
		}
		k := profileKey{n: n, inTerm: inTerm}
		if inTerm {
			hol := c.Holidays[d]
			for ci := range c.Clauses {
				if cl := &c.Clauses[ci]; cl.Days.Applies(wd, hol) && cl.Months[d.Month] {
					k.applies |= 1 << ci
				}
			}
		}
		p := cache[k]
		if p == nil {
			p = buildProfile(c, s.BaseKW, d, k, feedin)
			cache[k] = p
		}
		s.Days = append(s.Days, Day{Date: d, Offset: offset, Year: year, YearDays: yearDays, P: p})
		offset += n
		wd = (wd + 1) % 7
	}
	s.Calls = screenCalls(c, calls)
	owned := map[int]bool{}
	ci := c.callClause()
	for i := range s.Calls {
		cr := &s.Calls[i]
		if !cr.Binding {
			continue
		}
		limit := cr.LimitKW
		if math.IsNaN(limit) {
			continue // a volume call: checked against the baseline, not per ISP
		}
		s.overlay(cr.Call.Start(), cr.Call.End(), float32(limit), uint8(ci+1), owned)
	}
	return s
}

// overlay lowers the offtake limit to kw over [from, to), giving each day
// it touches its own profile.
func (s *Schedule) overlay(from, to time.Time, kw float32, clause uint8, owned map[int]bool) {
	a := int(from.Sub(s.Start) / series.ISP)
	b := int(to.Sub(s.Start) / series.ISP)
	for di := range s.Days {
		d := &s.Days[di]
		lo, hi := max(a, d.Offset), min(b, d.Offset+len(d.P.OfftakeKW))
		if lo >= hi {
			continue
		}
		if !owned[di] {
			d.P = d.P.clone()
			owned[di] = true
		}
		for i := lo - d.Offset; i < hi-d.Offset; i++ {
			if kw < d.P.OfftakeKW[i] {
				d.P.OfftakeKW[i] = kw
				d.P.Clause[i] = clause
			}
		}
		d.P.summarise(s.BaseKW, nil)
	}
}

func (p *Profile) clone() *Profile {
	q := *p
	q.OfftakeKW = append([]float32(nil), p.OfftakeKW...)
	q.Clause = append([]uint8(nil), p.Clause...)
	return &q
}

// feedinLimited reports whether any ISP can have a feed-in limit.
func feedinLimited(c *Contract) bool {
	if !math.IsInf(c.FeedinKW, 1) {
		return true
	}
	for _, cl := range c.Clauses {
		if !math.IsNaN(cl.FeedinMaxKW) {
			return true
		}
	}
	return false
}

// unlimited returns read-only slices of n +Inf limits and n base clauses,
// shared by every profile without a feed-in limit.
func unlimited(n int) ([]float32, []uint8) {
	unlimitedMu.Lock()
	defer unlimitedMu.Unlock()
	if unlimitedKW[n] == nil {
		kw := make([]float32, n)
		for i := range kw {
			kw[i] = float32(math.Inf(1))
		}
		unlimitedKW[n], unlimitedClause[n] = kw, make([]uint8, n)
	}
	return unlimitedKW[n], unlimitedClause[n]
}

var (
	unlimitedMu     sync.Mutex
	unlimitedKW     = map[int][]float32{}
	unlimitedClause = map[int][]uint8{}
)

// buildProfile resolves the clauses of c that k says apply, on a local day
// (d is one such day) of k.n ISPs.
func buildProfile(c *Contract, baseKW float32, d Date, k profileKey, feedinLimits bool) *Profile {
	n := k.n
	p := &Profile{OfftakeKW: make([]float32, n), Clause: make([]uint8, n)}
	for i := range n {
		p.OfftakeKW[i] = baseKW
	}
	if feedinLimits {
		p.FeedinKW, p.FeedinClause = make([]float32, n), make([]uint8, n)
		for i := range n {
			p.FeedinKW[i] = float32(c.FeedinKW)
		}
	} else {
		p.FeedinKW, p.FeedinClause = unlimited(n)
	}
	structural := make([]bool, n)
	if k.inTerm {
		minutes := wallMinutes(d, n)
		// Block power raises the limit first; time blocks then lower it, so a
		// time block inside a block window still binds.
		for ci := range c.Clauses {
			cl := &c.Clauses[ci]
			if cl.Form != BlockPower || k.applies&(1<<ci) == 0 {
				continue
			}
			for i, m := range minutes {
				extra := 0.0
				for _, b := range cl.Blocks {
					if b.Window.Contains(m) {
						extra = math.Max(extra, b.ExtraKW) // overlapping blocks do not add up
					}
				}
				if kw := baseKW + float32(extra); extra > 0 && kw > p.OfftakeKW[i] {
					p.OfftakeKW[i], p.Clause[i] = kw, uint8(ci+1)
				}
			}
		}
		for ci := range c.Clauses {
			cl := &c.Clauses[ci]
			if (cl.Form != TimeBlock && cl.Form != Group) || k.applies&(1<<ci) == 0 {
				continue
			}
			for i, m := range minutes {
				if !cl.Window.Contains(m) {
					continue
				}
				if kw := float32(cl.MaxKW); kw < p.OfftakeKW[i] {
					p.OfftakeKW[i], p.Clause[i] = kw, uint8(ci+1)
					structural[i] = cl.Form == TimeBlock
				}
				if kw := float32(cl.FeedinMaxKW); !math.IsNaN(cl.FeedinMaxKW) && kw < p.FeedinKW[i] {
					p.FeedinKW[i], p.FeedinClause[i] = kw, uint8(ci+1)
				}
			}
		}
	}
	p.summarise(baseKW, structural)
	return p
}

// summarise computes the freed capacity of the profile; structural marks
// ISPs whose limit a time block sets (nil keeps StructuralKWh).
func (p *Profile) summarise(baseKW float32, structural []bool) {
	p.FreedKW, p.FreedKWh = 0, 0
	if structural != nil {
		p.StructuralKWh = 0
	}
	p.FeedinLimited = false
	for i, l := range p.OfftakeKW {
		if f := baseKW - l; f > 0 && !math.IsInf(float64(baseKW), 1) {
			p.FreedKW = max(p.FreedKW, f)
			p.FreedKWh += float64(f) / series.ISPsPerHour
			if structural != nil && structural[i] {
				p.StructuralKWh += float64(f) / series.ISPsPerHour
			}
		}
	}
	for _, l := range p.FeedinKW {
		if !math.IsInf(float64(l), 1) {
			p.FeedinLimited = true
			break
		}
	}
}

// wallMinutes is the local wall-clock minute of each ISP start of day d:
// on the 92-ISP day 02:00–03:00 is absent, on the 100-ISP day it repeats.
// Every Europe/Amsterdam day of a length has the same minutes, so they are
// computed once per length.
func wallMinutes(d Date, n int) []int {
	minutesMu.Lock()
	defer minutesMu.Unlock()
	if m, ok := minutesByLen[n]; ok {
		return m
	}
	m := computeWallMinutes(d, n)
	minutesByLen[n] = m
	return m
}

var (
	minutesMu    sync.Mutex
	minutesByLen = map[int][]int{}
)

func computeWallMinutes(d Date, n int) []int {
	start := d.Start()
	out := make([]int, n)
	for i := range out {
		l := start.Add(time.Duration(i) * series.ISP).In(series.Amsterdam)
		out[i] = l.Hour()*60 + l.Minute()
	}
	return out
}

// sortCalls orders calls by start, then by announcement.
func sortCalls(calls []CallResult) {
	sort.SliceStable(calls, func(i, j int) bool {
		a, b := calls[i].Call.Start(), calls[j].Call.Start()
		if !a.Equal(b) {
			return a.Before(b)
		}
		return calls[i].Call.Announced.Before(calls[j].Call.Announced)
	})
}

// Limit returns the offtake and feed-in limit at instant t and the name of
// the clause that sets the offtake limit; ok is false outside the schedule.
func (s *Schedule) Limit(t time.Time) (offtakeKW, feedinKW float32, clause string, ok bool) {
	i := int(t.Sub(s.Start) / series.ISP)
	if t.Before(s.Start) {
		return 0, 0, "", false
	}
	k := sort.Search(len(s.Days), func(k int) bool { return s.Days[k].Offset > i }) - 1
	if k < 0 || i-s.Days[k].Offset >= len(s.Days[k].P.OfftakeKW) {
		return 0, 0, "", false
	}
	p, j := s.Days[k].P, i-s.Days[k].Offset
	return p.OfftakeKW[j], p.FeedinKW[j], s.Clauses[p.Clause[j]], true
}
