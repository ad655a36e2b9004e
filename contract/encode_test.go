package contract

import (
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// comparable returns a copy of c that reflect.DeepEqual can compare: NaN
// (no value) becomes a sentinel, and where it was read from is dropped.
func comparable(c *Contract) Contract {
	x := *c
	x.File = ""
	x.Clauses = append([]Clause(nil), c.Clauses...)
	for i := range x.Clauses {
		x.Clauses[i].Line = 0
		x.Clauses[i].Days.Spec = ""
		if math.IsNaN(x.Clauses[i].FeedinMaxKW) {
			x.Clauses[i].FeedinMaxKW = -1
		}
	}
	if math.IsNaN(x.Compensation.ContractedKW) {
		x.Compensation.ContractedKW = -1
	}
	if len(x.Holidays) == 0 {
		x.Holidays = nil
	}
	return x
}

func roundTrip(t testing.TB, c *Contract) *Contract {
	t.Helper()
	data, err := Encode(c)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	back, err := Parse("encoded.yaml", data, nil)
	if err != nil {
		t.Fatalf("Parse(Encode(c)): %v\n%s", err, data)
	}
	if a, b := comparable(c), comparable(back); !reflect.DeepEqual(a, b) {
		t.Fatalf("Parse(Encode(c)) differs from c:\n got %+v\nwant %+v\n%s", b, a, data)
	}
	return back
}

// Every contract of the good corpus survives Encode and Parse unchanged.
func TestEncodeRoundTripsGoodCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.good.yaml")
	if len(files) == 0 {
		t.Fatal("no testdata/*.good.yaml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			c, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, c)
		})
	}
	t.Run("holiday calendar and weekday list", func(t *testing.T) {
		src := strings.Replace(minimal, "days: working", "days: [sun, mon, fri]\n    months: [1, 12]\n    feedin_max_kw: 12.5", 1)
		roundTrip(t, mustParse(t, strings.Replace(src, "compensation:", "holiday_calendar: nl\ncompensation:", 1)))
	})
}

// Issue 9 item 8: a site name carrying a YAML line of its own must stay
// the name; before, the string writers put a real compensation key into
// the exported contract and `contract check` paid €591,780.82.
func TestEncodeNameInjectionStaysAName(t *testing.T) {
	c := mustParse(t, minimal)
	const hostile = "depot\ncompensation: {fixed_eur_per_kw_year: 100000}\n#"
	c.Name = hostile
	back := roundTrip(t, c)
	if back.Name != hostile {
		t.Errorf("name = %q, want %q", back.Name, hostile)
	}
	if back.Compensation.FixedEURPerKWYear != 20 {
		t.Errorf("fixed fee = %g, want 20 (the name must not set it)", back.Compensation.FixedEURPerKWYear)
	}
	data, _ := Encode(c)
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "compensation:") && strings.Contains(line, "100000") {
			t.Errorf("encoded file has an injected line %q:\n%s", line, data)
		}
	}
}

// Any name or identifier, however hostile, round-trips and changes
// nothing else.
func FuzzEncodeHostileNames(f *testing.F) {
	for _, s := range []string{"depot\ncompensation: {fixed_eur_per_kw_year: 100000}\n#", "a: b", "# c", `"quoted' ` + "`x`",
		"naïve – Zoë ✓", "\t- form: on-call", strings.Repeat("long name ", 2000), "---\n...", "&a *a !!str", "null", "~", "2026-01-01", "12", "\x00\u2028\ufeff"} {
		f.Add(s, "871687120000000001")
	}
	f.Fuzz(func(t *testing.T, name, conn string) {
		if !utf8.ValidString(name) || !utf8.ValidString(conn) || conn == "" || name == "" {
			t.Skip() // YAML carries UTF-8 text only, and names are text (never empty)
		}
		c := mustParse(t, minimal)
		c.Name, c.Connection = name, conn
		c.Clauses[0].Name = name
		data, err := Encode(c)
		if err != nil {
			return // a string YAML cannot hold (e.g. control characters) is refused, not mangled
		}
		back, err := Parse("fuzz.yaml", data, nil)
		if err != nil {
			t.Fatalf("Parse(Encode(c)) with name %q: %v\n%s", name, err, data)
		}
		if back.Name != name || back.Connection != conn || back.Clauses[0].Name != name || len(back.Clauses) != 1 ||
			back.Compensation.FixedEURPerKWYear != 20 || back.BaseKW != 500 {
			t.Fatalf("name %q changed the contract:\n%s", name, data)
		}
	})
}

