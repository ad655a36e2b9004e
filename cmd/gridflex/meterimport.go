package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"gridflex/table"
	"gridflex/usecase"
)

func newMeterImportCmd() *cobra.Command {
	var f dbFlags
	var in meterInputFlags
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Store a meter-data file (CSV or XLSX) in the store, in one transaction",
		Long: `Reads meter data as 'meter inspect' does (meter/FORMAT.md) and stores it
per connection and month. The connections must be in the store
('gridflex connection add'). Readings replace the stored ones of the same
quarter hours, which stay in history; quarter hours the file lacks keep
what they had. The same file imported twice changes nothing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := in.options()
			if err != nil {
				return err
			}
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			res, err := usecase.ImportMeter(cmd.Context(), usecase.ImportMeterRequest{Store: db, Actor: f.who(), Files: osFiles{}, Meter: args[0], Options: opts})
			if err != nil {
				return err
			}
			r := res.Store
			t := &table.Table{Header: []string{"import", "file", "connections", "readings", "changed", "connection-months written", "note"},
				Align: []table.Align{table.Right, table.Left, table.Right, table.Right, table.Right, table.Right}}
			note := ""
			if r.Repeated {
				note = fmt.Sprintf("imported before as import %d: nothing changed", r.ID)
			}
			t.Add(fmt.Sprint(r.ID), args[0], fmt.Sprint(r.Connections), fmt.Sprint(r.ISPs), fmt.Sprint(r.ChangedISPs), fmt.Sprint(r.Blocks), note)
			return f.write(cmd.OutOrStdout(), r, t)
		},
	}
	in.bindFile(cmd)
	f.bind(cmd)
	return cmd
}
