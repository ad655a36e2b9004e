package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The OpenAPI 3.1 document's schemas are JSON Schema 2020-12, so the
// responses are validated with the module's JSON Schema validator, each
// against the schema at its operation's pointer in the document.
const docURL = "https://gridflex.invalid/api/v1/openapi.json"

var (
	docOnce     sync.Once
	docCompiler *jsonschema.Compiler
	docValue    map[string]any
	docErr      error
	docMu       sync.Mutex
	docSchemas  = map[string]*jsonschema.Schema{}
)

func loadDoc(t testing.TB) {
	t.Helper()
	docOnce.Do(func() {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDoc))
		if err != nil {
			docErr = err
			return
		}
		docValue, _ = v.(map[string]any)
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		docErr = c.AddResource(docURL, v)
		docCompiler = c
	})
	if docErr != nil {
		t.Fatalf("openapi.json: %v", docErr)
	}
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// responseSchema compiles the schema of a route's response, or nil with
// why when the document has none.
func responseSchema(t testing.TB, method, path string, status int, ctype string) (*jsonschema.Schema, string) {
	loadDoc(t)
	op, _ := docValue["paths"].(map[string]any)[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
	if op == nil {
		return nil, fmt.Sprintf("no operation %s %s", method, path)
	}
	res, _ := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if res == nil {
		return nil, fmt.Sprintf("%s %s: no response %d", method, path, status)
	}
	media, _ := res["content"].(map[string]any)
	if _, ok := media[ctype]; !ok {
		return nil, fmt.Sprintf("%s %s %d: no content %s (has %v)", method, path, status, ctype, slices.Sorted(maps.Keys(media)))
	}
	loc := fmt.Sprintf("%s#/paths/%s/%s/responses/%d/content/%s/schema", docURL, pointerEscape(path), strings.ToLower(method), status, pointerEscape(ctype))
	docMu.Lock()
	defer docMu.Unlock()
	if s, ok := docSchemas[loc]; ok {
		return s, ""
	}
	s, err := docCompiler.Compile(loc)
	if err != nil {
		t.Fatalf("compile %s: %v", loc, err)
	}
	docSchemas[loc] = s
	return s, ""
}

// checkAgainstDoc fails the test when a response's status or content type
// is not in the document, or its JSON does not match the schema.
func checkAgainstDoc(t testing.TB, method, path string, r response) {
	t.Helper()
	ctype, _, _ := strings.Cut(r.ctype, ";")
	s, why := responseSchema(t, method, path, r.status, ctype)
	if s == nil {
		t.Errorf("response not in openapi.json: %s (body %.200s)", why, r.body)
		return
	}
	if ctype != "application/json" {
		return
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Errorf("%s %s %d: body is not JSON: %v", method, path, r.status, err)
		return
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s %s %d: response does not match openapi.json: %v\nbody: %.300s", method, path, r.status, err, r.body)
	}
}

// TestOpenAPICoversRoutes: every registered route is an operation of the
// document and every operation a route; each operation has an id, its
// path parameters are declared, and authenticated routes say 401.
func TestOpenAPICoversRoutes(t *testing.T) {
	loadDoc(t)
	if docValue["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", docValue["openapi"])
	}
	s := New(Config{Store: nil})
	routes := map[string]route{}
	for _, rt := range s.routes() {
		routes[strings.ToLower(rt.Method)+" "+rt.Path] = rt
	}
	documented := map[string]bool{}
	for path, item := range docValue["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			key := method + " " + path
			documented[key] = true
			rt, ok := routes[key]
			if !ok {
				t.Errorf("openapi.json has %s, which no route serves", key)
				continue
			}
			o := op.(map[string]any)
			if o["operationId"] == nil {
				t.Errorf("%s: no operationId", key)
			}
			resp := o["responses"].(map[string]any)
			if _, ok := resp["401"]; !ok && !rt.Public {
				t.Errorf("%s needs a token but documents no 401", key)
			}
			if sec, ok := o["security"].([]any); rt.Public != (ok && len(sec) == 0) {
				t.Errorf("%s: public %v, but its security is %v", key, rt.Public, o["security"])
			}
			var params []string
			for _, p := range listAny(o["parameters"]) {
				if p := p.(map[string]any); p["in"] == "path" {
					params = append(params, p["name"].(string))
				}
			}
			for _, seg := range strings.Split(path, "/") {
				if strings.HasPrefix(seg, "{") && !slices.Contains(params, strings.Trim(seg, "{}")) {
					t.Errorf("%s: path parameter %s not declared", key, seg)
				}
			}
		}
	}
	for key := range routes {
		if !documented[key] {
			t.Errorf("route %s is missing from openapi.json", key)
		}
	}
}

func listAny(v any) []any {
	l, _ := v.([]any)
	return l
}

// TestOpenAPIServed: the document is served as it is embedded, and it is
// JSON.
func TestOpenAPIServed(t *testing.T) {
	w := newWorld(t, openSQLite)
	r := w.do(t, anonymous, "GET", "/api/v1/openapi.json", "/api/v1/openapi.json", nil)
	if r.status != 200 || !bytes.Equal(r.body, openAPIDoc) || !json.Valid(r.body) {
		t.Errorf("GET openapi.json = %d, %d bytes", r.status, len(r.body))
	}
}
