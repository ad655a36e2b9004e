// Command gridflex models demand-side electricity flexibility against grid
// congestion, after the 2026 Dutch national study (see README.md).
package main

import (
	"fmt"
	"os"

	_ "time/tzdata" // windows are evaluated in Europe/Amsterdam on any machine

	"github.com/spf13/cobra"

	"gridflex/outfile"
)

func main() {
	// An interrupted run leaves no half-written temporary output behind.
	outfile.CleanUpOnInterrupt()
	if err := newRootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "gridflex:", err)
		os.Exit(1)
	}
}

// newRootCmd wires every subcommand; tests run it with their own arguments
// and writers.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "gridflex",
		Short:         "Demand-side flexibility against grid congestion: potential, compensation, contracts and site scans",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("gridflex {{.Version}}\n")
	root.AddCommand(
		newPotentialCmd(),
		newParamsCmd(),
		newExplainCmd(),
		newSensitivityCmd(),
		newCompensationCmd(),
		newCurveCmd(),
		newUnlockCmd(),
		newMeterCmd(),
		newContractCmd(),
		newScanCmd(),
		newAreaCmd(),
		newDBCmd(), newOrgCmd(), newConnectionCmd(), // the operator store
		newServeCmd(), newTokenCmd(), // the operator service
	)
	return root
}
