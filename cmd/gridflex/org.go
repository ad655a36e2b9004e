package main

import (
	"github.com/spf13/cobra"

	"gridflex/store"
	"gridflex/table"
)

func newOrgCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "org",
		Short: "Organisations in the store: grid operators, congestion service providers, companies",
	}
	cmd.AddCommand(newOrgAddCmd(), newOrgListCmd())
	return cmd
}

func newOrgAddCmd() *cobra.Command {
	var f dbFlags
	var o store.Organisation
	var kind string
	cmd := &cobra.Command{
		Use:   "add ID --kind grid-operator|csp|company [--name NAME]",
		Short: "Add an organisation",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			o.ID, o.Kind = args[0], store.OrgKind(kind)
			if o.Name == "" {
				o.Name = o.ID
			}
			if err := db.CreateOrganisation(cmd.Context(), f.who(), o); err != nil {
				return err
			}
			o, err = db.GetOrganisation(cmd.Context(), o.ID)
			if err != nil {
				return err
			}
			return f.write(cmd.OutOrStdout(), o, orgTable([]store.Organisation{o}))
		},
	}
	cmd.Flags().StringVar(&o.Name, "name", "", "display `NAME` (default: the ID)")
	cmd.Flags().StringVar(&kind, "kind", "", "grid-operator, csp or company")
	_ = cmd.MarkFlagRequired("kind")
	f.bind(cmd)
	return cmd
}

func orgTable(os []store.Organisation) *table.Table {
	t := &table.Table{Header: []string{"id", "name", "kind", "created"}}
	for _, o := range os {
		t.Add(o.ID, o.Name, string(o.Kind), stamp(o.Created))
	}
	return t
}

func newOrgListCmd() *cobra.Command {
	var f dbFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the organisations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			os, err := db.ListOrganisations(cmd.Context())
			if err != nil {
				return err
			}
			if os == nil {
				os = []store.Organisation{}
			}
			return f.write(cmd.OutOrStdout(), os, orgTable(os))
		},
	}
	f.bind(cmd)
	return cmd
}
