package contract

import (
	"testing"
	"time"
)

func TestWindowString(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    Window
		want string
	}{
		{"whole day", Window{0, 0}, "00:00–24:00"},
		{"until midnight", Window{0, 1440}, "00:00–24:00"},
		{"evening to midnight", Window{21 * 60, 1440}, "21:00–24:00"},
		{"evening block", Window{16 * 60, 21 * 60}, "16:00–21:00"},
		{"wrapping", Window{21 * 60, 6 * 60}, "21:00–06:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.w.String(); got != tc.want {
				t.Errorf("Window%v.String() = %q, want %q", tc.w, got, tc.want)
			}
		})
	}
}

// A term ending inside its first contract year ends that year's
// settlement row on the term end, not a year after the start.
func TestSettlementYearClippedToTerm(t *testing.T) {
	for _, tc := range []struct {
		name, end string
		want      Date
	}{
		{"ends mid-year", "2026-01-31", Date{2026, time.January, 31}},
		{"ends after the year", "2027-06-30", Date{2026, time.December, 31}},
		{"indefinite", "indefinite", Date{2026, time.December, 31}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, `connection: "871687120000000001"
base_capacity_kw: 500
term: {start: 2026-01-01, end: `+tc.end+`}
limits:
  - {form: time-block, days: all, from: "16:00", to: "21:00", max_kw: 300}
compensation: {fixed_eur_per_kw_year: 20}
`)
			r, err := Evaluate(c, Input{Offtake: flat(2026, time.January, 1, 31, 250)})
			if err != nil {
				t.Fatal(err)
			}
			var got []Settlement
			for _, s := range r.Settlement {
				if s.Kind == "contract-year" {
					got = append(got, s)
				}
			}
			if len(got) != 1 || got[0].End != tc.want {
				t.Errorf("Evaluate(end %s) contract years = %+v, want one ending %s", tc.end, got, tc.want)
			}
		})
	}
}
