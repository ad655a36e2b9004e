// Package storetest is the conformance suite every store back-end passes:
// Run(t, open) runs the same tests against SQLite and PostgreSQL.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"gridflex/ean"
	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
)

// Opener returns a new, empty, migrated store whose clock is clock; the
// test's cleanup closes and removes it.
type Opener func(t *testing.T, clock func() time.Time) *store.DB

// Clock is a test clock that moves one second per reading.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time and advances it.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Second)
	return c.now
}

// EAN returns a valid connection EAN numbered n.
func EAN(n int) string {
	code, err := ean.Complete(fmt.Sprintf("8716859%010d", n))
	if err != nil {
		panic(err)
	}
	return code
}

// Run runs the conformance suite.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"Migrate", testMigrate},
		{"Entities", testEntities},
		{"Scope", testScope},
		{"Contracts", testContracts},
		{"Requests", testRequests},
		{"Accounts", testAccounts},
		{"Jobs", testJobs},
		{"MeterRoundTrip", testMeterRoundTrip},
		{"MeterCorrection", testMeterCorrection},
		{"MeterIdempotent", testMeterIdempotent},
		{"MeterRefused", testMeterRefused},
		{"Audit", testAudit},
		{"ConcurrentWriters", testConcurrent},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

var ctx = context.Background()

const cli store.Actor = "test"

// world is a small market: one operator with one area, two companies with
// a connection each, one CSP representing company A's contract.
type world struct {
	db         *store.DB
	eanA, eanB string
}

func newWorld(t *testing.T, open Opener) world {
	t.Helper()
	db := open(t, NewClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)).Now)
	w := world{db: db, eanA: EAN(1), eanB: EAN(2)}
	must(t, db.CreateOrganisation(ctx, cli, store.Organisation{ID: "op", Name: "Netbeheer", Kind: store.GridOperator}))
	must(t, db.CreateOrganisation(ctx, cli, store.Organisation{ID: "op2", Name: "Other grid", Kind: store.GridOperator}))
	must(t, db.CreateOrganisation(ctx, cli, store.Organisation{ID: "a", Name: "Company A", Kind: store.Company}))
	must(t, db.CreateOrganisation(ctx, cli, store.Organisation{ID: "b", Name: "Company B", Kind: store.Company}))
	must(t, db.CreateOrganisation(ctx, cli, store.Organisation{ID: "csp", Name: "Aggregator", Kind: store.CSP}))
	must(t, db.CreateArea(ctx, cli, store.Area{ID: "zwolle", Name: "Zwolle", Operator: "op", Station: "Hessenweg", OfftakeKW: 40000, FeedinKW: 20000}))
	must(t, db.CreateArea(ctx, cli, store.Area{ID: "elsewhere", Name: "Elsewhere", Operator: "op2", Station: "X", OfftakeKW: 1000, FeedinKW: 1000}))
	must(t, db.CreateConnection(ctx, cli, store.Connection{EAN: w.eanA, Area: "zwolle", Owner: "a", OfftakeKW: 1000, FeedinKW: 500}))
	must(t, db.CreateConnection(ctx, cli, store.Connection{EAN: w.eanB, Area: "elsewhere", Owner: "b", OfftakeKW: 800}))
	return w
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, what string, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", what, err, want)
	}
}

func testMigrate(t *testing.T, open Opener) {
	db := open(t, time.Now)
	again, err := db.Migrate(ctx)
	must(t, err)
	if len(again) != 0 {
		t.Errorf("second Migrate applied %v, want nothing", again)
	}
	st, err := db.Status(ctx)
	must(t, err)
	if len(st) == 0 {
		t.Fatal("Status lists no migrations")
	}
	for _, m := range st {
		if m.Applied.IsZero() {
			t.Errorf("migration %d %s not applied", m.Version, m.Name)
		}
	}
}

func testEntities(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	a, err := db.GetArea(ctx, store.All, "zwolle")
	must(t, err)
	if a.Status != store.AreaCongested || a.OfftakeKW != 40000 || a.Operator != "op" || a.Created.IsZero() {
		t.Errorf("GetArea = %+v", a)
	}
	wantErr(t, "duplicate area", db.CreateArea(ctx, cli, store.Area{ID: "zwolle", Operator: "op"}), store.ErrExists)
	wantErr(t, "area run by a company", db.CreateArea(ctx, cli, store.Area{ID: "x", Operator: "a"}), store.ErrInvalid)
	wantErr(t, "negative capacity", db.CreateArea(ctx, cli, store.Area{ID: "y", Operator: "op", OfftakeKW: -1}), store.ErrInvalid)
	wantErr(t, "unknown area", func() error { _, err := db.GetArea(ctx, store.All, "nope"); return err }(), store.ErrNotFound)
	must(t, db.SetAreaStatus(ctx, cli, "zwolle", store.AreaLifted))
	if a, _ := db.GetArea(ctx, store.All, "zwolle"); a.Status != store.AreaLifted {
		t.Errorf("status after SetAreaStatus = %s, want lifted", a.Status)
	}
	bad := w.eanA[:17] + string('0'+(w.eanA[17]-'0'+1)%10)
	wantErr(t, "bad check digit", db.CreateConnection(ctx, cli, store.Connection{EAN: bad, Owner: "a"}), store.ErrInvalid)
	wantErr(t, "duplicate connection", db.CreateConnection(ctx, cli, store.Connection{EAN: w.eanA, Owner: "a"}), store.ErrExists)
	wantErr(t, "unknown owner", db.CreateConnection(ctx, cli, store.Connection{EAN: EAN(9), Owner: "nobody"}), store.ErrNotFound)
	cs, err := db.ListConnections(ctx, store.All)
	must(t, err)
	if len(cs) != 2 || cs[0].EAN != w.eanA || cs[0].Area != "zwolle" || cs[1].Area != "elsewhere" {
		t.Errorf("ListConnections = %+v", cs)
	}
	orgs, err := db.ListOrganisations(ctx)
	must(t, err)
	if len(orgs) != 5 {
		t.Errorf("ListOrganisations = %d organisations, want 5", len(orgs))
	}
}

