package calendar

import (
	"testing"
	"time"
)

func TestEaster(t *testing.T) {
	for _, tc := range []struct {
		year int
		want string
	}{
		{2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"}, {2027, "2027-03-28"}, {2038, "2038-04-25"}, {2285, "2285-03-22"},
	} {
		if got := Easter(tc.year).Format(time.DateOnly); got != tc.want {
			t.Errorf("Easter(%d) = %s, want %s", tc.year, got, tc.want)
		}
	}
}

func TestDutch(t *testing.T) {
	for _, tc := range []struct {
		name string
		year int
		opts Options
		want []string
	}{
		{"2026", 2026, Options{}, []string{"2026-01-01", "2026-04-05", "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"}},
		{"2025 lustrum, King's Day on Saturday 26th", 2025, Options{}, []string{"2025-01-01", "2025-04-20", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-08", "2025-06-09", "2025-12-25", "2025-12-26"}},
		{"2014: 27 April is a Sunday", 2014, Options{Liberation: "never"}, []string{"2014-01-01", "2014-04-20", "2014-04-21", "2014-04-26", "2014-05-29", "2014-06-08", "2014-06-09", "2014-12-25", "2014-12-26"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs, err := Dutch(tc.year, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hs {
				got = append(got, h.Date.Format(time.DateOnly))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("Dutch(%d) = %v, want %v", tc.year, got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("Dutch(%d)[%d] = %s, want %s", tc.year, i, got[i], tc.want[i])
				}
			}
		})
	}
	if _, err := Dutch(2026, Options{Liberation: "sometimes"}); err == nil {
		t.Error("Dutch(liberation sometimes) = nil error")
	}
}
