package seriestest

import (
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	m, err := Load(`
load 15m from 2026-10-25 00:00   # the autumn DST day
  offtake 400x@16:00 350x@21:00 400x@24:00
  feedin  _x@24:00
  meter 1 2
        3 _x2
`)
	if err != nil {
		t.Fatal(err)
	}
	day := LocalMidnight(2026, time.October, 25)
	for name, want := range map[string]int{"offtake": 100, "feedin": 100, "meter": 5} {
		s, ok := m[name]
		if !ok || s.Len() != want || !s.Start.Equal(day) {
			t.Errorf("Load: %s = %d ISPs from %s, want %d from %s", name, s.Len(), s.Start, want, day)
		}
	}
	if got := Format(m["meter"]); got != "1 2 3 _x2" {
		t.Errorf("continued series = %q, want 1 2 3 _x2", got)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"no header", "offtake 1", `line 1: want "load 15m`},
		{"step", "load 1h from 2026-01-01", "step 15m"},
		{"no from", "load 15m", `want "from"`},
		{"bad start", "load 15m from tomorrow", `start "tomorrow"`},
		{"unaligned start", "load 15m from 2026-01-01 00:05", "not on a quarter hour"},
		{"duplicate", "load 15m from 2026-01-01\nx 1\nx 2", `line 3: series "x" again`},
		{"bad values", "load 15m from 2026-01-01\nx 1 y", `series "x": seriestest: token 2`},
		{"bad name", "load 15m from 2026-01-01\n1x 1", "want a series name"},
		{"empty", "  # nothing", "no \"load"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.text)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load(%q) error = %v, want containing %q", tc.text, err, tc.want)
			}
		})
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("load 15m from 2026-10-25 00:00\n  a 1x@16:00 2\n  b _x3\n     4")
	f.Add("load 15m from 2026-01-01T00:00:00Z\nx 0+1x4")
	f.Fuzz(func(t *testing.T, text string) {
		m, err := Load(text)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "seriestest: ") {
				t.Errorf("Load error %q lacks context", err)
			}
			return
		}
		for name, s := range m {
			if s.Start.Truncate(15*time.Minute) != s.Start {
				t.Errorf("series %s starts at %s", name, s.Start)
			}
		}
	})
}
