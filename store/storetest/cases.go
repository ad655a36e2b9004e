package storetest

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
)

// contractYAML is a minimal time-block contract for connection code.
func contractYAML(code string, maxKW int) []byte {
	return fmt.Appendf(nil, `connection: "%s"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: time-block
    days: working
    from: "16:00"
    to: "21:00"
    max_kw: %d
compensation: {fixed_eur_per_kw_year: 20}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 50}
`, code, maxKW)
}

func addContract(t *testing.T, db *store.DB, code, owner, csp string) store.Contract {
	t.Helper()
	src := contractYAML(code, 300)
	p, err := contract.Parse(code+".yaml", src, nil)
	must(t, err)
	c, err := db.AddContract(ctx, cli, store.NewContract{Owner: owner, CSP: csp, FileName: code + ".yaml", Source: src, Parsed: p})
	must(t, err)
	return c
}

func testContracts(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	c1 := addContract(t, db, w.eanA, "a", "csp")
	if c1.Version != 1 || c1.State != store.Proposed || c1.Parsed.BaseKW != 500 || c1.TermStart != "2026-01-01" || c1.Parsed.Forms[0] != "time-block" {
		t.Errorf("AddContract = %+v", c1)
	}
	c2 := addContract(t, db, w.eanA, "a", "csp")
	if c2.Version != 2 {
		t.Errorf("second AddContract version %d, want 2", c2.Version)
	}
	got, err := db.GetContract(ctx, store.All, w.eanA, 0)
	must(t, err)
	if got.Version != 2 || string(got.Source) != string(contractYAML(w.eanA, 300)) {
		t.Errorf("GetContract latest = version %d, source %q", got.Version, got.Source)
	}
	p, err := got.Parse()
	must(t, err)
	if p.Connection != w.eanA {
		t.Errorf("stored contract parses to connection %s, want %s", p.Connection, w.eanA)
	}
	for _, step := range []store.ContractState{store.Signed, store.Active, store.Ended} {
		must(t, db.SetContractState(ctx, cli, w.eanA, 1, step))
	}
	wantErr(t, "ended → active", db.SetContractState(ctx, cli, w.eanA, 1, store.Active), store.ErrInvalid)
	wantErr(t, "proposed → active", db.SetContractState(ctx, cli, w.eanA, 2, store.Active), store.ErrInvalid)
	must(t, db.SetContractState(ctx, cli, w.eanA, 2, store.OptedOut))
	wantErr(t, "csp that is a company", func() error {
		_, err := db.AddContract(ctx, cli, store.NewContract{Owner: "a", CSP: "b", FileName: "x", Source: contractYAML(w.eanA, 1), Parsed: p})
		return err
	}(), store.ErrInvalid)

	months := []contract.Settlement{
		{Period: "2026-03", Kind: "month", Violations: 2, PenaltyEUR: 100, NetEUR: -50, CompensationEUR: 50},
		{Period: "year 1", Kind: "contract-year"},
	}
	must(t, db.PutSettlements(ctx, cli, w.eanA, 2, months))
	months[0].Violations = 3
	must(t, db.PutSettlements(ctx, cli, w.eanA, 2, months[:1]))
	ss, err := db.ListSettlements(ctx, store.All, w.eanA)
	must(t, err)
	if len(ss) != 1 || ss[0].Month != "2026-03" || ss[0].Detail.Violations != 3 || ss[0].Owner != "a" {
		t.Errorf("ListSettlements = %+v, want one month with 3 violations", ss)
	}
	if ss, _ := db.ListSettlements(ctx, store.Scope{Org: "b"}, w.eanA); len(ss) != 0 {
		t.Errorf("company b sees a's settlements: %+v", ss)
	}
}

