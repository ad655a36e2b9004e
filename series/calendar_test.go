package series

import (
	"testing"
	"time"
)

func TestLocalDays(t *testing.T) {
	from := time.Date(2024, 10, 26, 22, 0, 0, 0, time.UTC) // 2024-10-27 00:00 local
	days := LocalDays(from, from.Add(100*ISP+1))
	if len(days) != 2 {
		t.Fatalf("LocalDays = %v, want 2 days", days)
	}
	if days[0].String() != "2024-10-27" || days[0].ISPs() != 100 || days[0].Weekday() != time.Sunday {
		t.Errorf("LocalDays[0] = %s (%d ISPs, %s), want 2024-10-27 (100 ISPs, Sunday)", days[0], days[0].ISPs(), days[0].Weekday())
	}
	if days[1].String() != "2024-10-28" || days[1].ISPs() != 96 {
		t.Errorf("LocalDays[1] = %s (%d ISPs), want 2024-10-28 (96)", days[1], days[1].ISPs())
	}
}

func TestCalendarDST(t *testing.T) {
	for _, tc := range []struct {
		name       string
		day        time.Time
		isps       int
		minuteAt8  int // wall-clock minute of ISP 8 (two hours after midnight in UTC steps)
		minuteAt12 int
	}{
		{"ordinary", time.Date(2024, 6, 3, 0, 0, 0, 0, Amsterdam), 96, 120, 180},
		{"spring forward", time.Date(2024, 3, 31, 0, 0, 0, 0, Amsterdam), 92, 180, 240},
		{"fall back", time.Date(2024, 10, 27, 0, 0, 0, 0, Amsterdam), 100, 120, 120},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCalendar(tc.day, 110)
			if got := c.Days[0].ISPs(); got != tc.isps {
				t.Errorf("Days[0].ISPs() = %d, want %d", got, tc.isps)
			}
			if got := int(c.Minute[8]); got != tc.minuteAt8 {
				t.Errorf("Minute[8] = %d, want %d", got, tc.minuteAt8)
			}
			if got := int(c.Minute[12]); got != tc.minuteAt12 {
				t.Errorf("Minute[12] = %d, want %d", got, tc.minuteAt12)
			}
			if c.Day[tc.isps-1] != 0 || c.Day[tc.isps] != 1 || c.Minute[tc.isps] != 0 {
				t.Errorf("ISP %d: day %d minute %d, want day 1 minute 0", tc.isps, c.Day[tc.isps], c.Minute[tc.isps])
			}
		})
	}
}

// Property: the calendar agrees with time.In for every ISP of two years.
func TestCalendarMatchesTimeIn(t *testing.T) {
	start := time.Date(2023, 1, 1, 5, 45, 0, 0, time.UTC)
	n := 2 * 365 * 96
	c := NewCalendar(start, n)
	for i := 0; i < n; i++ {
		l := start.Add(time.Duration(i) * ISP).In(Amsterdam)
		if int(c.Minute[i]) != l.Hour()*60+l.Minute() || c.Weekday[i] != l.Weekday() {
			t.Fatalf("ISP %d (%s): minute %d weekday %s", i, l, c.Minute[i], c.Weekday[i])
		}
		d := c.Days[c.Day[i]]
		if d.Day != l.Day() || d.Month != l.Month() {
			t.Fatalf("ISP %d (%s): day %s", i, l, d)
		}
	}
}

func TestWindow(t *testing.T) {
	mon := time.Date(2026, 1, 5, 0, 0, 0, 0, Amsterdam) // a Monday
	c := NewCalendar(mon, 7*96)
	count := func(w Window) int {
		n := 0
		for _, in := range w.Mask(c, nil) {
			if in {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		name string
		w    Window
		want int
	}{
		{"evening peak working days", Window{WorkingDays, 16 * 60, 21 * 60}, 5 * 20},
		{"to midnight", Window{AllDays, 21 * 60, 24 * 60}, 7 * 12},
		{"weekend all day", Window{Weekend, 0, 1440}, 2 * 96},
		// 21:00–06:00 starting Friday covers Fri 21–24 and Sat 00–06.
		{"wrapping friday only", Window{1 << time.Friday, 21 * 60, 6 * 60}, 12 + 24},
		{"empty", Window{AllDays, 600, 600}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := count(tc.w); got != tc.want {
				t.Errorf("count(%+v) = %d, want %d", tc.w, got, tc.want)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{{"00:00", 0, true}, {"16:30", 990, true}, {"24:00", 1440, true}, {"24:15", 0, false}, {"7:00", 0, false}, {"12:60", 0, false}, {"ab:cd", 0, false}} {
		got, err := ParseClock(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseClock(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}
