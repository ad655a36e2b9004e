package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the meter command lands; it is listed but refuses to run.
func newMeterCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "meter",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("meter: not part of this build yet")
		},
	}
}
