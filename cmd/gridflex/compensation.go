package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the compensation command lands; it is listed but refuses to run.
func newCompensationCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "compensation",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("compensation: not part of this build yet")
		},
	}
}
