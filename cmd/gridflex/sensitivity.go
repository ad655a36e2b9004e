package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the sensitivity command lands; it is listed but refuses to run.
func newSensitivityCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "sensitivity",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("sensitivity: not part of this build yet")
		},
	}
}
