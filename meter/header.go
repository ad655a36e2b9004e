package meter

import (
	"fmt"
	"strings"
	"time"

	"gridflex/input"
)

// role is what a column holds.
type role int

const (
	roleValue   role = iota // unrecognised: a connection's values (wide) or the offtake (long)
	roleEAN                 // connection identifier
	roleStart               // interval start
	roleEnd                 // interval end
	roleOfftake             // energy or power taken from the grid
	roleFeedin              // energy or power fed into the grid
	roleQuality             // measured / estimated flag
	roleDate                // date of a split date + clock timestamp
	roleClock               // clock time (or "00:00 - 00:15") next to a date column
)

var roleNames = [...]string{"value", "ean", "interval_start", "interval_end", "offtake", "feedin", "quality", "date", "clock"}

func (r role) String() string { return roleNames[r] }

// Header names by role, compared after lower-casing, trimming and removing
// the unit. Dutch names are what operators' portals export.
var roleByName = map[string]role{
	"ean": roleEAN, "ean_code": roleEAN, "eancode": roleEAN, "ean18": roleEAN, "ean code": roleEAN,
	"connection": roleEAN, "connection_id": roleEAN, "aansluiting": roleEAN, "meter_id": roleEAN,
	"meter": roleEAN, "meterid": roleEAN,

	"interval_start": roleStart, "start": roleStart, "from": roleStart, "van": roleStart,
	"datetime": roleStart, "date_time": roleStart, "timestamp": roleStart, "time": roleStart,
	"datum_tijd": roleStart, "datumtijd": roleStart, "datum/tijd": roleStart, "period_start": roleStart,
	"utc_timestamp": roleStart, "": roleStart, "index": roleStart, "begin": roleStart, "starttijd": roleStart,

	"interval_end": roleEnd, "end": roleEnd, "to": roleEnd, "tot": roleEnd, "until": roleEnd,
	"period_end": roleEnd, "eind": roleEnd, "eindtijd": roleEnd,

	"offtake": roleOfftake, "afname": roleOfftake, "consumption": roleOfftake, "import": roleOfftake,
	"verbruik": roleOfftake, "levering": roleOfftake, "delivery": roleOfftake,

	"feedin": roleFeedin, "feed_in": roleFeedin, "feed-in": roleFeedin, "teruglevering": roleFeedin,
	"export": roleFeedin, "injection": roleFeedin, "production": roleFeedin, "opwek": roleFeedin,

	"quality": roleQuality, "status": roleQuality, "kwaliteit": roleQuality, "flag": roleQuality,

	"date": roleDate, "datum": roleDate, "dag": roleDate, "day": roleDate,
	"tijd": roleClock, "uur": roleClock, "kwartier": roleClock, "clock": roleClock, "tijdvak": roleClock,
}

// unit converts a column's numbers to kW (power) or kWh (energy).
type unit struct {
	name   string
	factor float64
	energy bool
}

var units = map[string]unit{
	"kw": {"kW", 1, false}, "kwh": {"kWh", 1, true},
	"mw": {"MW", 1000, false}, "mwh": {"MWh", 1000, true},
	"w": {"W", 0.001, false}, "wh": {"Wh", 0.001, true},
}

const unitList = "kW, kWh, MW, MWh, W or Wh"

// splitUnit separates "offtake_kwh", "load [kW]", "afname (kWh)",
// "Load MW" into name and unit; the unit is "" when the header names none.
func splitUnit(h string) (name, u string) {
	h = strings.TrimSpace(h)
	low := asciiLower(h) // same byte offsets as h, unlike strings.ToLower
	if n := len(low); n > 2 && (low[n-1] == ']' || low[n-1] == ')') {
		open := strings.LastIndexAny(low, "[(")
		if open >= 0 {
			if _, ok := units[strings.TrimSpace(low[open+1:n-1])]; ok {
				return strings.TrimSpace(h[:open]), strings.TrimSpace(low[open+1 : n-1])
			}
		}
	}
	for _, sep := range []string{"_", " ", "-"} {
		if i := strings.LastIndex(low, sep); i > 0 {
			if _, ok := units[low[i+1:]]; ok {
				name := strings.TrimSuffix(strings.TrimSpace(h[:i]), " in")
				return strings.TrimSpace(name), low[i+1:]
			}
		}
	}
	return h, ""
}

// column is one header cell, classified.
type column struct {
	index int    // 0-based
	head  string // as written
	name  string // without unit
	role  role
	unit  unit
}

// layout is how a header maps to connections.
type layout struct {
	cols       []column
	ean        int // column of the EAN; -1 for single or wide files
	start, end int // -1 when absent
	quality    int
	date       int // split date + clock columns; start is then the clock column
	// conns lists, per connection of a wide or single file, its offtake and
	// feed-in columns; for a long file one entry serves every EAN.
	conns []connCols
	wide  bool
	// labelEnd: the timestamp column marks interval ends.
	labelEnd bool
}

type connCols struct {
	name            string
	offtake, feedin int // -1 when absent
}

