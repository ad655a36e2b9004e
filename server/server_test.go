package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gridflex/store"
)

// TestAuthentication: every way a token can be wrong is 401 with the same
// message; a revoked token stops working; a role that does not fit its
// organisation is refused.
func TestAuthentication(t *testing.T) {
	forEachStore(t, func(t *testing.T, open opener) {
		w := newWorld(t, open)
		must(t, w.db.CreateUser(bg, "test", store.User{ID: "misfit", Org: "a", Name: "x", Email: "misfit@a", Role: store.RoleAdmin}))
		misfit := "misfit-token-0123456789abcdefghijklmnopqrstuvwxyz"
		must(t, w.db.CreateToken(bg, "test", store.Token{ID: "t-misfit", User: "misfit"}, misfit))
		for _, tc := range []struct{ name, header string }{
			{"none", ""},
			{"basic scheme", "Basic " + w.tokens[aUser]},
			{"unknown token", "Bearer not-a-token-0123456789abcdefghijklmnopqrstuvwxyz"},
			{"empty token", "Bearer "},
			{"oversized token", "Bearer " + strings.Repeat("x", 10000)},
			{"admin of a company", "Bearer " + misfit},
		} {
			req, _ := http.NewRequest("GET", w.url+"/api/v1/me", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			res, err := http.DefaultClient.Do(req)
			must(t, err)
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 401 || !strings.Contains(string(b), "missing or invalid bearer token") || res.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: %d %s", tc.name, res.StatusCode, b)
			}
		}
		if r := w.do(t, aUser, "GET", "/api/v1/me", "/api/v1/me", nil); r.status != 200 {
			t.Fatalf("valid token: %d", r.status)
		}
		must(t, w.db.RevokeToken(bg, "test", "t-"+aUser))
		if r := w.do(t, aUser, "GET", "/api/v1/me", "/api/v1/me", nil); r.status != 401 {
			t.Errorf("revoked token: %d, want 401", r.status)
		}
	})
}

// TestMeterReadBack: the July day comes back as stored, in JSON and CSV,
// with the missing ISP null or empty; bad periods are 400.
func TestMeterReadBack(t *testing.T) {
	w := newWorld(t, openSQLite)
	const pattern = "/api/v1/connections/{ean}/meter"
	base := "/api/v1/connections/" + eanA + "/meter?from=2026-06-30T22:00:00Z&to=2026-07-01T22:00:00Z"
	r := w.do(t, aUser, "GET", pattern, base, nil)
	var d MeterData
	must(t, json.Unmarshal(r.body, &d))
	if r.status != 200 || d.ISPs != 96 || d.MissingISPs != 1 || d.OfftakeKW[5] != nil || *d.OfftakeKW[0] != 100 || *d.OfftakeKW[95] != 195 {
		t.Errorf("JSON read-back: %d, %d ISPs, %d missing", r.status, d.ISPs, d.MissingISPs)
	}
	r = w.do(t, aUser, "GET", pattern, base+"&format=csv", nil)
	rows, err := csv.NewReader(strings.NewReader(string(r.body))).ReadAll()
	must(t, err)
	if r.status != 200 || len(rows) != 97 || rows[0][3] != "offtake_kw" || rows[1][1] != "2026-06-30T22:00:00Z" || rows[1][3] != "100" || rows[6][3] != "" {
		t.Errorf("CSV read-back: %d, %d rows, first %v", r.status, len(rows), rows[:2])
	}
	for _, q := range []string{"", "?from=2026-07-01T00:00:00Z", "?from=x&to=y", "?from=2026-07-01T00:05:00Z&to=2026-07-02T00:00:00Z",
		"?from=2026-07-02T00:00:00Z&to=2026-07-01T00:00:00Z", "?from=2025-01-01T00:00:00Z&to=2026-07-01T00:00:00Z",
		"?from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z&format=xml"} {
		if r := w.do(t, aUser, "GET", pattern, "/api/v1/connections/"+eanA+"/meter"+q, nil); r.status != 400 {
			t.Errorf("meter%s: %d, want 400", q, r.status)
		}
	}
}

