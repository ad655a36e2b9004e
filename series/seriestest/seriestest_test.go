package seriestest

import (
	"math"
	"strings"
	"testing"
	"time"

	"gridflex/series"
)

var t0 = time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		spec string
		want []float64
	}{
		{"single values", "1 2.5 -3", []float64{1, 2.5, -3}},
		{"repeat", "100x4", []float64{100, 100, 100, 100}},
		{"missing", "_ 1 _x2", []float64{nan, 1, nan, nan}},
		{"ramp up", "0+5x4", []float64{0, 5, 10, 15}},
		{"ramp down", "10-2.5x3", []float64{10, 7.5, 5}},
		{"negative start ramp", "-5+1x3", []float64{-5, -4, -3}},
		{"exponent", "1e-3x2 2E+1", []float64{0.001, 0.001, 20}},
		{"zero count", "7x0 1", []float64{1}},
		{"commas comments newlines", "1, 2 # two\n3", []float64{1, 2, 3}},
		{"empty", "  # nothing\n", nil},
		{"brief example", "100x4 350 _ 120x2", []float64{100, 100, 100, 100, 350, nan, 120, 120}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(t0, tc.spec)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.spec, err)
			}
			if !s.Start.Equal(t0) || len(s.KW) != len(tc.want) {
				t.Fatalf("Parse(%q) = %s from %s, want %d values from %s", tc.spec, Format(s), s.Start, len(tc.want), t0)
			}
			for i, w := range tc.want {
				if !same(s.KW[i], float32(w)) {
					t.Errorf("Parse(%q)[%d] = %v, want %v", tc.spec, i, s.KW[i], w)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, spec, want string
	}{
		{"word", "1 abc", `token 2 "abc"`},
		{"bad count", "1x", "want a count"},
		{"negative count", "1x-2", "want a count"},
		{"huge", "1x999999999", "more than"},
		{"nan literal", "NaN", "want a number"},
		{"bad step", "1+ax3", "want a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(t0, tc.spec)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse(%q) error = %v, want containing %q", tc.spec, err, tc.want)
			}
		})
	}
	if _, err := Parse(t0.Add(time.Minute), "1"); err == nil {
		t.Errorf("Parse at unaligned start: no error")
	}
}

func TestFormatRoundTrip(t *testing.T) {
	for _, spec := range []string{"", "1", "_", "100x4 350 _ 120x10", "0.1 0.2 0.30000001", "-0+1x5 _x3 7"} {
		s := MustParse(t0, spec)
		got := MustParse(t0, Format(s))
		if !Equal(got, s) {
			t.Errorf("Parse(Format(%q)) = %s, want %s", spec, Format(got), Format(s))
		}
	}
}

func TestLocalMidnight(t *testing.T) {
	got := LocalMidnight(2024, time.October, 27)
	want := time.Date(2024, 10, 26, 22, 0, 0, 0, time.UTC)
	if !got.Equal(want) {
		t.Errorf("LocalMidnight(2024-10-27) = %s, want %s", got, want)
	}
	if n := series.ISPsInDay(2024, time.October, 27); len(MustParse(got, "1x100").KW) != n {
		t.Errorf("a fall-back day has %d ISPs", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1 2 3", "100x4 350 _ 120x10", "0+5x96", "_x3", "1e-3x2", "-5+1x3", "#c\n1,2", "x", "1x", "+x1", "400x@16:00 350x@21:00 400x@24:00", "_x@06:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := Parse(t0, spec)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "seriestest: ") {
				t.Errorf("Parse(%q) error %q lacks context", spec, err)
			}
			return
		}
		back, err := Parse(t0, Format(s))
		if err != nil {
			t.Fatalf("Parse(Format(Parse(%q))): %v", spec, err)
		}
		if !Equal(back, s) {
			t.Errorf("round trip of %q: %s != %s", spec, Format(back), Format(s))
		}
	})
}

func TestClockAnchors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		day   time.Time
		spec  string
		n     int
		at16  float32 // value at local 16:00
		first int     // ISPs of the first token
	}{
		{"ordinary day", LocalMidnight(2026, time.March, 2), "400x@16:00 350x@21:00 400x@24:00", 96, 350, 64},
		{"spring forward", LocalMidnight(2026, time.March, 29), "400x@16:00 350x@21:00 400x@24:00", 92, 350, 60},
		{"fall back", LocalMidnight(2026, time.October, 25), "400x@16:00 350x@21:00 400x@24:00", 100, 350, 68},
		{"wraps to the next day", LocalMidnight(2026, time.March, 2).Add(22 * time.Hour), "1x@06:00", 32, 0, 32},
		{"ramp to anchor", LocalMidnight(2026, time.March, 2), "0+1x@01:00 _x@24:00", 96, 0, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.day, tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			if s.Len() != tc.n {
				t.Errorf("Parse(%q) = %d ISPs, want %d", tc.spec, s.Len(), tc.n)
			}
			first, _ := token(strings.Fields(tc.spec)[0], tc.day, 0)
			if len(first) != tc.first {
				t.Errorf("first token = %d ISPs, want %d", len(first), tc.first)
			}
			if tc.at16 != 0 {
				y, m, d := tc.day.In(series.Amsterdam).Date()
				i, _ := s.Index(time.Date(y, m, d, 16, 0, 0, 0, series.Amsterdam))
				if s.KW[i] != tc.at16 || s.KW[i-1] != 400 {
					t.Errorf("at 16:00 = %v (before %v), want %v after 400", s.KW[i], s.KW[i-1], tc.at16)
				}
			}
		})
	}
	for _, bad := range []string{"1x@16:10", "1x@25:00", "1x@", "1x@1600"} {
		if _, err := Parse(t0, bad); err == nil {
			t.Errorf("Parse(%q) = nil error", bad)
		}
	}
}
