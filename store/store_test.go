package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gridflex/meter"
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

// postgresURL and openPostgres are storetest's, shared with the server's
// tests.
func postgresURL(t testing.TB) string { return storetest.PostgresURL(t) }

func openPostgres(t testing.TB, clock func() time.Time) *store.DB {
	return storetest.OpenPostgres(t, clock)
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, clock func() time.Time) *store.DB { return openSQLite(t, clock) })
}

func TestPostgres(t *testing.T) {
	postgresURL(t)
	storetest.Run(t, func(t *testing.T, clock func() time.Time) *store.DB { return openPostgres(t, clock) })
}

// TestSQLiteTwoHandles: two handles on one file (as two processes would
// have) import at the same time; WAL, immediate transactions and the busy
// timeout let both finish, and the audit chain stays one chain.
func TestSQLiteTwoHandles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "two.db")
	var dbs [2]*store.DB
	for i := range dbs {
		db, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		dbs[i] = db
	}
	if err := dbs[0].CreateOrganisation(ctx, "test", store.Organisation{ID: "a", Kind: store.Company}); err != nil {
		t.Fatal(err)
	}
	const perHandle = 4
	errs := make(chan error, 2*perHandle)
	var wg sync.WaitGroup
	for h, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range perHandle {
				code := storetest.EAN(10*h + k)
				if err := db.CreateConnection(ctx, "test", store.Connection{EAN: code, Owner: "a"}); err != nil {
					errs <- err
					return
				}
				sum := sha256.Sum256([]byte(code))
				_, err := db.ImportMeter(ctx, "test", store.MeterImport{FileName: code, SHA256: hex.EncodeToString(sum[:]),
					Connections: []meter.Connection{yearOf(code, float32(k))}})
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	bad, rows, err := dbs[1].VerifyAudit(ctx)
	if err != nil || bad != 0 || rows != 1+2*2*perHandle {
		t.Errorf("VerifyAudit = first bad %d, %d rows, %v; want intact, %d rows", bad, rows, err, 1+2*2*perHandle)
	}
	var blocks int
	if err := dbs[0].SQL().QueryRow(`SELECT COUNT(*) FROM meter_blocks`).Scan(&blocks); err != nil || blocks != 2*perHandle*12 {
		t.Errorf("%d blocks stored, want %d (%v)", blocks, 2*perHandle*12, err)
	}
}
