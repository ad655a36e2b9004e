package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the explain command lands; it is listed but refuses to run.
func newExplainCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "explain",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("explain: not part of this build yet")
		},
	}
}