// parseHeader classifies the header cells; every problem is returned.
func parseHeader(cells []string, name string, line int, opts Options) (*layout, []error) {
	l := &layout{ean: -1, start: -1, end: -1, quality: -1, date: -1, labelEnd: opts.LabelEnd}
	var errs []error
	bad := func(col int, head, found, want string) {
		errs = append(errs, &Error{File: name, Line: line, Column: col + 1, Name: head, Found: found, Want: want})
	}
	for _, t := range []time.Time{opts.From, opts.To} {
		if !t.IsZero() && t.Truncate(15*time.Minute) != t {
			errs = append(errs, fmt.Errorf("%s: period bound %s: want a quarter-hour instant", name, t))
		}
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && !opts.To.After(opts.From) {
		errs = append(errs, fmt.Errorf("%s: period %s to %s: want the end after the start", name, opts.From, opts.To))
	}
	var forced unit
	if opts.Unit != "" {
		u, ok := units[strings.ToLower(opts.Unit)]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: unit %q: want %s", name, opts.Unit, unitList))
			return nil, errs
		}
		forced = u
	}
	seen := map[role]int{}
	for i, h := range cells {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		base, u := splitUnit(h)
		c := column{index: i, head: h, name: base, role: roleValue}
		if r, ok := roleByName[asciiLower(base)]; ok && (u == "" || r == roleOfftake || r == roleFeedin) {
			c.role = r
		}
		if c.role == roleValue || c.role == roleOfftake || c.role == roleFeedin {
			switch {
			case u != "":
				c.unit = units[u]
				if forced.name != "" && forced != c.unit {
					bad(i, h, "unit "+c.unit.name+" in the header", "the unit set by the caller ("+forced.name+")")
				}
			case forced.name != "":
				c.unit = forced
			default:
				bad(i, h, "no unit in header "+input.Excerpt(h), unitList+` in the header (e.g. "load [kW]", "offtake_kwh") or a unit set by the caller (--unit)`)
			}
		} else {
			if j, dup := seen[c.role]; dup {
				bad(i, h, fmt.Sprintf("a second %s column (first is column %d)", c.role, j+1), "one")
			}
			seen[c.role] = i
		}
		l.cols = append(l.cols, c)
	}
	for _, c := range l.cols {
		switch c.role {
		case roleEAN:
			l.ean = c.index
		case roleStart:
			l.start = c.index
		case roleEnd:
			l.end = c.index
		case roleQuality:
			l.quality = c.index
		case roleDate:
			l.date = c.index
		}
	}
	// A date column pairs with a clock column ("time" counts as one here).
	clock := -1
	for i, c := range l.cols {
		if c.role == roleClock || (l.date >= 0 && c.role == roleStart && asciiLower(c.name) == "time") {
			l.cols[i].role = roleClock
			clock = i
			if l.start == i {
				l.start = -1
			}
		}
	}
	switch {
	case l.date >= 0 && clock < 0:
		bad(l.date, l.cols[l.date].head, "a date column without a clock column", `a column "tijd" or "time" next to it (or one timestamp column)`)
	case l.date < 0 && clock >= 0:
		bad(clock, l.cols[clock].head, "a clock column without a date column", `a column "datum" or "date" next to it (or one timestamp column)`)
	case l.date >= 0 && l.start >= 0:
		bad(l.start, l.cols[l.start].head, "a timestamp column next to date and clock columns", "one or the other")
	case l.date >= 0:
		l.start = clock
	}
	if l.start < 0 && l.end < 0 {
		errs = append(errs, &Error{File: name, Line: line, Found: "no timestamp column", Want: "a column interval_start (or datetime, timestamp, from; or an empty first header)"})
	}
	if l.start < 0 && l.end >= 0 {
		// Only an end column: it labels the interval end.
		l.start, l.end = l.end, -1
		l.labelEnd = true
	}
	one := connCols{offtake: -1, feedin: -1}
	var values []column
	for _, c := range l.cols {
		switch c.role {
		case roleOfftake:
			if one.offtake >= 0 {
				bad(c.index, c.head, "a second offtake column", "one")
			}
			one.offtake = c.index
		case roleFeedin:
			if one.feedin >= 0 {
				bad(c.index, c.head, "a second feed-in column", "one")
			}
			one.feedin = c.index
		case roleValue:
			values = append(values, c)
		}
	}
	switch {
	case one.offtake >= 0 || one.feedin >= 0:
		if len(values) > 0 {
			c := values[0]
			bad(c.index, c.head, "unrecognised column "+input.Excerpt(c.head)+" next to offtake/feed-in columns", "ean, interval_start, interval_end, offtake, feedin or quality")
		}
		if one.offtake < 0 {
			bad(one.feedin, l.cols[one.feedin].head, "a feed-in column without an offtake column", "an offtake column as well")
		}
		l.conns = []connCols{one}
	case len(values) == 0:
		errs = append(errs, &Error{File: name, Line: line, Found: "no value column", Want: "offtake_kwh (and feedin_kwh) or one column per connection"})
	case l.ean >= 0 && len(values) > 1:
		c := values[1]
		bad(c.index, c.head, "a second value column "+input.Excerpt(c.head)+" in a file with an EAN column", "one value column, or offtake and feed-in columns")
	case l.ean >= 0 || len(values) == 1:
		l.conns = []connCols{{offtake: values[0].index, feedin: -1}}
	default:
		l.wide = true
		names := map[string]int{}
		for _, c := range values {
			if c.name == "" {
				bad(c.index, c.head, "an empty connection name", "the EAN as column header")
			}
			if j, dup := names[c.name]; dup {
				bad(c.index, c.head, fmt.Sprintf("connection %s again (first in column %d)", input.Excerpt(c.name), j+1), "one column per connection")
			}
			names[c.name] = c.index
			l.conns = append(l.conns, connCols{name: c.name, offtake: c.index, feedin: -1})
		}
	}
	if l.ean < 0 && len(l.conns) == 1 {
		l.conns[0].name = opts.EAN
		if l.conns[0].name == "" {
			l.conns[0].name = baseName(name)
		}
	}
	return l, errs
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
