package ocpp

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gridflex/series"
)

// validate checks doc against the subset of JSON Schema draft-06 that the
// OCPP schemas use: $ref to #/definitions, type, properties, required,
// additionalProperties false, enum, items, minItems, maxItems, maxLength,
// minimum. It returns every violation.
func validate(root, schema map[string]any, doc any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/definitions/")
		def, ok := root["definitions"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{at + ": unresolved $ref " + ref}
		}
		return validate(root, def, doc, at)
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	switch schema["type"] {
	case "object":
		obj, ok := doc.(map[string]any)
		if !ok {
			bad("want an object, got %T", doc)
			return errs
		}
		props, _ := schema["properties"].(map[string]any)
		for _, r := range asList(schema["required"]) {
			if _, ok := obj[r.(string)]; !ok {
				bad("missing required %q", r)
			}
		}
		for k, v := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if schema["additionalProperties"] == false {
					bad("property %q not allowed", k)
				}
				continue
			}
			errs = append(errs, validate(root, ps, v, at+"."+k)...)
		}
	case "array":
		arr, ok := doc.([]any)
		if !ok {
			bad("want an array, got %T", doc)
			return errs
		}
		if m, ok := schema["minItems"].(float64); ok && float64(len(arr)) < m {
			bad("want ≥ %g items, got %d", m, len(arr))
		}
		if m, ok := schema["maxItems"].(float64); ok && float64(len(arr)) > m {
			bad("want ≤ %g items, got %d", m, len(arr))
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, v := range arr {
				errs = append(errs, validate(root, items, v, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case "integer", "number":
		x, ok := doc.(float64)
		if !ok {
			bad("want a number, got %T", doc)
			return errs
		}
		if schema["type"] == "integer" && x != math.Trunc(x) {
			bad("want an integer, got %g", x)
		}
		if m, ok := schema["minimum"].(float64); ok && x < m {
			bad("want ≥ %g, got %g", m, x)
		}
	case "string":
		s, ok := doc.(string)
		if !ok {
			bad("want a string, got %T", doc)
			return errs
		}
		if m, ok := schema["maxLength"].(float64); ok && float64(len([]rune(s))) > m {
			bad("want ≤ %g characters, got %d", m, len(s))
		}
		if schema["format"] == "date-time" {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				bad("want a date-time, got %q", s)
			}
		}
		if enum := asList(schema["enum"]); enum != nil {
			found := false
			for _, e := range enum {
				found = found || e == s
			}
			if !found {
				bad("want one of %v, got %q", enum, s)
			}
		}
	case nil:
	default:
		bad("validator: unsupported type %v", schema["type"])
	}
	return errs
}

func asList(v any) []any { l, _ := v.([]any); return l }

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	dir, _ := os.Getwd()
	for !exists(filepath.Join(dir, "go.mod")) {
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "spec", "ocpp", "SetChargingProfileRequest.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("../shared not present: ", err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func TestDayProfileValidatesAgainstSchema(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct {
		name    string
		day     time.Time
		periods int
	}{
		{"ordinary day", time.Date(2026, 6, 3, 0, 0, 0, 0, series.Amsterdam), 96},
		{"spring forward", time.Date(2026, 3, 29, 0, 0, 0, 0, series.Amsterdam), 92},
		{"fall back", time.Date(2026, 10, 25, 0, 0, 0, 0, series.Amsterdam), 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kw := make([]float64, tc.periods)
			for i := range kw {
				if i < 28 || i >= tc.periods-12 {
					kw[i] = 29 + float64(i%3)
				}
			}
			req, err := DayProfile(tc.day, kw, Options{EvseID: 1, ProfileID: 7})
			if err != nil {
				t.Fatal(err)
			}
			data, err := req.JSON()
			if err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			if errs := validate(schema, schema, doc, "$"); len(errs) > 0 {
				t.Fatalf("DayProfile(%s) does not validate:\n%s", tc.name, strings.Join(errs, "\n"))
			}
			cs := req.ChargingProfile.ChargingSchedule[0]
			if cs.Duration != tc.periods*900 {
				t.Errorf("duration = %d s, want %d", cs.Duration, tc.periods*900)
			}
			if cs.ChargingRateUnit != "W" || req.ChargingProfile.ChargingProfileKind != "Absolute" || req.ChargingProfile.ChargingProfilePurpose != "TxDefaultProfile" {
				t.Errorf("profile = %+v, want TxDefaultProfile / Absolute / W", req.ChargingProfile)
			}
			// Replaying the periods gives back the power of every quarter-hour.
			for i := range tc.periods {
				var lim float64
				for _, p := range cs.ChargingSchedulePeriod {
					if p.StartPeriod <= i*900 {
						lim = p.Limit
					}
				}
				if want := math.Round(kw[i] * 1000); lim != want {
					t.Fatalf("quarter-hour %d: limit %v W, want %v", i, lim, want)
				}
			}
		})
	}
}

