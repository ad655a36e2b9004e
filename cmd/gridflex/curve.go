package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/compensation"
	"gridflex/plot"
	"gridflex/potential"
	"gridflex/scenario"
	"gridflex/table"
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

// curvePotential is the potential model's MW per measure.
func curvePotential(s *scenario.Scenario) map[string]compensation.PotentialMW {
	out := map[string]compensation.PotentialMW{}
	for _, m := range potential.Evaluate(s).Measures {
		out[m.ID] = compensation.PotentialMW{MinMW: m.MinMW, MaxMW: m.MaxMW}
	}
	return out
}

var curveSectors = []string{"offices", "chemistry", "logistics", "all"}

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
			if !slices.Contains(curveSectors, sector) {
				errs = append(errs, fmt.Errorf("--sector %q: want one of %s", sector, strings.Join(curveSectors, ", ")))
			}
			if err := errors.Join(errs...); err != nil {
				return err
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			r := compensation.Evaluate(s, h)
			keep := func(m compensation.Measure) bool { return sector == "all" || m.Sector == sector }
			c := compensation.BuildCurve(r.Measures, curvePotential(s), b, which, keep)
			battery := r.References[0]
			title := fmt.Sprintf("Supply-cost curve, %s: %s hours (%s h/yr), %s compensation, %s potential",
				sector, h, table.Num(r.HoursPerYear, 0), b, which)
			popts := plot.SupplyCurveOptions{
				Title:      title,
				LogY:       logY,
				References: []plot.ReferenceLine{{Label: "battery 4 MW / 4 h (§2.3)", EURPerMWh: battery.EURPerMWh}},
			}
			write := func(w io.Writer) error { return plot.WriteSupplyCurve(w, c, popts, plot.Format(ext)) }
			if err := curveWriteFile(out, write); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s: %d measures added, %s MW cumulative\n", out, len(c.Counted()), table.Num(c.TotalMW, 1))
			for _, id := range c.Unpriced {
				why := "the study gives no euro figure"
				if m, ok := r.Measure(id); ok && m.NoFlex != "" {
					why = m.NoFlex
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "left out %s: %s\n", id, why)
			}
			for _, id := range c.NoPotential {
				fmt.Fprintf(cmd.ErrOrStderr(), "left out %s: no potential for it\n", id)
			}
			return nil
		},
	}
	sf.bind(cmd)
	opts.bind(cmd, true)
	cmd.Flags().StringVar(&sector, "sector", "all", "sector: "+strings.Join(curveSectors, "|"))
	cmd.Flags().BoolVar(&logY, "log-y", false, "log €/MWh axis, so that €70 and €4,600 steps are both readable (.svg, .png)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output `FILE`: .svg, .png or .csv")
	_ = cmd.MarkFlagRequired("output")
	return cmd
}

// curveWriteFile writes path through a temporary file in the same
// directory and renames it into place, so that a failed render never
// leaves a partial file.
func curveWriteFile(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes the file private; a figure is an ordinary file.
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
