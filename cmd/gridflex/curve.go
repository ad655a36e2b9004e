package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/compensation"
	"gridflex/outfile"
	"gridflex/plot"
	"gridflex/table"
	"gridflex/usecase"
)

// curveOptions are the flags shared by curve and unlock.
type curveOptions struct {
	hours, bound, potential string
}

func (o *curveOptions) bind(cmd *cobra.Command, withPotential bool) {
	cmd.Flags().StringVar(&o.hours, "hours", string(compensation.Structural), "flex hours basis of the cost formula: structural (1,040 h/yr) or incidental (250 h/yr)")
	cmd.Flags().StringVar(&o.bound, "bound", string(compensation.High), "which required compensation of a measure counts: high (e.g. landlords) or low (e.g. owner-users)")
	if withPotential {
		cmd.Flags().StringVar(&o.potential, "potential", string(compensation.Max), "MW per measure from the potential model: min or max")
	}
}

// parse checks every flag and reports all problems at once.
func (o *curveOptions) parse() (compensation.Hours, compensation.Bound, compensation.Which, error) {
	var errs []string
	h, err := compensation.ParseHours(o.hours)
	if err != nil {
		errs = append(errs, "--hours: "+err.Error())
	}
	b, err := compensation.ParseBound(o.bound)
	if err != nil {
		errs = append(errs, "--bound: "+err.Error())
	}
	w := compensation.Which(o.potential)
	if o.potential != "" && w != compensation.Min && w != compensation.Max {
		errs = append(errs, fmt.Sprintf("--potential %q: want min or max", o.potential))
	}
	if len(errs) > 0 {
		return "", "", "", fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return h, b, w, nil
}

func newCurveCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		opts   curveOptions
		sector string
		out    string
		logY   bool
	)
	cmd := &cobra.Command{
		Use:   "curve -o FILE",
		Short: "Supply-cost curve: measures ordered by €/MWh against cumulative MW (.svg, .png or .csv)",
		Long: `Supply-cost curve (study Figures 0.1, 0.2, 4.4, 5.7): each measure a step as wide
as its potential (MW, from the potential model) and as high as its required
compensation (€/MWh), ordered by compensation, with the reference battery as a
dashed line. Office heating and cooling happen in different seasons: the
smaller is drawn dashed over the larger and not added to the cumulative MW
(§1.5). Datacenters have no euro figure and are left out. The format follows
the extension of -o. Labels run vertically above their steps (moved aside
with a leader where a step is narrow); --log-y shows €/MWh on a log axis,
where the €70–€500 steps stay readable next to curtailment at €4,600.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var errs []error
			h, b, which, err := opts.parse()
			if err != nil {
				errs = append(errs, err)
			}
			ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
			if out == "" || (ext != "svg" && ext != "png" && ext != "csv") {
				errs = append(errs, fmt.Errorf("-o %q: want a file ending in .svg, .png or .csv", out))
			}
			if !slices.Contains(usecase.CurveSectors, sector) {
				errs = append(errs, fmt.Errorf("--sector %q: want one of %s", sector, strings.Join(usecase.CurveSectors, ", ")))
			}
			if err := errors.Join(errs...); err != nil {
				return err
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			cr, err := usecase.Curve(cmd.Context(), usecase.CurveRequest{Scenario: s, Hours: h, Bound: b, Potential: which, Sector: sector})
			if err != nil {
				return err
			}
			c, r := cr.Curve, cr.Compensation
			battery := r.References[0]
			title := fmt.Sprintf("Supply-cost curve, %s, scenario %s: %s hours (%s h/yr), %s compensation, %s potential",
				sector, r.Scenario, h, table.Num(r.HoursPerYear, 0), b, which)
			popts := plot.SupplyCurveOptions{
				Title:      title,
				Scenario:   r.Scenario,
				LogY:       logY,
				References: []plot.ReferenceLine{{Label: "battery 4 MW / 4 h (§2.3)", EURPerMWh: battery.EURPerMWh}},
			}
			write := func(w io.Writer) error {
				if err := plot.WriteSupplyCurve(w, c, popts, plot.Format(ext)); err != nil {
					return fmt.Errorf("write %s: %w", out, err)
				}
				return nil
			}
			if err := outfile.Write(out, sf.inputs(), write); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %d measures added, %s MW cumulative\n", out, len(c.Counted()), table.Num(c.TotalMW, 1))
			for _, l := range cr.LeftOut {
				fmt.Fprintf(cmd.ErrOrStderr(), "left out %s: %s\n", l.ID, l.Why)
			}
			return nil
		},
	}
	sf.bind(cmd)
	opts.bind(cmd, true)
	cmd.Flags().StringVar(&sector, "sector", "all", "sector: "+strings.Join(usecase.CurveSectors, "|"))
	cmd.Flags().BoolVar(&logY, "log-y", false, "log €/MWh axis, so that €70 and €4,600 steps are both readable (.svg, .png)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output `FILE`: .svg, .png or .csv")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}
