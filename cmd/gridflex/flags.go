package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"gridflex/scenario"
	"gridflex/table"
)

// scenarioFlags are the flags of every command that evaluates a model.
type scenarioFlags struct {
	file string
	sets []string
}

func (f *scenarioFlags) bind(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.file, "scenario", "", "scenario `FILE` (YAML) overriding the built-in nl-2026 defaults")
	cmd.Flags().StringArrayVar(&f.sets, "set", nil, "override one parameter: `KEY=VALUE` or KEY=LOW..HIGH (repeatable; see `gridflex params`)")
}

// load returns the scenario the flags describe; every problem is reported.
func (f *scenarioFlags) load() (*scenario.Scenario, error) {
	return scenario.Load(scenario.Options{File: f.file, Sets: f.sets})
}

// formatFlag is a --format flag restricted to a list of choices.
type formatFlag struct {
	value   string
	choices []string
}

func (f *formatFlag) bind(cmd *cobra.Command, choices ...string) {
	f.choices = choices
	f.value = choices[0]
	cmd.Flags().StringVar(&f.value, "format", choices[0], "output format: "+strings.Join(choices, "|"))
}

// check refuses a format outside the choices before any work is done.
func (f *formatFlag) check() error {
	if !slices.Contains(f.choices, f.value) {
		return fmt.Errorf("--format %q: want one of %s", f.value, strings.Join(f.choices, ", "))
	}
	return nil
}

// isTerminal reports whether w is an interactive terminal, where progress
// bars and colour make sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// withScenario adds a last column "scenario" to a CSV table: every output
// of a modified run names its scenario (scenario/FORMAT.md).
func withScenario(t *table.Table, name string) *table.Table {
	t.AddColumn("scenario", name)
	return t
}