func testRequests(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	t0 := time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)
	must(t, db.AddRequest(ctx, cli, store.Request{ID: "r2", Area: "zwolle", Requester: "b", Direction: "offtake", CapacityKW: 300, Requested: t0.Add(time.Hour)}))
	must(t, db.AddRequest(ctx, cli, store.Request{ID: "r1", Area: "zwolle", Requester: "a", Connection: w.eanA, Direction: "feedin", CapacityKW: 200, Requested: t0}))
	wantErr(t, "unknown area", db.AddRequest(ctx, cli, store.Request{ID: "r3", Area: "nope", Requester: "a", Direction: "offtake"}), store.ErrNotFound)
	wantErr(t, "bad direction", db.AddRequest(ctx, cli, store.Request{ID: "r4", Area: "zwolle", Requester: "a", Direction: "up"}), store.ErrInvalid)
	rs, err := db.ListRequests(ctx, store.All, "zwolle")
	must(t, err)
	if len(rs) != 2 || rs[0].ID != "r1" || rs[1].ID != "r2" || rs[0].Status != store.Waiting || !rs[0].Requested.Equal(t0) {
		t.Errorf("ListRequests = %+v, want r1 then r2, waiting", rs)
	}
	if rs, _ := db.ListRequests(ctx, store.Scope{Org: "a"}, "zwolle"); len(rs) != 1 || rs[0].ID != "r1" {
		t.Errorf("company a sees requests %+v, want only r1", rs)
	}
	if rs, _ := db.ListRequests(ctx, store.Scope{Org: "op"}, ""); len(rs) != 2 {
		t.Errorf("operator sees %d requests, want 2", len(rs))
	}
	must(t, db.SetRequestStatus(ctx, cli, "r1", store.Offered))
	must(t, db.SetRequestStatus(ctx, cli, "r1", store.Granted))
	wantErr(t, "granted → waiting", db.SetRequestStatus(ctx, cli, "r1", store.Waiting), store.ErrInvalid)
}

