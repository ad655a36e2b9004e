package series

import (
	"fmt"
	"time"
)

// Day is one Europe/Amsterdam calendar day: 96 ISPs, or 92 / 100 on the
// days the clocks change.
type Day struct {
	Year  int
	Month time.Month
	Day   int
	Start time.Time // UTC instant of local midnight
	End   time.Time // UTC instant of the next local midnight
}

// ISPs is the number of settlement intervals in the day.
func (d Day) ISPs() int { return int(d.End.Sub(d.Start) / ISP) }

// Weekday is the local weekday.
func (d Day) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// String is the ISO date, e.g. 2024-10-27.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// LocalDays returns the local days that overlap [from, to). The first and
// last day may extend beyond the range.
func LocalDays(from, to time.Time) []Day {
	if !to.After(from) {
		return nil
	}
	l := from.In(Amsterdam)
	y, m, d := l.Date()
	var days []Day
	for {
		start := time.Date(y, m, d, 0, 0, 0, 0, Amsterdam)
		if !start.Before(to) {
			return days
		}
		end := time.Date(y, m, d+1, 0, 0, 0, 0, Amsterdam)
		days = append(days, Day{Year: y, Month: m, Day: d, Start: start.UTC(), End: end.UTC()})
		y, m, d = end.Date()
	}
}

// WeekdaySet is a set of weekdays, bit i for time.Weekday(i).
type WeekdaySet uint8

// Common day sets. Working days are Monday to Friday; public holidays are a
// separate calendar that the caller applies.
const (
	AllDays     WeekdaySet = 0x7f
	WorkingDays WeekdaySet = 0x3e
	Weekend     WeekdaySet = 0x41
)

// Has reports whether d is in the set.
func (s WeekdaySet) Has(d time.Weekday) bool { return s&(1<<uint(d)) != 0 }

// Calendar holds the local calendar position of every ISP of a span, so
// that windows are evaluated with table look-ups instead of time.In per
// interval (a connection-year is 35,040 ISPs).
type Calendar struct {
	Start time.Time
	// Minute is the local wall-clock minute of day at the start of each
	// ISP (0..1439). On the autumn DST day 02:00–02:45 occur twice; on
	// the spring day 02:00–02:45 do not occur.
	Minute []uint16
	// Weekday of the local day of each ISP.
	Weekday []time.Weekday
	// Day is the index into Days of the local day of each ISP.
	Day  []int32
	Days []Day
}

// NewCalendar returns the calendar of n ISPs from start (ISP-aligned).
func NewCalendar(start time.Time, n int) *Calendar {
	if start.Truncate(ISP) != start {
		panic(fmt.Sprintf("series: calendar start %s not aligned to 15 minutes", start))
	}
	start = start.UTC()
	c := &Calendar{
		Start:   start,
		Minute:  make([]uint16, n),
		Weekday: make([]time.Weekday, n),
		Day:     make([]int32, n),
		Days:    LocalDays(start, start.Add(time.Duration(n)*ISP)),
	}
	for di, d := range c.Days {
		wd := d.Weekday()
		first := int(d.Start.Sub(start) / ISP) // negative for a partial first day
		regular := d.ISPs() == 96              // no clock change: minute = 15 × ISP of the day
		for k := max(first, 0); k < first+d.ISPs() && k < n; k++ {
			if regular {
				c.Minute[k] = uint16((k - first) * 15)
			} else {
				c.Minute[k] = uint16(localMinute(start.Add(time.Duration(k) * ISP)))
			}
			c.Weekday[k] = wd
			c.Day[k] = int32(di)
		}
	}
	return c
}

// localMinute is the wall-clock minute of day of t in Amsterdam.
func localMinute(t time.Time) int {
	_, off := t.In(Amsterdam).Zone()
	sec := (t.Unix() + int64(off)) % 86400
	if sec < 0 {
		sec += 86400
	}
	return int(sec / 60)
}

// Len is the number of ISPs.
func (c *Calendar) Len() int { return len(c.Minute) }

// Window is a recurring local time window: the days of the week it applies
// to and the wall-clock minutes [FromMinute, ToMinute); ToMinute may be
// 1440 for a window ending at 24:00. A window with FromMinute > ToMinute
// wraps past midnight (e.g. 21:00–06:00) and belongs to the day it starts.
type Window struct {
	Days       WeekdaySet
	FromMinute int
	ToMinute   int
}

// ParseClock parses "HH:MM" (00:00..24:00) into minutes after midnight.
func ParseClock(s string) (int, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("clock %q: want HH:MM", s)
	}
	for _, c := range []byte(s[:2] + s[3:]) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("clock %q: want HH:MM", s)
		}
	}
	h = int(s[0]-'0')*10 + int(s[1]-'0')
	m = int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("clock %q: want 00:00..24:00", s)
	}
	return h*60 + m, nil
}

// Contains reports whether ISP i of the calendar starts inside the window.
// For a wrapping window the part after midnight belongs to the previous
// local day's weekday.
func (w Window) Contains(c *Calendar, i int) bool {
	m := int(c.Minute[i])
	if w.FromMinute <= w.ToMinute {
		return m >= w.FromMinute && m < w.ToMinute && w.Days.Has(c.Weekday[i])
	}
	if m >= w.FromMinute {
		return w.Days.Has(c.Weekday[i])
	}
	if m < w.ToMinute {
		return w.Days.Has((c.Weekday[i] + 6) % 7)
	}
	return false
}

// Mask sets dst[i] for every ISP inside the window and returns dst, grown
// to the calendar's length if needed.
func (w Window) Mask(c *Calendar, dst []bool) []bool {
	if cap(dst) < c.Len() {
		dst = make([]bool, c.Len())
	}
	dst = dst[:c.Len()]
	for i := range dst {
		dst[i] = w.Contains(c, i)
	}
	return dst
}
