package meter

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gridflex/series"
	"gridflex/series/seriestest"
)

// want is what one connection of a case must hold.
type want struct {
	ean     string
	start   time.Time
	offtake string // seriestest notation, kW
	feedin  string // "" when the file has no feed-in column
	res     time.Duration
}

var jan1 = time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()

func TestReadVariants(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		opts Options
		want []want
	}{
		{
			name: "canonical two connections",
			in: "ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n" +
				"871687120000000001;2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;25;0;M\n" +
				"871687120000000001;2026-01-01T00:15:00+01:00;2026-01-01T00:30:00+01:00;12.5;1.25;M\n" +
				"871687120000000002;2025-12-31T23:00:00Z;2025-12-31T23:15:00Z;1;;E\n",
			want: []want{
				{"871687120000000001", jan1, "100 50", "0 5", series.ISP},
				{"871687120000000002", jan1, "4", "_", series.ISP},
			},
		},
		{
			name: "semicolon decimal comma BOM CRLF",
			in:   "\ufeffEAN;Van;Tot;Afname (kWh);Teruglevering (kWh)\r\n871687120000000001;01-01-2026 00:00;01-01-2026 00:15;2,5;0,25\r\n",
			want: []want{{"871687120000000001", jan1, "10", "1", series.ISP}},
		},
		{
			name: "comma separator quoted decimal comma",
			in:   "ean,interval_start,offtake_kwh\n1,2026-01-01 00:00,\"2,5\"\n1,2026-01-01 00:15,\"1.000,25\"\n",
			want: []want{{"1", jan1, "10 4001", "", series.ISP}},
		},
		{
			name: "tab separator kW column",
			in:   "ean\ttimestamp\tpower_kw\nA\t2026-01-01T00:00:00+01:00\t7.5\nA\t2026-01-01T00:15:00+01:00\t8\n",
			want: []want{{"A", jan1, "7.5 8", "", series.ISP}},
		},
		{
			name: "MW and W units",
			in:   "datetime;a [MW];b [W]\n2026-01-01 00:00;1,5;2000\n",
			want: []want{{"a", jan1, "1500", "", series.ISP}, {"b", jan1, "2", "", series.ISP}},
		},
		{
			name: "wide two connections local time",
			in:   "datetime;871687120000000001_kwh;871687120000000002_kwh\n2026-01-01 00:00;1;2\n2026-01-01 00:15;;3\n",
			want: []want{
				{"871687120000000001", jan1, "4 _", "", series.ISP},
				{"871687120000000002", jan1, "8 12", "", series.ISP},
			},
		},
		{
			name: "hourly readings spread over four ISPs",
			in:   "datetime,load [kWh]\n2026-01-01 00:00:00,10\n2026-01-01 01:00:00,20\n",
			opts: Options{EAN: "site"},
			want: []want{{"site", jan1, "10x4 20x4", "", time.Hour}},
		},
		{
			name: "half-hourly kW with end column",
			in:   "ean;from;to;offtake_kw\nX;2026-01-01T00:00+01:00;2026-01-01T00:30+01:00;6\n",
			want: []want{{"X", jan1, "6x2", "", 30 * time.Minute}},
		},
		{
			name: "timestamps mark interval ends",
			in:   "ean;interval_end;offtake_kwh\nX;2026-01-01T00:15:00+01:00;1\nX;2026-01-01T00:30:00+01:00;2\n",
			want: []want{{"X", jan1, "4 8", "", series.ISP}},
		},
		{
			name: "unit given by caller",
			in:   ",Actual Load\n2026-01-01 00:00:00+01:00,10446.0\n2026-01-01 00:15:00+01:00,10388.0\n",
			opts: Options{Unit: "MW", EAN: "nl"},
			want: []want{{"nl", jan1, "10446000 10388000", "", series.ISP}},
		},
		{
			name: "UTC zone for offsetless stamps",
			in:   "datetime;x_kwh\n2025-12-31 23:00;1\n",
			opts: Options{Zone: time.UTC, Resolution: series.ISP},
			want: []want{{"case", jan1, "4", "", series.ISP}},
		},
		{
			name: "trailing separators",
			in:   "ean;interval_start;offtake_kwh;\nA;2026-01-01T00:00:00+01:00;1;\n\nA;2026-01-01T00:15:00+01:00;2\n;;;\n",
			want: []want{{"A", jan1, "4 8", "", series.ISP}},
		},
		{
			name: "gap inside a connection is missing, not filled",
			in:   "ean;interval_start;offtake_kwh\nA;2026-01-01T00:00:00+01:00;1\nA;2026-01-01T00:45:00+01:00;1\n",
			want: []want{{"A", jan1, "4 _x2 4", "", series.ISP}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conns, _, err := Read(strings.NewReader(tc.in), "case.csv", tc.opts)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(conns) != len(tc.want) {
				t.Fatalf("Read = %d connections, want %d", len(conns), len(tc.want))
			}
			for i, w := range tc.want {
				c := conns[i]
				if c.EAN != w.ean || c.Resolution != w.res {
					t.Errorf("connection %d = %s at %s, want %s at %s", i, c.EAN, c.Resolution, w.ean, w.res)
				}
				if wo := seriestest.MustParse(w.start, w.offtake); !seriestest.Equal(c.Offtake, wo) {
					t.Errorf("%s offtake = %s from %s, want %s from %s", c.EAN, seriestest.Format(c.Offtake), c.Offtake.Start, w.offtake, w.start)
				}
				if w.feedin == "" && c.Feedin.Len() != 0 {
					t.Errorf("%s feed-in = %s, want none", c.EAN, seriestest.Format(c.Feedin))
				}
				if wf := seriestest.MustParse(w.start, w.feedin); w.feedin != "" && !seriestest.Equal(c.Feedin, wf) {
					t.Errorf("%s feed-in = %s, want %s", c.EAN, seriestest.Format(c.Feedin), w.feedin)
				}
			}
		})
	}
}

