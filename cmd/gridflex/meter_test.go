package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"gridflex/series"
)

// inspectReport is the JSON of `gridflex meter inspect --format json`,
// written out here so that a renamed key fails the tests.
type inspectReport struct {
	File   string `json:"file"`
	Format struct {
		Kind       string `json:"kind"`
		Layout     string `json:"layout"`
		Separator  string `json:"separator"`
		Decimal    string `json:"decimal"`
		BOM        bool   `json:"bom"`
		Timestamps string `json:"timestamps"`
		Columns    []struct {
			Name string `json:"name"`
			Role string `json:"role"`
			Unit string `json:"unit"`
		} `json:"columns"`
	} `json:"format"`
	Rows        int              `json:"rows"`
	Connections []inspectQuality `json:"connections"`
}

type inspectQuality struct {
	EAN               string    `json:"ean"`
	Start             time.Time `json:"start"`
	End               time.Time `json:"end"`
	ResolutionMinutes int       `json:"resolution_minutes"`
	Readings          int       `json:"readings"`
	ExpectedISPs      int       `json:"expected_isps"`
	PresentISPs       int       `json:"present_isps"`
	MissingISPs       int       `json:"missing_isps"`
	EmptyValues       int       `json:"empty_values"`
	GapCount          int       `json:"gap_count"`
	Gaps              []struct {
		Start time.Time `json:"start"`
		End   time.Time `json:"end"`
		ISPs  int       `json:"isps"`
	} `json:"gaps"`
	Duplicates    int `json:"duplicates"`
	Conflicts     int `json:"conflicts"`
	DuplicateList []struct {
		At        time.Time `json:"at"`
		FirstLine int       `json:"first_line"`
		Line      int       `json:"line"`
		FirstKW   float64   `json:"first_kw"`
		KW        float64   `json:"kw"`
	} `json:"duplicate_list"`
	Negative    int      `json:"negative"`
	Zero        int      `json:"zero"`
	Implausible int      `json:"implausible"`
	Estimated   int      `json:"estimated"`
	MaxKW       *float64 `json:"max_kw"`
	EnergyKWh   float64  `json:"energy_kwh"`
	DST         []struct {
		Date    string `json:"date"`
		ISPs    int    `json:"isps"`
		Present int    `json:"present"`
	} `json:"dst_days"`
	Notes []string `json:"notes"`
}

// counts are the report's counters in the order of the table's columns
// from "readings" to "estim.".
func (q inspectQuality) counts() []int {
	return []int{q.Readings, q.ExpectedISPs, q.PresentISPs, q.MissingISPs, q.GapCount, q.Duplicates, q.Conflicts,
		q.Negative, q.Zero, q.Implausible, q.Estimated}
}

// inspectJSON runs `meter inspect --format json` with args and decodes it.
func inspectJSON(t *testing.T, args ...string) inspectReport {
	t.Helper()
	out, stderr, err := runCLI(t, append([]string{"meter", "inspect", "--format", "json"}, args...)...)
	if err != nil {
		t.Fatalf("meter inspect %v: %v (stderr %q)", args, err, stderr)
	}
	var rep inspectReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("meter inspect %v --format json: %v\n%s", args, err, out)
	}
	return rep
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tableRow returns the fields of the table row of connection ean.
func tableRow(t *testing.T, out, ean string) []string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == ean {
			return f
		}
	}
	t.Fatalf("no table row for %s in\n%s", ean, out)
	return nil
}

var newYear2026 = time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam)

// canonicalRow is one line of the canonical format for ISP i of 2026.
func canonicalRow(ean string, i int, offtakeKWh, feedinKWh, quality string) string {
	start := newYear2026.Add(time.Duration(i) * series.ISP)
	return strings.Join([]string{ean, start.Format(time.RFC3339), start.Add(series.ISP).Format(time.RFC3339),
		offtakeKWh, feedinKWh, quality}, ";") + "\n"
}

