package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
)

// A SQLite store in a file: migrate, register who owns a connection,
// import a day of readings, read them back as a company sees them.
func Example() {
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }
	db, err := store.Open(ctx, filepath.Join(dir, "gridflex.db"), store.Options{Clock: clock})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer db.Close()
	applied, _ := db.Migrate(ctx)
	fmt.Println("migrations applied:", len(applied))

	const code = "871687120000000042"
	db.CreateOrganisation(ctx, "cli:example", store.Organisation{ID: "acme", Name: "Acme", Kind: store.Company})
	db.CreateConnection(ctx, "cli:example", store.Connection{EAN: code, Owner: "acme", OfftakeKW: 80})

	day := meter.Connection{EAN: code, Offtake: series.New(time.Date(2026, 4, 30, 22, 0, 0, 0, time.UTC), 96)}
	for i := range day.Offtake.KW {
		day.Offtake.KW[i] = 40
	}
	res, _ := db.ImportMeter(ctx, "cli:example", store.MeterImport{FileName: "day.csv",
		SHA256: "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", Connections: []meter.Connection{day}})
	fmt.Println("readings stored:", res.ISPs, "in", res.Blocks, "connection-month")

	got, _ := db.ReadMeter(ctx, store.Scope{Org: "acme"}, code, day.Offtake.Start, day.Offtake.End())
	kwh, missing := got.Offtake.TotalKWh()
	fmt.Printf("read back: %d ISPs, %.0f kWh, %d missing\n", got.Offtake.Len(), kwh, missing)
	_, err = db.ReadMeter(ctx, store.Scope{Org: "someone-else"}, code, time.Time{}, time.Time{})
	fmt.Println("another organisation:", err)
	// Output:
	// migrations applied: 1
	// readings stored: 96 in 1 connection-month
	// read back: 96 ISPs, 960 kWh, 0 missing
	// another organisation: connection "871687120000000042": not found
}
