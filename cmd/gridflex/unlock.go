package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the unlock command lands; it is listed but refuses to run.
func newUnlockCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "unlock",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("unlock: not part of this build yet")
		},
	}
}
