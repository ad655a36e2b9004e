package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gridflex/store"
	"gridflex/table"
	"gridflex/wire"
)

// dbEnv overrides the default store for every command.
const dbEnv = "GRIDFLEX_DB"

// defaultDB is the embedded store: $GRIDFLEX_DB, else gridflex/gridflex.db
// in the user's data directory ($XDG_DATA_HOME, ~/.local/share on Linux,
// the configuration directory elsewhere).
func defaultDB() string {
	if v := os.Getenv(dbEnv); v != "" {
		return v
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" && runtime.GOOS == "linux" {
		if home, err := os.UserHomeDir(); err == nil {
			dir = filepath.Join(home, ".local", "share")
		}
	}
	if dir == "" {
		if cfg, err := os.UserConfigDir(); err == nil {
			dir = cfg
		} else {
			dir = "."
		}
	}
	return filepath.Join(dir, "gridflex", "gridflex.db")
}

// dbFlags are the flags of every command that uses the store.
type dbFlags struct {
	dsn    string
	actor  string
	format formatFlag
}

func (f *dbFlags) bind(cmd *cobra.Command, formats ...string) {
	cmd.Flags().StringVar(&f.dsn, "db", defaultDB(), "store: a SQLite `FILE` or a postgres:// URL (default from $"+dbEnv+" or the user's data directory)")
	f.bindActor(cmd)
	if len(formats) == 0 {
		formats = []string{"table", "json", "csv"}
	}
	f.format.bind(cmd, formats...)
}

func (f *dbFlags) bindActor(cmd *cobra.Command) {
	user := os.Getenv("USER")
	if user == "" {
		user = "unknown"
	}
	cmd.Flags().StringVar(&f.actor, "actor", "cli:"+user, "who makes the change, as the audit log records it")
}

// open opens the store. A SQLite store is migrated on the spot (it is the
// user's own file); a PostgreSQL store with pending migrations is refused
// until `gridflex db migrate` ran, so a CLI never changes a shared schema
// by surprise.
func (f *dbFlags) open(ctx context.Context) (*store.DB, error) {
	if err := f.format.check(); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, f.dsn, store.Options{Clock: time.Now})
	if err != nil {
		return nil, err
	}
	st, err := db.Status(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	var pending []string
	for _, m := range st {
		if m.Applied.IsZero() {
			pending = append(pending, fmt.Sprintf("%04d_%s", m.Version, m.Name))
		}
	}
	if len(pending) > 0 {
		if store.IsPostgres(f.dsn) {
			db.Close()
			return nil, fmt.Errorf("store has pending migrations %s: run `gridflex db migrate --db URL` first", strings.Join(pending, ", "))
		}
		if _, err := db.Migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

func (f *dbFlags) who() store.Actor { return store.Actor(f.actor) }

// write prints v as JSON, or t as a table or CSV.
func (f *dbFlags) write(w io.Writer, v any, t *table.Table) error {
	switch f.format.value {
	case "json":
		return wire.Write(w, v)
	case "csv":
		return t.WriteCSV(w)
	}
	return t.WriteText(w)
}

// stamp formats a stored time for tables: local, to the second.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

func newDBCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "db",
		Short: "The operator store: migrate its schema, show its status",
		Long: `The store keeps organisations, congestion areas, connections, contracts,
meter data, settlements and an audit log (store/DESIGN.md). It is a SQLite
file by default (no server needed) or a PostgreSQL database
(--db postgres://...). Its schema is embedded in the binary.`,
	}
	cmd.AddCommand(newDBMigrateCmd(), newDBStatusCmd(), newDBVerifyCmd())
	return cmd
}

func migrationTable(ms []store.Migration) *table.Table {
	t := &table.Table{Header: []string{"version", "name", "applied"}, Align: []table.Align{table.Right}}
	for _, m := range ms {
		applied := "pending"
		if !m.Applied.IsZero() {
			applied = stamp(m.Applied)
		}
		t.Add(fmt.Sprint(m.Version), m.Name, applied)
	}
	return t
}

func newDBMigrateCmd() *cobra.Command {
	return newMigrationsCmd("migrate", "Apply the embedded schema migrations the store lacks",
		func(cmd *cobra.Command, db *store.DB, dsn string, table bool) ([]store.Migration, error) {
			applied, err := db.Migrate(cmd.Context())
			if err == nil && len(applied) == 0 && table {
				fmt.Fprintln(cmd.ErrOrStderr(), "store is up to date:", dsn)
			}
			return applied, err
		})
}

func newDBStatusCmd() *cobra.Command {
	return newMigrationsCmd("status", "List the embedded migrations and when each was applied",
		func(cmd *cobra.Command, db *store.DB, _ string, _ bool) ([]store.Migration, error) {
			return db.Status(cmd.Context())
		})
}

// newMigrationsCmd is a `db` subcommand that opens the store without
// migrating it (f.open would) and lists migrations: those run applied, or
// all with their state.
func newMigrationsCmd(use, short string, run func(cmd *cobra.Command, db *store.DB, dsn string, table bool) ([]store.Migration, error)) *cobra.Command {
	var f dbFlags
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := f.format.check(); err != nil {
				return err
			}
			db, err := store.Open(cmd.Context(), f.dsn, store.Options{Clock: time.Now})
			if err != nil {
				return err
			}
			defer db.Close()
			ms, err := run(cmd, db, f.dsn, f.format.value == "table")
			if err != nil {
				return err
			}
			if ms == nil {
				ms = []store.Migration{}
			}
			return f.write(cmd.OutOrStdout(), ms, migrationTable(ms))
		},
	}
	f.bind(cmd)
	return cmd
}

func newDBVerifyCmd() *cobra.Command {
	var f dbFlags
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Check the audit log's hash chain; name the first row that was tampered with",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			bad, rows, err := db.VerifyAudit(cmd.Context())
			if err != nil {
				return err
			}
			t := &table.Table{Header: []string{"audit rows", "first bad row"}, Align: []table.Align{table.Right, table.Right}}
			first := "none"
			if bad != 0 {
				first = fmt.Sprint(bad)
			}
			t.Add(fmt.Sprint(rows), first)
			if err := f.write(cmd.OutOrStdout(), map[string]int64{"rows": rows, "first_bad": bad}, t); err != nil {
				return err
			}
			if bad != 0 {
				return fmt.Errorf("audit log altered at row %d", bad)
			}
			return nil
		},
	}
	f.bind(cmd)
	return cmd
}