// TestModelRoutes: the national model answers with the CLI's documents,
// and its answer moves with the query.
func TestModelRoutes(t *testing.T) {
	w := newWorld(t, openSQLite)
	total := func(path string) float64 {
		var v struct {
			Total struct {
				MaxMW float64 `json:"max_mw"`
			} `json:"total"`
		}
		r := w.do(t, opAnalyst, "GET", strings.SplitN(path, "?", 2)[0], path, nil)
		if r.status != 200 {
			t.Fatalf("%s: %d %s", path, r.status, r.body)
		}
		must(t, json.Unmarshal(r.body, &v))
		return v.Total.MaxMW
	}
	if a, b := total("/api/v1/model/potential"), total("/api/v1/model/potential?datacenters=true"); !(b > a && a > 0) {
		t.Errorf("potential max MW %g without datacenters, %g with: want more with", a, b)
	}
	if a, b := total("/api/v1/model/unlock?offer=20"), total("/api/v1/model/unlock?offer=500"); !(b > a) {
		t.Errorf("unlock max MW %g at €20, %g at €500: want more at €500", a, b)
	}
	r := w.do(t, cspUser, "GET", "/api/v1/model/compensation", "/api/v1/model/compensation?hours=incidental", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `"hours": "incidental"`) {
		t.Errorf("compensation incidental: %d %.100s", r.status, r.body)
	}
	for _, p := range []string{"/api/v1/model/unlock", "/api/v1/model/unlock?offer=-1", "/api/v1/model/unlock?offer=NaN",
		"/api/v1/model/compensation?hours=weekly", "/api/v1/model/potential?datacenters=maybe"} {
		if r := w.do(t, aUser, "GET", strings.SplitN(p, "?", 2)[0], p, nil); r.status != 400 {
			t.Errorf("%s: %d, want 400", p, r.status)
		}
	}
}

// TestBodyLimits: a body over the route's limit is 413 and changes
// nothing; unknown fields and trailing values are 400.
func TestBodyLimits(t *testing.T) {
	w := newWorld(t, openSQLite)
	const pattern = "/api/v1/contracts/{id}/versions/{version}/state"
	path := "/api/v1/contracts/" + eanA + "/versions/1/state"
	big := `{"state":"signed","x":"` + strings.Repeat("a", 8<<10) + `"}`
	if r := w.do(t, aUser, "PUT", pattern, path, big); r.status != 413 {
		t.Errorf("8 KiB body: %d, want 413", r.status)
	}
	for _, b := range []string{`{"state":"signed","extra":1}`, `{"state":"signed"}{}`, `not json`} {
		if r := w.do(t, aUser, "PUT", pattern, path, b); r.status != 400 {
			t.Errorf("body %s: %d, want 400", b, r.status)
		}
	}
	if k, _ := w.db.GetContract(bg, store.All, eanA, 1); k.State != store.Proposed {
		t.Errorf("state after refused bodies: %s", k.State)
	}
	if r := w.do(t, aUser, "PUT", pattern, "/api/v1/contracts/"+eanA+"/versions/x/state", `{"state":"signed"}`); r.status != 400 {
		t.Errorf("version x: %d, want 400", r.status)
	}
}

