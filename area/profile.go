package area

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"gridflex/series"
)

// Standard profile shapes, share of the peak per ISP by local time. They are
// planning shapes, not measurements: a request names one when it has no
// meter data or scan (FORMAT.md describes each).
var standardProfiles = map[string]func(minute int, wd time.Weekday) float32{
	"flat": func(int, time.Weekday) float32 { return 1 },
	// Offices: occupied 07:00–19:00 on working days, base load otherwise.
	"office": func(m int, wd time.Weekday) float32 {
		if wd == time.Saturday || wd == time.Sunday {
			return 0.15
		}
		switch {
		case m >= 8*60 && m < 17*60:
			return 1
		case m >= 7*60 && m < 19*60:
			return 0.7
		}
		return 0.2
	},
	// Depots charging on arrival: vans and trucks return 17:00–19:00 and
	// charge into the evening peak (study §3).
	"depot": func(m int, wd time.Weekday) float32 {
		switch {
		case m >= 17*60 && m < 21*60:
			return 1
		case m >= 21*60 || m < 1*60:
			return 0.6
		case m >= 7*60 && m < 17*60:
			return 0.15
		}
		return 0.3
	},
	// Housing: the evening peak of households with heat pumps and cars.
	"residential": func(m int, wd time.Weekday) float32 {
		switch {
		case m >= 17*60 && m < 21*60:
			return 1
		case m >= 7*60 && m < 9*60:
			return 0.7
		case m >= 9*60 && m < 17*60:
			return 0.5
		}
		return 0.35
	},
	// Continuous process industry: nearly flat, lighter at weekends.
	"industry": func(m int, wd time.Weekday) float32 {
		if wd == time.Saturday || wd == time.Sunday {
			return 0.8
		}
		if m >= 6*60 && m < 22*60 {
			return 1
		}
		return 0.9
	},
}

// ProfileKinds lists the standard profile names.
func ProfileKinds() []string {
	var ks []string
	for k := range standardProfiles {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// standardShape evaluates a standard profile over a calendar.
func standardShape(kind string, cal *series.Calendar) ([]float32, bool) {
	f, ok := standardProfiles[kind]
	if !ok {
		return nil, false
	}
	out := make([]float32, cal.Len())
	for i := range out {
		out[i] = f(int(cal.Minute[i]), cal.Weekday[i])
	}
	return out, true
}

// shapeOf normalises a measured series over the base period to its peak.
// Every ISP of the base period must be present: a profile is never filled.
func shapeOf(s series.Series, from time.Time, n int) ([]float32, error) {
	off := int(from.Sub(s.Start) / series.ISP)
	if off < 0 || off+n > s.Len() {
		return nil, fmt.Errorf("covers %s – %s, want the base period %s – %s",
			stamp(s.Start), stamp(s.End()), stamp(from), stamp(from.Add(time.Duration(n)*series.ISP)))
	}
	out := make([]float32, n)
	peak := float32(0)
	for i := range out {
		v := s.KW[off+i]
		if v != v {
			return nil, fmt.Errorf("missing value at %s: a profile must be complete", stamp(s.At(off+i)))
		}
		out[i] = v
		peak = max(peak, v)
	}
	if peak <= 0 {
		return nil, fmt.Errorf("peak %g kW, want a positive peak", peak)
	}
	for i := range out {
		out[i] = max(out[i], 0) / peak
	}
	return out, nil
}

// dayShape repeats a typical day of 96 values (kW) over a calendar, on
// working days only when workdays is true; normalised to its peak.
func dayShape(day []float64, workdays bool, cal *series.Calendar) ([]float32, error) {
	peak := 0.0
	for _, v := range day {
		peak = math.Max(peak, v)
	}
	if len(day) != 96 || peak <= 0 {
		return nil, fmt.Errorf("typical day of %d values with peak %g kW, want 96 values and a positive peak", len(day), peak)
	}
	out := make([]float32, cal.Len())
	for i := range out {
		wd := cal.Weekday[i]
		if workdays && (wd == time.Saturday || wd == time.Sunday) {
			continue
		}
		out[i] = float32(day[int(cal.Minute[i])/15] / peak)
	}
	return out, nil
}

func stamp(t time.Time) string { return t.In(series.Amsterdam).Format("2006-01-02 15:04") }

func profileList() string {
	return strings.Join(ProfileKinds(), ", ") + ", {meter: FILE} or {scan: SITE.yaml}"
}
