package store_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gridflex/store"
	"gridflex/store/storetest"
)

// openSQLite is a fresh SQLite store in the test's temporary directory.
func openSQLite(t testing.TB, clock func() time.Time) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "gridflex.db"), store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// postgresURL is GRIDFLEX_TEST_POSTGRES, or a skip.
func postgresURL(t testing.TB) string {
	u := os.Getenv("GRIDFLEX_TEST_POSTGRES")
	if u == "" {
		t.Skip("GRIDFLEX_TEST_POSTGRES is not set: PostgreSQL tests skipped (set it to a postgres:// URL to run them)")
	}
	return u
}

// openPostgres is a fresh store in a schema of its own, dropped at
// cleanup, so parallel runs never meet.
func openPostgres(t testing.TB, clock func() time.Time) *store.DB {
	t.Helper()
	base := postgresURL(t)
	ctx := context.Background()
	admin, err := store.Open(ctx, base, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var rnd [6]byte
	rand.Read(rnd[:])
	schema := "gft_" + hex.EncodeToString(rnd[:])
	if _, err := admin.SQL().Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if a, err := store.Open(ctx, base, store.Options{}); err == nil {
			a.SQL().Exec("DROP SCHEMA " + schema + " CASCADE")
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := store.Open(ctx, u.String(), store.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, clock func() time.Time) *store.DB { return openSQLite(t, clock) })
}

func TestPostgres(t *testing.T) {
	postgresURL(t)
	storetest.Run(t, func(t *testing.T, clock func() time.Time) *store.DB { return openPostgres(t, clock) })
}