const (
	eanA = "871687120000000004" // valid GS1 check digits: no note about them
	eanB = "871687120000000011"
)

// canonicalFile holds two connections over the first two hours of 2026:
// A has a blank value (ISP 3), a missing row (ISP 5), an estimated reading
// and a conflicting duplicate (line 5 repeats line 4); B is complete with
// one zero reading.
func canonicalFile() string {
	var b strings.Builder
	b.WriteString("ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n")
	for _, r := range []struct {
		i         int
		kwh, qual string
	}{{0, "1", "M"}, {1, "2", "E"}, {2, "3", ""}, {2, "3.5", ""}, {3, "", ""}, {4, "5", ""}, {6, "7", ""}, {7, "8", ""}} {
		b.WriteString(canonicalRow(eanA, r.i, r.kwh, "0", r.qual))
	}
	for i := range 8 {
		kwh := "10"
		if i == 7 {
			kwh = "0"
		}
		b.WriteString(canonicalRow(eanB, i, kwh, "0.5", ""))
	}
	return b.String()
}

func TestMeterInspectCanonical(t *testing.T) {
	path := writeTemp(t, "meter.csv", canonicalFile())

	rep := inspectJSON(t, path)
	if rep.File != path || rep.Rows != 16 || rep.Format.Kind != "csv" || rep.Format.Layout != "long" ||
		rep.Format.Separator != ";" || rep.Format.Timestamps != "with UTC offset" || len(rep.Format.Columns) != 6 {
		t.Errorf("report header = file %s, %d rows, format %+v; want %s, 16 rows, csv long \";\" with UTC offset, 6 columns",
			rep.File, rep.Rows, rep.Format, path)
	}
	if len(rep.Connections) != 2 {
		t.Fatalf("%d connections, want 2", len(rep.Connections))
	}
	a, b := rep.Connections[0], rep.Connections[1]
	wantCounts := map[string][]int{
		// readings, expected, present, missing, gaps, dupl., conflicts, neg., zero, implaus., estim.
		eanA: {8, 8, 6, 2, 2, 1, 1, 0, 0, 0, 1},
		eanB: {8, 8, 8, 0, 0, 0, 0, 0, 1, 0, 0},
	}
	for _, c := range []struct {
		q            inspectQuality
		ean          string
		maxKW, kWh   float64
		emptyValues  int
		wantGapStart []int // ISP indices
	}{
		{a, eanA, 32, 26, 1, []int{3, 5}}, // 1+2+3+5+7+8 kWh; the first of a duplicate is kept
		{b, eanB, 40, 70, 0, nil},
	} {
		q := c.q
		if q.EAN != c.ean || q.ResolutionMinutes != 15 || !q.Start.Equal(newYear2026) || !q.End.Equal(newYear2026.Add(2*time.Hour)) {
			t.Errorf("connection %s: %s %s–%s at %d min; want %s 2025-12-31T23:00Z–01:00Z at 15", c.ean, q.EAN, q.Start, q.End, q.ResolutionMinutes, c.ean)
		}
		if got := fmt.Sprint(q.counts()); got != fmt.Sprint(wantCounts[c.ean]) {
			t.Errorf("%s counts = %s, want %v", c.ean, got, wantCounts[c.ean])
		}
		if q.MaxKW == nil || *q.MaxKW != c.maxKW || q.EnergyKWh != c.kWh || q.EmptyValues != c.emptyValues {
			t.Errorf("%s: max %v kW, %g kWh, %d empty; want %g, %g, %d", c.ean, q.MaxKW, q.EnergyKWh, q.EmptyValues, c.maxKW, c.kWh, c.emptyValues)
		}
		if len(q.Gaps) != len(c.wantGapStart) {
			t.Fatalf("%s gaps = %+v, want starts at ISPs %v", c.ean, q.Gaps, c.wantGapStart)
		}
		for i, g := range q.Gaps {
			want := newYear2026.Add(time.Duration(c.wantGapStart[i]) * series.ISP)
			if !g.Start.Equal(want) || !g.End.Equal(want.Add(series.ISP)) || g.ISPs != 1 {
				t.Errorf("%s gap %d = %+v, want one ISP from %s", c.ean, i, g, want.UTC())
			}
		}
		if len(q.Notes) != 0 || len(q.DST) != 0 {
			t.Errorf("%s: notes %q, DST days %+v; want none", c.ean, q.Notes, q.DST)
		}
	}
	if len(a.DuplicateList) != 1 {
		t.Fatalf("%s duplicate list = %+v, want one", eanA, a.DuplicateList)
	}
	if d := a.DuplicateList[0]; !d.At.Equal(newYear2026.Add(2*series.ISP)) || d.FirstLine != 4 || d.Line != 5 || d.FirstKW != 12 || d.KW != 14 {
		t.Errorf("duplicate = %+v, want ISP 2, line 5 (14 kW) repeating line 4 (12 kW)", d)
	}

	t.Run("table", func(t *testing.T) {
		out, _, err := runCLI(t, "meter", "inspect", path)
		if err != nil {
			t.Fatal(err)
		}
		// connection, from (2 fields), to (2), res., the counts, max kW, MWh
		for _, q := range rep.Connections {
			f := tableRow(t, out, q.EAN)
			var counts []string
			for _, n := range q.counts() {
				counts = append(counts, strconv.Itoa(n))
			}
			want := append([]string{q.EAN, "2026-01-01", "00:00+01:00", "2026-01-01", "02:00+01:00", "15m"}, counts...)
			want = append(want, fmt.Sprintf("%.1f", *q.MaxKW), fmt.Sprintf("%.1f", q.EnergyKWh/1000))
			if fmt.Sprint(f) != fmt.Sprint(want) {
				t.Errorf("table row\n got %v\nwant %v", f, want)
			}
		}
		for _, want := range []string{
			`separator ";", decimal mark "."`,
			"gap 2026-01-01 00:45+01:00 – 2026-01-01 01:00+01:00 (1 ISPs)",
			"duplicate 2026-01-01 00:30+01:00: line 5 (14 kW) repeats line 4 (12 kW, kept)",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("table output lacks %q:\n%s", want, out)
			}
		}
		out, _, err = runCLI(t, "meter", "inspect", "--list", "1", path)
		if err != nil || !strings.Contains(out, "… 1 more gaps") || strings.Contains(out, "01:15+01:00 – ") {
			t.Errorf("meter inspect --list 1: err %v, want the first gap and \"… 1 more gaps\":\n%s", err, out)
		}
	})

	// The expected period moves the counts: a whole day expects 96 ISPs.
	t.Run("from-to", func(t *testing.T) {
		rep := inspectJSON(t, "--from", "2026-01-01", "--to", "2026-01-02", path)
		for i, want := range [][]int{
			{8, 96, 6, 90, 3, 1, 1, 0, 0, 0, 1},
			{8, 96, 8, 88, 1, 0, 0, 0, 1, 0, 0},
		} {
			if got := rep.Connections[i].counts(); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("--from 2026-01-01 --to 2026-01-02: %s counts = %v, want %v", rep.Connections[i].EAN, got, want)
			}
		}
	})
}

