package contract

import (
	"math"
	"time"

	"gridflex/series"
)

// Direction says which limit a violation exceeds.
type Direction string

// Directions of a violation.
const (
	Offtake Direction = "offtake"
	Feedin  Direction = "feedin"
)

// Violation is a merged run of consecutive ISPs whose measured load
// exceeds the limit. A missing ISP ends a run: it is neither a violation
// nor evidence of compliance (doc: missing ISPs). A run may cross midnight.
type Violation struct {
	Start, End  time.Time // UTC; End is the end of the last ISP
	Direction   Direction
	MaxExcessKW float64 // largest load − limit in the run
	ExcessKWh   float64 // Σ (load − limit) ÷ 4 over the run
	Clause      string  // the clause setting the limit at the largest excess
	Year        int     // contract year of Start; -1 outside the term
	Volume      bool    // a volume call delivered too little (ExcessKWh is the shortfall)

	Sanction   string  // "yellow card", "penalty", "none" (base GTV or outside the term)
	PenaltyEUR float64 // for Sanction "penalty"

	clause int // clause id
}

// dayStats is what the scan of one day of one series yields.
type dayStats struct {
	present           int     // ISPs with a value
	missing           int     // ISPs without
	missingBind       int     // missing ISPs where the limit is below base
	missingStructural float64 // time-block freed kWh on missing ISPs (unverified)
	overStructural    float64 // time-block freed kWh on exceeding ISPs (not kept)
}

// scan compares load (aligned so that load index j is schedule ISP j+shift)
// with the schedule. It returns the violations and per-day statistics
// (indexed like s.Days). It allocates per violation and per day, never per
// ISP.
func (s *Schedule) scan(load series.Series, shift int, dir Direction, stats []dayStats) []Violation {
	var (
		out        []Violation
		run        Violation
		inRun      bool
		baseFinite = !math.IsInf(float64(s.BaseKW), 1)
	)
	kw := load.KW
	for di := range s.Days {
		d := &s.Days[di]
		lim, clause := d.P.OfftakeKW, d.P.Clause
		if dir == Feedin {
			if !d.P.FeedinLimited {
				if inRun {
					out, inRun = append(out, run), false
				}
				continue
			}
			lim, clause = d.P.FeedinKW, d.P.FeedinClause
		}
		lo := max(0, d.Offset-shift)
		hi := min(len(kw), d.Offset+len(lim)-shift)
		if lo >= hi {
			continue
		}
		base := d.Offset - shift // load index of the day's ISP 0
		day := kw[lo:hi]
		dl := lim[lo-base : hi-base]
		missing, over := 0, false
		for i, v := range day {
			if v != v {
				missing++
			}
			if v > dl[i] {
				over = true
			}
		}
		if dir == Offtake {
			st := &stats[di]
			st.present += len(day) - missing
			st.missing += missing
		}
		if !over && !inRun && missing == 0 {
			continue
		}
		// Slow path: this day has an exceedance, a gap or a run from the day before.
		for i, v := range day {
			j := lo + i - base // ISP within the day
			l := dl[i]
			free := 0.0
			if baseFinite && l < s.BaseKW {
				free = float64(s.BaseKW-l) / series.ISPsPerHour
			}
			if v > l {
				ex := float64(v - l)
				if !inRun {
					run = Violation{Start: s.Start.Add(time.Duration(d.Offset+j) * series.ISP), Direction: dir, Year: d.Year, clause: -1}
					inRun = true
				}
				run.End = s.Start.Add(time.Duration(d.Offset+j+1) * series.ISP)
				run.ExcessKWh += ex / series.ISPsPerHour
				if ex > run.MaxExcessKW || run.clause < 0 {
					run.MaxExcessKW = ex
					run.clause = int(clause[j])
				}
				if dir == Offtake && s.structural[clause[j]] {
					stats[di].overStructural += free
				}
				continue
			}
			if inRun {
				out, inRun = append(out, run), false
			}
			if v != v && dir == Offtake && l < s.BaseKW {
				stats[di].missingBind++
				if s.structural[clause[j]] {
					stats[di].missingStructural += free
				}
			}
		}
	}
	if inRun {
		out = append(out, run)
	}
	for i := range out {
		out[i].Clause = s.Clauses[out[i].clause]
	}
	return out
}