func testAccounts(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	must(t, db.CreateUser(ctx, cli, store.User{ID: "u1", Org: "a", Name: "Ann", Email: "ann@a.example", Role: store.RoleCompany}))
	wantErr(t, "duplicate e-mail", db.CreateUser(ctx, cli, store.User{ID: "u2", Org: "a", Email: "ann@a.example", Role: store.RoleCompany}), store.ErrExists)
	wantErr(t, "bad role", db.CreateUser(ctx, cli, store.User{ID: "u3", Org: "a", Email: "x", Role: "boss"}), store.ErrInvalid)
	secret := strings.Repeat("s3cr3t-", 6)
	must(t, db.CreateToken(ctx, cli, store.Token{ID: "t1", User: "u1"}, secret))
	u, err := db.TokenUser(ctx, secret)
	must(t, err)
	if u.ID != "u1" || u.Org != "a" {
		t.Errorf("TokenUser = %+v", u)
	}
	wantErr(t, "short secret", db.CreateToken(ctx, cli, store.Token{ID: "t2", User: "u1"}, "short"), store.ErrInvalid)
	_, err = db.TokenUser(ctx, secret+"x")
	wantErr(t, "unknown token", err, store.ErrNotFound)
	must(t, db.RevokeToken(ctx, cli, "t1"))
	_, err = db.TokenUser(ctx, secret)
	wantErr(t, "revoked token", err, store.ErrNotFound)
	var n int
	must(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM api_tokens WHERE hash LIKE '%s3cr3t%'`).Scan(&n))
	if n != 0 {
		t.Error("the token secret is stored in clear")
	}
	pub, _, _ := ed25519.GenerateKey(nil)
	must(t, db.PutParticipant(ctx, cli, store.Participant{Domain: "dso.example", Role: "DSO", PublicKey: pub}))
	must(t, db.PutParticipant(ctx, cli, store.Participant{Domain: "dso.example", Role: "DSO", PublicKey: pub}))
	wantErr(t, "short key", db.PutParticipant(ctx, cli, store.Participant{Domain: "x", Role: "AGR", PublicKey: pub[:5]}), store.ErrInvalid)
	ps, err := db.ListParticipants(ctx)
	must(t, err)
	if len(ps) != 1 || string(ps[0].PublicKey) != string(pub) {
		t.Errorf("ListParticipants = %+v", ps)
	}
}

func testJobs(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	must(t, db.CreateJob(ctx, cli, store.Job{ID: "j1", Owner: "a", Kind: "check"}))
	must(t, db.CreateJob(ctx, cli, store.Job{ID: "j2", Owner: "b", Kind: "import"}))
	j, err := db.GetJob(ctx, store.Scope{Org: "a"}, "j1")
	must(t, err)
	j.State, j.Progress, j.Attempts, j.Result = store.JobDone, 1, 1, `{"ok":true}`
	must(t, db.UpdateJob(ctx, cli, j))
	_, err = db.GetJob(ctx, store.Scope{Org: "a"}, "j2")
	wantErr(t, "another's job", err, store.ErrNotFound)
	wantErr(t, "progress 2", db.UpdateJob(ctx, cli, store.Job{ID: "j1", State: store.JobDone, Progress: 2}), store.ErrInvalid)
	queued, err := db.ListJobs(ctx, store.All, store.JobQueued)
	must(t, err)
	if len(queued) != 1 || queued[0].ID != "j2" {
		t.Errorf("queued jobs = %+v, want j2", queued)
	}
	done, _ := db.GetJob(ctx, store.All, "j1")
	if done.State != store.JobDone || done.Result != `{"ok":true}` || done.Attempts != 1 {
		t.Errorf("job after UpdateJob = %+v", done)
	}
}

// testMeterRoundTrip: readings come back as imported, across the DST
// months (March 2026 has a 92-ISP day, October a 100-ISP day), with
// feed-in, missing ISPs and estimated flags.
func testMeterRoundTrip(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	start := time.Date(2026, 3, 20, 0, 0, 0, 0, series.Amsterdam).UTC()
	end := time.Date(2026, 11, 3, 0, 0, 0, 0, series.Amsterdam).UTC()
	n := int(end.Sub(start) / series.ISP)
	c := meter.Connection{EAN: w.eanA, Offtake: series.New(start, n), Feedin: series.New(start, n), Estimated: make([]bool, n)}
	for i := range n {
		c.Offtake.KW[i] = float32(400 + i%96*3 - i%7)
		c.Feedin.KW[i] = float32(max(0, i%96-40) * 2)
		c.Estimated[i] = i%1000 == 3
	}
	c.Offtake.KW[17] = float32(nanF())
	c.Feedin.KW[18] = float32(nanF())
	res, err := db.ImportMeter(ctx, cli, store.MeterImport{FileName: "a.csv", SHA256: fakeSHA("a"), Connections: []meter.Connection{c}, Report: map[string]int{"rows": n}})
	must(t, err)
	if res.ISPs != n || res.ChangedISPs < n || res.Blocks != 9 {
		t.Errorf("ImportMeter = %+v, want %d ISPs in 9 months", res, n)
	}
	got, err := db.ReadMeter(ctx, store.All, w.eanA, start, end)
	must(t, err)
	if !equalSeries(got.Offtake, c.Offtake) || !equalSeries(got.Feedin, c.Feedin) {
		t.Errorf("ReadMeter does not return the imported readings")
	}
	for i := range n {
		if (got.Estimated != nil && got.Estimated[i]) != c.Estimated[i] {
			t.Fatalf("estimated flag of ISP %d = %v, want %v", i, !c.Estimated[i], c.Estimated[i])
		}
	}
	whole, err := db.ReadMeter(ctx, store.All, w.eanA, time.Time{}, time.Time{})
	must(t, err)
	if want := time.Date(2026, 3, 1, 0, 0, 0, 0, series.Amsterdam).UTC(); !whole.Offtake.Start.Equal(want) || !whole.Offtake.End().Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, series.Amsterdam).UTC()) {
		t.Errorf("ReadMeter(all) spans %s–%s, want whole months from %s", whole.Offtake.Start, whole.Offtake.End(), want)
	}
	march := month(w.eanB, 2026, time.March, 10)
	if march.Offtake.Len() != 31*96-4 {
		t.Errorf("March 2026 has %d ISPs, want %d", march.Offtake.Len(), 31*96-4)
	}
}

func nanF() float64 { var z float64; return z / z }

// testMeterCorrection: a corrected file replaces exactly its ISPs, and the
// month as it was stays in history.
func testMeterCorrection(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	importMonth(t, db, "orig", w.eanA, 2026, time.October, 100)
	orig := month(w.eanA, 2026, time.October, 100)
	fix := meter.Connection{EAN: w.eanA, Offtake: series.New(orig.Offtake.At(500), 3)}
	fix.Offtake.KW[0], fix.Offtake.KW[1] = 7, 8
	fix.Offtake.KW[2] = orig.Offtake.KW[502] // unchanged
	res, err := db.ImportMeter(ctx, cli, store.MeterImport{FileName: "fix.csv", SHA256: fakeSHA("fix"), Connections: []meter.Connection{fix}})
	must(t, err)
	if res.ISPs != 3 || res.ChangedISPs != 2 || res.Blocks != 1 {
		t.Errorf("correction = %+v, want 3 ISPs read, 2 changed, 1 block", res)
	}
	got, err := db.ReadMeter(ctx, store.All, w.eanA, orig.Offtake.Start, orig.Offtake.End())
	must(t, err)
	want := orig.Offtake
	want.KW = append([]float32(nil), want.KW...)
	want.KW[500], want.KW[501] = 7, 8
	if !equalSeries(got.Offtake, want) {
		t.Error("after the correction the month is not the original with ISPs 500 and 501 replaced")
	}
	hist, err := db.MeterHistory(ctx, store.All, w.eanA)
	must(t, err)
	if len(hist) != 1 || hist[0].Version != 1 || hist[0].SupersededBy != res.ID || !equalSeries(hist[0].Data.Offtake, orig.Offtake) {
		t.Errorf("history = %d revisions, want the original month as version 1", len(hist))
	}
	if hist[0].Data.Offtake.Len() != 31*96+4 {
		t.Errorf("October 2026 has %d ISPs, want %d", hist[0].Data.Offtake.Len(), 31*96+4)
	}
}

// testMeterIdempotent: the same file twice changes nothing; the same
// readings under another name change nothing either.
func testMeterIdempotent(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	first := importMonth(t, db, "f", w.eanA, 2026, time.May, 50)
	audit, _ := db.ListAudit(ctx, 0, 0)
	again := importMonth(t, db, "f", w.eanA, 2026, time.May, 50)
	if !again.Repeated || again.ID != first.ID {
		t.Errorf("second import of the same file = %+v, want repeated import %d", again, first.ID)
	}
	if after, _ := db.ListAudit(ctx, 0, 0); len(after) != len(audit) {
		t.Errorf("a repeated import wrote %d audit rows", len(after)-len(audit))
	}
	copyRes := importMonth(t, db, "f-copy", w.eanA, 2026, time.May, 50)
	if copyRes.Repeated || copyRes.ChangedISPs != 0 || copyRes.Blocks != 0 {
		t.Errorf("same readings in another file = %+v, want nothing changed", copyRes)
	}
	if h, _ := db.MeterHistory(ctx, store.All, w.eanA); len(h) != 0 {
		t.Errorf("history has %d revisions after unchanged imports", len(h))
	}
}

func testMeterRefused(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	good := month(w.eanA, 2026, time.May, 50)
	unknown := month(EAN(77), 2026, time.May, 50)
	_, err := db.ImportMeter(ctx, cli, store.MeterImport{FileName: "u.csv", SHA256: fakeSHA("u"), Connections: []meter.Connection{good, unknown}})
	wantErr(t, "unknown connection", err, store.ErrNotFound)
	if err != nil && !strings.Contains(err.Error(), EAN(77)) {
		t.Errorf("error %q does not name the unknown EAN", err)
	}
	huge := month(w.eanA, 2026, time.June, 50)
	huge.Offtake.KW[10] = 1e30
	_, err = db.ImportMeter(ctx, cli, store.MeterImport{FileName: "h.csv", SHA256: fakeSHA("h"), Connections: []meter.Connection{good, huge}})
	wantErr(t, "absurd reading", err, store.ErrInvalid)
	if _, err := db.ReadMeter(ctx, store.All, w.eanA, time.Time{}, time.Time{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a refused import left data behind: %v", err)
	}
	var n int
	must(t, db.SQL().QueryRow(`SELECT COUNT(*) FROM meter_imports`).Scan(&n))
	if n != 0 {
		t.Errorf("a refused import left %d import rows", n)
	}
	_, err = db.ImportMeter(ctx, cli, store.MeterImport{FileName: "x", SHA256: "abc", Connections: []meter.Connection{good}})
	wantErr(t, "bad sha", err, store.ErrInvalid)
}

// testAudit: every change appends a chained row; editing a row with raw
// SQL is found by VerifyAudit at that row.
func testAudit(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	importMonth(t, db, "m", w.eanA, 2026, time.May, 50)
	rows, err := db.ListAudit(ctx, 0, 0)
	must(t, err)
	if len(rows) != 10 { // 5 organisations, 2 areas, 2 connections, 1 import
		t.Errorf("audit has %d rows, want 10", len(rows))
	}
	if r := rows[len(rows)-1]; r.Action != "import" || r.Actor != cli || r.Entity != "meter" {
		t.Errorf("last audit row = %+v", r)
	}
	if r := rows[5]; r.Entity != "area" || r.Before != "null" || !strings.Contains(r.After, `"zwolle"`) {
		t.Errorf("audit row 6 = %+v, want the creation of area zwolle", r)
	}
	bad, n, err := db.VerifyAudit(ctx)
	must(t, err)
	if bad != 0 || n != 10 {
		t.Fatalf("VerifyAudit = %d, %d rows; want intact, 10 rows", bad, n)
	}
	if _, err := db.SQL().Exec(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 4`); err == nil {
		t.Error("UPDATE of audit_log was allowed")
	}
	disable := map[string]string{
		"sqlite":   `DROP TRIGGER audit_log_no_update`,
		"postgres": `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`,
	}[db.Dialect()]
	for _, q := range []string{disable, `UPDATE audit_log SET after_json = REPLACE(after_json, '40000', '90000') WHERE seq = 6`} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	bad, _, err = db.VerifyAudit(ctx)
	must(t, err)
	if bad != 6 {
		t.Errorf("VerifyAudit after editing row 6 = %d, want 6", bad)
	}
}

