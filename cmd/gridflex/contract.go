package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"gridflex/contract"
	"gridflex/meter"
	"gridflex/series"
	"gridflex/table"
)

func newContractCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "contract",
		Short: "Check congestion-management contracts against quarter-hour meter data",
	}
	cmd.AddCommand(newContractCheckCmd())
	return cmd
}

type contractCheckFlags struct {
	contract, meter, calls, out string
	isps                        bool
	format                      formatFlag
	input                       meterInputFlags // how meter files are read, as for `meter inspect`
}

// meterOptions are the import options the flags give. A single-column
// file's connection is named by --ean, else by the contract's connection
// (def), so that one contract and one such file match without --ean.
// The period comes from the contract term, so there is no --from/--to.
func (f *contractCheckFlags) meterOptions(def string) (meter.Options, error) {
	o, err := f.input.options()
	if err != nil {
		return o, err
	}
	if o.EAN == "" {
		o.EAN = def
	}
	return o, nil
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
	_ = cmd.MarkFlagRequired("contract")
	_ = cmd.MarkFlagRequired("meter")
	return cmd
}

func runContractCheck(cmd *cobra.Command, f *contractCheckFlags) error {
	if err := f.format.check(); err != nil {
		return err
	}
	if err := f.formatFromOutput(cmd.Flags().Changed("format")); err != nil {
		return err
	}
	book, err := contract.LoadBook(f.contract)
	if err != nil {
		return err
	}
	var calls []contract.Call
	if f.calls != "" {
		data, err := os.ReadFile(f.calls)
		if err != nil {
			return fmt.Errorf("calls file: %w", err)
		}
		if calls, err = contract.ParseCalls(f.calls, data); err != nil {
			return err
		}
	}
	meterInfo, err := os.Stat(f.meter)
	if err != nil {
		return fmt.Errorf("meter data: %w", err)
	}
	c, single := book.Single()
	if single && !meterInfo.IsDir() {
		return writeOutput(cmd, f.out, func(w io.Writer) error { return checkOne(w, cmd.ErrOrStderr(), f, c, calls) })
	}
	if f.isps {
		return fmt.Errorf("--isps: want one contract file and one meter file")
	}
	return writeOutput(cmd, f.out, func(w io.Writer) error { return checkBulk(w, cmd.ErrOrStderr(), f, book, calls) })
}

