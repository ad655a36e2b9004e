package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"gridflex/store"
)

// PostgresEnv names the variable that holds the URL of a PostgreSQL server
// for tests; without it PostgreSQL tests skip.
const PostgresEnv = "GRIDFLEX_TEST_POSTGRES"

// PostgresURL is $GRIDFLEX_TEST_POSTGRES, or a skip with a message.
func PostgresURL(t testing.TB) string {
	u := os.Getenv(PostgresEnv)
	if u == "" {
		t.Skip(PostgresEnv + " is not set: PostgreSQL tests skipped (set it to a postgres:// URL to run them)")
	}
	return u
}

// OpenPostgres is a fresh, migrated store in a schema of its own, dropped
// at cleanup, so parallel test runs (the store's, the server's) never meet.
func OpenPostgres(t testing.TB, clock func() time.Time) *store.DB {
	t.Helper()
	base := PostgresURL(t)
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
