package charging

import (
	"math"
	"testing"
	"time"

	"gridflex/series"
)

// TypicalDay folds a meter series by local wall clock, also over the DST
// change: the autumn day's repeated 02:00 hour lands on the same slots.
func TestTypicalDay(t *testing.T) {
	start := time.Date(2026, 10, 24, 0, 0, 0, 0, series.Amsterdam).UTC()
	n := 96 + 100 // Saturday and the 100-ISP Sunday
	s := series.New(start, n)
	cal := series.NewCalendar(start, n)
	for i := range s.KW {
		s.KW[i] = float32(cal.Minute[i] / 60) // the local hour
	}
	s.KW[5] = series.NaN()
	day, missing, err := TypicalDay(s)
	if err != nil {
		t.Fatal(err)
	}
	if missing != 1 {
		t.Errorf("missing = %d, want 1", missing)
	}
	for i, v := range day {
		if want := float64(i / 4); math.Abs(v-want) > 1e-9 {
			t.Fatalf("TypicalDay()[%d] = %v, want %v", i, v, want)
		}
	}
	if _, _, err := TypicalDay(series.New(start, 10)); err == nil {
		t.Errorf("TypicalDay(10 ISPs) = nil error, want the quarter-hours without values named")
	}
}
