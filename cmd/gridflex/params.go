package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/scenario"
	"gridflex/table"
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
			var ps []scenario.Param
			for _, p := range s.Params() {
				if strings.HasPrefix(p.Key, filter) {
					ps = append(ps, p)
				}
			}
			return writeParams(cmd, format.value, ps)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().StringVar(&filter, "prefix", "", "list only keys starting with `PREFIX` (e.g. offices.heating)")
	return cmd
}

// paramJSON is the machine-readable listing: exactly these five fields, a
// format other tools read. Ranges show in the table and in `explain`.
type paramJSON struct {
	Key         string  `json:"key"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Source      string  `json:"source"`
	Description string  `json:"description"`
}

func writeParams(cmd *cobra.Command, format string, ps []scenario.Param) error {
	w := cmd.OutOrStdout()
	if format == "json" {
		out := make([]paramJSON, len(ps))
		for i, p := range ps {
			out[i] = paramJSON{p.Key, p.Value, p.Unit, p.Source, describe(p)}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
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
		t.Add(p.Key, plainNum(p.Value), rng, p.Unit, p.Source, describe(p))
	}
	if format == "csv" {
		return t.WriteCSV(w)
	}
	return t.WriteText(w)
}

// plainNum prints a parameter value without exponent notation (2380000,
// not 2.38e+06) and without trailing zeros, so it can be pasted into --set.
func plainNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// describe is the description as listed: a calibrated value says so in
// every format, since the JSON listing has no other field for it.
func describe(p scenario.Param) string {
	if p.Calibrated {
		return p.Description + " [calibrated to reproduce the study, not printed in it]"
	}
	return p.Description
}
