package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"gridflex/potential"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newPotentialCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		withDC bool
		mcN    int
		seed   uint64
		wide   bool
	)
	cmd := &cobra.Command{
		Use:   "potential",
		Short: "National and sector flexibility potential (Table 0.1 of the study), optionally with Monte Carlo percentiles",
		Long: `Prints Table 0.1 of the study (study-model.md §5): per measure its sector, min and max MW,
when it is available, expected growth and cost class; the sector totals and the national total.
Min and max are the extremes of the model over the ranges of its inputs (see gridflex params).
With --monte-carlo N every ranged input is sampled N times and P10/P50/P90 are reported.
The table abbreviates availability and cost to fit a terminal; --wide prints the study's
full text (as --format json and csv always do).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := format.check(); err != nil {
				return err
			}
			if cmd.Flags().Changed("monte-carlo") && mcN < 1 {
				return fmt.Errorf("--monte-carlo %d: want a number of samples ≥ 1", mcN)
			}
			if cmd.Flags().Changed("seed") && mcN == 0 {
				return fmt.Errorf("--seed %d: only used with --monte-carlo N", seed)
			}
			if wide && (format.value != "table" || mcN > 0) {
				return fmt.Errorf("--wide: only for the table of potential without --monte-carlo (json and csv always carry the full text)")
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if mcN > 0 {
				mco := usecase.MonteCarloRequest{Scenario: s, N: mcN, Seed: seed, WithDatacenters: withDC}
				stderr := cmd.ErrOrStderr()
				if isTerminal(stderr) && mcN >= 100_000 {
					bar := progressbar.NewOptions(mcN, progressbar.OptionSetWriter(stderr),
						progressbar.OptionSetDescription("monte carlo"), progressbar.OptionShowCount(),
						progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
					mco.Progress = func(done int) { _ = bar.Set(done) }
					defer bar.Finish()
				}
				mc, err := usecase.MonteCarlo(cmd.Context(), mco)
				if err != nil {
					return err
				}
				return writeMonteCarlo(w, format.value, mc)
			}
			r, err := usecase.Potential(cmd.Context(), usecase.PotentialRequest{Scenario: s, WithDatacenters: withDC})
			if err != nil {
				return err
			}
			if format.value == "table" {
				return writePotentialTable(w, r, wide)
			}
			return writePotential(w, format.value, r)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().BoolVar(&withDC, "with-datacenters", false, "add datacenter cooling (§4) to the national total (the study leaves it out)")
	cmd.Flags().IntVar(&mcN, "monte-carlo", 0, "sample every ranged input `N` times and report P10/P50/P90")
	cmd.Flags().BoolVar(&wide, "wide", false, "table with the study's full descriptions (about 230 columns)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random `SEED` of --monte-carlo; the same seed gives the same numbers")
	return cmd
}

// mw rounds like the study's Table 0.1: whole MW, but one decimal below
// 5 MW where a whole number would hide the value (1.5).
func mw(v float64) string {
	if math.Abs(v) < 5 && math.Abs(v-math.Round(v)) >= 0.05 {
		return table.Num(v, 1)
	}
	return table.Num(v, 0)
}

func raw(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func writePotential(w io.Writer, format string, r potential.Result) error {
	switch format {
	case "json":
		return wire.Write(w, wire.FromPotential(r))
	case "csv":
		t := table.Table{Header: []string{"kind", "id", "sector", "name", "min_mw", "max_mw", "point_mw",
			"peaks", "season", "growth", "cost", "in_total", "study"}}
		for _, m := range r.Measures {
			t.Add("measure", m.ID, m.Sector, m.Name, raw(m.MinMW), raw(m.MaxMW), raw(m.PointMW),
				m.Peaks, m.Season, m.Growth, m.Cost, strconv.FormatBool(m.InTotal), m.Study)
		}
		for _, s := range r.Sectors {
			t.Add("sector", s.ID, s.ID, s.Name, raw(s.MinMW), raw(s.MaxMW), raw(s.PointMW), "", "", "", "", strconv.FormatBool(s.InTotal), s.Study)
		}
		t.Add("total", "total", "", "national total", raw(r.Total.MinMW), raw(r.Total.MaxMW), raw(r.Total.PointMW), "", "", "", "", "true", r.Total.Study)
		return t.WriteCSV(w)
	}
	return writePotentialTable(w, r, false)
}

// writePotentialTable prints Table 0.1. The default fits a terminal of
// about 120 columns (ids, brief availability and cost); wide adds the
// sector and the study's full text.
func writePotentialTable(w io.Writer, r potential.Result, wide bool) error {
	fmt.Fprintf(w, "Flexibility potential, scenario %s (study Table 0.1, MW)\n\n", r.Scenario)
	t := table.Table{
		Header: []string{"measure", "min MW", "max MW", "study", "peaks", "season", "growth", "cost"},
		Align:  []table.Align{table.Left, table.Right, table.Right},
	}
	if wide {
		t.Header = []string{"measure", "sector", "description", "min MW", "max MW", "study", "peaks", "season", "growth", "cost"}
		t.Align = []table.Align{table.Left, table.Left, table.Left, table.Right, table.Right}
	}
	apart := false
	for _, m := range r.Measures {
		id := m.ID
		if !m.InTotal {
			id += "*"
			apart = true
		}
		if wide {
			t.Add(id, m.Sector, m.Name, mw(m.MinMW), mw(m.MaxMW), m.Study, m.Peaks, m.Season, m.Growth, m.Cost)
		} else {
			t.Add(id, mw(m.MinMW), mw(m.MaxMW), m.Study, m.Brief.Peaks, m.Brief.Season, m.Growth, m.Brief.Cost)
		}
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	if apart {
		fmt.Fprintln(w, "* not in the national total (the study leaves datacenters out); add with --with-datacenters")
	}
	if !wide {
		fmt.Fprintln(w, "am, ev: morning (07–10) and evening (16–21) grid peak (§0); --wide or `gridflex explain ID` for the full text")
	}
	st := table.Table{
		Header: []string{"sector", "min MW", "max MW", "study", "rule"},
		Align:  []table.Align{table.Left, table.Right, table.Right},
	}
	for _, s := range r.Sectors {
		rule := s.Rule
		if !s.InTotal {
			rule = "cooling (§4); shown apart, add with --with-datacenters"
		}
		st.Add(s.ID, mw(s.MinMW), mw(s.MaxMW), s.Study, rule)
	}
	label := "national total"
	if r.Total.WithDatacenters {
		label += " (with datacenters)"
	}
	rule := "offices + chemistry + logistics (§5)"
	if r.Total.WithDatacenters {
		rule += " + datacenters"
	}
	st.AddFooter(label, mw(r.Total.MinMW), mw(r.Total.MaxMW), r.Total.Study, rule)
	fmt.Fprintln(w)
	if err := st.WriteText(w); err != nil {
		return err
	}
	fmt.Fprint(w, "\nMin and max are the model's extremes over the input ranges (`gridflex explain ID` shows each derivation).\n")
	for _, n := range r.Notes {
		fmt.Fprintln(w, n)
	}
	return nil
}

func writeMonteCarlo(w io.Writer, format string, mc potential.MonteCarloResult) error {
	if format == "json" {
		return wire.Write(w, wire.FromMonteCarlo(mc))
	}
	t := table.Table{
		Header: []string{"kind", "id", "P10 MW", "P50 MW", "P90 MW"},
		Align:  []table.Align{table.Left, table.Left, table.Right, table.Right, table.Right},
	}
	num := func(v float64) string { return table.Num(v, 1) }
	if format == "csv" {
		t.Header = []string{"kind", "id", "p10_mw", "p50_mw", "p90_mw"}
		num = raw
	}
	for _, q := range mc.Measures {
		t.Add("measure", q.ID, num(q.P10MW), num(q.P50MW), num(q.P90MW))
	}
	for _, q := range mc.Sectors {
		t.Add("sector", q.ID, num(q.P10MW), num(q.P50MW), num(q.P90MW))
	}
	if format == "csv" {
		t.Add("total", "total", num(mc.Total.P10MW), num(mc.Total.P50MW), num(mc.Total.P90MW))
		return t.WriteCSV(w)
	}
	label := "national total"
	if mc.WithDatacenters {
		label += " (with datacenters)"
	}
	t.AddFooter("total", label, num(mc.Total.P10MW), num(mc.Total.P50MW), num(mc.Total.P90MW))
	fmt.Fprintf(w, "Monte Carlo, scenario %s: %s samples, seed %d\n\n", mc.Scenario, table.Num(float64(mc.N), 0), mc.Seed)
	if err := t.WriteText(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nSampled inputs (%d): %v\n", len(mc.Sampled), mc.Sampled)
	return err
}
