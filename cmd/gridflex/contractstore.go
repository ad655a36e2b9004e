package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"gridflex/contract"
	"gridflex/store"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

// The contract subcommands on the store: add, list, show, state, and
// `contract check --db`.
func newContractStoreCmds() []*cobra.Command {
	return []*cobra.Command{newContractAddCmd(), newContractListCmd(), newContractShowCmd(), newContractStateCmd()}
}

func contractTable(cs []store.Contract) *table.Table {
	t := &table.Table{Header: []string{"id", "version", "state", "owner", "csp", "forms", "base kW", "term", "file"},
		Align: []table.Align{table.Left, table.Right, table.Left, table.Left, table.Left, table.Left, table.Right}}
	for _, c := range cs {
		term := c.TermStart + " – "
		if c.TermEnd == "" {
			term += "indefinite"
		} else {
			term += c.TermEnd
		}
		t.Add(c.ID, strconv.Itoa(c.Version), string(c.State), c.Owner, c.CSP, strings.Join(c.Parsed.Forms, ", "),
			table.Num(c.Parsed.BaseKW, 0), term, c.FileName)
	}
	return t
}

func newContractAddCmd() *cobra.Command {
	var f dbFlags
	var owner, csp string
	cmd := &cobra.Command{
		Use:   "add FILE|DIR --owner ORG [--csp ORG]",
		Short: "Store contract files (contract/FORMAT.md) as new versions, proposed",
		Long: `Parses every contract file first and refuses them all if one is wrong;
then stores each as the next version of its connection (or group), in
state proposed, with the file as written and the files it refers to.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			cs, err := usecase.AddContracts(cmd.Context(), usecase.AddContractsRequest{
				Store: db, Actor: f.who(), Files: osFiles{}, Contract: args[0], Owner: owner, CSP: csp})
			if err != nil {
				return err
			}
			return f.write(cmd.OutOrStdout(), cs, contractTable(cs))
		},
	}
	cmd.Flags().StringVar(&owner, "owner", "", "organisation `ID` of the company whose connections they are")
	cmd.Flags().StringVar(&csp, "csp", "", "organisation `ID` of the congestion service provider that represents them")
	_ = cmd.MarkFlagRequired("owner")
	f.bind(cmd)
	return cmd
}

func newContractListCmd() *cobra.Command {
	return newStoreListCmd("List the stored contracts (latest version of each)", (*store.DB).ListContracts, contractTable)
}

// contractView is a stored contract with its file and settlements.
type contractView struct {
	store.Contract
	Source      string             `json:"source"`
	Settlements []store.Settlement `json:"settlements"`
}

func newContractShowCmd() *cobra.Command {
	var f dbFlags
	var sc store.Scope
	var version int
	var source bool
	cmd := &cobra.Command{
		Use:   "show ID [--version N] [--source]",
		Short: "Show a stored contract, its monthly settlements, or (--source) the file as written",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			c, err := db.GetContract(cmd.Context(), sc, args[0], version)
			if err != nil {
				return err
			}
			if source {
				_, err := cmd.OutOrStdout().Write(c.Source)
				return err
			}
			ss, err := db.ListSettlements(cmd.Context(), sc, c.ID)
			if err != nil {
				return err
			}
			v := contractView{Contract: c, Source: string(c.Source), Settlements: []store.Settlement{}}
			t := &table.Table{Header: []string{"version", "month", "violations", "yellow cards", "missing ISPs", "compensation €", "penalty €", "net €"},
				Align: []table.Align{table.Right, table.Left, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right}}
			for _, s := range ss {
				if s.Version != c.Version {
					continue
				}
				v.Settlements = append(v.Settlements, s)
				d := s.Detail
				t.Add(strconv.Itoa(s.Version), s.Month, strconv.Itoa(d.Violations), strconv.Itoa(d.YellowCards), strconv.Itoa(d.MissingISPs),
					eur(d.CompensationEUR), eur(d.PenaltyEUR), eur(d.NetEUR))
			}
			if f.format.value == "table" {
				w := cmd.OutOrStdout()
				if err := contractTable([]store.Contract{c}).WriteText(w); err != nil {
					return err
				}
				if len(t.Rows) == 0 {
					_, err := fmt.Fprintln(w, "\nno settlements stored: run `gridflex contract check --db`")
					return err
				}
				fmt.Fprintln(w)
			}
			return f.write(cmd.OutOrStdout(), v, t)
		},
	}
	cmd.Flags().IntVar(&version, "version", 0, "contract `VERSION` (default: the latest)")
	cmd.Flags().BoolVar(&source, "source", false, "print the contract file as written")
	scopeFlag(cmd, &sc)
	f.bind(cmd)
	return cmd
}

func newContractStateCmd() *cobra.Command {
	var f dbFlags
	var version int
	cmd := &cobra.Command{
		Use:   "state ID STATE [--version N]",
		Short: "Move a stored contract along proposed → signed → active → ended, or to opted-out",
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			c, err := db.GetContract(cmd.Context(), store.All, args[0], version)
			if err != nil {
				return err
			}
			if err := db.SetContractState(cmd.Context(), f.who(), c.ID, c.Version, store.ContractState(args[1])); err != nil {
				return err
			}
			if c, err = db.GetContract(cmd.Context(), store.All, c.ID, c.Version); err != nil {
				return err
			}
			return f.write(cmd.OutOrStdout(), c, contractTable([]store.Contract{c}))
		},
	}
	cmd.Flags().IntVar(&version, "version", 0, "contract `VERSION` (default: the latest)")
	f.bind(cmd)
	return cmd
}

// storedCheck is one row of `contract check --db --format json`.
type storedCheck struct {
	ID      string      `json:"id"`
	Version int         `json:"version"`
	State   string      `json:"state"`
	Check   *wire.Check `json:"check,omitempty"`
	Error   string      `json:"error,omitempty"`
}

// runStoredCheck is `contract check --db`: the stored contracts (the
// --contract IDs, or every signed or active one) against the stored meter
// data; the monthly settlement is kept in the store.
func runStoredCheck(cmd *cobra.Command, dsn string, ids []string, format string) error {
	f := dbFlags{dsn: dsn, format: formatFlag{value: format, choices: []string{"table", "json", "csv"}}}
	f.actor = cmd.Flag("actor").Value.String()
	db, err := f.open(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := usecase.CheckStored(cmd.Context(), usecase.StoredCheckRequest{Store: db, Actor: f.who(), IDs: ids})
	if err != nil {
		return err
	}
	rows := []storedCheck{}
	t := &table.Table{Header: []string{"id", "version", "state", "ISPs", "missing", "violations", "yellow cards", "compensation €", "penalty €", "net €", "problem"},
		Align: []table.Align{table.Left, table.Right, table.Left, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right}}
	failed := 0
	for _, r := range res {
		row := storedCheck{ID: r.Contract.ID, Version: r.Contract.Version, State: string(r.Contract.State)}
		if r.Err != nil {
			failed++
			row.Error = r.Err.Error()
			t.Add(row.ID, strconv.Itoa(row.Version), row.State, "", "", "", "", "", "", "", row.Error)
		} else {
			w := wire.FromCheck(r.Result, contractDataQuality())
			row.Check = &w
			x := r.Result
			t.Add(row.ID, strconv.Itoa(row.Version), row.State, strconv.Itoa(x.ISPs), strconv.Itoa(x.MissingISPs), strconv.Itoa(len(x.Violations)),
				strconv.Itoa(x.YellowCards), eur(x.CompensationEUR), eur(x.PenaltyEUR), eur(x.NetEUR), "")
		}
		rows = append(rows, row)
	}
	if err := f.write(cmd.OutOrStdout(), rows, t); err != nil {
		return err
	}
	if len(res) == 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "note: no signed or active contracts in the store (gridflex contract add, gridflex contract state)")
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d contracts could not be checked (see the problem column)", failed, len(res))
	}
	return nil
}

// contractDataQuality is the data quality of stored data: the import
// checked it when it was stored, so a stored check reports none.
func contractDataQuality() contract.DataQuality { return contract.DataQuality{Warnings: []string{}} }