// writeOutput runs fn on stdout, or on a temporary file renamed to path
// when fn succeeds, so a failed run leaves no partial file.
func writeOutput(cmd *cobra.Command, path string, fn func(io.Writer) error) error {
	if path == "" {
		return fn(cmd.OutOrStdout())
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if err := fn(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// checkOne reports one contract (a connection or a group) in full.
func checkOne(w, stderr io.Writer, f *contractCheckFlags, c *contract.Contract, calls []contract.Call) error {
	opts, err := f.meterOptions(c.Connection)
	if err != nil {
		return err
	}
	in, qs, err := inputFor(c, f.meter, opts, stderr)
	if err != nil {
		return err
	}
	in.Calls = calls
	r, err := contract.Evaluate(c, in)
	if err != nil {
		return err
	}
	dq := contract.AssessData(qs)
	if len(dq.Warnings) > 0 && (f.format.value != "table" || f.isps) {
		writeDataQuality(stderr, dq.Warnings)
	}
	if f.isps {
		return writeISPs(w, r, in)
	}
	switch f.format.value {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(resultJSON(r, dq))
	case "csv":
		return settlementTable(r).WriteCSV(w)
	}
	return writeResultText(w, c, r, dq)
}

// writeDataQuality prints the import's warnings as a block.
func writeDataQuality(w io.Writer, warnings []string) {
	fmt.Fprintln(w, "data quality:")
	for _, s := range warnings {
		fmt.Fprintln(w, "  - "+s)
	}
}

// inputFor streams the meter file and keeps only the contract's
// connection, or the sum of a group's members, with the import's quality
// report of each connection used.
func inputFor(c *contract.Contract, file string, opts meter.Options, stderr io.Writer) (contract.Input, []meter.Quality, error) {
	book, err := contract.NewBook([]*contract.Contract{c})
	if err != nil {
		return contract.Input{}, nil, err
	}
	var (
		in    contract.Input
		found bool
		eans  []string
		qs    []meter.Quality
	)
	err = streamMeter(file, nil, opts, stderr, func(m meter.Connection) error {
		if len(eans) < 10 {
			eans = append(eans, m.EAN)
		}
		if c.Group == "" && m.EAN == c.Connection {
			in, found = contract.Input{Offtake: m.Offtake, Feedin: m.Feedin}, true
			qs = append(qs, withResolution(m))
		}
		if book.IsMember(m.EAN) {
			book.AddMember(m.EAN, m.Offtake, m.Feedin)
			qs = append(qs, withResolution(m))
		}
		return nil
	})
	if err != nil {
		return contract.Input{}, nil, err
	}
	if c.Group == "" {
		if !found {
			return contract.Input{}, nil, fmt.Errorf("%s: no data for connection %q of %s: the file has %s", file, c.Connection, c.File, strings.Join(eans, ", "))
		}
		return in, qs, nil
	}
	g := book.Groups()[0]
	if len(g.Missing) > 0 {
		return contract.Input{}, nil, fmt.Errorf("%s: group %q: no data for members %s: a group limit cannot be checked on part of the group",
			file, c.Group, strings.Join(g.Missing, ", "))
	}
	return g.Input, qs, nil
}

// withResolution is m's quality report with the connection's resolution,
// should the report leave it unset.
func withResolution(m meter.Connection) meter.Quality {
	q := m.Quality
	if q.Resolution == 0 {
		q.Resolution = m.Resolution
	}
	if q.EAN == "" {
		q.EAN = m.EAN
	}
	return q
}

// The JSON report: the keys, plus data_quality.
type checkJSON struct {
	Connection      string               `json:"connection"`
	Period          periodJSON           `json:"period"`
	ISPs            int                  `json:"isps"`
	MissingISPs     int                  `json:"missing_isps"`
	Violations      []violationJSON      `json:"violations"`
	YellowCards     int                  `json:"yellow_cards"`
	PenaltyEUR      float64              `json:"penalty_eur"`
	CompensationEUR float64              `json:"compensation_eur"`
	Settlement      []settlementJSON     `json:"settlement"`
	DataQuality     contract.DataQuality `json:"data_quality"`
}

type periodJSON struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

type violationJSON struct {
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	MaxExcessKW float64   `json:"max_excess_kw"`
	ExcessKWh   float64   `json:"excess_kwh"`
	Direction   string    `json:"direction"`
	Clause      string    `json:"clause"`
	Sanction    string    `json:"sanction"`
	PenaltyEUR  float64   `json:"penalty_eur"`
	Volume      bool      `json:"volume_shortfall,omitempty"`
}

type settlementJSON struct {
	Period          string  `json:"period"`
	Kind            string  `json:"kind"`
	Start           string  `json:"start"`
	End             string  `json:"end"`
	FixedEUR        float64 `json:"fixed_eur"`
	VariableEUR     float64 `json:"variable_eur"`
	ActivationEUR   float64 `json:"activation_eur"`
	CompensationEUR float64 `json:"compensation_eur"`
	PenaltyEUR      float64 `json:"penalty_eur"`
	NetEUR          float64 `json:"net_eur"`
	Violations      int     `json:"violations"`
	YellowCards     int     `json:"yellow_cards"`
	FreedKWh        float64 `json:"freed_kwh"`
	DeliveredKWh    float64 `json:"delivered_kwh"`
	MissingISPs     int     `json:"missing_isps"`
}

// round2 keeps JSON free of float noise (cents, hundredths of kW/kWh).
func round2(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return f
}

func resultJSON(r *contract.Result, dq contract.DataQuality) checkJSON {
	out := checkJSON{Connection: r.ID, Period: periodJSON{r.Start, r.End}, ISPs: r.ISPs, MissingISPs: r.MissingISPs,
		Violations: []violationJSON{}, YellowCards: r.YellowCards, PenaltyEUR: round2(r.PenaltyEUR),
		CompensationEUR: round2(r.CompensationEUR), Settlement: []settlementJSON{}, DataQuality: dq}
	for _, v := range r.Violations {
		out.Violations = append(out.Violations, violationJSON{v.Start, v.End, round2(v.MaxExcessKW), round2(v.ExcessKWh),
			string(v.Direction), v.Clause, v.Sanction, round2(v.PenaltyEUR), v.Volume})
	}
	for _, s := range r.Settlement {
		out.Settlement = append(out.Settlement, settlementJSON{s.Period, s.Kind, s.Start.String(), s.End.String(),
			round2(s.FixedEUR), round2(s.VariableEUR), round2(s.ActivationEUR), round2(s.CompensationEUR), round2(s.PenaltyEUR),
			round2(s.NetEUR), s.Violations, s.YellowCards, round2(s.FreedKWh), round2(s.DeliveredKWh), s.MissingISPs})
	}
	return out
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

// checkBulk streams every connection of the meter data once, checks the
// ones with a contract on two workers, and writes one row per connection
// in the order read; group contracts, contracts without data and the
// totals follow.
func checkBulk(w, stderr io.Writer, f *contractCheckFlags, book *contract.Book, calls []contract.Call) error {
	files, total, err := meterFiles(f.meter)
	if err != nil {
		return err
	}
	opts, err := f.meterOptions("")
	if err != nil {
		return err
	}
	out := newSummaryWriter(w, f.format.value)
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(stderr), progressbar.OptionShowBytes(true),
			progressbar.OptionSetDescription("contract check"), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	bulk := contract.Bulk{Book: book, Calls: indexCalls(calls), Workers: min(2, runtime.GOMAXPROCS(0)), Emit: out.row}
	// Quality warnings are collected per connection and printed after the
	// run, so a bulk summary does not hide what the import found.
	var warned []string
	warnedConns := 0
	err = bulk.Run(func(yield contract.Yield) error {
		for _, file := range files {
			err := streamMeter(file, bar, opts, stderr, func(m meter.Connection) error {
				if dq := contract.AssessData([]meter.Quality{withResolution(m)}); len(dq.Warnings) > 0 {
					warnedConns++
					if len(warned) < maxQualityLines {
						warned = append(warned, m.EAN+": "+strings.Join(dq.Warnings, "; "))
					}
				}
				if err := yield(m.EAN, m.Offtake, m.Feedin); err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	if warnedConns > len(warned) {
		warned = append(warned, fmt.Sprintf("… and %d more connections", warnedConns-len(warned)))
	}
	if len(warned) > 0 {
		writeDataQuality(stderr, warned)
	}
	return out.close()
}

// maxQualityLines bounds the bulk data-quality block on stderr.
const maxQualityLines = 20

// indexCalls groups calls by connection; calls without one apply to all.
func indexCalls(calls []contract.Call) func(string) []contract.Call {
	by := map[string][]contract.Call{}
	var all []contract.Call
	for _, c := range calls {
		if c.Connection == "" {
			all = append(all, c)
		} else {
			by[c.Connection] = append(by[c.Connection], c)
		}
	}
	return func(ean string) []contract.Call {
		if len(all) == 0 {
			return by[ean]
		}
		return append(append([]contract.Call(nil), all...), by[ean]...)
	}
}

// meterFiles lists a meter file, or the *.csv and *.xlsx files of a
// directory, with their total size for the progress bar.
func meterFiles(path string) ([]string, int64, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, 0, fmt.Errorf("meter data: %w", err)
	}
	files := []string{path}
	if info.IsDir() {
		files = nil
		for _, pat := range []string{"*.csv", "*.CSV", "*.xlsx", "*.txt"} {
			m, _ := filepath.Glob(filepath.Join(path, pat))
			files = append(files, m...)
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, 0, fmt.Errorf("meter data: %s: no *.csv, *.txt or *.xlsx files", path)
		}
	}
	var total int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			total += st.Size()
		}
	}
	return files, total, nil
}

// streamMeter calls fn per connection of a file; CSV is streamed with
// bounded memory, XLSX read whole (a workbook is not streamable).
//
// Streaming needs each connection's rows together. A file sorted by time
// (every EAN at 00:00, then every EAN at 00:15, …) is read whole instead,
// with a note on stderr: its first connection ends after a single reading,
// so that connection is held back until the next one shows whether the
// file is contiguous, and nothing has reached fn when streaming gives up.
func streamMeter(file string, bar *progressbar.ProgressBar, opts meter.Options, stderr io.Writer, fn func(meter.Connection) error) error {
	if strings.EqualFold(filepath.Ext(file), ".xlsx") {
		return readWhole(file, bar, opts, fn)
	}
	fh, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("meter data: %w", err)
	}
	defer fh.Close()
	var r io.Reader = fh
	if bar != nil {
		pr := progressbar.NewReader(fh, bar)
		r = &pr
	}
	var (
		first  *meter.Connection
		passed bool // first has gone to fn: no fallback any more
	)
	err = meter.Stream(r, file, opts, func(m meter.Connection) error {
		if first == nil && !passed {
			first = &m
			return nil
		}
		if !passed {
			if first.Quality.Readings <= 1 {
				return errInterleaved
			}
			passed = true
			if err := fn(*first); err != nil {
				return err
			}
			first = nil
		}
		return fn(m)
	})
	if err == nil && first != nil && !passed {
		return fn(*first)
	}
	if !passed && (errors.Is(err, errInterleaved) || reappeared(err)) {
		fmt.Fprintf(stderr, "note: %s: the rows of each connection are not together (sorted by time?); reading the whole file into memory instead of streaming it\n", file)
		return readWhole(file, nil, opts, fn)
	}
	if reappeared(err) {
		return fmt.Errorf("%w (check one contract against this file, or sort it by EAN, to read it whole)", err)
	}
	return err
}

// errInterleaved stops a stream whose rows turn out to be sorted by time.
var errInterleaved = errors.New("rows of connections interleaved")

// reappeared reports whether the importer refused a stream because an EAN
// came back after its rows had ended (meter.Stream's documented refusal).
func reappeared(err error) bool {
	return err != nil && strings.Contains(err.Error(), "again after its rows ended")
}

// readWhole reads a file whole and calls fn per connection.
func readWhole(file string, bar *progressbar.ProgressBar, opts meter.Options, fn func(meter.Connection) error) error {
	conns, _, err := meter.ReadFile(file, opts)
	if err != nil {
		return err
	}
	if bar != nil {
		if st, err := os.Stat(file); err == nil {
			_ = bar.Add64(st.Size())
		}
	}
	for _, c := range conns {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
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
		s.tab = table.Table{Header: summaryHeader[:len(summaryHeader)-1]}
		s.tab.Header = append(s.tab.Header, "note")
		s.tab.Align = []table.Align{table.Left, table.Left, table.Left, table.Left}
		for range 12 {
			s.tab.Align = append(s.tab.Align, table.Right)
		}
	}
	return s
}

func (s *summaryWriter) cells(r contract.Summary) []string {
	f := func(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }
	start, end := "", ""
	if r.Start != nil {
		start, end = r.Start.Format(time.RFC3339), r.End.Format(time.RFC3339)
	}
	return []string{r.Connection, r.Status, start, end, strconv.Itoa(r.ISPs), strconv.Itoa(r.MissingISPs), strconv.Itoa(r.Violations),
		f(r.MaxExcessKW), f(r.ExcessKWh), strconv.Itoa(r.YellowCards), f(r.PenaltyEUR), f(r.CompensationEUR), f(r.NetEUR),
		f(r.FreedKW), f(r.FreedKWh), strconv.Itoa(r.Calls), r.Note}
}

func (s *summaryWriter) row(r contract.Summary) error {
	if s.err != nil {
		return s.err
	}
	s.rows++
	if r.Status == "checked" {
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
		b, err := json.Marshal(roundSummary(r))
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

func roundSummary(r contract.Summary) contract.Summary {
	for _, p := range []*float64{&r.MaxExcessKW, &r.ExcessKWh, &r.PenaltyEUR, &r.CompensationEUR, &r.NetEUR, &r.FreedKW, &r.FreedKWh} {
		*p = round2(*p)
	}
	return r
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
	t.Connection, t.Status = "total", fmt.Sprintf("%d rows", s.rows)
	s.tab.AddFooter(s.cells(t)...)
	return s.tab.WriteText(s.w)
}
