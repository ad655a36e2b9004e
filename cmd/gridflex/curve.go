package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the curve command lands; it is listed but refuses to run.
func newCurveCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "curve",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("curve: not part of this build yet")
		},
	}
}
