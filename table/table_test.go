package table

import (
	"bytes"
	"testing"
)

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

func TestWriteText(t *testing.T) {
	tb := Table{Header: []string{"measure", "MW"}, Align: []Align{Left, Right}}
	tb.Add("offices.heating", "58")
	tb.AddFooter("total", "931")
	var b bytes.Buffer
	if err := tb.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := "measure           MW\n────────────────────\noffices.heating   58\n────────────────────\ntotal            931\n"
	if b.String() != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", b.String(), want)
	}
}