// The validator itself must catch what the schema forbids.
func TestValidatorRejects(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range []struct{ name, doc string }{
		{"missing evseId", `{"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":1}]}]}}`},
		{"bad enum", `{"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"Tx","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":1}]}]}}`},
		{"float startPeriod", `{"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0.5,"limit":1}]}]}}`},
		{"extra property", `{"evseId":1,"x":2,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":1}]}]}}`},
		{"no periods", `{"evseId":1,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"TxProfile","chargingProfileKind":"Absolute","chargingSchedule":[{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[]}]}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc any
			if err := json.Unmarshal([]byte(tc.doc), &doc); err != nil {
				t.Fatal(err)
			}
			if errs := validate(schema, schema, doc, "$"); len(errs) == 0 {
				t.Errorf("validate(%s) = no errors, want a violation", tc.name)
			}
		})
	}
}

func TestLimitCSV(t *testing.T) {
	kw := make([]float64, 100)
	kw[0] = 87
	b, err := LimitCSV(time.Date(2026, 10, 25, 0, 0, 0, 0, series.Amsterdam), kw)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 101 || lines[1] != "2026-10-24T22:00:00Z,00:00,87.000" {
		t.Errorf("LimitCSV(fall back) = %d lines, first %q; want 101 lines starting 2026-10-24T22:00:00Z,00:00,87.000", len(lines), lines[1])
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{"truck #1": "truck__1.json", "AG-1F11": "AG-1F11.json", "../x": "_x.json", "": "charger.json"} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// Below the minimum power a quarter-hour is pulsed at the minimum: the same
// energy in whole seconds.
func TestDayProfileMinimumPower(t *testing.T) {
	kw := make([]float64, 96)
	kw[0], kw[1] = 0.69, 3.7 // half of 1.38 kW, then above it
	req, err := DayProfile(time.Date(2026, 6, 3, 0, 0, 0, 0, series.Amsterdam), kw, Options{EvseID: 1, ProfileID: 1, MinKW: 1.38})
	if err != nil {
		t.Fatal(err)
	}
	got := req.ChargingProfile.ChargingSchedule[0].ChargingSchedulePeriod
	want := []Period{{0, 1380}, {450, 0}, {900, 3700}, {1800, 0}}
	if len(got) != len(want) {
		t.Fatalf("periods = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("periods = %v, want %v", got, want)
		}
	}
}

// The grid limit caps offtake: a negative limit (PV netted in) would ask
// the site to export, so LimitCSV refuses it instead of writing it.
func TestLimitCSVNegative(t *testing.T) {
	kw := make([]float64, 96)
	kw[40] = -3.9
	if _, err := LimitCSV(time.Date(2026, 3, 2, 0, 0, 0, 0, series.Amsterdam), kw); err == nil || !strings.Contains(err.Error(), "quarter-hour 40") {
		t.Errorf("LimitCSV(−3.9 kW at 40) = %v, want an error naming quarter-hour 40", err)
	}
}
