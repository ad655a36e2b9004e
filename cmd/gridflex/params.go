package main

import (
	"strconv"

	"github.com/spf13/cobra"

	"gridflex/scenario"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newParamsCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		filter string
	)
	cmd := &cobra.Command{
		Use:   "params",
		Short: "List every parameter of the scenario: key, value, unit, source, description",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := format.check(); err != nil {
				return err
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			ps := usecase.Params(usecase.ParamsRequest{Scenario: s, Prefix: filter})
			return writeParams(cmd, format.value, ps)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().StringVar(&filter, "prefix", "", "list only keys starting with `PREFIX` (e.g. offices.heating)")
	return cmd
}

func writeParams(cmd *cobra.Command, format string, ps []scenario.Param) error {
	w := cmd.OutOrStdout()
	if format == "json" {
		return wire.Write(w, wire.FromParams(ps))
	}
	t := table.Table{
		Header: []string{"key", "value", "range", "unit", "source", "description"},
		Align:  []table.Align{table.Left, table.Right, table.Right},
	}
	for _, p := range ps {
		rng := ""
		if p.Range != nil {
			rng = plainNum(p.Range.Low) + ".." + plainNum(p.Range.High)
			if p.Range.Dist != scenario.Uniform {
				rng += " " + string(p.Range.Dist)
			}
		}
		t.Add(p.Key, plainNum(p.Value), rng, p.Unit, p.Source, wire.Describe(p))
	}
	if format == "csv" {
		return t.WriteCSV(w)
	}
	return t.WriteText(w)
}

// plainNum prints a parameter value without exponent notation (2380000,
// not 2.38e+06) and without trailing zeros, so it can be pasted into --set.
func plainNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
