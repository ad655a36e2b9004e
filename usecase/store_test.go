package usecase

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
	"gridflex/store/storetest"
)

// TestCheckStoredGroup: a group contract is checked on the summed stored
// data of its members, its months are kept in the store, and a group
// with a member without data is reported, not checked on part of it.
func TestCheckStoredGroup(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "g.db"), store.Options{Clock: func() time.Time { return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a, b, c := storetest.EAN(2), storetest.EAN(3), storetest.EAN(4)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.CreateOrganisation(ctx, "test", store.Organisation{ID: "park", Kind: store.Company}))
	for _, code := range []string{a, b, c} {
		must(db.CreateConnection(ctx, "test", store.Connection{EAN: code, Owner: "park"}))
	}
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, series.Amsterdam).UTC() // a Monday
	var conns []meter.Connection
	for _, code := range []string{a, b} {
		m := meter.Connection{EAN: code, Offtake: series.New(start, 96)}
		for i := range m.Offtake.KW {
			m.Offtake.KW[i] = 400 // 800 kW together: over 600 from 16:00 to 21:00
		}
		conns = append(conns, m)
	}
	_, err = db.ImportMeter(ctx, "test", store.MeterImport{FileName: "m", SHA256: strings.Repeat("1", 64), Connections: conns})
	must(err)
	group := func(name string, members ...string) string {
		return fmt.Sprintf("group: %q\nmembers: [%q, %q]\nterm: {start: 2026-01-01, end: indefinite}\nlimits:\n  - {form: group, max_kw: 600, days: working, from: \"16:00\", to: \"21:00\"}\n", name, members[0], members[1])
	}
	files := fstest.MapFS{
		"ok.yaml":      {Data: []byte(group("noord", a, b))},
		"partial.yaml": {Data: []byte(group("zuid", a, c))},
	}
	for _, name := range []string{"ok.yaml", "partial.yaml"} {
		cs, err := AddContracts(ctx, AddContractsRequest{Store: db, Actor: "test", Files: files, Contract: name, Owner: "park"})
		must(err)
		must(db.SetContractState(ctx, "test", cs[0].ID, 1, store.Signed))
	}
	res, err := CheckStored(ctx, StoredCheckRequest{Store: db, Actor: "test"})
	must(err)
	if len(res) != 2 || res[0].Contract.ID != "noord" || res[1].Contract.ID != "zuid" {
		t.Fatalf("CheckStored checked %+v, want noord and zuid", res)
	}
	if res[0].Err != nil || len(res[0].Result.Violations) == 0 {
		t.Errorf("noord: %v, %d violations; want violations of the summed 800 kW", res[0].Err, len(res[0].Result.Violations))
	}
	if res[1].Err == nil || !strings.Contains(res[1].Err.Error(), c) {
		t.Errorf("zuid: error %v, want member %s named as without data", res[1].Err, c)
	}
	ss, err := db.ListSettlements(ctx, store.All, "noord")
	must(err)
	if len(ss) != 1 || ss[0].Month != "2026-03" || ss[0].Detail.Violations == 0 {
		t.Errorf("stored settlements of noord = %+v, want March 2026 with violations", ss)
	}
}
