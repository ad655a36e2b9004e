package series

import (
	_ "time/tzdata" // Europe/Amsterdam on machines without a zone database

	"fmt"
	"math"
	"time"
)

// ISP is the Dutch settlement interval.
const ISP = 15 * time.Minute

// ISPsPerHour converts between kW (mean power over an ISP) and kWh per ISP:
// kWh = kW ÷ ISPsPerHour.
const ISPsPerHour = 4

// Amsterdam is the zone in which windows and days are evaluated.
var Amsterdam = mustZone("Europe/Amsterdam")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded by the binary and by this package's
		// tests; without it the program cannot evaluate any window.
		panic("series: " + err.Error())
	}
	return loc
}

// Series is a regular quarter-hour series of mean power in kW. KW[i] covers
// [Start + i·ISP, Start + (i+1)·ISP); NaN marks a missing interval. float32
// keeps a connection-year at 140 KB.
type Series struct {
	Start time.Time // UTC, a multiple of ISP
	KW    []float32
}

// New returns a series of n missing intervals from start, which must be
// ISP-aligned.
func New(start time.Time, n int) Series {
	if start.Truncate(ISP) != start {
		panic(fmt.Sprintf("series: start %s not aligned to 15 minutes", start))
	}
	kw := make([]float32, n)
	nan := float32(math.NaN())
	for i := range kw {
		kw[i] = nan
	}
	return Series{Start: start.UTC(), KW: kw}
}

// Len is the number of intervals.
func (s Series) Len() int { return len(s.KW) }

// End is the end of the last interval.
func (s Series) End() time.Time { return s.Start.Add(time.Duration(len(s.KW)) * ISP) }

// At returns the start of interval i (UTC).
func (s Series) At(i int) time.Time { return s.Start.Add(time.Duration(i) * ISP) }

// Index returns the interval containing t, and false outside the series.
func (s Series) Index(t time.Time) (int, bool) {
	d := t.Sub(s.Start)
	if d < 0 {
		return 0, false
	}
	i := int(d / ISP)
	return i, i < len(s.KW)
}

// Missing reports whether interval i has no value.
func (s Series) Missing(i int) bool { return s.KW[i] != s.KW[i] }

// KWh returns the energy of interval i.
func (s Series) KWh(i int) float64 { return float64(s.KW[i]) / ISPsPerHour }

// LocalDayStart returns the start (UTC) of the Europe/Amsterdam day containing t.
func LocalDayStart(t time.Time) time.Time {
	l := t.In(Amsterdam)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, Amsterdam).UTC()
}

// ISPsInDay returns the number of ISPs in the local day that starts at the
// given calendar date: 96, or 92 / 100 on DST changes.
func ISPsInDay(year int, month time.Month, day int) int {
	a := time.Date(year, month, day, 0, 0, 0, 0, Amsterdam)
	b := time.Date(year, month, day+1, 0, 0, 0, 0, Amsterdam)
	return int(b.Sub(a) / ISP)
}
