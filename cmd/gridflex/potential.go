package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the potential command lands; it is listed but refuses to run.
func newPotentialCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "potential",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("potential: not part of this build yet")
		},
	}
}
