package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/compensation"
	"gridflex/potential"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newExplainCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		withDC bool
	)
	cmd := &cobra.Command{
		Use:   "explain [ID]",
		Short: "Show the derivation chain of a measure, a sector, the national total or the battery reference",
		Long: `Prints how a number of Table 0.1 follows from its inputs, as study-model.md derives it:
each input with value, range, unit and source; each intermediate at the input corner that gives
the minimum and at the one that gives the maximum; the result; and the study's inconsistencies
that touch it, including where its own inputs contradict a figure it prints (battery, batch
CAPEX). Without an ID it lists the IDs.

IDs: ` + strings.Join(usecase.ExplainIDs(), ", "),
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: usecase.ExplainIDs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := format.check(); err != nil {
				return err
			}
			if len(args) == 0 {
				return writeExplainIDs(cmd.OutOrStdout(), format.value)
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			e, err := usecase.Explain(cmd.Context(), usecase.ExplainRequest{Scenario: s, ID: args[0], WithDatacenters: withDC})
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if c := e.Compensation; c != nil {
				switch format.value {
				case "json":
					return wire.Write(w, wire.CompensationExplanation(*c))
				case "csv":
					return compensationExplanationCSV(*c).WriteCSV(w)
				}
				return writeCompensationExplanation(w, *c)
			}
			switch format.value {
			case "json":
				return wire.Write(w, wire.FromExplanation(*e.Potential))
			case "csv":
				return explanationCSV(*e.Potential).WriteCSV(w)
			}
			return writeExplanation(w, *e.Potential)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().BoolVar(&withDC, "with-datacenters", false, "explain the national total including datacenter cooling (§4)")
	return cmd
}

// explanationCSV is one table for machines: a row per input (value and
// range), per step (min and max case), the result and each note (text),
// plain unrounded numbers, the scenario in every row.
func explanationCSV(e potential.Explanation) *table.Table {
	t := &table.Table{Header: []string{"kind", "name", "formula", "value", "low", "high", "min_case", "max_case", "unit", "source", "study", "calibrated", "text"}}
	for _, in := range e.Inputs {
		t.Add("input", in.Key, "", raw(in.Value), raw(in.Low), raw(in.High), "", "", in.Unit, in.Source, "", strconv.FormatBool(in.Calibrated), in.Description)
	}
	for _, st := range e.Steps {
		t.Add("step", st.Name, st.Formula, "", "", "", raw(st.MinCase), raw(st.MaxCase), st.Unit, "", st.Study, "", "")
	}
	t.Add("result", e.ID, e.Formula, raw(e.PointMW), "", "", raw(e.MinMW), raw(e.MaxMW), "MW", "", e.Study, "", "")
	for _, n := range e.Notes {
		t.Add("note", e.ID, "", "", "", "", "", "", "", "", "", "", n)
	}
	return withScenario(t, e.Scenario)
}

// compensationExplanationCSV is explanationCSV for a compensation
// reference: steps at both hours bases.
func compensationExplanationCSV(e compensation.Explanation) *table.Table {
	t := &table.Table{Header: []string{"kind", "name", "formula", "value", "at_structural", "at_incidental", "unit", "source", "study", "calibrated", "text"}}
	for _, in := range e.Inputs {
		t.Add("input", in.Key, "", raw(in.Value), "", "", in.Unit, in.Source, "", strconv.FormatBool(in.Calibrated), "")
	}
	for _, st := range e.Steps {
		t.Add("step", st.Name, st.Formula, "", raw(st.Structural), raw(st.Incidental), st.Unit, "", st.Study, "", "")
	}
	for _, f := range e.Findings {
		t.Add("finding", f.Key, "", "", "", "", "", "", "", "", f.Text)
	}
	return withScenario(t, e.Scenario)
}

// writeExplainIDs lists what explain accepts, with what each id is.
func writeExplainIDs(w io.Writer, format string) error {
	ids := usecase.ExplainKinds()
	if format == "json" {
		out := make([]wire.ExplainID, len(ids))
		for i, x := range ids {
			out[i] = wire.ExplainID{ID: x.ID, Kind: x.Kind}
		}
		return wire.Write(w, out)
	}
	t := table.Table{Header: []string{"id", "kind"}}
	for _, x := range ids {
		t.Add(x.ID, x.Kind)
	}
	if format == "csv" {
		return t.WriteCSV(w)
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\ngridflex explain ID shows one derivation.")
	return err
}

// writeCompensationExplanation renders a compensation reference's
// derivation: inputs, steps at both hours bases, findings.
func writeCompensationExplanation(w io.Writer, e compensation.Explanation) error {
	fmt.Fprintf(w, "%s — %s (scenario %s)\n", e.ID, e.Name, e.Scenario)
	fmt.Fprintf(w, "formula: %s\n\ninputs\n", e.Formula)
	t := table.Table{Header: []string{"key", "value", "unit", "source"}, Align: []table.Align{table.Left, table.Right}}
	for _, in := range e.Inputs {
		src := in.Source
		if in.Calibrated {
			src += " [calibrated]"
		}
		t.Add(in.Key, inputNum(in.Value), in.Unit, src)
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nderivation")
	st := table.Table{
		Header: []string{"step", "formula", "at " + e.Hours["structural"], "at " + e.Hours["incidental"], "unit", "study"},
		Align:  []table.Align{table.Left, table.Left, table.Right, table.Right},
	}
	for _, x := range e.Steps {
		st.Add(x.Name, x.Formula, stepNum(x.Structural), stepNum(x.Incidental), x.Unit, x.Study)
	}
	if err := st.WriteText(w); err != nil {
		return err
	}
	if len(e.Findings) > 0 {
		fmt.Fprintln(w, "\nwhere the study's own numbers disagree")
		for _, f := range e.Findings {
			fmt.Fprintf(w, "  - [%s] %s\n", f.Key, f.Text)
		}
	}
	return nil
}

// stepNum formats an intermediate with the precision the study prints:
// thousands without decimals, smaller numbers with one decimal.
func stepNum(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1000:
		return table.Num(v, 0)
	case a >= 0.1 || a == 0:
		return table.Num(v, 1)
	}
	return fmt.Sprintf("%.3g", v)
}

// inputNum shows an input as given: whole numbers with thousands
// separators, others in full precision.
func inputNum(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return table.Num(v, 0)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func writeExplanation(w io.Writer, e potential.Explanation) error {
	fmt.Fprintf(w, "%s — %s (scenario %s)\n", e.ID, e.Name, e.Scenario)
	fmt.Fprintf(w, "formula: %s\n", e.Formula)
	if len(e.Inputs) > 0 {
		fmt.Fprintln(w, "\ninputs")
		t := table.Table{
			Header: []string{"key", "value", "range", "unit", "source"},
			Align:  []table.Align{table.Left, table.Right, table.Right},
		}
		for _, in := range e.Inputs {
			rng := ""
			if in.Low < in.High {
				rng = fmt.Sprintf("%g..%g", in.Low, in.High)
				if in.Dist != "" && in.Dist != "uniform" {
					rng += " " + in.Dist
				}
			}
			src := in.Source
			if in.Calibrated {
				src += " [calibrated]"
			}
			t.Add(in.Key, inputNum(in.Value), rng, in.Unit, src)
		}
		if err := t.WriteText(w); err != nil {
			return err
		}
	}
	fmt.Fprintln(w, "\nderivation (min case … max case: the input corners that give the minimum and the maximum)")
	t := table.Table{
		Header: []string{"step", "formula", "min case", "max case", "unit", "study"},
		Align:  []table.Align{table.Left, table.Left, table.Right, table.Right},
	}
	for _, st := range e.Steps {
		t.Add(st.Name, st.Formula, stepNum(st.MinCase), stepNum(st.MaxCase), st.Unit, st.Study)
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nresult: %s–%s MW (point %s MW); study: %s\n", stepNum(e.MinMW), stepNum(e.MaxMW), stepNum(e.PointMW), e.Study)
	if len(e.Notes) > 0 {
		fmt.Fprintln(w, "\nnotes")
		for _, n := range e.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	return nil
}