// dutchExport writes one local day as a Dutch portal exports it: BOM, CRLF,
// ';', decimal comma, day and clock in separate columns without offset (the
// repeated October hour written twice). ISP i carries (i+1)/4 kWh.
func dutchExport(day time.Time) (csv, canonical string, isps int) {
	var b, c strings.Builder
	b.WriteString("\ufeffDatum;Tijd;Afname (kWh);Teruglevering (kWh)\r\n")
	c.WriteString("ean;interval_start;interval_end;offtake_kwh;feedin_kwh\n")
	for t := day; t.Before(day.AddDate(0, 0, 1)); t = t.Add(series.ISP) {
		isps++
		kwh := strconv.FormatFloat(float64(isps)/4, 'f', -1, 64)
		fmt.Fprintf(&b, "%s;%s;%s;0\r\n", t.Format("02-01-2006"), t.Format("15:04"), strings.Replace(kwh, ".", ",", 1))
		fmt.Fprintf(&c, "NL;%s;%s;%s;0\n", t.Format(time.RFC3339), t.Add(series.ISP).Format(time.RFC3339), kwh)
	}
	return b.String(), c.String(), isps
}

func TestMeterInspectDutchExport(t *testing.T) {
	for _, tc := range []struct {
		name, date string
		isps       int
		note       string
	}{
		{"winter day", "2026-01-15", 96, ""},
		{"spring forward", "2026-03-29", 92, ""},
		{"fall back", "2026-10-25", 100, "8 local timestamps in a repeated autumn hour resolved by order"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day, _ := time.ParseInLocation(time.DateOnly, tc.date, series.Amsterdam)
			export, canonical, n := dutchExport(day)
			if n != tc.isps {
				t.Fatalf("%s has %d ISPs, want %d", tc.date, n, tc.isps)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "verbruik.csv")
			canon := filepath.Join(dir, "canonical.csv")
			for p, s := range map[string]string{path: export, canon: canonical} {
				if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			rep := inspectJSON(t, "--ean", "NL", path)
			ft := rep.Format
			if ft.Decimal != "," || !ft.BOM || ft.Separator != ";" || ft.Layout != "single" || ft.Timestamps != "without offset, read in Europe/Amsterdam" {
				t.Errorf("format = %+v; want decimal comma, BOM, \";\", single layout, local time", ft)
			}
			q := rep.Connections[0]
			wantKWh := float64(n*(n+1)) / 8
			if q.EAN != "NL" || q.ExpectedISPs != n || q.PresentISPs != n || q.GapCount != 0 || q.Duplicates != 0 ||
				q.EnergyKWh != wantKWh || q.MaxKW == nil || *q.MaxKW != float64(n) || !q.Start.Equal(day) {
				t.Errorf("%s: %+v; want %d ISPs from %s, no gaps or duplicates, %g kWh, max %d kW", tc.date, q, n, day.UTC(), wantKWh, n)
			}
			wantDST := ""
			if n != 96 {
				wantDST = fmt.Sprintf("[{%s %d %d}]", tc.date, n, n)
			}
			if got := strings.TrimPrefix(fmt.Sprintf("%v", q.DST), "[]"); got != wantDST {
				t.Errorf("DST days = %s, want %s", got, wantDST)
			}
			if joined := strings.Join(q.Notes, "; "); (tc.note == "") != (joined == "") || !strings.Contains(joined, tc.note) {
				t.Errorf("notes = %q, want %q", joined, tc.note)
			}

			// The same readings in the canonical format give the same report.
			c := inspectJSON(t, canon).Connections[0]
			if fmt.Sprint(c.counts()) != fmt.Sprint(q.counts()) || c.EnergyKWh != q.EnergyKWh || *c.MaxKW != *q.MaxKW || !c.Start.Equal(q.Start) || !c.End.Equal(q.End) {
				t.Errorf("export and canonical file differ:\n export    %+v\n canonical %+v", q, c)
			}
		})
	}

	// Read as UTC, the October export's repeated hour becomes duplicates.
	day := time.Date(2026, 10, 25, 0, 0, 0, 0, series.Amsterdam)
	export, _, _ := dutchExport(day)
	q := inspectJSON(t, "--zone", "UTC", writeTemp(t, "verbruik.csv", export)).Connections[0]
	if q.Duplicates != 4 || q.Conflicts != 4 || q.ExpectedISPs != 96 {
		t.Errorf("October export read in UTC: %d duplicates (%d conflicting), %d ISPs; want 4, 4, 96", q.Duplicates, q.Conflicts, q.ExpectedISPs)
	}
}

