package store_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
	"gridflex/store/storetest"
)

// The figures of store/DESIGN.md come from these benchmarks:
//
//	go test -run '^$' -bench 'ConnectionYear|NarrowTable' -benchtime 20x ./store
//
// with GRIDFLEX_TEST_POSTGRES set for the PostgreSQL lines.

// operatorYear is a connection-year (local 2026) of a large connection as
// an operator's export has it: readings in Wh (kWh with three decimals),
// a mean of about 250 kW with a working-day and weekly shape, a slow
// random walk of the level, noise of 1 % of the level per ISP, a zero
// feed-in column, 0.1 % of the readings estimated and one missing day.
func operatorYear(code string, seed uint64) meter.Connection {
	rng := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	n := int(end.Sub(start) / series.ISP)
	c := meter.Connection{EAN: code, Offtake: series.New(start, n), Feedin: series.New(start, n), Estimated: make([]bool, n)}
	level := 1.0
	for i := range n {
		at := start.Add(time.Duration(i) * series.ISP).In(series.Amsterdam)
		h := float64(at.Hour()) + float64(at.Minute())/60
		shape := 0.55
		if wd := at.Weekday(); wd != time.Saturday && wd != time.Sunday {
			shape += 0.6 * math.Max(0, math.Sin((h-6)/13*math.Pi))
		}
		level = math.Min(1.3, math.Max(0.7, level+rng.NormFloat64()*0.002))
		kw := 250 * shape * level * (1 + 0.01*rng.NormFloat64())
		wh := math.Round(kw * store.WhPerKW)
		c.Offtake.KW[i] = float32(wh / store.WhPerKW)
		c.Feedin.KW[i] = 0
		c.Estimated[i] = rng.IntN(1000) == 0
	}
	day := 100 * 96
	for i := day; i < day+96; i++ {
		c.Offtake.KW[i] = float32(math.NaN())
		c.Feedin.KW[i] = float32(math.NaN())
	}
	return c
}

// cpuSeconds is the processor time this process has used, user and
// system: with SQLite in the process it is the figure "on one core" that a
// busy shared machine does not distort the way wall time is.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// backends runs fn for SQLite and, when GRIDFLEX_TEST_POSTGRES is set,
// PostgreSQL.
func backends(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, openSQLite(b, time.Now)) })
	b.Run("postgres", func(b *testing.B) { fn(b, openPostgres(b, time.Now)) })
}

