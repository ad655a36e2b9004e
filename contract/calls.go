package contract

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"gridflex/input"
	"gridflex/series"
)

// Call is one activation of an on-call clause or one limitation of a TDTR:
// on Day, in Window, either a limit (MaxKW) or a volume to reduce against
// the baseline (VolumeKWh). Exactly one of the two is a number, the other
// NaN; a TDTR call with neither takes the clause's limited_kw.
type Call struct {
	Connection string // EAN; empty = every contract the file is given with
	Day        Date
	Window     Window
	MaxKW      float64
	VolumeKWh  float64
	Announced  time.Time
	Where      string // FILE:LINE, for reports
}

// Start and End are the instants the call covers; a window that wraps past
// midnight runs into the next day.
func (c Call) Start() time.Time { return c.Day.Start().Add(wallOffset(c.Day, c.Window.From)) }

// End is the end of the call window.
func (c Call) End() time.Time {
	if c.Window.To <= c.Window.From {
		return c.Day.AddDays(1).Start().Add(wallOffset(c.Day.AddDays(1), c.Window.To))
	}
	return c.Day.Start().Add(wallOffset(c.Day, c.Window.To))
}

// wallExists reports whether wall-clock minute m occurs on local day d
// (it does not in the hour skipped when summer time starts).
func wallExists(d Date, m int) bool {
	t := time.Date(d.Year, d.Month, d.Day, m/60, m%60, 0, 0, series.Amsterdam)
	return t.Hour() == m/60 && t.Minute() == m%60
}

// wallOffset is the time from local midnight of d to wall-clock minute m of
// d (m = 1440 is the next midnight).
func wallOffset(d Date, m int) time.Duration {
	t := time.Date(d.Year, d.Month, d.Day, m/60, m%60, 0, 0, series.Amsterdam)
	return t.Sub(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, series.Amsterdam))
}

var callColumns = []string{"connection", "day", "from", "to", "max_kw", "volume_kwh", "announced"}

// ParseCalls reads a calls file (FORMAT.md): CSV with a header (separator
// ',' or ';'), or YAML with a top-level calls list. name decides the
// format (.yaml/.yml is YAML) and appears in errors; every problem is
// reported at once.
func ParseCalls(name string, data []byte) ([]Call, error) {
	if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") {
		return parseCallsYAML(name, data)
	}
	return parseCallsCSV(name, data)
}

