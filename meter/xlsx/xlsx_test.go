package xlsx

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/series/seriestest"
)

var jan1 = time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()

// workbook writes rows into Sheet1; time.Time cells become date cells,
// float64 number cells, strings text.
func workbook(t *testing.T, rows [][]any) *bytes.Buffer {
	t.Helper()
	x := excelize.NewFile()
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestRead(t *testing.T) {
	local := func(h, m int) time.Time { return time.Date(2026, 1, 1, h, m, 0, 0, time.UTC) } // wall clock
	buf := workbook(t, [][]any{
		{"datetime", "871687120000000001 [kWh]", "871687120000000002 [kWh]"},
		{local(0, 0), 1.5, 2.0},
		{local(0, 15), 2.5, nil},
		{"2026-01-01 00:30", 3.0, 4.0},
	})
	conns, rep, err := Read(buf, "m.xlsx", meter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format.Kind != "xlsx" || rep.Format.Layout != "wide" || len(conns) != 2 {
		t.Fatalf("ReadXLSX = %d connections, format %+v", len(conns), rep.Format)
	}
	for i, want := range []string{"6 10 12", "8 _ 16"} {
		if w := seriestest.MustParse(jan1, want); !seriestest.Equal(conns[i].Offtake, w) {
			t.Errorf("connection %s = %s from %s, want %s from %s", conns[i].EAN, seriestest.Format(conns[i].Offtake), conns[i].Offtake.Start, want, jan1)
		}
	}

	bad := workbook(t, [][]any{{"datetime", "x_kw"}, {local(0, 0), "abc"}})
	_, _, err = Read(bad, "m.xlsx", meter.Options{})
	if err == nil || !strings.Contains(err.Error(), "m.xlsx[Sheet1]:2: column 2 (x_kw)") {
		t.Errorf("Read(bad) error = %v, want m.xlsx[Sheet1]:2: column 2 (x_kw)", err)
	}
}

// A portal workbook: a date cell, a clock cell (text or day fraction), on
// the autumn DST day — 100 ISPs, the repeated hour by order.
func TestReadXLSXDateAndClock(t *testing.T) {
	rows := [][]any{{"Datum", "Tijd", "Afname (kWh)"}}
	day := time.Date(2024, 10, 27, 0, 0, 0, 0, time.UTC)
	for i, s := range localDay(100, true) {
		var clock any = s
		if i%2 == 1 {
			h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
			clock = float64(h*60+m) / 1440 // a time cell, stored as a day fraction
		}
		rows = append(rows, []any{day, clock, 1.0})
	}
	conns, _, err := Read(workbook(t, rows), "dst.xlsx", meter.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q := conns[0].Quality
	if q.ExpectedISPs != 100 || q.PresentISPs != 100 || q.Duplicates != 0 || len(q.DST) != 1 {
		t.Errorf("quality = %d expected, %d present, %d duplicates, DST %+v; want 100, 100, 0, one day", q.ExpectedISPs, q.PresentISPs, q.Duplicates, q.DST)
	}
}

// FuzzReadXLSX feeds cell texts through a workbook.
func FuzzReadXLSX(f *testing.F) {
	f.Add("ean", "interval_start", "offtake_kwh", "A", "2026-01-01T00:00:00+01:00", "1")
	f.Add("datetime", "x [kW]", "", "45292.5", "3", "")
	f.Fuzz(func(t *testing.T, h1, h2, h3, c1, c2, c3 string) {
		x := excelize.NewFile()
		for i, v := range []string{h1, h2, h3, c1, c2, c3} {
			cell, _ := excelize.CoordinatesToCellName(i%3+1, i/3+1)
			if err := x.SetCellStr("Sheet1", cell, v); err != nil {
				return
			}
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		_, _, err := Read(&buf, "f.xlsx", meter.Options{})
		if err != nil && !strings.HasPrefix(err.Error(), "f.xlsx") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// localDay lists the wall-clock ISP starts of a local day as an exporter
// writes them: 02:00–02:45 twice in autumn, absent in spring.
func localDay(n int, autumn bool) []string {
	var out []string
	for m := 0; m < 24*60; m += 15 {
		h := m / 60
		s := time.Date(0, 1, 1, h, m%60, 0, 0, time.UTC).Format("15:04")
		switch {
		case !autumn && h == 2:
			continue
		case autumn && h == 2:
			out = append(out, s)
			if m%60 == 45 {
				for k := 0; k < 4; k++ {
					out = append(out, time.Date(0, 1, 1, 2, 15*k, 0, 0, time.UTC).Format("15:04"))
				}
			}
			continue
		}
		out = append(out, s)
	}
	if len(out) != n {
		panic("localDay: wrong count")
	}
	return out
}
