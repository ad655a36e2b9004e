package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrations embed.FS

// Migration is one embedded schema change.
type Migration struct {
	Version int       `json:"version"`
	Name    string    `json:"name"`
	Applied time.Time `json:"applied,omitzero"` // zero: not applied
}

type migrationFile struct {
	Migration
	sql string
}

func (db *DB) migrationFiles() ([]migrationFile, error) {
	dir := path.Join("migrations", db.dialect)
	ents, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []migrationFile
	for _, e := range ents {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: want NNNN_name.sql", e.Name())
		}
		b, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migrationFile{Migration{Version: v, Name: name}, string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

const versionTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    BIGINT PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_us BIGINT NOT NULL
)`

// Migrate applies the embedded migrations that are not applied yet, each
// in its own transaction with its row in schema_migrations, and returns
// those it applied. Concurrent callers wait for each other.
func (db *DB) Migrate(ctx context.Context) ([]Migration, error) {
	files, err := db.migrationFiles()
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var done []Migration
	for _, f := range files {
		applied := false
		err := db.write(ctx, func(t *tx) error {
			if _, err := t.exec(versionTable); err != nil {
				return err
			}
			var n int
			if err := t.queryRow(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, f.Version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := t.exec(f.sql); err != nil {
				return err
			}
			applied = true
			_, err := t.exec(`INSERT INTO schema_migrations (version, name, applied_us) VALUES (?, ?, ?)`, f.Version, f.Name, us(t.now))
			return err
		})
		if err != nil {
			return done, fmt.Errorf("migrate %04d_%s: %w", f.Version, f.Name, err)
		}
		if applied {
			m := f.Migration
			m.Applied = db.now()
			done = append(done, m)
		}
	}
	return done, nil
}

// Status lists every embedded migration with the time it was applied.
func (db *DB) Status(ctx context.Context) ([]Migration, error) {
	files, err := db.migrationFiles()
	if err != nil {
		return nil, err
	}
	applied := map[int]time.Time{}
	rows, err := db.query(ctx, `SELECT version, applied_us FROM schema_migrations`)
	if err == nil {
		defer rows.Close()
		for rows.Next() {
			var v int
			var at int64
			if err := rows.Scan(&v, &at); err != nil {
				return nil, err
			}
			applied[v] = fromUS(at)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	// An error means no version table yet: nothing is applied.
	out := make([]Migration, len(files))
	for i, f := range files {
		out[i] = f.Migration
		out[i].Applied = applied[f.Version]
	}
	return out, nil
}
