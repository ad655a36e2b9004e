package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"gridflex/server"
	"gridflex/store"
	"gridflex/wire"
)

// newServeCmd runs the operator service (package server).
func newServeCmd() *cobra.Command {
	var (
		dsn, addr string
		jsonLog   bool
	)
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--db FILE|URL]",
		Short: "Run the operator service: JSON API under /api/v1 with tokens, tenants and roles (in progress)",
		Long: `Serves the operator store over HTTP: /api/v1 (described by
/api/v1/openapi.json), /healthz, /readyz and /metrics (Prometheus). Callers
authenticate with "Authorization: Bearer TOKEN"; create tokens with
gridflex token create. The store is migrated on start (SQLite and
PostgreSQL). SIGINT or SIGTERM stops accepting requests and lets those in
flight finish for up to 15 seconds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			var h slog.Handler = slog.NewTextHandler(cmd.ErrOrStderr(), nil)
			if jsonLog {
				h = slog.NewJSONHandler(cmd.ErrOrStderr(), nil)
			}
			log := slog.New(h)
			db, err := store.Open(ctx, dsn, store.Options{Clock: time.Now})
			if err != nil {
				return err
			}
			defer db.Close()
			applied, err := db.Migrate(ctx)
			if err != nil {
				return err
			}
			for _, m := range applied {
				log.Info("migrated", "version", m.Version, "name", m.Name)
			}
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			return server.New(server.Config{Store: db, Log: log}).Serve(ctx, l)
		},
	}
	cmd.Flags().StringVar(&dsn, "db", defaultDB(), "store: a SQLite `FILE` or a postgres:// URL (default from $"+dbEnv+" or the user's data directory)")
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "`HOST:PORT` to listen on (port 0: any free port, logged)")
	cmd.Flags().BoolVar(&jsonLog, "log-json", false, "write logs as JSON lines instead of key=value text")
	return cmd
}

func newTokenCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token",
		Short: "API tokens for gridflex serve",
	}
	cmd.AddCommand(newTokenCreateCmd())
	return cmd
}

// tokenCreated is `token create --format json`; the secret is shown once.
type tokenCreated struct {
	Token   string    `json:"token"`
	ID      string    `json:"id"`
	User    string    `json:"user"`
	Org     string    `json:"org"`
	Role    string    `json:"role"`
	Expires time.Time `json:"expires,omitzero"`
}

func newTokenCreateCmd() *cobra.Command {
	var (
		f                     dbFlags
		org, role, user, name string
		ttl                   time.Duration
	)
	cmd := &cobra.Command{
		Use:   "create --org ORG --role admin|analyst|csp|company [--user ID]",
		Short: "Create an API token for a user of an organisation and print it once",
		Long: `Creates the user (default ID ORG-ROLE) if it does not exist, then a
token for it. The token is printed once; the store keeps only its SHA-256.
Roles: admin and analyst of a grid operator, csp of a congestion service
provider, company of a company.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			r := store.Role(role)
			kind, ok := server.RoleKind(r)
			if !ok {
				return fmt.Errorf("--role %q: want admin, analyst, csp or company", role)
			}
			if ttl < 0 {
				return fmt.Errorf("--expires %s: want a duration ≥ 0 (0: never)", ttl)
			}
			db, err := f.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			ctx := cmd.Context()
			o, err := db.GetOrganisation(ctx, org)
			if err != nil {
				return fmt.Errorf("--org: %w", err)
			}
			if kind != o.Kind {
				return fmt.Errorf("--role %s is for a %s; %s is a %s", r, kind, o.ID, o.Kind)
			}
			if user == "" {
				user = org + "-" + role
			}
			if err := ensureUser(ctx, db, f.who(), store.User{ID: user, Org: org, Name: name, Email: user + "@" + org, Role: r}); err != nil {
				return err
			}
			var raw [32]byte
			rand.Read(raw[:])
			secret := "gf_" + base64.RawURLEncoding.EncodeToString(raw[:])
			var id [6]byte
			rand.Read(id[:])
			tk := store.Token{ID: "tok-" + hex.EncodeToString(id[:]), User: user}
			if ttl > 0 {
				tk.Expires = time.Now().Add(ttl).UTC().Truncate(time.Second)
			}
			if err := db.CreateToken(ctx, f.who(), tk, secret); err != nil {
				return err
			}
			out := tokenCreated{Token: secret, ID: tk.ID, User: user, Org: org, Role: role, Expires: tk.Expires}
			if f.format.value == "json" {
				return wire.Write(cmd.OutOrStdout(), out)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "token %s for user %s (%s of %s); it is shown only now:\n", tk.ID, user, role, org)
			_, err = fmt.Fprintln(cmd.OutOrStdout(), secret)
			return err
		},
	}
	cmd.Flags().StringVar(&org, "org", "", "organisation `ID` (see gridflex org list)")
	cmd.Flags().StringVar(&role, "role", "", "admin, analyst (grid operator), csp or company")
	cmd.Flags().StringVar(&user, "user", "", "user `ID` (default ORG-ROLE; created when missing)")
	cmd.Flags().StringVar(&name, "name", "", "the new user's display name")
	cmd.Flags().DurationVar(&ttl, "expires", 0, "lifetime of the token, e.g. 720h (0: never expires)")
	_ = cmd.MarkFlagRequired("org")
	_ = cmd.MarkFlagRequired("role")
	f.bind(cmd, "text", "json")
	return cmd
}

// ensureUser creates u, or checks that the stored user of that ID is in
// the same organisation with the same role.
func ensureUser(ctx context.Context, db store.Store, who store.Actor, u store.User) error {
	old, err := db.GetUser(ctx, u.ID)
	if errors.Is(err, store.ErrNotFound) {
		if u.Name == "" {
			u.Name = u.ID
		}
		return db.CreateUser(ctx, who, u)
	} else if err != nil {
		return err
	}
	if old.Org != u.Org || old.Role != u.Role {
		return fmt.Errorf("--user %s exists as %s of %s, not %s of %s", u.ID, old.Role, old.Org, u.Role, u.Org)
	}
	return nil
}
