package table

import (
	"bytes"
	"testing"
)

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
