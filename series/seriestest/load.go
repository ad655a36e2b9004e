package seriestest

import (
	"fmt"
	"strings"
	"time"

	"gridflex/series"
)

// Load parses a promqltest-style block of named series that share a start:
//
//	load 15m from 2026-03-02 00:00      # local Europe/Amsterdam, or RFC 3339
//	  offtake 400x@16:00 350x@21:00 400x@24:00
//	  feedin  _x@24:00
//	  # a line starting with blanks and no name continues the series above:
//	  meter 1 2 3
//	        4 5 6
//
// The step must be 15m (the ISP). Names are unique. Errors name the line.
func Load(text string) (map[string]series.Series, error) {
	lines := strings.Split(text, "\n")
	var start time.Time
	out := map[string]series.Series{}
	specs := map[string]*strings.Builder{}
	var order []string
	last := ""
	header := false
	for n, raw := range lines {
		line := raw
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Fields(line)
		fail := func(format string, args ...any) error {
			return fmt.Errorf("seriestest: line %d: %s", n+1, fmt.Sprintf(format, args...))
		}
		if !header {
			if fields[0] != "load" {
				return nil, fail("want \"load 15m from DATE TIME\", got %q", strings.TrimSpace(line))
			}
			if len(fields) < 2 || fields[1] != "15m" {
				return nil, fail("want step 15m (the ISP)")
			}
			if len(fields) < 4 || fields[2] != "from" {
				return nil, fail("want \"from\" and a start after the step")
			}
			t, err := parseStart(strings.Join(fields[3:], " "))
			if err != nil {
				return nil, fail("%v", err)
			}
			start, header = t, true
			continue
		}
		continuation := line[0] == ' ' || line[0] == '\t'
		if continuation && last != "" && !isName(fields[0]) {
			specs[last].WriteString(" " + strings.Join(fields, " "))
			continue
		}
		name := fields[0]
		if !isName(name) {
			return nil, fail("want a series name, got %q", name)
		}
		if _, dup := specs[name]; dup {
			return nil, fail("series %q again", name)
		}
		b := &strings.Builder{}
		b.WriteString(strings.Join(fields[1:], " "))
		specs[name] = b
		order = append(order, name)
		last = name
	}
	if !header {
		return nil, fmt.Errorf("seriestest: no \"load 15m from …\" line")
	}
	for _, name := range order {
		s, err := Parse(start, specs[name].String())
		if err != nil {
			return nil, fmt.Errorf("seriestest: series %q: %w", name, err)
		}
		out[name] = s
	}
	return out, nil
}

// MustLoad is Load for literals in tests; it panics on a bad block.
func MustLoad(text string) map[string]series.Series {
	m, err := Load(text)
	if err != nil {
		panic(err)
	}
	return m
}

// isName: a letter first (so "_x3" continues a series), then letters,
// digits, _ . -
func isName(s string) bool {
	for i, r := range s {
		letter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '_' && r != '.' && r != '-' {
			return false
		}
	}
	return s != ""
}

// parseStart reads "2026-03-02 00:00" (Europe/Amsterdam) or RFC 3339.
func parseStart(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return alignedStart(t)
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, series.Amsterdam); err == nil {
			return alignedStart(t)
		}
	}
	return time.Time{}, fmt.Errorf("start %q: want 2026-03-02 00:00 (local) or RFC 3339", s)
}

func alignedStart(t time.Time) (time.Time, error) {
	if t.Truncate(series.ISP) != t {
		return time.Time{}, fmt.Errorf("start %s not on a quarter hour", t)
	}
	return t.UTC(), nil
}