// testConcurrent: writers in parallel all succeed and the audit chain
// stays one chain.
func testConcurrent(t *testing.T, open Opener) {
	w := newWorld(t, open)
	db := w.db
	const writers = 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*4)
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code := EAN(100 + g)
			errs <- db.CreateConnection(ctx, cli, store.Connection{EAN: code, Owner: "a", OfftakeKW: 100})
			for k := range 3 {
				c := month(code, 2026, time.Month(1+k), float32(g))
				_, err := db.ImportMeter(ctx, cli, store.MeterImport{FileName: "c", SHA256: fakeSHA(fmt.Sprint(g, k)), Connections: []meter.Connection{c}})
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	bad, n, err := db.VerifyAudit(ctx)
	must(t, err)
	if bad != 0 || n != 9+writers*4 {
		t.Errorf("VerifyAudit after concurrent writes = first bad %d, %d rows; want intact, %d", bad, n, 9+writers*4)
	}
	for g := range writers {
		got, err := db.ReadMeter(ctx, store.All, EAN(100+g), time.Time{}, time.Time{})
		must(t, err)
		if got.Offtake.MissingCount() != 0 || got.Offtake.Len() != (31+28+31)*96-4 {
			t.Errorf("connection %d: %d ISPs, %d missing after concurrent imports", g, got.Offtake.Len(), got.Offtake.MissingCount())
		}
	}
}
