// Package calendar computes public-holiday calendars, so a contract can say
// "working days" the way Dutch operators and companies mean it.
//
// The Dutch calendar (Algemene termijnenwet, art. 3) has New Year's Day,
// Easter Sunday and Monday, King's Day (27 April, 26 April when the 27th is
// a Sunday), Ascension Day, Whit Sunday and Monday, and Christmas and
// Boxing Day. Liberation Day (5 May) is a national holiday but a day off
// for most employees only every fifth year (2025, 2030, …); Options say
// whether to count it.
package calendar

import (
	"fmt"
	"time"
)

// Holiday is one public holiday.
type Holiday struct {
	Date time.Time // the civil date at 00:00 UTC
	Name string
}

// Options choose the variant of a calendar.
type Options struct {
	// Liberation: "lustrum" (default: 5 May in years divisible by 5),
	// "always" or "never".
	Liberation string
}

// Easter returns Easter Sunday of year (Gregorian; the anonymous
// "Meeus/Jones/Butcher" algorithm).
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Dutch returns the Dutch public holidays of year in date order.
func Dutch(year int, opts Options) ([]Holiday, error) {
	switch opts.Liberation {
	case "", "lustrum", "always", "never":
	default:
		return nil, fmt.Errorf("calendar: liberation %q: want lustrum, always or never", opts.Liberation)
	}
	date := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	easter := Easter(year)
	kings := date(time.April, 27)
	if kings.Weekday() == time.Sunday {
		kings = date(time.April, 26)
	}
	out := []Holiday{
		{date(time.January, 1), "New Year's Day"},
		{easter, "Easter Sunday"},
		{easter.AddDate(0, 0, 1), "Easter Monday"},
		{kings, "King's Day"},
	}
	if opts.Liberation == "always" || ((opts.Liberation == "" || opts.Liberation == "lustrum") && year%5 == 0) {
		out = append(out, Holiday{date(time.May, 5), "Liberation Day"})
	}
	out = append(out,
		Holiday{easter.AddDate(0, 0, 39), "Ascension Day"},
		Holiday{easter.AddDate(0, 0, 49), "Whit Sunday"},
		Holiday{easter.AddDate(0, 0, 50), "Whit Monday"},
		Holiday{date(time.December, 25), "Christmas Day"},
		Holiday{date(time.December, 26), "Boxing Day"},
	)
	// Ascension can fall on 5 May (e.g. 2016); keep date order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Date.Before(out[j-1].Date); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out, nil
}
