package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newMeterCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "meter",
		Short: "Quarter-hour meter data: import and data-quality report",
	}
	cmd.AddCommand(newMeterInspectCmd(), newMeterImportCmd())
	return cmd
}

type meterFlags struct {
	input  meterInputFlags
	list   int
	format formatFlag
}

// meterInputFlags are the meter importer's options (meter.Options) as
// flags, shared by every command that reads meter data so that one file
// is read the same way everywhere (meter/FORMAT.md, "Command-line flags").
// A command binds them next to its own --meter flag and turns them into
// options once, before reading:
//
//	var in meterInputFlags
//	in.bind(cmd)                // --unit --zone --ean --sheet --label-end --separator --decimal --from --to
//	...
//	opts, err := in.options()   // in RunE; bad values are errors naming the flag
//	rep, err := usecase.InspectMeter(ctx, usecase.MeterRequest{Files: osFiles{}, Meter: path, Options: opts})
//
// A command whose period comes from elsewhere (a contract term, a scan
// date) or that already has a --from/--to of its own binds only how the
// file is read with bindFile; options then leaves From and To zero.
type meterInputFlags struct {
	unit, zone, ean, sheet string
	separator, decimal     string
	from, to               string
	labelEnd               bool
}

// bind adds every importer flag to cmd: bindFile and bindPeriod.
func (f *meterInputFlags) bind(cmd *cobra.Command) {
	f.bindFile(cmd)
	f.bindPeriod(cmd)
}

// bindFile adds the flags that say how a meter file is read: --unit,
// --zone, --ean, --sheet, --label-end, --separator and --decimal.
func (f *meterInputFlags) bindFile(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.unit, "unit", "", "`UNIT` of meter value columns whose header names none: kW, kWh, MW, MWh, W, Wh")
	fl.StringVar(&f.zone, "zone", "", "time `ZONE` of meter timestamps without UTC offset (default Europe/Amsterdam; e.g. UTC)")
	fl.StringVar(&f.ean, "ean", "", "connection `NAME` for a meter file with a single value column (default: the file name)")
	fl.StringVar(&f.sheet, "sheet", "", "XLSX `SHEET` of meter data (default: the first)")
	fl.BoolVar(&f.labelEnd, "label-end", false, "meter timestamps mark the end of each interval (files without an end column)")
	fl.StringVar(&f.separator, "separator", "", "field `SEPARATOR` of CSV meter files: ';', ',' or tab (default: sniffed from the header)")
	fl.StringVar(&f.decimal, "decimal", "", "decimal `MARK` of meter values: '.' or ',' (default: the first seen; force ',' when 1.234 means 1234)")
}

// bindPeriod adds --from and --to, the period the meter data should cover;
// ISPs in it without a reading count as missing.
func (f *meterInputFlags) bindPeriod(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.from, "from", "", "first local `DATE` (YYYY-MM-DD) the meter data should cover; missing ISPs from there count as gaps")
	fl.StringVar(&f.to, "to", "", "first local `DATE` no longer expected (e.g. 2026-01-01 for the year 2025)")
}