// The October day in local time without offset: the repeated hour is told
// apart by order, giving 100 ISPs and no duplicate.
func TestLocalDSTByOrder(t *testing.T) {
	for _, tc := range []struct {
		name     string
		date     string
		stamps   []string
		isps     int
		dupes    int
		ambiguos bool
	}{
		{"autumn 100", "2024-10-27", localDay(100, true), 100, 0, true},
		{"spring 92", "2024-03-31", localDay(92, false), 92, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("ean;datum_tijd;afname_kwh\n")
			for _, s := range tc.stamps {
				b.WriteString("E;" + tc.date + " " + s + ";1\n")
			}
			conns, _, err := Read(strings.NewReader(b.String()), "dst.csv", Options{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			q := conns[0].Quality
			if q.ExpectedISPs != tc.isps || q.PresentISPs != tc.isps || q.Duplicates != tc.dupes {
				t.Errorf("quality = %d expected, %d present, %d duplicates; want %d, %d, %d", q.ExpectedISPs, q.PresentISPs, q.Duplicates, tc.isps, tc.isps, tc.dupes)
			}
			if len(q.DST) != 1 || q.DST[0].ISPs != tc.isps || q.DST[0].Date != tc.date {
				t.Errorf("DST = %+v, want one day %s of %d ISPs", q.DST, tc.date, tc.isps)
			}
			if got := len(q.Notes) > 0 && strings.Contains(strings.Join(q.Notes, " "), "repeated autumn hour"); got != tc.ambiguos {
				t.Errorf("notes %q: mention of the repeated hour = %v, want %v", q.Notes, got, tc.ambiguos)
			}
		})
	}
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

func TestQualityReport(t *testing.T) {
	in := "ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n" +
		"A;2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;M\n" +
		"A;2026-01-01T00:15:00+01:00;2026-01-01T00:30:00+01:00;-1;0;M\n" +
		"A;2026-01-01T00:15:00+01:00;2026-01-01T00:30:00+01:00;-2;0;M\n" + // conflicting duplicate
		"A;2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;M\n" + // identical duplicate
		"A;2026-01-01T01:00:00+01:00;2026-01-01T01:15:00+01:00;;0;E\n" +
		"A;2026-01-01T01:15:00+01:00;2026-01-01T01:30:00+01:00;1000;0;M\n" +
		"A;2026-01-01T01:30:00+01:00;2026-01-01T01:45:00+01:00;1;0;M\n"
	conns, rep, err := Read(strings.NewReader(in), "q.csv", Options{SpikeFactor: 3})
	if err != nil {
		t.Fatal(err)
	}
	q := conns[0].Quality
	if rep.Rows != 7 || len(rep.Connections) != 1 {
		t.Errorf("report rows %d connections %d, want 7, 1", rep.Rows, len(rep.Connections))
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"readings", q.Readings, 7},
		{"expected", q.ExpectedISPs, 7},
		{"present", q.PresentISPs, 4},
		{"gaps", q.GapCount, 1},
		{"duplicates", q.Duplicates, 2},
		{"conflicts", q.Conflicts, 1},
		{"negative", q.Negative, 2},
		{"empty", q.EmptyValues, 1},
		{"estimated", q.Estimated, 1},
		{"implausible", q.Implausible, 1},
		{"zero (offtake only)", q.Zero, 0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("Quality.%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if g := q.Gaps[0]; g.ISPs != 3 || !g.Start.Equal(jan1.Add(30*time.Minute)) {
		t.Errorf("gap = %+v, want 3 ISPs from 00:30", g)
	}
	if d := q.DuplicateList[0]; d.Line != 4 || d.FirstLine != 3 || d.FirstKW != -4 || d.KW != -8 {
		t.Errorf("duplicate = %+v, want line 4 (first line 3), kept -4 kW, ignored -8 kW", d)
	}
	if e := conns[0].Estimated; e == nil || !e[4] || e[5] {
		t.Errorf("Estimated = %v, want ISP 4 only", e)
	}
}

func TestReadErrors(t *testing.T) {
	const head = "ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n"
	const ok = "A;2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;M\n"
	for _, tc := range []struct {
		name string
		in   string
		opts Options
		want []string // every fragment must appear
	}{
		{"empty", "", Options{}, []string{"e.csv", "no header"}},
		{"headerless", "2026-01-01 00:00;1,5\n", Options{}, []string{"e.csv:1", "where the header belongs"}},
		{"bad number", head + ok + "A;2026-01-01T00:15:00+01:00;2026-01-01T00:30:00+01:00;1x;0;M\n", Options{},
			[]string{"e.csv:3: column 4 (offtake_kwh)", `found "1x"`, "want a number"}},
		{"bad timestamp", head + "A;2026-13-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;M\n", Options{},
			[]string{"e.csv:2: column 2 (interval_start)", "want a timestamp"}},
		{"field count", head + "A;1\n", Options{}, []string{"e.csv:2", "found 2 fields", "want 6"}},
		{"unquoted decimal comma", "ean,interval_start,offtake_kwh\nA,2026-01-01T00:00:00Z,1,5\n", Options{}, []string{"e.csv:2", "found 4 fields", "must be quoted"}},
		{"no unit", "datetime;load\n2026-01-01 00:00;1\n", Options{}, []string{"e.csv:1: column 2 (load)", "no unit"}},
		{"bad unit option", "datetime;load\n", Options{Unit: "GJ"}, []string{`unit "GJ"`}},
		{"unit conflict", "datetime;load_kw\n", Options{Unit: "kWh"}, []string{"unit kW in the header"}},
		{"no timestamp column", "ean;offtake_kwh\n", Options{}, []string{"no timestamp column"}},
		{"spring gap local", "datetime;x_kwh\n2024-03-31 02:15;1\n", Options{}, []string{"does not exist in Europe/Amsterdam", "--zone UTC"}},
		{"unaligned", head + "A;2026-01-01T00:05:00+01:00;2026-01-01T00:20:00+01:00;1;0;M\n", Options{}, []string{"on a quarter hour"}},
		{"odd interval", head + "A;2026-01-01T00:00:00+01:00;2026-01-01T00:20:00+01:00;1;0;M\n", Options{}, []string{"column 3", "interval of 20m0s", "15m, 30m or 1h"}},
		{"quality code", head + "A;2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;X\n", Options{}, []string{"column 6 (quality)", `"X"`}},
		{"mixed decimal marks", "datetime;x_kwh\n2026-01-01 00:00;1,5\n2026-01-01 00:15;1.5\n", Options{}, []string{":3: column 2", `decimal mark ','`}},
		{"empty ean", head + ";2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;M\n", Options{}, []string{"empty EAN"}},
		{"duplicate header", "ean;ean;interval_start;offtake_kwh\n", Options{}, []string{"second ean column"}},
		{"unterminated quote", head + "A;\"2026\n", Options{}, []string{"e.csv:2", "unterminated quote"}},
		{"odd resolution", "datetime;x_kwh\n2026-01-01 00:00;1\n", Options{Resolution: 20 * time.Minute}, []string{"interval of 20m0s"}},
		{"all errors at once", head + "A;x;2026-01-01T00:15:00+01:00;1;0;M\nA;2026-01-01T00:15:00+01:00;2026-01-01T00:30:00+01:00;y;0;M\n", Options{},
			[]string{"e.csv:2: column 2", "e.csv:3: column 4"}},
		{"too many errors", head + strings.Repeat("A;1;2;3;4;5\n", 30), Options{MaxErrors: 5}, []string{"too many errors"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Read(strings.NewReader(tc.in), "e.csv", tc.opts)
			if err == nil {
				t.Fatalf("Read(%q) = nil error, want %q", tc.in, tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Read error = %q, want containing %q", err, w)
				}
			}
		})
	}
}

func TestStream(t *testing.T) {
	in := "ean;interval_start;offtake_kwh\nA;2026-01-01T00:00:00+01:00;1\nA;2026-01-01T00:15:00+01:00;1\nB;2026-01-01T00:00:00+01:00;2\n"
	var got []string
	err := Stream(strings.NewReader(in), "s.csv", Options{}, func(c Connection) error {
		got = append(got, c.EAN+"="+seriestest.Format(c.Offtake))
		return nil
	})
	if err != nil || strings.Join(got, ",") != "A=4x2,B=8" {
		t.Errorf("Stream = %v, %v; want [A=4x2 B=8]", got, err)
	}

	bad := in + "A;2026-01-01T00:30:00+01:00;1\n"
	err = Stream(strings.NewReader(bad), "s.csv", Options{}, func(Connection) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "s.csv:5") || !strings.Contains(err.Error(), "EAN A again") {
		t.Errorf("Stream(non-contiguous) error = %v, want s.csv:5 EAN A again", err)
	}
	// Read accepts the same file: order does not matter when it is whole.
	conns, _, err := Read(strings.NewReader(bad), "s.csv", Options{})
	if err != nil || len(conns) != 2 || seriestest.Format(conns[0].Offtake) != "4x3" {
		t.Errorf("Read(non-contiguous) = %d connections, %v", len(conns), err)
	}

	stop := errors.New("stop")
	calls := 0
	err = Stream(strings.NewReader(in), "s.csv", Options{}, func(Connection) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Stream with failing fn = %v after %d calls, want stop after 1", err, calls)
	}
}

func TestSplitDateAndClock(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"dutch portal export", "Datum;Tijd;Afname (kWh);Teruglevering (kWh)\n01-01-2026;00:00 - 00:15;1,25;0\n01-01-2026;00:15 - 00:30;2;0\n", "5 8"},
		{"date and time", "date,time,load_kw\n2026-01-01,0:00,3\n2026-01-01,0:15,4\n", "3 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conns, _, err := Read(strings.NewReader(tc.in), "split.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if w := seriestest.MustParse(jan1, tc.want); !seriestest.Equal(conns[0].Offtake, w) {
				t.Errorf("offtake = %s from %s, want %s from %s", seriestest.Format(conns[0].Offtake), conns[0].Offtake.Start, tc.want, jan1)
			}
		})
	}
	_, _, err := Read(strings.NewReader("datum;x_kwh\n01-01-2026;1\n"), "split.csv", Options{})
	if err == nil || !strings.Contains(err.Error(), "without a clock column") {
		t.Errorf("date without clock: error = %v", err)
	}
}

