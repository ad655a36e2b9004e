package uftp

import (
	"time"

	"gridflex/series"
)

// ISPsIn returns the number of ISPs of a Period in Europe/Amsterdam: 96, or
// 92 and 100 on the days the clocks change.
func ISPsIn(d Date) int { return series.ISPsInDay(d.Year, d.Month, d.Day) }

// DayStart is the UTC instant at which the Period's local day begins.
func DayStart(d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, series.Amsterdam).UTC()
}

// ISPStart is the UTC start of ISP n (1-based) of the Period. ISPs count
// elapsed quarter-hours from local midnight, so on the autumn day ISPs 9–12
// and 13–16 are both 02:00–03:00 wall-clock time, once in CEST, once in CET.
func ISPStart(d Date, n int) time.Time {
	return DayStart(d).Add(time.Duration(n-1) * series.ISP)
}

// ISPAt returns the Period and ISP number containing the instant t.
func ISPAt(t time.Time) (Date, int) {
	start := series.LocalDayStart(t)
	l := start.In(series.Amsterdam)
	return Date{l.Year(), l.Month(), l.Day()}, int(t.Sub(start)/series.ISP) + 1
}

// DateOf returns the Period (local day) that starts at a local midnight.
func DateOf(t time.Time) Date {
	l := t.In(series.Amsterdam)
	return Date{l.Year(), l.Month(), l.Day()}
}