// TestOperational: health, readiness, metrics per route pattern (never
// per path), and the audit log names the user who changed a contract.
func TestOperational(t *testing.T) {
	w := newWorld(t, openSQLite)
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := w.do(t, anonymous, "GET", p, p, nil); r.status != 200 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	w.do(t, aUser, "GET", "/api/v1/areas/{id}", "/api/v1/areas/zwolle", nil)
	w.do(t, aUser, "GET", "/api/v1/areas/{id}", "/api/v1/areas/elsewhere", nil)
	w.do(t, aUser, "PUT", "/api/v1/contracts/{id}/versions/{version}/state", "/api/v1/contracts/"+eanA+"/versions/1/state", `{"state":"signed"}`)
	r := w.do(t, anonymous, "GET", "/metrics", "/metrics", nil)
	m := string(r.body)
	for _, want := range []string{`gridflex_http_requests_total{code="200",route="GET /api/v1/areas/{id}"} 1`,
		`gridflex_http_requests_total{code="404",route="GET /api/v1/areas/{id}"} 1`,
		`gridflex_http_request_duration_seconds_count{route="GET /api/v1/areas/{id}"} 2`} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(m, "zwolle") {
		t.Error("/metrics labels a path, not a pattern")
	}
	es, err := w.db.ListAudit(bg, 0, 1000)
	must(t, err)
	if last := es[len(es)-1]; last.Actor != "user:"+aUser || last.Entity != "contract" {
		t.Errorf("last audit row %+v, want the contract change by user:%s", last, aUser)
	}
	// A closed store is not ready.
	w.db.Close()
	if r := w.do(t, anonymous, "GET", "/readyz", "/readyz", nil); r.status != 503 {
		t.Errorf("readyz on a closed store: %d, want 503", r.status)
	}
}

// TestGracefulShutdown: when Serve's context ends, a request in flight
// finishes and Serve returns nil.
func TestGracefulShutdown(t *testing.T) {
	db := openSQLite(t)
	s := New(Config{Store: db})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	ctx, cancel := context.WithCancel(bg)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l) }()
	// A slow client: the request is sent, the body's end is held back
	// until shutdown has begun.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("GET", "http://"+l.Addr().String()+"/healthz", pr)
	res := make(chan int, 1)
	go func() {
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- 0
			return
		}
		r.Body.Close()
		res <- r.StatusCode
	}()
	pw.Write([]byte("x"))
	time.Sleep(50 * time.Millisecond)
	cancel()
	time.Sleep(50 * time.Millisecond)
	pw.Close()
	if code := <-res; code != 200 {
		t.Errorf("request in flight at shutdown: %d, want 200", code)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(ShutdownGrace + 5*time.Second):
		t.Fatal("Serve did not return")
	}
	if _, err := net.DialTimeout("tcp", l.Addr().String(), time.Second); err == nil {
		t.Error("still accepting after shutdown")
	}
}

// TestNotReadyBeforeMigration: a store whose schema is behind is not
// ready.
func TestNotReadyBeforeMigration(t *testing.T) {
	db, err := store.Open(bg, t.TempDir()+"/fresh.db", store.Options{})
	must(t, err)
	defer db.Close()
	w := &world{db: db}
	ts := httptest.NewServer(New(Config{Store: db}).Handler())
	defer ts.Close()
	w.url = ts.URL
	if r := w.do(t, anonymous, "GET", "/readyz", "/readyz", nil); r.status != 503 || !strings.Contains(string(r.body), "pending") {
		t.Errorf("readyz before migration: %d %s", r.status, r.body)
	}
}

// TestUnknownRoutes: an unknown path is 404 and a known path with another
// method 405 with Allow, both as JSON.
func TestUnknownRoutes(t *testing.T) {
	w := newWorld(t, openSQLite)
	for _, tc := range []struct {
		method, path string
		want         int
	}{{"GET", "/api/v1/nothing", 404}, {"DELETE", "/api/v1/areas", 405}, {"POST", "/api/v1/contracts/x/versions/1/state", 405}} {
		req, _ := http.NewRequest(tc.method, w.url+tc.path, nil)
		req.Header.Set("Authorization", "Bearer "+w.tokens[opAdmin])
		res, err := http.DefaultClient.Do(req)
		must(t, err)
		res.Body.Close()
		if res.StatusCode != tc.want || res.Header.Get("Content-Type") != "application/json" || (tc.want == 405 && res.Header.Get("Allow") == "") {
			t.Errorf("%s %s: %d %q Allow %q", tc.method, tc.path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"))
		}
	}
}
