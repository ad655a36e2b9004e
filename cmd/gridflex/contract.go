package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"gridflex/contract"
	"gridflex/series"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newContractCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "contract",
		Short: "Check congestion-management contracts against quarter-hour meter data",
	}
	cmd.AddCommand(newContractCheckCmd())
	cmd.AddCommand(newContractStoreCmds()...) // add, list, show, state (contractstore.go)
	return cmd
}

type contractCheckFlags struct {
	contract, meter, calls, out string
	db                          string // --db: check stored contracts against stored data (contractstore.go)
	isps                        bool
	format                      formatFlag
	input                       meterInputFlags // how meter files are read, as for `meter inspect`
}

// formatFromOutput takes the format from the -o file's extension (.csv,
// .json) unless --format was given; a --format that contradicts the
// extension is refused rather than writing JSON into summary.csv.
func (f *contractCheckFlags) formatFromOutput(explicit bool) error {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(f.out), "."))
	if f.out == "" || f.isps || (ext != "csv" && ext != "json") {
		return nil
	}
	if !explicit {
		f.format.value = ext
		return nil
	}
	if f.format.value != ext {
		return fmt.Errorf("--format %s with -o %s: the extension says %s; drop --format or name the file .%s",
			f.format.value, f.out, ext, f.format.value)
	}
	return nil
}