func TestExpectedPeriod(t *testing.T) {
	in := "ean;interval_start;offtake_kwh\nA;2026-01-01T01:00:00+01:00;1\nA;2026-01-01T01:15:00+01:00;1\n"
	conns, _, err := Read(strings.NewReader(in), "p.csv", Options{From: jan1, To: jan1.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	q := conns[0].Quality
	if q.ExpectedISPs != 96 || q.PresentISPs != 2 || q.GapCount != 2 || q.Gaps[0].ISPs != 4 || q.Gaps[1].ISPs != 90 {
		t.Errorf("quality = %d expected, %d present, gaps %+v; want 96, 2, runs of 4 and 90", q.ExpectedISPs, q.PresentISPs, q.Gaps)
	}
	if _, _, err := Read(strings.NewReader(in), "p.csv", Options{From: jan1.Add(time.Minute)}); err == nil {
		t.Errorf("unaligned From: no error")
	}
}

func TestCheckEAN(t *testing.T) {
	for _, tc := range []struct {
		ean, want string
	}{
		{"871687120000000004", ""}, // 17 digits + GS1 check digit
		{"871687120000000001", "check digit (want 4)"},
		{"87168712000000000x", "not all digits"},
		{"A", "not 18 digits"},
	} {
		got := checkEAN(tc.ean)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("checkEAN(%q) = %q, want %q", tc.ean, got, tc.want)
		}
	}
}