// testScope: a company sees only its own connections, contracts and
// meter data; an operator those in its areas; a CSP those it represents.
func testScope(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	addContract(t, db, w.eanA, "a", "csp")
	addContract(t, db, w.eanB, "b", "")
	importMonth(t, db, "m1", w.eanA, 2026, time.March, 100)
	importMonth(t, db, "m2", w.eanB, 2026, time.March, 200)
	type sees struct {
		conns, contracts, areas []string
	}
	for _, tc := range []struct {
		org  string
		want sees
	}{
		{"a", sees{[]string{w.eanA}, []string{w.eanA}, []string{"zwolle"}}},
		{"b", sees{[]string{w.eanB}, []string{w.eanB}, []string{"elsewhere"}}},
		{"op", sees{[]string{w.eanA}, []string{w.eanA}, []string{"zwolle"}}},
		{"op2", sees{[]string{w.eanB}, []string{w.eanB}, []string{"elsewhere"}}},
		{"csp", sees{[]string{w.eanA}, []string{w.eanA}, nil}},
		{"", sees{[]string{w.eanA, w.eanB}, []string{w.eanA, w.eanB}, []string{"elsewhere", "zwolle"}}},
	} {
		t.Run("org="+tc.org, func(t *testing.T) {
			sc := store.Scope{Org: tc.org}
			cs, err := db.ListConnections(ctx, sc)
			must(t, err)
			ks, err := db.ListContracts(ctx, sc)
			must(t, err)
			as, err := db.ListAreas(ctx, sc)
			must(t, err)
			got := sees{}
			for _, c := range cs {
				got.conns = append(got.conns, c.EAN)
			}
			for _, k := range ks {
				got.contracts = append(got.contracts, k.ID)
			}
			for _, a := range as {
				got.areas = append(got.areas, a.ID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("scope %q sees %v, want %v", tc.org, got, tc.want)
			}
			for _, code := range []string{w.eanA, w.eanB} {
				visible := false
				for _, c := range tc.want.conns {
					visible = visible || c == code
				}
				_, errC := db.GetConnection(ctx, sc, code)
				_, errK := db.GetContract(ctx, sc, code, 0)
				_, errM := db.ReadMeter(ctx, sc, code, time.Time{}, time.Time{})
				_, errS := db.ListSettlements(ctx, sc, code)
				for i, err := range []error{errC, errK, errM} {
					if visible && err != nil {
						t.Errorf("scope %q: read %d of %s: %v", tc.org, i, code, err)
					}
					if !visible && !errors.Is(err, store.ErrNotFound) {
						t.Errorf("scope %q: read %d of %s: error %v, want not found", tc.org, i, code, err)
					}
				}
				must(t, errS)
			}
		})
	}
}

// month returns a connection's readings for a whole local month, value
// kW at every ISP plus the ISP index.
func month(code string, year int, m time.Month, kw float32) meter.Connection {
	start := time.Date(year, m, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	end := time.Date(year, m+1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	c := meter.Connection{EAN: code, Offtake: series.New(start, int(end.Sub(start)/series.ISP))}
	for i := range c.Offtake.KW {
		c.Offtake.KW[i] = kw + float32(i%96)
	}
	return c
}

func importMonth(t *testing.T, db *store.DB, sha string, code string, year int, m time.Month, kw float32) store.ImportResult {
	t.Helper()
	res, err := db.ImportMeter(ctx, cli, store.MeterImport{FileName: sha + ".csv", SHA256: fakeSHA(sha), Connections: []meter.Connection{month(code, year, m, kw)}})
	must(t, err)
	return res
}

// fakeSHA stands for the hash of a file named by s.
func fakeSHA(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func equalSeries(a, b series.Series) bool {
	if !a.Start.Equal(b.Start) || a.Len() != b.Len() {
		return false
	}
	for i := range a.KW {
		if a.Missing(i) != b.Missing(i) || (!a.Missing(i) && math.Abs(float64(a.KW[i]-b.KW[i])) > 0.002) {
			return false
		}
	}
	return true
}
