package building

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"gridflex/input"
	"gridflex/series"
)

// Weather is an hourly outdoor temperature record (UTC hour starts).
type Weather struct {
	Start       time.Time // first hour, UTC
	TempC       []float64 // per hour
	IrradWPerM2 []float64 // per hour, nil without an irradiance column
}

// ParseWeather reads an hourly weather CSV: a time column (datetime, time
// or timestamp; "YYYY-MM-DD HH:MM:SS" in UTC or RFC 3339) and a temperature
// column (tempColumn, or the first whose name contains "temp"), optionally
// a global irradiance column in W/m². Hours must follow each other without
// gaps; every bad row is reported (up to 20) with its line.
func ParseWeather(name string, r io.Reader, tempColumn, irradColumn string) (Weather, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return Weather{}, fmt.Errorf("%s: read header: %w", name, err)
	}
	tc, ic, vc := -1, -1, -1
	var errs []string
	// A second column for one role is refused: which holds the data would
	// be a guess.
	take := func(c *int, i int, role string) {
		if *c >= 0 {
			errs = append(errs, fmt.Sprintf("%s:1: column %d %s: want one %s column, got a second (first is column %d)", name, i+1, input.Excerpt(header[i]), role, *c+1))
			return
		}
		*c = i
	}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		lh := strings.ToLower(h)
		switch {
		case lh == "datetime" || lh == "time" || lh == "timestamp":
			take(&tc, i, "time")
		case tempColumn != "" && h == tempColumn, tempColumn == "" && strings.Contains(lh, "temp"):
			take(&vc, i, "temperature (name one with weather_column)")
		case irradColumn != "" && h == irradColumn:
			take(&ic, i, "irradiance")
		}
	}
	if tc < 0 {
		errs = append(errs, fmt.Sprintf("%s:1: want a time column (datetime, time or timestamp), got %s", name, input.Excerpt(strings.Join(header, ","))))
	}
	if vc < 0 {
		want := "a column whose name contains \"temp\""
		if tempColumn != "" {
			want = fmt.Sprintf("column %q", tempColumn)
		}
		errs = append(errs, fmt.Sprintf("%s:1: want %s, got %s", name, want, input.Excerpt(strings.Join(header, ","))))
	}
	if irradColumn != "" && ic < 0 {
		errs = append(errs, fmt.Sprintf("%s:1: want irradiance column %q, got %s", name, irradColumn, input.Excerpt(strings.Join(header, ","))))
	}
	if len(errs) > 0 {
		return Weather{}, errors.New(strings.Join(errs, "\n"))
	}
	var w Weather
	var prev time.Time
	line := 1
	for {
		rec, err := cr.Read()
		line++
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, line, err))
			break
		}
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
		}
		if len(rec) <= max(tc, vc, ic) {
			bad("want %d columns, got %d", len(header), len(rec))
			continue
		}
		t, err := parseTime(rec[tc])
		if err != nil {
			bad("column %s: %v", header[tc], err)
			continue
		}
		switch {
		case len(w.TempC) == 0:
			w.Start = t
		case !t.Equal(prev.Add(time.Hour)):
			bad("column %s: want %s (hours without gaps), got %s", header[tc], prev.Add(time.Hour).Format(time.DateTime), rec[tc])
		}
		prev = t
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[vc]), 64)
		if err != nil || math.IsNaN(v) || v < -80 || v > 70 {
			bad("column %s: want a temperature in °C, got %s", header[vc], input.Excerpt(rec[vc]))
		}
		w.TempC = append(w.TempC, v)
		if ic >= 0 {
			g, err := strconv.ParseFloat(strings.TrimSpace(rec[ic]), 64)
			if err != nil || !(g >= 0 && g < 2000) {
				bad("column %s: want irradiance in W/m² (0…2000), got %s", header[ic], input.Excerpt(rec[ic]))
			}
			w.IrradWPerM2 = append(w.IrradWPerM2, g)
		}
		if len(errs) >= 20 {
			errs = append(errs, name+": more errors not shown")
			break
		}
	}
	if len(errs) > 0 {
		return Weather{}, errors.New(strings.Join(errs, "\n"))
	}
	if len(w.TempC) < 72 {
		return Weather{}, fmt.Errorf("%s: want at least three days of hourly data, got %d hours", name, len(w.TempC))
	}
	return w, nil
}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateTime, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			if t.Truncate(time.Hour) != t {
				return time.Time{}, fmt.Errorf("want an hour start, got %s", input.Excerpt(s))
			}
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("want YYYY-MM-DD HH:MM:SS (UTC) or RFC 3339, got %s", input.Excerpt(s))
}

// Horizons turns a weather record into one horizon per local working day
// (Monday–Friday, Europe/Amsterdam) that has a whole day before and after
// it in the record; the horizon runs from noon the day before to noon the
// day after. Each hour's values hold for its four ISPs; solar gains
// per m² floor are irradiance × apertureM2PerM2.
func (w Weather) Horizons(apertureM2PerM2 float64) []Horizon {
	start := w.Start
	n := len(w.TempC) * 4
	cal := series.NewCalendar(start, n)
	out := make([]Horizon, 0, len(cal.Days))
	// first ISP of each local day
	firstISP := make([]int, len(cal.Days)+1)
	for i := range firstISP {
		firstISP[i] = -1
	}
	for k := range n {
		if d := cal.Day[k]; firstISP[d] < 0 {
			firstISP[d] = k
		}
	}
	firstISP[len(cal.Days)] = n
	for di := 1; di+1 < len(cal.Days); di++ {
		d := cal.Days[di]
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		from, to := firstISP[di-1], firstISP[di+2]
		if from < 0 || to < 0 || firstISP[di] != from+cal.Days[di-1].ISPs() || to-from < 3*92 {
			continue
		}
		// noon to noon: the ISP of the local 12:00 on either side
		for from < firstISP[di] && cal.Minute[from] < 12*60 {
			from++
		}
		for to > firstISP[di+1] && (cal.Day[to-1] == int32(di+1) && cal.Minute[to-1] >= 12*60) {
			to--
		}
		h := Horizon{Name: d.String(), Date: d.String(), From: firstISP[di] - from, To: firstISP[di+1] - from}
		for k := from; k < to; k++ {
			h.OutC = append(h.OutC, w.TempC[k/4])
			sol := 0.0
			if w.IrradWPerM2 != nil {
				sol = w.IrradWPerM2[k/4] * apertureM2PerM2
			}
			h.SolarWPerM2 = append(h.SolarWPerM2, sol)
			h.Minute = append(h.Minute, int(cal.Minute[k]))
			wd := cal.Weekday[k]
			h.Working = append(h.Working, wd != time.Saturday && wd != time.Sunday)
		}
		out = append(out, h)
	}
	return out
}