// workbookFile writes an XLSX with a notes sheet first and the readings on
// sheet "Meetdata"; time.Time cells become date cells on the wall clock.
func workbookFile(t *testing.T, rows [][]any) string {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", "Toelichting"); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellStr("Toelichting", "A1", "Kwartierwaarden, export van het meetbedrijf"); err != nil {
		t.Fatal(err)
	}
	if _, err := x.NewSheet("Meetdata"); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := x.SetSheetRow("Meetdata", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "meetdata.xlsx")
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMeterInspectXLSX(t *testing.T) {
	wall := func(i int) time.Time { return time.Date(2026, 1, 1, 0, 15*i, 0, 0, time.UTC) }
	rows := [][]any{{"datetime", eanA + " [kWh]", eanB + " [kW]"}}
	for i := range 8 {
		rows = append(rows, []any{wall(i), float64(i + 1), 100.0})
	}
	path := workbookFile(t, rows)

	rep := inspectJSON(t, "--sheet", "Meetdata", path)
	if rep.Format.Kind != "xlsx" || rep.Format.Layout != "wide" || rep.Rows != 8 || len(rep.Connections) != 2 {
		t.Fatalf("format %+v, %d rows, %d connections; want xlsx, wide, 8, 2", rep.Format, rep.Rows, len(rep.Connections))
	}
	for _, c := range []struct {
		ean        string
		maxKW, kWh float64
	}{{eanA, 32, 36}, {eanB, 100, 200}} {
		var q inspectQuality
		for _, x := range rep.Connections {
			if x.EAN == c.ean {
				q = x
			}
		}
		if q.ExpectedISPs != 8 || q.PresentISPs != 8 || q.MaxKW == nil || *q.MaxKW != c.maxKW || q.EnergyKWh != c.kWh || !q.Start.Equal(newYear2026) {
			t.Errorf("%s: %+v; want 8 ISPs from %s, max %g kW, %g kWh", c.ean, q, newYear2026.UTC(), c.maxKW, c.kWh)
		}
	}

	out, _, err := runCLI(t, "meter", "inspect", "--sheet", "Meetdata", path)
	if err != nil {
		t.Fatal(err)
	}
	if f := tableRow(t, out, eanB); !strings.Contains(out, "xlsx, wide layout") || len(f) != 19 || f[17] != "100.0" {
		t.Errorf("meter inspect --sheet Meetdata %s: want an xlsx wide layout and %s at max 100.0 kW:\n%s", path, eanB, out)
	}
	// The first sheet holds no meter data; the error names the workbook.
	if _, _, err := runCLI(t, "meter", "inspect", path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("meter inspect on the notes sheet: err = %v, want an error naming %s", err, path)
	}
	// A text cell where a reading belongs: file, sheet, row and column.
	rows[4][1] = "n/a"
	bad := workbookFile(t, rows)
	stdout, _, err := runCLI(t, "meter", "inspect", "--sheet", "Meetdata", bad)
	if err == nil || stdout != "" {
		t.Fatalf("meter inspect on a text reading: err %v, stdout %q; want an error and nothing on stdout", err, stdout)
	}
	for _, want := range []string{bad + "[Meetdata]:5", "column 2", `"n/a"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// Bad input is an error naming file, line and column, what was found and
// what was expected, with every problem at once; stdout stays empty.
func TestMeterInspectErrors(t *testing.T) {
	canonical := canonicalFile()
	lines := strings.SplitAfter(canonical, "\n")
	withLines := func(repl map[int]string) string {
		out := append([]string(nil), lines...)
		for i, s := range repl {
			out[i-1] = strings.TrimSuffix(s, "\n") + "\n"
		}
		return strings.Join(out, "")
	}
	for _, tc := range []struct {
		name, content string
		args          []string
		want          []string
	}{
		{"two bad numbers", withLines(map[int]string{
			3:  canonicalRow(eanA, 1, "abc", "0", ""),
			12: canonicalRow(eanB, 3, "1.2.3", "0", ""),
		}), nil, []string{":3: column 4 (offtake_kwh): found \"abc\", want a number", ":12: column 4 (offtake_kwh)", `"1.2.3"`}},
		{"bad timestamp", withLines(map[int]string{
			2: eanA + ";2026-13-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;",
		}), nil, []string{":2: column 2 (interval_start)", "2026-13-01T00:00:00+01:00"}},
		{"no unit", "datetime;load\n2026-01-01 00:00;1\n", nil, []string{":1: column 2 (load)", "--unit"}},
		{"skipped spring hour", "datetime;load [kW]\n2026-03-29 01:45;1\n2026-03-29 02:00;1\n", nil, []string{":3: column 1 (datetime)", "02:00"}},
		{"bad zone", canonical, []string{"--zone", "Mars/Olympus"}, []string{`--zone "Mars/Olympus"`}},
		{"bad dates", canonical, []string{"--from", "2026-02-30", "--to", "1 jan"}, []string{`--from "2026-02-30": want a date YYYY-MM-DD`, `--to "1 jan"`}},
		{"bad format", canonical, []string{"--format", "xml"}, []string{`--format "xml": want one of table, json, csv`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "meter.csv", tc.content)
			args := append(append([]string{"meter", "inspect"}, tc.args...), path)
			stdout, _, err := runCLI(t, args...)
			if err == nil {
				t.Fatalf("meter inspect %v = nil error, want %q", tc.args, tc.want)
			}
			if stdout != "" {
				t.Errorf("meter inspect %v wrote %q to stdout before failing", tc.args, stdout)
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if len(tc.args) == 0 && !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("error %q does not start with the file name %s", err, path)
			}
		})
	}
}

// The study's real data (../shared/data): the Dutch national load at 15
// minutes in MW, and an hourly Cambridge building in UTC.
func TestMeterInspectRealData(t *testing.T) {
	data := filepath.Join(sharedDir(t), "data")
	t.Run("ENTSO-E NL load", func(t *testing.T) {
		path := filepath.Join(data, "entsoe-nl-load", "actual_total_load_nl_2022_2024.csv")
		if _, err := os.Stat(path); err != nil {
			t.Skipf("../shared not present: %v", err)
		}
		if _, _, err := runCLI(t, "meter", "inspect", path); err == nil || !strings.Contains(err.Error(), "--unit") {
			t.Errorf("without --unit: err = %v, want one asking for --unit (the header \"Actual Load\" names no unit)", err)
		}
		rep := inspectJSON(t, "--unit", "MW", path)
		q := rep.Connections[0]
		// SOURCE.txt: 105,216 rows 2022–2024, no gaps or duplicates.
		if rep.Rows != 105216 || q.ExpectedISPs != 105216 || q.PresentISPs != 105216 || q.GapCount != 0 || q.Duplicates != 0 || q.ResolutionMinutes != 15 {
			t.Errorf("%d rows, %v counts; want 105,216 rows and ISPs, none missing", rep.Rows, q.counts())
		}
		want := "[{2022-03-27 92 92} {2022-10-30 100 100} {2023-03-26 92 92} {2023-10-29 100 100} {2024-03-31 92 92} {2024-10-27 100 100}]"
		if got := fmt.Sprint(q.DST); got != want {
			t.Errorf("DST days = %s, want %s", got, want)
		}
		out, _, err := runCLI(t, "meter", "inspect", "--unit", "MW", path)
		if err != nil || !strings.Contains(out, "105,216") || !strings.Contains(out, "DST day 2024-10-27: 100 ISPs, 100 present") {
			t.Errorf("meter inspect --unit MW (table): %v\n%s", err, out)
		}
	})
	t.Run("Cambridge b4 2019", func(t *testing.T) {
		path := filepath.Join(data, "cambridge-buildings", "electricity", "UCam_Building_b4_elec_2019.csv")
		if _, err := os.Stat(path); err != nil {
			t.Skipf("../shared not present: %v", err)
		}
		// Read on the Dutch clock, 2019-03-31 02:00 does not exist.
		if _, _, err := runCLI(t, "meter", "inspect", path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("without --zone UTC: err = %v, want the skipped spring hour named in %s", err, path)
		}
		q := inspectJSON(t, "--zone", "UTC", path).Connections[0]
		// summary_electricity_2019_2023_all_buildings.csv: b4 2019 has 8,760
		// hours, 46 of them 0 (missing), 132,010 kWh, max 50.7 kW.
		if q.Readings != 8760 || q.ResolutionMinutes != 60 || q.ExpectedISPs != 35040 || q.PresentISPs != 35040 || q.Zero != 46 ||
			math.Round(q.EnergyKWh) != 132010 || q.MaxKW == nil || *q.MaxKW != 50.7 {
			t.Errorf("b4 2019: %d readings at %d min, %v counts, %g kWh, max %v kW; want 8760 at 60, 35,040 ISPs, 46 zero, 132,010 kWh, 50.7 kW",
				q.Readings, q.ResolutionMinutes, q.counts(), q.EnergyKWh, q.MaxKW)
		}
		if fmt.Sprint(q.DST) != "[{2019-03-31 92 92} {2019-10-27 100 100}]" || len(q.Notes) == 0 || !strings.Contains(q.Notes[0], "spread over 4 ISPs") {
			t.Errorf("b4 2019: DST days %v, notes %q; want 92 and 100 ISPs and a note on spreading hourly readings", q.DST, q.Notes)
		}
	})
}

// --decimal and --separator override what the importer would guess; the
// numbers move with them.
func TestMeterInspectForcedFormat(t *testing.T) {
	thousands := writeTemp(t, "thousands.csv", "datetime;load [kWh]\n2026-01-01 00:00;1.234\n2026-01-01 00:15;2.000\n")
	tab := writeTemp(t, "tab.csv", "datetime\tload [kWh]\n2026-01-01 00:00\t1,5\n2026-01-01 00:15\t2\n")
	for _, tc := range []struct {
		name, path string
		args       []string
		sep, dec   string
		kWh, maxKW float64
	}{
		{"decimal point guessed", thousands, nil, ";", ".", 3.234, 8},
		{"decimal comma forced: 1.234 is 1234", thousands, []string{"--decimal", ","}, ";", ",", 3234, 8000},
		{"tab sniffed", tab, nil, "tab", ",", 3.5, 8},
		{"tab forced", tab, []string{"--separator", "tab"}, "tab", ",", 3.5, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := inspectJSON(t, append(tc.args, tc.path)...)
			q := rep.Connections[0]
			if rep.Format.Separator != tc.sep || rep.Format.Decimal != tc.dec || q.EnergyKWh != tc.kWh || q.MaxKW == nil || *q.MaxKW != tc.maxKW {
				t.Errorf("meter inspect %v = separator %q, decimal %q, %g kWh, max %v kW; want %q, %q, %g, %g",
					tc.args, rep.Format.Separator, rep.Format.Decimal, q.EnergyKWh, q.MaxKW, tc.sep, tc.dec, tc.kWh, tc.maxKW)
			}
		})
	}
	// A wrong forced separator leaves one column: an error, not a guess.
	if _, _, err := runCLI(t, "meter", "inspect", "--separator", ";", tab); err == nil || !strings.Contains(err.Error(), tab+":1:") {
		t.Errorf("--separator ; on a tab file: err = %v, want an error at %s:1", err, tab)
	}
}

// Another command reuses the importer's flags by binding them to itself.
func TestMeterInputFlags(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, 0, 0, 0, 0, series.Amsterdam).UTC()
	}
	for _, tc := range []struct {
		name     string
		fileOnly bool
		args     []string
		want     string // the options' fields, or the error
	}{
		{"defaults", false, nil, "unit= zone=<nil> ean= sheet= labelEnd=false sep='\\x00' dec='\\x00' from=0001-01-01 00:00:00 +0000 UTC to=0001-01-01 00:00:00 +0000 UTC"},
		{"all", false, []string{"--unit", "MW", "--zone", "UTC", "--ean", "NL", "--sheet", "Data", "--label-end", "--separator", "tab", "--decimal", ",", "--from", "2026-03-29", "--to", "2026-03-30"},
			fmt.Sprintf("unit=MW zone=UTC ean=NL sheet=Data labelEnd=true sep='\\t' dec=',' from=%s to=%s", day(2026, 3, 29), day(2026, 3, 30))},
		{"summer day starts at 22:00 UTC", false, []string{"--from", "2026-07-01"}, "unit= zone=<nil> ean= sheet= labelEnd=false sep='\\x00' dec='\\x00' from=2026-06-30 22:00:00 +0000 UTC to=0001-01-01 00:00:00 +0000 UTC"},
		{"errors at once", false, []string{"--separator", "|", "--decimal", "'", "--zone", "Nowhere", "--to", "2026-1-1"},
			"--separator \"|\": want ';', ',' or tab\n--decimal \"'\": want '.' or ','\n--zone \"Nowhere\": want an IANA zone such as UTC or Europe/Amsterdam\n--to \"2026-1-1\": want a date YYYY-MM-DD"},
		{"empty period", false, []string{"--from", "2026-01-02", "--to", "2026-01-01"}, "want --to after --from"},
		{"file flags only", true, []string{"--unit", "kW", "--ean", "x"}, "unit=kW zone=<nil> ean=x sheet= labelEnd=false sep='\\x00' dec='\\x00' from=0001-01-01 00:00:00 +0000 UTC to=0001-01-01 00:00:00 +0000 UTC"},
		{"file flags only refuse --from", true, []string{"--from", "2026-01-01"}, "unknown flag: --from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in meterInputFlags
			cmd := &cobra.Command{Use: "other"}
			if tc.fileOnly {
				in.bindFile(cmd)
			} else {
				in.bind(cmd)
			}
			got := ""
			if err := cmd.ParseFlags(tc.args); err != nil {
				got = err.Error()
			} else if o, err := in.options(); err != nil {
				got = err.Error()
			} else {
				zone := "<nil>"
				if o.Zone != nil {
					zone = o.Zone.String()
				}
				got = fmt.Sprintf("unit=%s zone=%s ean=%s sheet=%s labelEnd=%v sep=%q dec=%q from=%s to=%s", o.Unit, zone, o.EAN, o.Sheet, o.LabelEnd, o.Separator, o.Decimal, o.From, o.To)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("options(%q) = %q, want %q", tc.args, got, tc.want)
			}
		})
	}
}

// TestMeterInspectDirectory guards issue 9 item 17: meter inspect DIR reads
// a directory as contract check --meter DIR does: its meter files in name
// order, one report per file (JSON: an array).
func TestMeterInspectDirectory(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"a.csv": canonicalFile(), "b.csv": canonicalFile(), "notes.md": "not meter data"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runCLI(t, "meter", "inspect", dir, "--format", "json")
	if err != nil {
		t.Fatalf("meter inspect DIR: %v", err)
	}
	var reps []struct {
		File        string `json:"file"`
		Connections []any  `json:"connections"`
	}
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("meter inspect DIR --format json is not an array of reports: %v\n%.300s", err, out)
	}
	if len(reps) != 2 || filepath.Base(reps[0].File) != "a.csv" || filepath.Base(reps[1].File) != "b.csv" || len(reps[1].Connections) != 2 {
		t.Errorf("meter inspect DIR = %+v, want a.csv and b.csv with 2 connections each", reps)
	}
	out, _, err = runCLI(t, "meter", "inspect", dir)
	if err != nil || strings.Count(out, eanA) < 2 {
		t.Errorf("meter inspect DIR (table): %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "meter", "inspect", t.TempDir()); err == nil || !strings.Contains(err.Error(), "no *.csv") {
		t.Errorf("meter inspect of an empty directory: %v", err)
	}
}
