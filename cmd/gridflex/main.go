// Command gridflex models demand-side electricity flexibility against grid
// congestion, after the 2026 Dutch national study (see README.md).
package main

import (
	"fmt"
	"os"

	_ "time/tzdata" // windows are evaluated in Europe/Amsterdam on any machine

	"github.com/spf13/cobra"
)

func main() {
	root := &cobra.Command{
		Use:           "gridflex",
		Short:         "Demand-side flexibility against grid congestion: potential, compensation, contracts and site scans",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
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
	)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "gridflex:", err)
		os.Exit(1)
	}
}
