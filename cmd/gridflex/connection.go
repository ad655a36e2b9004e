package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"gridflex/store"
	"gridflex/table"
)

func newConnectionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "connection",
		Short: "Grid connections in the store (EAN, area, owner, contracted capacity)",
	}
	cmd.AddCommand(newConnectionAddCmd(), newConnectionListCmd(), newConnectionShowCmd())
	return cmd
}

// scopeFlag lets a command read as one organisation sees the store.
func scopeFlag(cmd *cobra.Command, sc *store.Scope) {
	cmd.Flags().StringVar(&sc.Org, "org", "", "show only what organisation `ID` may see (default: everything)")
}

// newStoreListCmd is the `list` subcommand of a stored entity: the rows an
// organisation may see (--org), as a table, CSV or JSON (an empty list is
// [] in JSON, never null).
func newStoreListCmd[T any](short string, list func(*store.DB, context.Context, store.Scope) ([]T, error), tbl func([]T) *table.Table) *cobra.Command {
	var f dbFlags
	var sc store.Scope
	cmd := &cobra.Command{
		Use:   "list",
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := list(db, cmd.Context(), sc)
			if err != nil {
				return err
			}
			if rows == nil {
				rows = []T{}
			}
			return f.write(cmd.OutOrStdout(), rows, tbl(rows))
		},
	}
	scopeFlag(cmd, &sc)
	f.bind(cmd)
	return cmd
}

func newConnectionAddCmd() *cobra.Command {
	var f dbFlags
	var c store.Connection
	cmd := &cobra.Command{
		Use:   "add EAN --owner ORG [--area AREA] [--offtake-kw KW] [--feedin-kw KW]",
		Short: "Add a connection (the EAN's check digit is verified)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			c.EAN = args[0]
			if err := db.CreateConnection(cmd.Context(), f.who(), c); err != nil {
				return err
			}
			c, err = db.GetConnection(cmd.Context(), store.All, c.EAN)
			if err != nil {
				return err
			}
			return f.write(cmd.OutOrStdout(), c, connectionTable([]store.Connection{c}))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&c.Owner, "owner", "", "organisation `ID` of the company that owns the connection")
	fl.StringVar(&c.Area, "area", "", "congestion area `ID` the connection is in")
	fl.Float64Var(&c.OfftakeKW, "offtake-kw", 0, "contracted transport capacity for offtake (GTV), `KW`")
	fl.Float64Var(&c.FeedinKW, "feedin-kw", 0, "contracted transport capacity for feed-in, `KW`")
	_ = cmd.MarkFlagRequired("owner")
	f.bind(cmd)
	return cmd
}

func connectionTable(cs []store.Connection) *table.Table {
	t := &table.Table{Header: []string{"ean", "area", "owner", "offtake kW", "feed-in kW", "updated"},
		Align: []table.Align{table.Left, table.Left, table.Left, table.Right, table.Right}}
	for _, c := range cs {
		t.Add(c.EAN, c.Area, c.Owner, table.Num(c.OfftakeKW, 0), table.Num(c.FeedinKW, 0), stamp(c.Updated))
	}
	return t
}

func newConnectionListCmd() *cobra.Command {
	return newStoreListCmd("List the connections", (*store.DB).ListConnections, connectionTable)
}

// connectionView is a connection with a summary of its stored meter data.
type connectionView struct {
	store.Connection
	Meter *meterSummary `json:"meter,omitempty"`
}

type meterSummary struct {
	From        time.Time `json:"from"`
	To          time.Time `json:"to"`
	ISPs        int       `json:"isps"`
	MissingISPs int       `json:"missing_isps"`
	Revisions   int       `json:"revisions"` // superseded connection-months kept in history
}

func newConnectionShowCmd() *cobra.Command {
	var f dbFlags
	var sc store.Scope
	cmd := &cobra.Command{
		Use:   "show EAN",
		Short: "Show a connection and the meter data stored for it",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			ctx := cmd.Context()
			c, err := db.GetConnection(ctx, sc, args[0])
			if err != nil {
				return err
			}
			v := connectionView{Connection: c}
			t := connectionTable([]store.Connection{c})
			if m, err := db.ReadMeter(ctx, sc, c.EAN, time.Time{}, time.Time{}); err == nil {
				hist, err := db.MeterHistory(ctx, sc, c.EAN)
				if err != nil {
					return err
				}
				v.Meter = &meterSummary{From: m.Offtake.Start, To: m.Offtake.End(), ISPs: m.Offtake.Len(), MissingISPs: m.Offtake.MissingCount(), Revisions: len(hist)}
				t.Header = append(t.Header, "meter data", "ISPs", "missing", "revisions")
				t.Align = append(t.Align, table.Left, table.Left, table.Right, table.Right, table.Right)
				t.Rows[0] = append(t.Rows[0], fmt.Sprintf("%s – %s", localTime(m.Offtake.Start), localTime(m.Offtake.End())),
					fmt.Sprint(v.Meter.ISPs), fmt.Sprint(v.Meter.MissingISPs), fmt.Sprint(v.Meter.Revisions))
			}
			return f.write(cmd.OutOrStdout(), v, t)
		},
	}
	scopeFlag(cmd, &sc)
	f.bind(cmd)
	return cmd
}
