package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Options configure Open.
type Options struct {
	// Clock returns the current time; nil means time.Now. The store reads
	// time only through it.
	Clock func() time.Time
	// BusyTimeout is how long a SQLite writer waits for another; 0 means
	// 10 s.
	BusyTimeout time.Duration
}

// DB is a store on SQLite or PostgreSQL.
type DB struct {
	sql     *sql.DB
	dialect string // "sqlite" or "postgres"
	clock   func() time.Time
	// hook, when set by a test, is called at named points inside write
	// transactions (see export_test.go).
	hook func(point string)
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the store at dsn: a postgres:// URL, or else the path of a
// SQLite file (created with its directory when absent). It does not
// migrate; call Migrate.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	db := &DB{clock: opts.Clock}
	if db.clock == nil {
		db.clock = time.Now
	}
	var err error
	if IsPostgres(dsn) {
		db.dialect = "postgres"
		db.sql, err = sql.Open("pgx", dsn)
	} else {
		db.dialect = "sqlite"
		if dsn == "" {
			return nil, fmt.Errorf("open store: empty database path")
		}
		if dir := filepath.Dir(dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("open store: %w", err)
			}
		}
		busy := opts.BusyTimeout
		if busy <= 0 {
			busy = 10 * time.Second
		}
		// WAL lets readers run beside one writer; immediate transactions
		// take the write lock at BEGIN, so two writers wait for each
		// other (busy_timeout) instead of failing on a lock upgrade.
		q := url.Values{}
		q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Set("_txlock", "immediate")
		db.sql, err = sql.Open("sqlite", "file:"+dsn+"?"+q.Encode())
	}
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := db.sql.PingContext(ctx); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(dsn), err)
	}
	return db, nil
}

// redact hides a password in a URL for messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxx")
			return u.String()
		}
	}
	return dsn
}

// Dialect is "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// SQL is the underlying database, for tests and measurements.
func (db *DB) SQL() *sql.DB { return db.sql }

func (db *DB) now() time.Time { return db.clock().UTC().Truncate(time.Microsecond) }

// rebind turns ? placeholders into PostgreSQL's $1, $2, ….
func (db *DB) rebind(q string) string {
	if db.dialect != "postgres" || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, db.rebind(q), args...)
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, db.rebind(q), args...)
}

// tx is a write transaction with its audit chain head locked.
type tx struct {
	*sql.Tx
	db  *DB
	now time.Time
}

func (t *tx) exec(q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(context.Background(), t.db.rebind(q), args...)
}

func (t *tx) query(q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(context.Background(), t.db.rebind(q), args...)
}

func (t *tx) queryRow(q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(context.Background(), t.db.rebind(q), args...)
}

// auditLock serialises PostgreSQL writers so the audit chain stays a
// chain; SQLite's immediate transactions already do.
const auditLock = 0x67726964 // "grid"

// write runs fn in one transaction and commits when it returns nil.
func (db *DB) write(ctx context.Context, fn func(t *tx) error) (err error) {
	stx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			stx.Rollback()
		}
	}()
	t := &tx{Tx: stx, db: db, now: db.now()}
	if db.dialect == "postgres" {
		if _, err := stx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", auditLock); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
	}
	if err := fn(t); err != nil {
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func us(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromUS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// isUnique reports a unique or primary-key violation in either dialect.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// notFound turns sql.ErrNoRows into ErrNotFound naming what was sought.
func notFound(err error, what, id string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s %q: %w", what, id, ErrNotFound)
	}
	return err
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// collect scans every row of a query with scan.
func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
