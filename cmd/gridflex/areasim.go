package main

import (
	"bytes"
	"fmt"
	"gridflex/series"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/area"
	"gridflex/area/areaview"
	"gridflex/outfile"
	"gridflex/plot"
	"gridflex/scenario"
	"gridflex/usecase"
)

func newAreaSimulateCmd() *cobra.Command {
	var (
		r       areaRun
		q       releaseFlags
		runs    int
		seed    uint64
		compare bool
		chart   string
	)
	cmd := &cobra.Command{
		Use:   "simulate AREA.yaml",
		Short: "Monte Carlo of the years until reinforcement: overload risk per year, the margin that keeps it under the target, the study's proposals side by side",
		Long: `Simulates the years from as_of to the reinforcement: contracts end at their term, are renewed
(area.renewal_probability) or opted out of (area.opt_out_probability per year), new contracts are
signed (area.new_contracts_per_year), connections violate their limits (their measured history or
area.violation_day_share; fewer once no yellow card is left), and the reissued capacity is loaded
with the waiting list's profiles. Reports per year the probability of an overload in any ISP and
the overloaded ISPs and MWh (mean, P10/P50/P90), the margin trade-off and the smallest margin whose
risk stays under area.overload_risk_target; --compare adds the study's proposals (§6).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := r.request(args[0])
			if err != nil {
				return err
			}
			queue, err := q.queue(cmd)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("runs") && runs <= 0 {
				return fmt.Errorf("--runs %d: want 1 … 1,000,000", runs)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
			defer stop()
			res, err := usecase.AreaSimulate(ctx, usecase.AreaSimulateRequest{
				AreaReleaseRequest: usecase.AreaReleaseRequest{AreaRequest: req, Queue: queue}, Runs: runs, Seed: seed, Compare: compare})
			if err != nil {
				return err
			}
			if r.export != "" {
				return r.exportMap(cmd.OutOrStdout(), args, res.Area, res.Release)
			}
			rep := areaview.SimulateReport(res.Area, res.AtMargin, res.Tradeoff, res.Proposals)
			if chart != "" {
				name, err := writeMarginChart(chart, args, res.Area, res.Tradeoff)
				if err != nil {
					return err
				}
				rep.Charts = append(rep.Charts, name)
			}
			return r.write(cmd.OutOrStdout(), args, struct {
				AtMargin  area.Risk       `json:"at_margin"`
				Tradeoff  *area.Tradeoff  `json:"tradeoff"`
				Proposals []area.Proposal `json:"proposals,omitempty"`
			}{res.AtMargin, res.Tradeoff, res.Proposals}, rep)
		},
	}
	r.bind(cmd)
	q.bind(cmd)
	cmd.Flags().IntVar(&runs, "runs", 0, "Monte Carlo runs (default: area.monte_carlo_runs)")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed; the same seed gives the same result on any number of cores")
	cmd.Flags().BoolVar(&compare, "compare", false, "also compare the study's proposals: indefinite, fixed term, opt-out, each with yellow cards and immediate fines")
	cmd.Flags().StringVar(&chart, "chart", "", "also write the margin trade-off chart to `FILE` (.svg or .png)")
	return cmd
}

func chartFormat(path string) (plot.Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return plot.SVG, nil
	case ".png":
		return plot.PNG, nil
	}
	return "", fmt.Errorf("--chart %q: want a file name ending in .svg or .png", path)
}

func writeLoadChart(path string, inputs []string, a *area.Area, rel *area.Release) (string, error) {
	f, err := chartFormat(path)
	if err != nil {
		return "", err
	}
	start, hours, before, after := area.LoadWeek(a, rel)
	toMW := func(kw []float64) []float64 {
		out := make([]float64, len(kw))
		for i, v := range kw {
			out[i] = v / 1000
		}
		return out
	}
	c := plot.StationLoad{Title: fmt.Sprintf("%s: station load in the week of the highest load (margin %.2f)", a.Name, rel.Margin),
		XLabel: "hours from " + start.In(series.Amsterdam).Format("2006-01-02 15:04"), CapacityMW: a.Station.OfftakeKW / 1000,
		Lines: []plot.Line{{Name: "measured", X: hours, Y: toMW(before)}, {Name: fmt.Sprintf("with %.2f MW reissued", rel.GrantedOfftakeKW/1000), X: hours, Y: toMW(after)}}}
	var buf bytes.Buffer
	if err := c.Render(&buf, f); err != nil {
		return "", err
	}
	return filepath.Base(path), outfile.WriteBytes(path, inputs, buf.Bytes())
}

func writeMarginChart(path string, inputs []string, a *area.Area, t *area.Tradeoff) (string, error) {
	f, err := chartFormat(path)
	if err != nil {
		return "", err
	}
	c := plot.MarginTradeoff{Title: a.Name + ": safety margin trade-off", Target: t.Target, Chosen: t.Chosen}
	for _, r := range t.Simulation.Risks {
		c.Points = append(c.Points, plot.TradeoffPoint{Margin: r.Margin, ReissuedMW: r.ReissuedKW / 1000, Risk: r.PHorizon})
	}
	var buf bytes.Buffer
	if err := c.Render(&buf, f); err != nil {
		return "", err
	}
	return filepath.Base(path), outfile.WriteBytes(path, inputs, buf.Bytes())
}

func newAreaDemoCmd() *cobra.Command {
	var (
		dir  string
		opts = area.DefaultDemo
	)
	cmd := &cobra.Command{
		Use:   "demo -o DIR",
		Short: "Write the demo area (area/demo.md) into a new directory DIR",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				return fmt.Errorf("-o DIR: want the directory to create")
			}
			files, err := usecase.AreaDemo(cmd.Context(), scenario.Default(), opts)
			if err != nil {
				return err
			}
			if err := os.Mkdir(dir, 0o755); err != nil {
				return fmt.Errorf("-o %s: %w (the demo is written into a new directory)", dir, err)
			}
			for _, sub := range []string{"contracts", "sites"} {
				if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
					return err
				}
			}
			for name, b := range files {
				if err := outfile.WriteBytes(filepath.Join(dir, filepath.FromSlash(name)), nil, b); err != nil {
					return err
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d files to %s; run: gridflex area show %s\n", len(files), dir, filepath.Join(dir, "area.yaml"))
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output", "o", "", "new `DIR` to write area.yaml and contracts/ into")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", opts.Seed, "generator seed")
	cmd.Flags().IntVar(&opts.Connections, "connections", opts.Connections, "connections under the station")
	cmd.Flags().IntVar(&opts.Contracts, "contracts", opts.Contracts, "flex contracts")
	cmd.Flags().IntVar(&opts.Requests, "requests", opts.Requests, "requests on the waiting list")
	return cmd
}
