package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
	"gridflex/store/storetest"
)

// killEnv carries the child's database to the re-executed test binary.
const killEnv = "GRIDFLEX_STORE_KILL_CHILD_DSN"

// yearOf is a connection-year of readings from January 2026.
func yearOf(code string, kw float32) meter.Connection {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	c := meter.Connection{EAN: code, Offtake: series.New(start, int(end.Sub(start)/series.ISP))}
	for i := range c.Offtake.KW {
		c.Offtake.KW[i] = kw + float32(i%96)
	}
	return c
}

// TestImportKilled runs an import in a child process, SIGKILLs it after
// it has written blocks inside its transaction, and checks that the store
// is exactly as before the import and still takes the same file.
func TestImportKilled(t *testing.T) {
	if dsn := os.Getenv(killEnv); dsn != "" {
		killChild(dsn)
		return
	}
	t.Run("sqlite", func(t *testing.T) {
		dsn := filepath.Join(t.TempDir(), "kill.db")
		db, err := store.Open(context.Background(), dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		killAndCheck(t, db, dsn)
	})
	t.Run("postgres", func(t *testing.T) {
		db := openPostgres(t, time.Now)
		killAndCheck(t, db, schemaURL(t, db))
	})
}

// schemaURL is the URL of the schema db works in.
func schemaURL(t *testing.T, db *store.DB) string {
	var schema string
	if err := db.SQL().QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	u := postgresURL(t)
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "search_path=" + schema
}

var killFile = store.MeterImport{FileName: "year.csv", SHA256: strings.Repeat("ab", 32)}

func killAndCheck(t *testing.T, db *store.DB, dsn string) {
	ctx := context.Background()
	for _, o := range []store.Organisation{{ID: "a", Kind: store.Company}} {
		if err := db.CreateOrganisation(ctx, "test", o); err != nil {
			t.Fatal(err)
		}
	}
	code := storetest.EAN(1)
	if err := db.CreateConnection(ctx, "test", store.Connection{EAN: code, Owner: "a"}); err != nil {
		t.Fatal(err)
	}
	first := yearOf(code, 100)
	if _, err := db.ImportMeter(ctx, "test", store.MeterImport{FileName: "first.csv", SHA256: strings.Repeat("cd", 32), Connections: []meter.Connection{first}}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db, code)

	cmd := exec.Command(os.Args[0], "-test.run=^TestImportKilled$")
	cmd.Env = append(os.Environ(), killEnv+"="+dsn)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "in transaction") {
				ready <- sc.Text()
				return
			}
		}
		ready <- ""
	}()
	select {
	case line := <-ready:
		if line == "" {
			cmd.Wait()
			t.Fatal("child ended without reaching the middle of its import")
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("child did not reach the middle of its import in 60 s")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	// A fresh handle sees what survived the kill.
	again, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if after := snapshot(t, again, code); after != before {
		t.Errorf("after the killed import the store is\n%s\nwant as before\n%s", after, before)
	}
	if bad, _, err := again.VerifyAudit(ctx); err != nil || bad != 0 {
		t.Errorf("VerifyAudit after the kill = %d, %v", bad, err)
	}
	imp := killFile
	imp.Connections = []meter.Connection{yearOf(code, 500)}
	res, err := again.ImportMeter(ctx, "test", imp)
	if err != nil || res.Repeated || res.Blocks != 12 {
		t.Errorf("importing the killed file again = %+v, %v; want 12 blocks written", res, err)
	}
}

// snapshot summarises what an import could change.
func snapshot(t *testing.T, db *store.DB, code string) string {
	ctx := context.Background()
	c, err := db.ReadMeter(ctx, store.All, code, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	for _, v := range c.Offtake.KW {
		sum += float64(v)
	}
	var imports, hist, audit int
	for q, p := range map[string]*int{
		`SELECT COUNT(*) FROM meter_imports`:       &imports,
		`SELECT COUNT(*) FROM meter_block_history`: &hist,
		`SELECT COUNT(*) FROM audit_log`:           &audit,
	} {
		if err := db.SQL().QueryRow(q).Scan(p); err != nil {
			t.Fatal(err)
		}
	}
	return fmt.Sprintf("%d ISPs summing to %.0f kW, %d imports, %d history rows, %d audit rows", c.Offtake.Len(), sum, imports, hist, audit)
}

// killChild imports a new year over the stored one and, after three
// blocks are written, says so and waits to be killed.
func killChild(dsn string) {
	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	n := 0
	store.SetHook(db, func(string) {
		if n++; n == 3 {
			fmt.Println("in transaction")
			time.Sleep(time.Hour)
		}
	})
	imp := killFile
	imp.Connections = []meter.Connection{yearOf(storetest.EAN(1), 500)}
	_, err = db.ImportMeter(context.Background(), "child", imp)
	fmt.Println("import finished:", err)
	os.Exit(3)
}
