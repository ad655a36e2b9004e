package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// What each caller sees in the world (newWorld), written out by hand
// rather than derived from the store's rules, so the test checks them.
var (
	seesArea = map[string][]string{ // area ID → callers
		"zwolle":    {opAdmin, opAnalyst, aUser},
		"elsewhere": {op2Admin, bUser},
	}
	// Connection, its meter data, its contract and settlements.
	seesConnection = map[string][]string{
		eanA: {opAdmin, opAnalyst, cspUser, aUser},
		eanB: {op2Admin, bUser},
	}
	// May sign a proposed contract (the owner company and its CSP).
	maySign = map[string][]string{
		eanA: {cspUser, aUser},
		eanB: {bUser},
	}
)

// target is what a route is about: the wildcard values per owner.
type target struct {
	name string            // "A" or "B"
	vars map[string]string // wildcard → value
	sees []string
}

// routeTargets classifies every authenticated route; a route this test
// does not know fails it, so a new route cannot skip the matrix.
func routeTargets(t *testing.T, rt route) (kind string, targets []target) {
	area := []target{{"zwolle", map[string]string{"id": "zwolle"}, seesArea["zwolle"]},
		{"elsewhere", map[string]string{"id": "elsewhere"}, seesArea["elsewhere"]}}
	conn := []target{{"A", map[string]string{"ean": eanA}, seesConnection[eanA]}, {"B", map[string]string{"ean": eanB}, seesConnection[eanB]}}
	contr := []target{{"A", map[string]string{"id": eanA, "version": "1"}, seesConnection[eanA]},
		{"B", map[string]string{"id": eanB, "version": "1"}, seesConnection[eanB]}}
	switch rt.Path {
	case "/api/v1/me", "/api/v1/model/potential", "/api/v1/model/compensation", "/api/v1/model/unlock":
		return "anyone", []target{{"-", nil, callers[:len(callers)-1]}}
	case "/api/v1/areas", "/api/v1/connections", "/api/v1/contracts":
		return "list", []target{{"-", nil, callers[:len(callers)-1]}}
	case "/api/v1/areas/{id}":
		return "read", area
	case "/api/v1/connections/{ean}", "/api/v1/connections/{ean}/meter":
		return "read", conn
	case "/api/v1/contracts/{id}", "/api/v1/contracts/{id}/versions", "/api/v1/contracts/{id}/settlements":
		return "read", contr
	case "/api/v1/contracts/{id}/versions/{version}/state":
		return "change", contr
	}
	t.Fatalf("route %s %s: not classified for the authorisation matrix", rt.Method, rt.Path)
	return "", nil
}

var routeQuery = map[string]string{
	"/api/v1/connections/{ean}/meter": "?from=2026-07-01T00:00:00%2B02:00&to=2026-07-02T00:00:00%2B02:00",
	"/api/v1/model/unlock":            "?offer=100",
}

func fill(path string, vars map[string]string) string {
	for k, v := range vars {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	return path
}

// TestAuthorisationMatrix: every authenticated route × every caller (two
// operators' admins, an analyst, a CSP, two companies, no token) × every
// owner's resource. Unseen is 404, seen but not the caller's to change
// 403, no token 401; list endpoints list exactly what the caller sees.
func TestAuthorisationMatrix(t *testing.T) {
	forEachStore(t, testAuthorisationMatrix)
}

func testAuthorisationMatrix(t *testing.T, open opener) {
	w := newWorld(t, open)
	cases := 0
	for _, rt := range w.srv.routes() {
		if rt.Public {
			continue
		}
		kind, targets := routeTargets(t, rt)
		if kind == "change" {
			continue // below, on a fresh world per case
		}
		for _, tg := range targets {
			for _, who := range callers {
				want := http.StatusOK
				switch {
				case who == anonymous:
					want = http.StatusUnauthorized
				case !slices.Contains(tg.sees, who):
					want = http.StatusNotFound
				}
				r := w.do(t, who, rt.Method, rt.Path, fill(rt.Path, tg.vars)+routeQuery[rt.Path], nil)
				cases++
				if r.status != want {
					t.Errorf("%s %s as %q on %s: %d, want %d (%.120s)", rt.Method, rt.Path, who, tg.name, r.status, want, r.body)
				}
				if kind == "list" && r.status == http.StatusOK {
					checkList(t, rt.Path, who, r.body)
				}
			}
		}
	}
	// A change is made once per world: each case starts from a proposed
	// contract. Signing is the company's and its CSP's; the operator's
	// admin may not sign (403) and may not activate a proposed contract
	// either (409: its role may, the life cycle may not); an analyst may
	// change nothing.
	for _, tg := range []string{eanA, eanB} {
		for _, who := range callers {
			for _, state := range []string{"signed", "active"} {
				want := http.StatusForbidden
				switch {
				case who == anonymous:
					want = http.StatusUnauthorized
				case !slices.Contains(seesConnection[tg], who):
					want = http.StatusNotFound
				case state == "signed" && slices.Contains(maySign[tg], who):
					want = http.StatusOK
				case state == "active" && (who == opAdmin || who == op2Admin):
					want = http.StatusConflict
				}
				w := w
				if want == http.StatusOK {
					w = newWorld(t, open)
				}
				const pattern = "/api/v1/contracts/{id}/versions/{version}/state"
				r := w.do(t, who, "PUT", pattern, fill(pattern, map[string]string{"id": tg, "version": "1"}), fmt.Sprintf(`{"state":%q}`, state))
				cases++
				if r.status != want {
					t.Errorf("PUT state %s of %s as %q: %d, want %d (%.160s)", state, tg, who, r.status, want, r.body)
				}
				if want != http.StatusOK {
					continue
				}
				k, err := w.db.GetContract(bg, storeAll, tg, 1)
				if err != nil || string(k.State) != state {
					t.Errorf("after PUT %s as %s: contract %+v, %v", state, who, k.State, err)
				}
			}
		}
	}
	// Nothing denied above changed anything.
	for _, tg := range []string{eanA, eanB} {
		if k, err := w.db.GetContract(bg, storeAll, tg, 1); err != nil || k.State != "proposed" {
			t.Errorf("contract %s after the denied changes: %s, %v; want proposed", tg, k.State, err)
		}
	}
	t.Logf("%d authorisation cases", cases)
}

// checkList: a list holds exactly what the caller sees.
func checkList(t *testing.T, path, who string, body []byte) {
	t.Helper()
	var items []map[string]any
	if err := json.Unmarshal(body, &items); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var got, want []string
	key, sees := "id", seesConnection
	switch path {
	case "/api/v1/areas":
		sees = seesArea
	case "/api/v1/connections":
		key = "ean"
	}
	for _, it := range items {
		got = append(got, fmt.Sprint(it[key]))
	}
	for id, callers := range sees {
		if slices.Contains(callers, who) {
			want = append(want, id)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("GET %s as %s lists %v, want %v", path, who, got, want)
	}
}