func newContractCheckCmd() *cobra.Command {
	var f contractCheckFlags
	cmd := &cobra.Command{
		Use:   "check --contract FILE|DIR --meter FILE|DIR [--calls FILE]",
		Short: "Limits vs load, violations, yellow cards, penalties, compensation and settlement per contract",
		Long: `Checks meter data against contracts (contract/FORMAT.md).

With one contract file and one meter file it reports that connection in
full: violations, calls and their baselines, freed capacity and the
settlement per month and per contract year (--isps prints every ISP's limit
and load as CSV instead).

With a directory of contracts or of meter files (or a meter file holding
many connections) it streams every connection once and writes one summary
row per connection; contracts are matched by their connection EAN, group
contracts sum their members.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runContractCheck(cmd, &f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.contract, "contract", "", "contract `FILE` or directory of contract files (YAML)")
	fl.StringVar(&f.meter, "meter", "", "meter data `FILE` (CSV or XLSX) or directory of them")
	fl.StringVar(&f.calls, "calls", "", "calls `FILE` (CSV or YAML) for on-call and TDTR contracts")
	fl.StringVarP(&f.out, "output", "o", "", "write to `FILE` (atomically: all or nothing) instead of stdout")
	fl.BoolVar(&f.isps, "isps", false, "print every ISP: load, limit, clause, excess (CSV); one contract only")
	f.input.bindFile(cmd) // --unit --zone --ean --sheet --label-end --separator --decimal (meter/FORMAT.md)
	f.format.bind(cmd, "table", "json", "csv")
	fl.StringVar(&f.db, "db", "", "check the store's contracts (--contract names IDs) against its meter data and keep the monthly settlement: --db alone is the default store, --db=FILE|URL another")
	fl.Lookup("db").NoOptDefVal = defaultDB()
	fl.String("actor", "cli:"+os.Getenv("USER"), "with --db: who stores the settlement, for the audit log")
	return cmd
}

func runContractCheck(cmd *cobra.Command, f *contractCheckFlags) error {
	if err := f.format.check(); err != nil {
		return err
	}
	if f.db != "" {
		return runStoredCheck(cmd, f.db, strings.FieldsFunc(f.contract, func(r rune) bool { return r == ',' }), f.format.value)
	}
	if f.contract == "" || f.meter == "" {
		return errors.New(`required flags "contract" and "meter" not set (or --db for stored contracts)`)
	}
	if err := f.formatFromOutput(cmd.Flags().Changed("format")); err != nil {
		return err
	}
	opts, err := f.input.options()
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	req := usecase.CheckRequest{Files: osFiles{}, Contract: f.contract, Meter: f.meter, Calls: f.calls, MeterOptions: opts}
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		req.Progress = func(done, total int64) {
			if bar == nil {
				bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(stderr), progressbar.OptionShowBytes(true),
					progressbar.OptionSetDescription("contract check"), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
			}
			_ = bar.Set64(done)
		}
	}
	inputs := []string{f.contract, f.meter, f.calls}
	return writeOutput(cmd, f.out, inputs, func(w io.Writer) error {
		// The summary's header is written with its first row: a check of
		// one contract writes no summary.
		var rows *summaryWriter
		if !f.isps {
			req.Emit = func(r contract.Summary) error {
				if rows == nil {
					rows = newSummaryWriter(w, f.format.value)
				}
				return rows.row(r)
			}
		}
		res, err := usecase.CheckContracts(cmd.Context(), req)
		if bar != nil {
			_ = bar.Finish()
		}
		for _, n := range res.Notes {
			fmt.Fprintln(stderr, "note: "+n)
		}
		if errors.Is(err, usecase.ErrBulk) {
			return fmt.Errorf("--isps: %w", err)
		}
		if err != nil {
			return err
		}
		if one := res.One; one != nil {
			return writeOne(w, stderr, f, one)
		}
		if len(res.Warnings) > 0 {
			writeDataQuality(stderr, res.Warnings)
		}
		if rows == nil {
			rows = newSummaryWriter(w, f.format.value)
		}
		return rows.close()
	})
}

// writeOne reports one contract (a connection or a group) in full.
func writeOne(w, stderr io.Writer, f *contractCheckFlags, one *usecase.OneCheck) error {
	dq, r := one.Quality, one.Result
	if len(dq.Warnings) > 0 && (f.format.value != "table" || f.isps) {
		writeDataQuality(stderr, dq.Warnings)
	}
	if f.isps {
		return writeISPs(w, r, one.Input)
	}
	switch f.format.value {
	case "json":
		return wire.Write(w, wire.FromCheck(r, dq))
	case "csv":
		return settlementCSV(r).WriteCSV(w)
	}
	return writeResultText(w, one.Contract, r, dq)
}

// writeDataQuality prints the import's warnings as a block.
func writeDataQuality(w io.Writer, warnings []string) {
	fmt.Fprintln(w, "data quality:")
	for _, s := range warnings {
		fmt.Fprintln(w, "  - "+s)
	}
}

func localTime(t time.Time) string { return t.In(series.Amsterdam).Format("2006-01-02 15:04") }

func eur(v float64) string { return table.Num(v, 2) }

// money is an amount with its sign before the euro sign: -€342.47.
func money(v float64) string {
	if v < 0 && eur(v) != "0.00" {
		return "-€" + eur(-v)
	}
	return "€" + eur(v)
}

func writeResultText(w io.Writer, c *contract.Contract, r *contract.Result, dq contract.DataQuality) error {
	var clauses []string
	for _, cl := range c.Clauses {
		clauses = append(clauses, cl.Name)
	}
	if len(clauses) == 0 {
		clauses = []string{"base capacity only"}
	}
	term := c.Term.Start.String() + " – "
	if c.Term.Indefinite() {
		term += "indefinite"
	} else {
		term += c.Term.End.String()
	}
	if !c.Term.OptOut.IsZero() {
		term += ", opt-out from " + c.Term.OptOut.String()
	}
	head := table.Table{}
	head.Add("connection", r.ID)
	head.Add("contract", fmt.Sprintf("%s (%s)", c.File, strings.Join(clauses, ", ")))
	head.Add("term", term)
	for _, w := range r.Warnings {
		head.Add("WARNING", w)
	}
	head.Add("period", fmt.Sprintf("%s – %s (Europe/Amsterdam)", localTime(r.Start), localTime(r.End)))
	head.Add("ISPs", fmt.Sprintf("%s, missing %s (%s in binding windows: compliance unknown there)",
		table.Num(float64(r.ISPs), 0), table.Num(float64(r.MissingISPs), 0), table.Num(float64(r.MissingBindingISPs), 0)))
	if c.BaseKW > 0 {
		head.Add("freed", fmt.Sprintf("up to %s kW below the base %s kW; %s kWh over the period, %s kWh of time blocks kept",
			table.Num(r.FreedKW, 0), table.Num(c.BaseKW, 0), table.Num(r.FreedKWh, 0), table.Num(r.KeptFreedKWh, 0)))
	}
	head.Add("violations", fmt.Sprintf("%d; yellow cards %d; penalties %s", len(r.Violations), r.YellowCards, money(r.PenaltyEUR)))
	head.Add("compensation", fmt.Sprintf("%s (fixed %s on %s kW, variable %s, activations %s); net %s",
		money(r.CompensationEUR), money(r.FixedEUR), table.Num(r.ContractedKW, 0), money(r.VariableEUR), money(r.ActivationEUR), money(r.NetEUR)))
	for y, h := range r.TDTRLimitedHours {
		head.Add("tdtr", fmt.Sprintf("contract year %d: %.2f h limited", y+1, h))
	}
	for _, s := range dq.Warnings {
		head.Add("data quality", s)
	}
	if err := head.WriteText(w); err != nil {
		return err
	}
	if len(r.Violations) > 0 {
		t := table.Table{Header: []string{"start", "end", "direction", "clause", "max kW over", "kWh over", "sanction", "penalty €"},
			Align: []table.Align{table.Left, table.Left, table.Left, table.Left, table.Right, table.Right, table.Left, table.Right}}
		for _, v := range r.Violations {
			dir := string(v.Direction)
			if v.Volume {
				dir = "volume short"
			}
			t.Add(localTime(v.Start), localTime(v.End), dir, v.Clause, table.Num(v.MaxExcessKW, 1), table.Num(v.ExcessKWh, 1), v.Sanction, eur(v.PenaltyEUR))
		}
		fmt.Fprintln(w, "\nviolations")
		if err := t.WriteText(w); err != nil {
			return err
		}
	}
	if len(r.Calls) > 0 {
		t := table.Table{Header: []string{"day", "window", "limit/volume", "announced", "binding", "baseline kWh", "load kWh", "delivered kWh", "note"},
			Align: []table.Align{table.Left, table.Left, table.Right, table.Left, table.Left, table.Right, table.Right, table.Right}}
		for _, cr := range r.Calls {
			ask := "volume " + table.Num(cr.Call.VolumeKWh, 0) + " kWh"
			if cr.Call.VolumeKWh != cr.Call.VolumeKWh {
				ask = table.Num(cr.LimitKW, 0) + " kW"
				if cr.LimitKW != cr.LimitKW { // a call screened out before its limit was known
					ask = "–"
				}
			}
			binding, note := "yes", cr.Note
			if !cr.Binding {
				binding, note = "no", cr.Reason
			}
			bl, ld, dl := "", "", ""
			if cr.Measured {
				bl, ld, dl = table.Num(cr.BaselineKWh, 1), table.Num(cr.LoadKWh, 1), table.Num(cr.DeliveredKWh, 1)
			}
			t.Add(cr.Call.Day.String(), cr.Call.Window.String(), ask, localTime(cr.Call.Announced), binding, bl, ld, dl, note)
		}
		fmt.Fprintf(w, "\ncalls (baseline: %s of %d comparable days)\n", baselineName(c.Baseline), c.Baseline.Days)
		if err := t.WriteText(w); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "\nsettlement")
	return settlementTable(r).WriteText(w)
}

func baselineName(b contract.Baseline) string {
	if b.Method == "high" {
		return fmt.Sprintf("high %d", b.Top)
	}
	return "mean"
}

func settlementTable(r *contract.Result) *table.Table {
	t := &table.Table{Header: []string{"period", "from", "to", "fixed €", "variable €", "activation €", "compensation €", "penalty €", "net €", "violations", "yellow cards", "freed kWh", "missing ISPs"}}
	t.Align = []table.Align{table.Left, table.Left, table.Left}
	for range 10 {
		t.Align = append(t.Align, table.Right)
	}
	for _, s := range r.Settlement {
		t.Add(s.Period, s.Start.String(), s.End.String(), eur(s.FixedEUR), eur(s.VariableEUR), eur(s.ActivationEUR), eur(s.CompensationEUR),
			eur(s.PenaltyEUR), eur(s.NetEUR), strconv.Itoa(s.Violations), strconv.Itoa(s.YellowCards), table.Num(s.FreedKWh, 0), strconv.Itoa(s.MissingISPs))
	}
	return t
}

// settlementCSV is the settlement for machines: the JSON's keys
// (wire.Settlement) as header, plain numbers with a decimal point, euros
// and kWh rounded to hundredths as in the JSON, no currency symbols or
// thousands separators (the text table has those).
func settlementCSV(r *contract.Result) *table.Table {
	t := &table.Table{Header: []string{"period", "kind", "start", "end", "fixed_eur", "variable_eur", "activation_eur", "compensation_eur",
		"penalty_eur", "net_eur", "violations", "yellow_cards", "freed_kwh", "delivered_kwh", "missing_isps"}}
	f := func(v float64) string { return strconv.FormatFloat(wire.Round2(v), 'f', -1, 64) }
	for _, s := range wire.FromCheck(r, contract.DataQuality{}).Settlement {
		t.Add(s.Period, s.Kind, s.Start, s.End, f(s.FixedEUR), f(s.VariableEUR), f(s.ActivationEUR), f(s.CompensationEUR),
			f(s.PenaltyEUR), f(s.NetEUR), strconv.Itoa(s.Violations), strconv.Itoa(s.YellowCards), f(s.FreedKWh), f(s.DeliveredKWh),
			strconv.Itoa(s.MissingISPs))
	}
	return t
}

// writeISPs prints every ISP of the period: load against limit.
func writeISPs(w io.Writer, r *contract.Result, in contract.Input) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"interval_start", "offtake_kw", "offtake_limit_kw", "clause", "excess_kw", "feedin_kw", "feedin_limit_kw"})
	num := func(v float32) string {
		if v != v {
			return ""
		}
		return strconv.FormatFloat(float64(v), 'f', -1, 32)
	}
	for i := range in.Offtake.KW {
		t := in.Offtake.At(i)
		lim, flim, clause, _ := r.Schedule.Limit(t)
		v := in.Offtake.KW[i]
		excess := ""
		if v > lim {
			excess = num(v - lim)
		}
		feed, flimS := "", ""
		if in.Feedin.Len() > 0 {
			feed = num(in.Feedin.KW[i])
		}
		if flim == flim && flim < float32(1e30) {
			flimS = num(flim)
		}
		if err := cw.Write([]string{t.In(series.Amsterdam).Format(time.RFC3339), num(v), num(lim), clause, excess, feed, flimS}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// summaryWriter writes summary rows as CSV or JSON as they come, or
// collects them for an aligned table.
type summaryWriter struct {
	w      io.Writer
	format string
	csv    *csv.Writer
	rows   int
	tab    table.Table
	err    error
	totals contract.Summary
}

var summaryHeader = []string{"connection", "status", "start", "end", "isps", "missing_isps", "violations", "max_excess_kw", "excess_kwh",
	"yellow_cards", "penalty_eur", "compensation_eur", "net_eur", "freed_kw", "freed_kwh", "calls", "note"}

func newSummaryWriter(w io.Writer, format string) *summaryWriter {
	s := &summaryWriter{w: w, format: format}
	switch format {
	case "csv":
		s.csv = csv.NewWriter(w)
		s.err = s.csv.Write(summaryHeader)
	case "json":
		_, s.err = io.WriteString(w, "[")
	default:
		s.tab = table.Table{Header: append([]string(nil), summaryHeader[:len(summaryHeader)-1]...)}
		s.tab.Header[2], s.tab.Header[3] = "start (Europe/Amsterdam)", "end"
		s.tab.Header = append(s.tab.Header, "note")
		s.tab.Align = []table.Align{table.Left, table.Left, table.Left, table.Left}
		for range 12 {
			s.tab.Align = append(s.tab.Align, table.Right)
		}
	}
	return s
}

func (s *summaryWriter) cells(r contract.Summary) []string {
	f := func(v float64) string { return strconv.FormatFloat(wire.Round2(v), 'f', -1, 64) }
	// Instants as in the single check: the table on the Dutch wall clock
	// (its header says so), CSV as RFC 3339 in UTC like the JSON.
	start, end := "", ""
	if r.Start != nil {
		if s.format == "csv" {
			start, end = r.Start.UTC().Format(time.RFC3339), r.End.UTC().Format(time.RFC3339)
		} else {
			start, end = localTime(*r.Start), localTime(*r.End)
		}
	}
	return []string{r.Connection, string(r.Status), start, end, strconv.Itoa(r.ISPs), strconv.Itoa(r.MissingISPs), strconv.Itoa(r.Violations),
		f(r.MaxExcessKW), f(r.ExcessKWh), strconv.Itoa(r.YellowCards), f(r.PenaltyEUR), f(r.CompensationEUR), f(r.NetEUR),
		f(r.FreedKW), f(r.FreedKWh), strconv.Itoa(r.Calls), r.Note}
}

func (s *summaryWriter) row(r contract.Summary) error {
	if s.err != nil {
		return s.err
	}
	s.rows++
	if r.Status == contract.Checked {
		t := &s.totals
		t.ISPs += r.ISPs
		t.MissingISPs += r.MissingISPs
		t.Violations += r.Violations
		t.YellowCards += r.YellowCards
		t.PenaltyEUR += r.PenaltyEUR
		t.CompensationEUR += r.CompensationEUR
		t.NetEUR += r.NetEUR
		t.FreedKWh += r.FreedKWh
		t.Calls += r.Calls
		t.MaxExcessKW = max(t.MaxExcessKW, r.MaxExcessKW)
		t.ExcessKWh += r.ExcessKWh
		t.FreedKW += r.FreedKW
	}
	switch s.format {
	case "csv":
		s.err = s.csv.Write(s.cells(r))
	case "json":
		sep := ",\n  "
		if s.rows == 1 {
			sep = "\n  "
		}
		b, err := json.Marshal(wire.FromSummary(r))
		if err != nil {
			s.err = err
			return err
		}
		_, s.err = io.WriteString(s.w, sep+string(b))
	default:
		s.tab.Add(s.cells(r)...)
	}
	return s.err
}

func (s *summaryWriter) close() error {
	if s.err != nil {
		return s.err
	}
	switch s.format {
	case "csv":
		s.csv.Flush()
		return s.csv.Error()
	case "json":
		_, err := io.WriteString(s.w, "\n]\n")
		return err
	}
	t := s.totals
	t.Connection = "total"
	cells := s.cells(t)
	cells[1] = fmt.Sprintf("%d rows", s.rows) // the status column counts the rows
	s.tab.AddFooter(cells...)
	return s.tab.WriteText(s.w)
}
