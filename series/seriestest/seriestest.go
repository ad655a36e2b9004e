// Package seriestest writes quarter-hour test cases as compact text, after
// Prometheus' promqltest series notation, so a case reads like the rule it
// checks:
//
//	100x64 300x20 100x12     one local day: 16:00–21:00 at 300 kW
//	0+5x4                    0 5 10 15
//	_ _x3                    four missing ISPs
//
// Grammar (tokens separated by blanks, newlines or commas; "#" starts a
// comment to the end of the line):
//
//	v        one ISP of v kW (a decimal number, optionally signed)
//	_        one missing ISP
//	vxN      N ISPs of v kW
//	_xN      N missing ISPs
//	a+bxN    N ISPs a, a+b, …, a+(N−1)·b   (also a-bxN)
//	vx@HH:MM v until the local (Europe/Amsterdam) wall clock next shows
//	         HH:MM; @24:00 is the next local midnight (also _x@HH:MM,
//	         a+bx@HH:MM)
//
// Clock anchors make a day read like a rule and give 92 or 100 ISPs on DST
// days by themselves:
//
//	400x@16:00 350x@21:00 400x@24:00
//
// Load reads several named series from one "load 15m from …" block.
//
// Unlike promqltest, N is always the number of ISPs produced (promqltest's
// a+bxN yields N+1 values); counting ISPs directly makes "x96" one day.
package seriestest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gridflex/series"
)

// maxISPs bounds a single repetition so a typo cannot allocate gigabytes
// (ten years of ISPs).
const maxISPs = 10 * 366 * 96

// Parse returns the series that spec describes, starting at start
// (ISP-aligned). Errors name the token (1-based) and what was expected.
func Parse(start time.Time, spec string) (series.Series, error) {
	if start.Truncate(series.ISP) != start {
		return series.Series{}, fmt.Errorf("seriestest: start %s not aligned to 15 minutes", start)
	}
	var kw []float32
	n := 0
	for _, line := range strings.Split(spec, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, tok := range strings.FieldsFunc(line, func(r rune) bool {
			return r == ' ' || r == '\t' || r == ',' || r == '\r'
		}) {
			n++
			vals, err := token(tok, start, len(kw))
			if err != nil {
				return series.Series{}, fmt.Errorf("seriestest: token %d %q: %w", n, tok, err)
			}
			kw = append(kw, vals...)
		}
	}
	return series.Series{Start: start.UTC(), KW: kw}, nil
}

// MustParse is Parse for literals in tests; it panics on a bad spec.
func MustParse(start time.Time, spec string) series.Series {
	s, err := Parse(start, spec)
	if err != nil {
		panic(err)
	}
	return s
}

// token expands one token; have is the number of ISPs so far, to keep the
// total bounded and to place clock anchors.
func token(tok string, start time.Time, have int) ([]float32, error) {
	base, count, rep := tok, 1, false
	if i := strings.LastIndexByte(tok, 'x'); i >= 0 {
		rep = true
		base = tok[:i]
		if at, ok := strings.CutPrefix(tok[i+1:], "@"); ok {
			c, err := untilClock(start.Add(time.Duration(have)*series.ISP), at)
			if err != nil {
				return nil, err
			}
			count = c
		} else {
			c, err := strconv.Atoi(tok[i+1:])
			if err != nil || c < 0 {
				return nil, fmt.Errorf("want a count ≥ 0 or @HH:MM after x, got %q", tok[i+1:])
			}
			count = c
		}
	}
	if have+count > maxISPs {
		return nil, fmt.Errorf("more than %d ISPs", maxISPs)
	}
	if base == "_" {
		out := make([]float32, count)
		for i := range out {
			out[i] = series.NaN()
		}
		return out, nil
	}
	a, step := base, "0"
	if rep {
		// The step sign is the first + or - after the first character, so
		// "-5+1x3" and "1e-3x2" parse; an exponent sign follows 'e'.
		for i := 1; i < len(base); i++ {
			if (base[i] == '+' || base[i] == '-') && base[i-1] != 'e' && base[i-1] != 'E' {
				a, step = base[:i], base[i:]
				break
			}
		}
	}
	av, err := number(a)
	if err != nil {
		return nil, err
	}
	sv, err := number(strings.TrimPrefix(step, "+"))
	if err != nil {
		return nil, err
	}
	out := make([]float32, count)
	for i := range out {
		v := av + float64(i)*sv
		if math.Abs(v) > math.MaxFloat32 {
			return nil, fmt.Errorf("value %g outside float32 range", v)
		}
		out[i] = float32(v)
	}
	return out, nil
}

// untilClock counts the ISPs from cur until the local wall clock next
// shows hhmm (strictly later; 24:00 is the next midnight).
func untilClock(cur time.Time, hhmm string) (int, error) {
	m, err := series.ParseClock(hhmm)
	if err != nil {
		return 0, err
	}
	if m%15 != 0 {
		return 0, fmt.Errorf("clock %s is not on a quarter hour", hhmm)
	}
	l := cur.In(series.Amsterdam)
	y, mo, d := l.Date()
	for day := 0; day < 2; day++ {
		t := time.Date(y, mo, d+day, 0, 0, 0, 0, series.Amsterdam)
		if m == 24*60 {
			t = time.Date(y, mo, d+day+1, 0, 0, 0, 0, series.Amsterdam)
		} else {
			t = time.Date(y, mo, d+day, m/60, m%60, 0, 0, series.Amsterdam)
		}
		if t.After(cur) {
			return int(t.Sub(cur) / series.ISP), nil
		}
	}
	return 0, fmt.Errorf("clock %s not reached", hhmm) // unreachable: the next day always is
}

func number(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("want a number, \"_\" or a+bxN, got %q", s)
	}
	return v, nil
}

// Format writes s back in the notation, runs of equal values compressed, so
// failure messages stay short: Format(MustParse(t, spec)) parses to the same
// values.
func Format(s series.Series) string {
	var b strings.Builder
	for i := 0; i < len(s.KW); {
		j := i + 1
		for j < len(s.KW) && same(s.KW[j], s.KW[i]) {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		v := "_"
		if s.KW[i] == s.KW[i] {
			v = strconv.FormatFloat(float64(s.KW[i]), 'g', -1, 32)
		}
		b.WriteString(v)
		if j-i > 1 {
			fmt.Fprintf(&b, "x%d", j-i)
		}
		i = j
	}
	return b.String()
}

func same(a, b float32) bool { return a == b || (a != a && b != b) }

// Equal reports whether a and b have the same start and the same values,
// missing matching missing.
func Equal(a, b series.Series) bool {
	if !a.Start.Equal(b.Start) || len(a.KW) != len(b.KW) {
		return false
	}
	for i := range a.KW {
		if !same(a.KW[i], b.KW[i]) {
			return false
		}
	}
	return true
}

// LocalMidnight is the UTC instant of 00:00 Europe/Amsterdam on the date.
func LocalMidnight(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, series.Amsterdam).UTC()
}
