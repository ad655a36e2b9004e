package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// Placeholder until the contract command lands; it is listed but refuses to run.
func newContractCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "contract",
		Hidden: true,
		RunE: func(*cobra.Command, []string) error {
			return fmt.Errorf("contract: not part of this build yet")
		},
	}
}
