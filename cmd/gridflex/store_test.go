package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gridflex/series"
)

// writeMeterCSV writes two local months (July–August 2026) of canonical
// meter data for one connection: kwh per ISP, 30 kWh in 16:00–21:00.
func writeMeterCSV(t *testing.T, path, code string, kwh float64) {
	t.Helper()
	start := time.Date(2026, 7, 1, 0, 0, 0, 0, series.Amsterdam)
	var b strings.Builder
	b.WriteString("ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n")
	for i := range 96 * 62 {
		a := start.Add(time.Duration(i) * series.ISP)
		v := kwh
		if h := a.In(series.Amsterdam).Hour(); h >= 16 && h < 21 {
			v = 30
		}
		fmt.Fprintf(&b, "%s;%s;%s;%.3f;0.000;measured\n", code, a.Format(time.RFC3339), a.Add(series.ISP).Format(time.RFC3339), v)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStoreCommands runs the operator store end to end on a fresh SQLite
// file: organisations, a connection, a meter import (twice: idempotent),
// a contract through its states, a stored check with its settlement, the
// audit chain.
func TestStoreCommands(t *testing.T) {
	dir := t.TempDir()
	db := "--db=" + filepath.Join(dir, "sub", "g.db")
	code := "871687120000000042"
	meterFile := filepath.Join(dir, "m.csv")
	writeMeterCSV(t, meterFile, code, 10)
	steps := []struct {
		args []string
		want string // in stdout
	}{
		{[]string{"db", "status", db}, "pending"},
		{[]string{"db", "migrate", db}, "init"},
		{[]string{"org", "add", "op", "--kind", "grid-operator", db}, "grid-operator"},
		{[]string{"org", "add", "acme", "--kind", "company", db}, "acme"},
		{[]string{"org", "add", "other", "--kind", "company", db}, "other"},
		{[]string{"connection", "add", code, "--owner", "acme", "--offtake-kw", "80", db}, code},
		{[]string{"meter", "import", meterFile, db}, "5952"},
		{[]string{"meter", "import", meterFile, db}, "nothing changed"},
		{[]string{"contract", "add", "../../contract/testdata/example.good.yaml", "--owner", "acme", db}, "proposed"},
		{[]string{"contract", "state", code, "signed", db}, "signed"},
		{[]string{"contract", "check", db}, "254.79"},
		{[]string{"contract", "show", code, db}, "2026-08"},
		{[]string{"contract", "list", "--org", "other", "--format", "csv", db}, "id,version"},
		{[]string{"connection", "show", code, "--format", "json", db}, `"isps": 5952`},
		{[]string{"db", "verify", db}, "none"},
	}
	for _, s := range steps {
		out, _, err := runCLI(t, s.args...)
		if err != nil {
			t.Fatalf("gridflex %s: %v", strings.Join(s.args, " "), err)
		}
		if !strings.Contains(out, s.want) {
			t.Fatalf("gridflex %s printed\n%s\nwant it to contain %q", strings.Join(s.args, " "), out, s.want)
		}
	}
	out, _, err := runCLI(t, "contract", "list", "--org", "other", "--format", "json", db)
	if err != nil {
		t.Fatal(err)
	}
	var none []any
	if err := json.Unmarshal([]byte(out), &none); err != nil || len(none) != 0 {
		t.Errorf("company other sees contracts %s (%v)", out, err)
	}
	if _, _, err := runCLI(t, "connection", "show", code, "--org", "other", db); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("company other reads acme's connection: error %v, want not found", err)
	}
	if _, _, err := runCLI(t, "connection", "add", "871687120000000041", "--owner", "acme", db); err == nil || !strings.Contains(err.Error(), "check digit") {
		t.Errorf("a mistyped EAN: error %v, want the check digit named", err)
	}
}
