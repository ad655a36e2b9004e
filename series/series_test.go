package series

import (
	"testing"
	"time"
)

func TestISPsInDay(t *testing.T) {
	for _, tc := range []struct {
		name string
		y    int
		m    time.Month
		d    int
		want int
	}{
		{"ordinary", 2024, time.June, 3, 96},
		{"spring forward", 2024, time.March, 31, 92},
		{"fall back", 2024, time.October, 27, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ISPsInDay(tc.y, tc.m, tc.d); got != tc.want {
				t.Errorf("ISPsInDay(%d-%d-%d) = %d, want %d", tc.y, tc.m, tc.d, got, tc.want)
			}
		})
	}
}
