package contract

import (
	"fmt"
	"time"

	"gridflex/meter"
	"gridflex/series"
)

// DataQuality is what the meter import found in the data a check rests
// on, so that a result built on doubtful readings says so instead of
// dropping the import's report (project brief: nothing silently dropped).
type DataQuality struct {
	Connections           int      `json:"connections"`
	ResolutionMinutes     float64  `json:"resolution_minutes"` // coarsest source interval
	Duplicates            int      `json:"duplicates"`
	ConflictingDuplicates int      `json:"conflicting_duplicates"` // the first reading was kept
	Gaps                  int      `json:"gaps"`                   // runs of ISPs without a reading
	MissingISPs           int      `json:"missing_isps"`           // within each connection's own span
	EstimatedReadings     int      `json:"estimated_readings"`
	Warnings              []string `json:"warnings"`
}

// AssessData sums the import's quality reports of the connections a
// check uses and words a warning for each problem worth a reader's doubt.
func AssessData(qs []meter.Quality) DataQuality {
	d := DataQuality{Connections: len(qs), Warnings: []string{}}
	for _, q := range qs {
		res := q.Resolution
		if res <= 0 {
			res = series.ISP
		}
		d.ResolutionMinutes = max(d.ResolutionMinutes, res.Minutes())
		d.Duplicates += q.Duplicates
		d.ConflictingDuplicates += q.Conflicts
		d.Gaps += q.GapCount
		d.MissingISPs += q.MissingISPs()
		d.EstimatedReadings += q.Estimated
		who := ""
		if len(qs) > 1 {
			who = q.EAN + ": "
		}
		if res > series.ISP {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%sreadings every %s spread evenly over their quarter hours: peaks within the %s are not visible, so violations inside it can be missed",
				who, duration(res), duration(res)))
		}
		if q.Conflicts > 0 {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s%d conflicting duplicate readings (same ISP, different value); the first of each was used", who, q.Conflicts))
		}
		if q.GapCount > 0 {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s%d gaps, %d ISPs without a reading: compliance there is unknown, not assumed", who, q.GapCount, q.MissingISPs()))
		}
		if q.Estimated > 0 {
			d.Warnings = append(d.Warnings, fmt.Sprintf("%s%d readings flagged estimated by the source", who, q.Estimated))
		}
	}
	return d
}

// duration words an interval: "hour", "30 min".
func duration(d time.Duration) string {
	if d == time.Hour {
		return "hour"
	}
	if d%time.Hour == 0 {
		return fmt.Sprintf("%d h", d/time.Hour)
	}
	return fmt.Sprintf("%g min", d.Minutes())
}