func newMeterInspectCmd() *cobra.Command {
	var f meterFlags
	cmd := &cobra.Command{
		Use:   "inspect FILE|DIR",
		Short: "Read a meter-data file or directory (CSV or XLSX) and report its quality per connection",
		Long: `Reads meter data in the canonical format or a common variant
(meter/FORMAT.md) and prints, per connection: period, intervals expected
and present, gaps, duplicates, negative, zero and implausible readings,
DST days (92 and 100 ISPs) and every interpretation the importer made.
Malformed input is reported with file, line and column. A directory is read
as contract check --meter DIR reads it: its *.csv, *.txt and *.xlsx files in
name order, one report per file (JSON: an array of the per-file reports).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runMeterInspect(cmd, &f, args[0]) },
	}
	f.input.bind(cmd)
	cmd.Flags().IntVar(&f.list, "list", 10, "list at most `N` gaps and duplicates per connection in the table")
	f.format.bind(cmd, "table", "json", "csv")
	return cmd
}

// options turns the flags into importer options. Flags left unset keep the
// importer's defaults (Options zero values); a bad value is an error naming
// its flag. Dates are local days in Europe/Amsterdam (a day starts at local
// midnight, whatever the offset), --to exclusive.
func (f *meterInputFlags) options() (meter.Options, error) {
	o := meter.Options{Unit: f.unit, EAN: f.ean, Sheet: f.sheet, LabelEnd: f.labelEnd}
	var errs []error
	switch f.separator {
	case "":
	case ";", ",":
		o.Separator = f.separator[0]
	case "tab", "\t", "\\t":
		o.Separator = '\t'
	default:
		errs = append(errs, fmt.Errorf("--separator %q: want ';', ',' or tab", f.separator))
	}
	switch f.decimal {
	case "":
	case ".", ",":
		o.Decimal = f.decimal[0]
	default:
		errs = append(errs, fmt.Errorf("--decimal %q: want '.' or ','", f.decimal))
	}
	if f.zone != "" {
		loc, err := time.LoadLocation(f.zone)
		if err != nil {
			errs = append(errs, fmt.Errorf("--zone %q: want an IANA zone such as UTC or Europe/Amsterdam", f.zone))
		}
		o.Zone = loc
	}
	for _, d := range []struct {
		flag, v string
		t       *time.Time
	}{{"--from", f.from, &o.From}, {"--to", f.to, &o.To}} {
		if d.v == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.v, series.Amsterdam)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %q: want a date YYYY-MM-DD", d.flag, d.v))
			continue
		}
		*d.t = t.UTC()
	}
	if !o.From.IsZero() && !o.To.IsZero() && !o.From.Before(o.To) {
		errs = append(errs, fmt.Errorf("--from %s --to %s: want --to after --from (--to is the first day no longer expected)", f.from, f.to))
	}
	if len(errs) > 0 {
		return meter.Options{}, errors.Join(errs...)
	}
	return o, nil
}

func runMeterInspect(cmd *cobra.Command, f *meterFlags, file string) error {
	if err := f.format.check(); err != nil {
		return err
	}
	opts, err := f.input.options()
	if err != nil {
		return err
	}
	reps, dir, err := usecase.InspectMeterFiles(cmd.Context(), usecase.MeterRequest{Files: osFiles{}, Meter: file, Options: opts})
	if err != nil {
		return err
	}
	w := cmd.OutOrStdout()
	if f.format.value == "json" {
		if !dir {
			return wire.Write(w, wire.FromMeterReport(reps[0]))
		}
		docs := make([]wire.MeterReport, len(reps))
		for i, r := range reps {
			docs[i] = wire.FromMeterReport(r)
		}
		return wire.Write(w, docs)
	}
	if f.format.value == "csv" {
		return meterCSV(reps).WriteCSV(w)
	}
	for i, rep := range reps {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := writeReportText(w, rep, f.list); err != nil {
			return err
		}
	}
	return nil
}

func writeReportText(w io.Writer, rep meter.Report, list int) error {
	ft := rep.Format
	sep := ""
	if ft.Kind == "csv" {
		sep = fmt.Sprintf(", separator %q", ft.Separator)
	}
	dec := ft.Decimal
	if dec == "" {
		dec = "none seen"
	}
	fmt.Fprintf(w, "%s: %s, %s layout%s, decimal mark %q, BOM %v, timestamps %s, %s rows\n",
		rep.File, ft.Kind, ft.Layout, sep, dec, ft.BOM, ft.Timestamps, table.Num(float64(rep.Rows), 0))
	var cols []string
	for _, c := range ft.Columns {
		s := fmt.Sprintf("%q=%s", c.Name, c.Role)
		if c.Unit != "" {
			s += " [" + c.Unit + "]"
		}
		cols = append(cols, s)
	}
	fmt.Fprintf(w, "columns: %s\n\n", strings.Join(cols, ", "))

	t := table.Table{
		Header: []string{"connection", "from", "to", "res.", "readings", "expected ISPs", "present", "missing", "gaps", "dupl.", "conflicts", "neg.", "zero", "implaus.", "estim.", "max kW", "MWh"},
		Align:  []table.Align{table.Left, table.Left, table.Left, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right},
	}
	for _, q := range rep.Connections {
		n := func(v int) string { return table.Num(float64(v), 0) }
		t.Add(q.EAN, localMinute(q.Start), localMinute(q.End), shortDur(q.Resolution), n(q.Readings), n(q.ExpectedISPs), n(q.PresentISPs),
			n(q.MissingISPs()), n(q.GapCount), n(q.Duplicates), n(q.Conflicts), n(q.Negative), n(q.Zero), n(q.Implausible), n(q.Estimated),
			maxKW(q.MaxKW), table.Num(q.EnergyKWh/1000, 1))
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	for _, q := range rep.Connections {
		var lines []string
		for _, d := range q.DST {
			lines = append(lines, fmt.Sprintf("DST day %s: %d ISPs, %d present", d.Date, d.ISPs, d.Present))
		}
		for i, g := range q.Gaps {
			if i == list {
				lines = append(lines, fmt.Sprintf("… %d more gaps", q.GapCount-list))
				break
			}
			lines = append(lines, fmt.Sprintf("gap %s – %s (%d ISPs)", localMinute(g.Start), localMinute(g.End), g.ISPs))
		}
		for i, d := range q.DuplicateList {
			if i == list {
				lines = append(lines, fmt.Sprintf("… %d more duplicates", q.Duplicates-list))
				break
			}
			lines = append(lines, fmt.Sprintf("duplicate %s: line %d (%g kW) repeats line %d (%g kW, kept)", localMinute(d.At), d.Line, d.KW, d.FirstLine, d.FirstKW))
		}
		for _, note := range q.Notes {
			lines = append(lines, "note: "+note)
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", q.EAN)
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	return nil
}

// meterCSV is one row per connection of every file, for machines: the
// JSON's keys, instants as RFC 3339 in UTC, plain unrounded numbers; a
// connection without readings has an empty max_kw (null in JSON).
func meterCSV(reps []meter.Report) *table.Table {
	t := &table.Table{Header: []string{"file", "connection", "start", "end", "resolution_minutes", "readings", "expected_isps", "present_isps",
		"missing_isps", "gaps", "duplicates", "conflicts", "negative", "zero", "implausible", "estimated", "max_kw", "energy_kwh"}}
	n := strconv.Itoa
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, rep := range reps {
		for _, q := range rep.Connections {
			mx := ""
			if q.MaxKW == q.MaxKW {
				mx = f(q.MaxKW)
			}
			t.Add(rep.File, q.EAN, q.Start.UTC().Format(time.RFC3339), q.End.UTC().Format(time.RFC3339), n(int(q.Resolution/time.Minute)),
				n(q.Readings), n(q.ExpectedISPs), n(q.PresentISPs), n(q.MissingISPs()), n(q.GapCount), n(q.Duplicates), n(q.Conflicts),
				n(q.Negative), n(q.Zero), n(q.Implausible), n(q.Estimated), mx, f(q.EnergyKWh))
		}
	}
	return t
}

// localMinute shows an instant on the Dutch wall clock with its offset,
// so the repeated October hour stays unambiguous.
func localMinute(t time.Time) string {
	return t.In(series.Amsterdam).Format("2006-01-02 15:04-07:00")
}

func shortDur(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

func maxKW(kw float64) string {
	if kw != kw {
		return "–" // no value present
	}
	return table.Num(kw, 1)
}