func parseCallsCSV(name string, data []byte) ([]Call, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// The header is the first line that is not a comment.
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	for bytes.HasPrefix(first, []byte("#")) && len(rest) > 0 {
		first, rest, _ = bytes.Cut(rest, []byte("\n"))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = ','
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: want a header with %s: %v", name, strings.Join(callColumns, ", "), err)
	}
	hline, _ := r.FieldPos(0)
	col := map[string]int{}
	var errs []error
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !slices.Contains(callColumns, h) {
			errs = append(errs, fmt.Errorf("%s:%d: column %d: unknown column %s: valid columns are %s", name, hline, i+1, input.Excerpt(h), strings.Join(callColumns, ", ")))
			continue
		}
		if j, dup := col[h]; dup {
			errs = append(errs, fmt.Errorf("%s:%d: column %d: want one %q column, got a second (first is column %d)", name, hline, i+1, h, j+1))
			continue
		}
		col[h] = i
	}
	for _, need := range []string{"day", "from", "to", "announced"} {
		if _, ok := col[need]; !ok {
			errs = append(errs, fmt.Errorf("%s:%d: missing column %q: want %s (max_kw or volume_kwh, connection optional)", name, hline, need, strings.Join(callColumns, ", ")))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	var calls []Call
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", name, err))
			break
		}
		line, _ := r.FieldPos(0)
		get := func(k string) (string, string) {
			i, ok := col[k]
			if !ok || i >= len(rec) {
				return "", k
			}
			return strings.TrimSpace(rec[i]), fmt.Sprintf("column %d (%s)", i+1, k)
		}
		where := fmt.Sprintf("%s:%d", name, line)
		c, probs := buildCall(where, get)
		for _, p := range probs {
			errs = append(errs, errors.New(where+": "+p))
		}
		if len(probs) == 0 {
			calls = append(calls, c)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return calls, nil
}

// buildCall validates one call's fields; get returns a field's text and a
// name for it in messages.
func buildCall(where string, get func(string) (string, string)) (Call, []string) {
	var probs []string
	bad := func(field, format string, a ...any) { probs = append(probs, field+": "+fmt.Sprintf(format, a...)) }
	c := Call{Where: where, MaxKW: math.NaN(), VolumeKWh: math.NaN()}
	c.Connection, _ = get("connection")
	if s, f := get("day"); s == "" {
		bad(f, "want a date YYYY-MM-DD, got nothing")
	} else if d, err := ParseDate(s); err != nil {
		bad(f, "%v", err)
	} else {
		c.Day = d
	}
	from, ff := get("from")
	to, tf := get("to")
	fm, err1 := parseClock(from)
	tm, err2 := parseClock(to)
	if err1 != nil {
		bad(ff, "%v", err1)
	}
	if err2 != nil {
		bad(tf, "%v", err2)
	}
	if err1 == nil && err2 == nil {
		switch {
		case fm == 1440:
			bad(ff, "want 00:00 … 23:45, got 24:00")
		case fm == tm:
			bad(tf, "window %s–%s is empty: want at least one quarter hour", from, to)
		default:
			c.Window = Window{fm, tm % 1440}
		}
		// A call in the hour the clocks skip (the last Sunday of March,
		// 02:00–03:00) names a time that does not exist: which ISPs it
		// limits is unknowable, so it is refused rather than moved.
		if !c.Day.IsZero() {
			if err1 == nil && fm < 1440 && !wallExists(c.Day, fm) {
				bad(ff, "%s does not exist on %s: the clocks skip from 02:00 to 03:00; want a time outside that hour", from, c.Day)
			}
			toDay := c.Day
			if err1 == nil && tm <= fm {
				toDay = c.Day.AddDays(1) // the window wraps past midnight
			}
			if err2 == nil && tm%1440 != 0 && !wallExists(toDay, tm) {
				bad(tf, "%s does not exist on %s: the clocks skip from 02:00 to 03:00; want a time outside that hour", to, toDay)
			}
		}
	}
	num := func(k string, dst *float64) {
		s, f := get(k)
		if s == "" {
			return
		}
		v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			bad(f, "want a number ≥ 0, got %s", input.Excerpt(s))
			return
		}
		*dst = v
	}
	num("max_kw", &c.MaxKW)
	num("volume_kwh", &c.VolumeKWh)
	if !math.IsNaN(c.MaxKW) && !math.IsNaN(c.VolumeKWh) {
		bad("max_kw/volume_kwh", "give a limit (max_kw) or a volume (volume_kwh), not both")
	}
	s, f := get("announced")
	if s == "" {
		bad(f, "want when the call was announced (RFC 3339, or local YYYY-MM-DD HH:MM), got nothing")
	} else if t, err := parseInstant(s); err != nil {
		bad(f, "%v", err)
	} else {
		c.Announced = t
	}
	return c, probs
}

// parseInstant accepts RFC 3339 with offset, or a local Europe/Amsterdam
// time "YYYY-MM-DD HH:MM" / "YYYY-MM-DDTHH:MM".
func parseInstant(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, series.Amsterdam); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("want an instant (RFC 3339 like 2026-03-01T14:00:00+01:00, or local YYYY-MM-DD HH:MM), got %s", input.Excerpt(s))
}

func parseCallsYAML(name string, data []byte) ([]Call, error) {
	d := &decoder{file: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	f := d.fields(doc.Content[0], "calls file", []string{"calls"})
	list := f["calls"]
	if list == nil {
		if doc.Content[0].Kind == yaml.MappingNode {
			d.at(doc.Content[0], "calls file: want calls: a list of {day, from, to, max_kw | volume_kwh, announced}")
		}
		return nil, d.err()
	}
	if list.Kind != yaml.SequenceNode {
		d.at(list, "calls: want a list, got %s", kindName(list))
		return nil, d.err()
	}
	var calls []Call
	for i, e := range list.Content {
		where := fmt.Sprintf("calls[%d]", i)
		fs := d.fields(e, where, callColumns)
		if e.Kind != yaml.MappingNode {
			continue
		}
		get := func(k string) (string, string) {
			if n := fs[k]; n != nil && n.Kind == yaml.ScalarNode {
				return n.Value, k
			}
			return "", k
		}
		c, probs := buildCall(fmt.Sprintf("%s:%d", name, e.Line), get)
		for _, p := range probs {
			d.at(e, "%s: %s", where, p)
		}
		if len(probs) == 0 {
			calls = append(calls, c)
		}
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return calls, nil
}
