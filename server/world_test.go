package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
	"gridflex/store/storetest"
)

var bg = context.Background()

var storeAll = store.All

// opener makes a fresh, migrated store for a test.
type opener func(t testing.TB) store.Store

func openSQLite(t testing.TB) store.Store {
	t.Helper()
	db, err := store.Open(bg, filepath.Join(t.TempDir(), "gridflex.db"), store.Options{Clock: storetest.NewClock(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)).Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(bg); err != nil {
		t.Fatal(err)
	}
	return db
}

// openPostgres is a store in a schema of its own, dropped at cleanup (the
// store's own tests use the same opener), or a skip without
// GRIDFLEX_TEST_POSTGRES.
func openPostgres(t testing.TB) store.Store {
	t.Helper()
	return storetest.OpenPostgres(t, storetest.NewClock(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)).Now)
}

// forEachStore runs f on SQLite, and on PostgreSQL when configured.
func forEachStore(t *testing.T, f func(t *testing.T, open opener)) {
	t.Run("sqlite", func(t *testing.T) { f(t, openSQLite) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres) })
}

// The world every server test uses: two grid operators (op runs zwolle,
// op2 runs elsewhere), companies a and b, a CSP representing a's
// connection. a's connection A is in zwolle under a contract with the CSP;
// b's connection B is in elsewhere under a contract without one. Both
// have a July day of meter data and a stored settlement month.
var (
	eanA = storetest.EAN(1)
	eanB = storetest.EAN(2)
)

// The callers, one user each; "" is no token.
const (
	opAdmin   = "op-admin"
	opAnalyst = "op-analyst"
	op2Admin  = "op2-admin"
	cspUser   = "csp-user"
	aUser     = "a-user"
	bUser     = "b-user"
	anonymous = ""
)

var callers = []string{opAdmin, opAnalyst, op2Admin, cspUser, aUser, bUser, anonymous}

type world struct {
	db     store.Store
	srv    *Server
	url    string
	tokens map[string]string
	// raw skips the document check (benchmarks measure the server).
	raw bool
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func contractYAML(code string) []byte {
	return fmt.Appendf(nil, `connection: "%s"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: time-block
    days: working
    from: "16:00"
    to: "21:00"
    max_kw: 300
compensation: {fixed_eur_per_kw_year: 20}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 50}
`, code)
}

func newWorld(t testing.TB, open opener) *world {
	t.Helper()
	db := open(t)
	cli := store.Actor("test")
	for _, o := range []store.Organisation{
		{ID: "op", Name: "Netbeheer", Kind: store.GridOperator}, {ID: "op2", Name: "Other grid", Kind: store.GridOperator},
		{ID: "a", Name: "Company A", Kind: store.Company}, {ID: "b", Name: "Company B", Kind: store.Company},
		{ID: "csp", Name: "Aggregator", Kind: store.CSP},
	} {
		must(t, db.CreateOrganisation(bg, cli, o))
	}
	must(t, db.CreateArea(bg, cli, store.Area{ID: "zwolle", Name: "Zwolle", Operator: "op", Station: "Hessenweg", OfftakeKW: 40000, FeedinKW: 20000}))
	must(t, db.CreateArea(bg, cli, store.Area{ID: "elsewhere", Name: "Elsewhere", Operator: "op2", Station: "X", OfftakeKW: 1000, FeedinKW: 1000}))
	must(t, db.CreateConnection(bg, cli, store.Connection{EAN: eanA, Area: "zwolle", Owner: "a", OfftakeKW: 1000, FeedinKW: 500}))
	must(t, db.CreateConnection(bg, cli, store.Connection{EAN: eanB, Area: "elsewhere", Owner: "b", OfftakeKW: 800}))
	for _, k := range []struct{ code, owner, csp string }{{eanA, "a", "csp"}, {eanB, "b", ""}} {
		src := contractYAML(k.code)
		p, err := contract.Parse(k.code+".yaml", src, nil)
		must(t, err)
		_, err = db.AddContract(bg, cli, store.NewContract{Owner: k.owner, CSP: k.csp, FileName: k.code + ".yaml", Source: src, Parsed: p})
		must(t, err)
		must(t, db.PutSettlements(bg, cli, k.code, 1, []contract.Settlement{{Period: "2026-07", Kind: "month", Violations: 1, PenaltyEUR: 50, NetEUR: -10}}))
		day := time.Date(2026, 7, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
		m := meter.Connection{EAN: k.code, Offtake: series.New(day, 96)}
		for i := range m.Offtake.KW {
			m.Offtake.KW[i] = float32(100 + i)
		}
		m.Offtake.KW[5] = float32(nan())
		sum := sha256.Sum256([]byte(k.code))
		_, err = db.ImportMeter(bg, cli, store.MeterImport{FileName: k.code + ".csv", SHA256: hex.EncodeToString(sum[:]), Connections: []meter.Connection{m}})
		must(t, err)
	}
	w := &world{db: db, tokens: map[string]string{}}
	for _, u := range []struct {
		id, org string
		role    store.Role
	}{{opAdmin, "op", store.RoleAdmin}, {opAnalyst, "op", store.RoleAnalyst}, {op2Admin, "op2", store.RoleAdmin},
		{cspUser, "csp", store.RoleCSP}, {aUser, "a", store.RoleCompany}, {bUser, "b", store.RoleCompany}} {
		must(t, db.CreateUser(bg, cli, store.User{ID: u.id, Org: u.org, Name: u.id, Email: u.id + "@example.test", Role: u.role}))
		secret := "secret-of-" + u.id + "-0123456789abcdefghijklmnopqrstuvwxyz"
		must(t, db.CreateToken(bg, cli, store.Token{ID: "t-" + u.id, User: u.id}, secret))
		w.tokens[u.id] = secret
	}
	w.srv = New(Config{Store: db})
	ts := httptest.NewServer(w.srv.Handler())
	t.Cleanup(ts.Close)
	w.url = ts.URL
	return w
}

func nan() float64 { var z float64; return z / z }

// response is one answer, its body read.
type response struct {
	status int
	ctype  string
	body   []byte
}

// do sends a request as who to the route pattern (method and path
// template) with its wildcards filled in; every JSON answer is checked
// against the OpenAPI document for that route and status.
func (w *world) do(t testing.TB, who, method, pattern, path string, body any) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		switch b := body.(type) {
		case []byte:
			rd = bytes.NewReader(b)
		case string:
			rd = bytes.NewReader([]byte(b))
		default:
			t.Fatalf("body of type %T", body)
		}
	}
	req, err := http.NewRequestWithContext(bg, method, w.url+path, rd)
	must(t, err)
	if who != anonymous {
		req.Header.Set("Authorization", "Bearer "+w.tokens[who])
	}
	res, err := http.DefaultClient.Do(req)
	must(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	must(t, err)
	r := response{status: res.StatusCode, ctype: res.Header.Get("Content-Type"), body: b}
	if !w.raw {
		checkAgainstDoc(t, method, pattern, r)
	}
	return r
}
