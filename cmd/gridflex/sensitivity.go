package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/outfile"
	"gridflex/plot"
	"gridflex/potential"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newSensitivityCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		withDC bool
		out    string
	)
	cmd := &cobra.Command{
		Use:   "sensitivity",
		Short: "Rank the uncertain inputs by how far each moves the national total (tornado data and plot)",
		Long: `Moves each input that has a range from its low to its high end, all other ranged inputs at
their midpoints, and ranks the inputs by how far the national total moves (study-model.md §5).
With -o FILE.svg or FILE.png the tornado chart is written too.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := format.check(); err != nil {
				return err
			}
			var plotFormat string
			if out != "" {
				plotFormat = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
				if plotFormat != "svg" && plotFormat != "png" {
					return fmt.Errorf("-o %q: want a file name ending in .svg or .png", out)
				}
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			sens, err := usecase.Sensitivity(cmd.Context(), usecase.SensitivityRequest{Scenario: s, WithDatacenters: withDC})
			if err != nil {
				return err
			}
			if out != "" {
				if err := writeTornado(out, sf.inputs(), plotFormat, sens); err != nil {
					return err
				}
			}
			switch format.value {
			case "json":
				return wire.Write(cmd.OutOrStdout(), wire.FromSensitivity(sens))
			case "csv":
				return sensitivityCSV(sens).WriteCSV(cmd.OutOrStdout())
			}
			return writeSensitivity(cmd.OutOrStdout(), sens)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().BoolVar(&withDC, "with-datacenters", false, "rank against the national total including datacenter cooling (§4)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "also write the tornado chart to `FILE` (.svg or .png)")
	return cmd
}

func writeSensitivity(w io.Writer, sens potential.Sensitivity) error {
	total := "national total"
	if sens.WithDatacenters {
		total += " with datacenters"
	}
	fmt.Fprintf(w, "Sensitivity of the %s, scenario %s: base %s MW (every ranged input at its midpoint)\n\n",
		total, sens.Scenario, table.Num(sens.BaseMW, 1))
	t := table.Table{
		Header: []string{"rank", "key", "low", "high", "unit", "total at low MW", "total at high MW", "swing MW"},
		Align:  []table.Align{table.Right, table.Left, table.Right, table.Right, table.Left, table.Right, table.Right, table.Right},
	}
	for i, in := range sens.Inputs {
		t.Add(fmt.Sprint(i+1), in.Key, inputNum(in.Low), inputNum(in.High), in.Unit,
			table.Num(in.TotalLowMW, 1), table.Num(in.TotalHighMW, 1), table.Num(in.SwingMW, 1))
	}
	return t.WriteText(w)
}

// sensitivityCSV has plain, unrounded numbers: one row per input in rank
// order, the base total and the scenario in every row.
func sensitivityCSV(sens potential.Sensitivity) *table.Table {
	t := &table.Table{Header: []string{"rank", "key", "low", "high", "unit", "base_mw", "total_at_low_mw", "total_at_high_mw", "swing_mw"}}
	for i, in := range sens.Inputs {
		t.Add(strconv.Itoa(i+1), in.Key, raw(in.Low), raw(in.High), in.Unit, raw(sens.BaseMW), raw(in.TotalLowMW), raw(in.TotalHighMW), raw(in.SwingMW))
	}
	return withScenario(t, sens.Scenario)
}

// writeTornado renders the chart into memory and then replaces path
// atomically, so a failed run never leaves a half-written file.
func writeTornado(path string, inputs []string, format string, sens potential.Sensitivity) error {
	total := "national total"
	if sens.WithDatacenters {
		total += " incl. datacenters"
	}
	chart := plot.Tornado{
		Title:  fmt.Sprintf("Flexibility potential: sensitivity of the %s (scenario %s)", total, sens.Scenario),
		XLabel: total + " (MW)",
		YLabel: "input (parameter key)",
		BaseMW: sens.BaseMW,
	}
	for _, in := range sens.Inputs {
		chart.Bars = append(chart.Bars, plot.TornadoBar{Label: in.Key, LowMW: in.TotalLowMW, HighMW: in.TotalHighMW})
	}
	var buf bytes.Buffer
	if err := chart.Render(&buf, format, 800); err != nil {
		return fmt.Errorf("-o %q: %w", path, err)
	}
	return outfile.WriteBytes(path, inputs, buf.Bytes())
}