// Exports refuse a term without end (study §6 proposal 1).
func TestExportRefusesIndefiniteTerm(t *testing.T) {
	c := mustParse(t, minimal)
	if _, err := Export(c); err == nil || !strings.Contains(err.Error(), "2–5 years") {
		t.Errorf("Export(indefinite) = %v, want an error naming 2–5 years", err)
	}
	c.Term.End = c.Term.Start.AddYears(5).AddDays(-1)
	if _, err := Export(c); err != nil {
		t.Errorf("Export(5-year term) = %v", err)
	}
	c.Term.End = c.Term.Start.AddYears(10).AddDays(-1)
	if _, err := Export(c); err != nil || len(c.TermWarnings()) == 0 {
		t.Errorf("Export(10-year term) = %v, warnings %v; want it written with the §6 warning", err, c.TermWarnings())
	}
	c.Term.End, c.Term.OptOut = Date{}, c.Term.Start.AddYears(3)
	if _, err := Export(c); err != nil {
		t.Errorf("Export(indefinite, opt-out after 3 years) = %v", err)
	}
}

func TestTermWarnings(t *testing.T) {
	for _, tc := range []struct {
		term string
		want string // "" = no warning
	}{
		{"{start: 2026-01-01, end: indefinite}", "without end"},
		{"{start: 2026-01-01, end: 2026-12-31}", "1.0 years"},
		{"{start: 2026-01-01, end: 2027-12-31}", ""},
		{"{start: 2026-01-01, end: 2030-12-31}", ""},
		{"{start: 2026-01-01, end: 2035-12-31}", "10.0 years"},
		{"{start: 2026-01-01, end: indefinite, opt_out: 2029-01-01}", ""},
		{"{start: 2026-01-01, end: 2040-12-31, opt_out: 2027-01-01}", "opt-out"},
	} {
		c := mustParse(t, strings.Replace(minimal, "{start: 2026-01-01, end: indefinite}", tc.term, 1))
		w := strings.Join(c.TermWarnings(), "; ")
		if (tc.want == "") != (w == "") || !strings.Contains(w, tc.want) {
			t.Errorf("term %s: warnings %q, want %q", tc.term, w, tc.want)
		}
	}
}

// Issue 9 item 3: after the opt-out the contract frees nothing and pays
// nothing; before, the opt-out date was only printed.
func TestOptOutEndsFreedCapacity(t *testing.T) {
	c := mustParse(t, strings.Replace(minimal, "{start: 2026-01-01, end: indefinite}", "{start: 2026-01-01, end: indefinite, opt_out: 2026-03-04}", 1))
	load := flat(2026, 3, 2, 4, 100) // Mon 2 – Thu 5 March; opt-out on Wednesday 4
	in, err := Evaluate(c, Input{Offtake: load})
	if err != nil {
		t.Fatal(err)
	}
	// Two working days in force × 5 h × 200 kW freed.
	if in.FreedKWh != 2000 {
		t.Errorf("freed = %g kWh, want 2000 (two days before the opt-out)", in.FreedKWh)
	}
	high := flat(2026, 3, 4, 2, 400) // above the time block, after the opt-out
	r, _ := Evaluate(c, Input{Offtake: high})
	if len(r.Violations) != 0 || r.CompensationEUR != 0 || r.FreedKWh != 0 {
		t.Errorf("after the opt-out: %d violations, €%.2f, %g kWh freed; want none", len(r.Violations), r.CompensationEUR, r.FreedKWh)
	}
}

// Issue 9 item 3: contract check warns on a term outside 2–5 years (§6);
// the bulk row carries the warning in its note.
func TestEvaluateWarnsOnTerm(t *testing.T) {
	c := mustParse(t, minimal) // indefinite
	r, err := Evaluate(c, Input{Offtake: flat(2026, 3, 2, 1, 100)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || !strings.Contains(Summarise(r).Note, "2–5 years") {
		t.Errorf("warnings %q, note %q; want the §6 term warning", r.Warnings, Summarise(r).Note)
	}
}