// tableBytes is the space a table takes with its indexes (and, in
// PostgreSQL, its TOAST table).
func tableBytes(b *testing.B, db *store.DB, table string) int64 {
	var n int64
	var err error
	if db.Dialect() == "postgres" {
		err = db.SQL().QueryRow(`SELECT pg_total_relation_size($1::regclass)`, table).Scan(&n)
	} else {
		// dbstat counts the pages of a table and its indexes.
		err = db.SQL().QueryRow(`SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name = ? OR name IN
			(SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?)`, table, table).Scan(&n)
	}
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkConnectionYear imports connection-years ten to a file (each
// iteration one file of ten new connections) and reports the import rate
// and the bytes on disk per connection-year.
func BenchmarkConnectionYear(b *testing.B) {
	backends(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		if err := db.CreateOrganisation(ctx, "bench", store.Organisation{ID: "a", Kind: store.Company}); err != nil {
			b.Fatal(err)
		}
		const perFile = 10
		years := make([]meter.Connection, perFile)
		for k := range years {
			years[k] = operatorYear("", uint64(k))
		}
		file := 0
		var cpu float64
		for b.Loop() {
			b.StopTimer()
			conns := make([]meter.Connection, perFile)
			for k := range conns {
				code := storetest.EAN(file*perFile + k)
				if err := db.CreateConnection(ctx, "bench", store.Connection{EAN: code, Owner: "a"}); err != nil {
					b.Fatal(err)
				}
				conns[k] = years[k]
				conns[k].EAN = code
			}
			b.StartTimer()
			imp := store.MeterImport{FileName: "year.csv", SHA256: fmt.Sprintf("%064x", file), Connections: conns}
			c0 := cpuSeconds()
			if _, err := db.ImportMeter(ctx, "bench", imp); err != nil {
				b.Fatal(err)
			}
			cpu += cpuSeconds() - c0
			file++
		}
		b.ReportMetric(float64(file*perFile)/b.Elapsed().Seconds(), "connection-years/s")
		b.ReportMetric(float64(file*perFile)/cpu, "connection-years/cpu-s")
		b.ReportMetric(float64(tableBytes(b, db, "meter_blocks"))/float64(file*perFile), "bytes/connection-year")
		b.ReportMetric(0, "ns/op")
	})
}

// BenchmarkReadConnectionYear reads one whole connection-year back.
func BenchmarkReadConnectionYear(b *testing.B) {
	backends(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		if err := db.CreateOrganisation(ctx, "bench", store.Organisation{ID: "a", Kind: store.Company}); err != nil {
			b.Fatal(err)
		}
		code := storetest.EAN(1)
		if err := db.CreateConnection(ctx, "bench", store.Connection{EAN: code, Owner: "a"}); err != nil {
			b.Fatal(err)
		}
		year := operatorYear(code, 1)
		if _, err := db.ImportMeter(ctx, "bench", store.MeterImport{FileName: "y", SHA256: fmt.Sprintf("%064x", 1), Connections: []meter.Connection{year}}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		c0 := cpuSeconds()
		for b.Loop() {
			c, err := db.ReadMeter(ctx, store.Scope{Org: "a"}, code, year.Offtake.Start, year.Offtake.End())
			if err != nil || c.Offtake.Len() != year.Offtake.Len() {
				b.Fatal(err)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/connection-year")
		b.ReportMetric((cpuSeconds()-c0)*1000/float64(b.N), "cpu-ms/connection-year")
	})
}

// BenchmarkNarrowTable stores connection-years the usual way, one row per
// ISP, for comparison: a table keyed by an integer connection ID and the
// ISP start, with offtake and feed-in in Wh and a quality code.
func BenchmarkNarrowTable(b *testing.B) {
	backends(b, func(b *testing.B, db *store.DB) {
		ctx := context.Background()
		intType := map[string]string{"sqlite": "INTEGER", "postgres": "BIGINT"}[db.Dialect()]
		if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE meter_narrow (
			connection_id `+intType+` NOT NULL,
			isp_start_us  `+intType+` NOT NULL,
			offtake_wh    INTEGER,
			feedin_wh     INTEGER,
			quality       SMALLINT NOT NULL,
			PRIMARY KEY (connection_id, isp_start_us))`); err != nil {
			b.Fatal(err)
		}
		year := operatorYear("", 1)
		q := `INSERT INTO meter_narrow VALUES (?, ?, ?, ?, ?)`
		if db.Dialect() == "postgres" {
			q = `INSERT INTO meter_narrow VALUES ($1, $2, $3, $4, $5)`
		}
		conn := 0
		for b.Loop() {
			conn++
			tx, err := db.SQL().BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			st, err := tx.Prepare(q)
			if err != nil {
				b.Fatal(err)
			}
			for i := range year.Offtake.KW {
				var off, feed any
				if !year.Offtake.Missing(i) {
					off = int64(math.Round(float64(year.Offtake.KW[i]) * store.WhPerKW))
					feed = int64(0)
				}
				quality := 0
				if year.Estimated[i] {
					quality = 1
				}
				if _, err := st.Exec(conn, year.Offtake.At(i).UnixMicro(), off, feed, quality); err != nil {
					b.Fatal(err)
				}
			}
			st.Close()
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		if db.Dialect() == "postgres" {
			db.SQL().ExecContext(ctx, `VACUUM ANALYZE meter_narrow`)
		}
		b.ReportMetric(float64(conn)/b.Elapsed().Seconds(), "connection-years/s")
		b.ReportMetric(float64(tableBytes(b, db, "meter_narrow"))/float64(conn), "bytes/connection-year")
		b.ReportMetric(float64(tableBytes(b, db, "meter_narrow"))/float64(conn*year.Offtake.Len()), "bytes/ISP")
		b.ReportMetric(0, "ns/op")
	})
}
