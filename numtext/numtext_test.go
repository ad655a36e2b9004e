package numtext

import "testing"

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		d    int
		want string
	}{
		{639.6, 0, "640"},
		{1234567.891, 1, "1,234,567.9"},
		{-1500, 0, "-1,500"},
		{-0.04, 1, "0.0"},
		{999, 0, "999"},
	} {
		if got := Num(tc.v, tc.d); got != tc.want {
			t.Errorf("Num(%v, %d) = %q, want %q", tc.v, tc.d, got, tc.want)
		}
	}
}
