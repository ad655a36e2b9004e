package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the scan command lands; it is listed but refuses to run.
func newScanCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "scan",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("scan: not part of this build yet")
		},
	}
}
