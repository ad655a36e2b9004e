package contract

import (
	"bufio"
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/input"
)

// TestGoodFiles loads every testdata/*.good.yaml.
func TestGoodFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.good.yaml")
	if len(files) < 5 {
		t.Fatalf("want at least five testdata/*.good.yaml, found %d", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := Load(f); err != nil {
				t.Errorf("Load(%s):\n%v", f, err)
			}
		})
	}
}

// wants returns the "# want: " lines of a test file.
func wants(t *testing.T, f string) (data []byte, ws []string) {
	t.Helper()
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if w, ok := strings.CutPrefix(sc.Text(), "# want: "); ok {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		t.Fatalf("%s has no # want: lines", f)
	}
	return data, ws
}

// TestBadFiles checks every testdata/*.bad.yaml: each "# want:" line must
// appear in the error, so all problems are reported at once.
func TestBadFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	if len(files) == 0 {
		t.Fatal("no testdata/*.bad.yaml")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, ws := wants(t, f)
			c, err := Parse(filepath.Base(f), data, nil)
			if err == nil {
				t.Fatalf("Parse(%s) = %+v, want an error", f, c)
			}
			for _, w := range ws {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Parse(%s) error\n%v\nwant it to contain\n%s", f, err, w)
				}
			}
		})
	}
}

// The minimal file of the issue, exactly as written, and what it means.
func TestMinimalFile(t *testing.T) {
	c, err := Load("testdata/minimal.good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cl := c.Clauses[0]
	if c.Connection != "871687120000000001" || c.BaseKW != 500 || !c.Term.Indefinite() || c.Term.Start != (Date{2026, 1, 1}) ||
		cl.Form != TimeBlock || cl.Days.Kind != "working" || cl.Window != (Window{16 * 60, 21 * 60}) || cl.MaxKW != 300 ||
		c.Compensation.FixedEURPerKWYear != 20 || c.ContractedKW() != 200 ||
		len(c.Sanctions.YellowCards) != 2 || c.Sanctions.YellowCards[0] != 3 || c.Sanctions.PenaltyEURPerKW != 50 ||
		!math.IsInf(c.FeedinKW, 1) || c.Baseline != DefaultBaseline {
		t.Errorf("Load(minimal) = %+v", c)
	}
}

func TestDefaults(t *testing.T) {
	c := mustParse(t, "connection: \"1\"\nbase_capacity_kw: 100\nterm: {start: 2026-01-01}\nlimits:\n  - {form: tdtr}\n")
	if got := c.Sanctions.YellowCards; len(got) != 2 || got[0] != 3 || got[1] != 1 {
		t.Errorf("default yellow cards = %v, want [3 1] (study §6)", got)
	}
	if c.Clauses[0].FirmShare != 0.85 || c.Clauses[0].NoticeHours != 24 {
		t.Errorf("tdtr defaults = %+v, want firm 0.85 (study §6), notice 24 h", c.Clauses[0])
	}
	if !c.Term.Indefinite() {
		t.Errorf("term without end = %+v, want indefinite", c.Term)
	}
}

func TestWindow(t *testing.T) {
	for _, tc := range []struct {
		w    Window
		m    int
		want bool
	}{
		{Window{960, 1260}, 959, false},
		{Window{960, 1260}, 960, true},
		{Window{960, 1260}, 1259, true},
		{Window{960, 1260}, 1260, false},
		{Window{1260, 0}, 1425, true}, // 21:00–24:00
		{Window{1260, 0}, 0, false},
		{Window{1260, 360}, 0, true}, // 21:00–06:00
		{Window{1260, 360}, 359, true},
		{Window{1260, 360}, 360, false},
		{Window{0, 0}, 700, true}, // 00:00–24:00
	} {
		if got := tc.w.Contains(tc.m); got != tc.want {
			t.Errorf("%v.Contains(%d) = %v, want %v", tc.w, tc.m, got, tc.want)
		}
	}
}

func TestTermYear(t *testing.T) {
	term := Term{Start: Date{2026, 7, 1}}
	for _, tc := range []struct {
		d           Date
		k           int
		first, last Date
	}{
		{Date{2026, 7, 1}, 0, Date{2026, 7, 1}, Date{2027, 6, 30}},
		{Date{2027, 6, 30}, 0, Date{2026, 7, 1}, Date{2027, 6, 30}},
		{Date{2027, 7, 1}, 1, Date{2027, 7, 1}, Date{2028, 6, 30}},
		{Date{2031, 1, 15}, 4, Date{2030, 7, 1}, Date{2031, 6, 30}},
	} {
		k, first, last := term.Year(tc.d)
		if k != tc.k || first != tc.first || last != tc.last {
			t.Errorf("Year(%s) = %d %s %s, want %d %s %s", tc.d, k, first, last, tc.k, tc.first, tc.last)
		}
	}
}

func TestHolidays(t *testing.T) {
	files := map[string]string{"nl.txt": "# Dutch public holidays\n2026-12-25\n2026-12-26 # second Christmas day\n"}
	read := func(n string) ([]byte, error) { return []byte(files[n]), nil }
	src := strings.Replace(minimal, "compensation:", "holidays_file: nl.txt\nholidays: [2026-04-27]\ncompensation:", 1)
	c, err := Parse("h.yaml", []byte(src), read)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []Date{{2026, 12, 25}, {2026, 12, 26}, {2026, 4, 27}} {
		if !c.Holidays[d] {
			t.Errorf("holiday %s missing", d)
		}
	}
	// King's Day (Monday 27 April) is no working day: the time block does not bind.
	s := flat(2026, 4, 27, 2, 350)
	r, err := Evaluate(c, Input{Offtake: s})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Violations) != 1 || LocalDate(r.Violations[0].Start) != (Date{2026, 4, 28}) {
		t.Errorf("violations = %+v, want one on Tuesday 28 April only", r.Violations)
	}
	files["nl.txt"] = "2026-12-32\n"
	if _, err := Parse("h.yaml", []byte(src), read); err == nil || !strings.Contains(err.Error(), "nl.txt:1: want a date") {
		t.Errorf("bad holiday file: err = %v, want nl.txt:1: want a date", err)
	}
}

func TestCallsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		want            []string
	}{
		{"unknown column", "c.csv", "day,from,to,kw,announced\n", []string{`c.csv:1: column 4: unknown column "kw": valid columns are connection, day, from, to, max_kw, volume_kwh, announced`}},
		{"missing column", "c.csv", "day,from,max_kw\n", []string{`missing column "to"`, `missing column "announced"`}},
		{"bad values, all reported", "c.csv", "day,from,to,max_kw,volume_kwh,announced\n2026-02-30,16:00,21:00,x,,2026-03-01 10:00\n2026-03-02,16:00,16:00,5,6,yesterday\n",
			[]string{`c.csv:2: column 1 (day): want a date YYYY-MM-DD, got "2026-02-30"`, `c.csv:2: column 4 (max_kw): want a number ≥ 0, got "x"`,
				`c.csv:3: column 3 (to): window 16:00–16:00 is empty`, `c.csv:3: max_kw/volume_kwh: give a limit (max_kw) or a volume (volume_kwh), not both`,
				`c.csv:3: column 6 (announced): want an instant`}},
		{"yaml unknown key", "c.yaml", "calls:\n  - {day: 2026-03-02, from: \"16:00\", to: \"17:00\", max: 5, announced: \"2026-03-01 10:00\"}\n",
			[]string{`c.yaml:2: calls[0]: unknown key "max": valid keys are connection, day, from, to, max_kw, volume_kwh, announced`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCalls(tc.file, []byte(tc.src))
			if err == nil {
				t.Fatalf("ParseCalls(%q) = nil error", tc.src)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ParseCalls error\n%v\nwant it to contain\n%s", err, w)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		f.Add(data)
	}
	f.Add([]byte(minimal))
	f.Add([]byte("limits: [{form: block-power, blocks: [{from: '24:00', to: '00:00'}]}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data, nil)
		if err != nil {
			if c != nil {
				t.Errorf("Parse returned a contract with its error")
			}
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		// A contract that parses evaluates without panicking.
		if c.Term.Start.Year > 1900 && c.Term.Start.Year < 2200 {
			s := flat(c.Term.Start.Year, c.Term.Start.Month, c.Term.Start.Day, 2, 100)
			if _, err := Evaluate(c, Input{Offtake: s}); err != nil {
				t.Errorf("Evaluate: %v", err)
			}
		}
	})
}

func FuzzParseCalls(f *testing.F) {
	f.Add("c.csv", []byte("day,from,to,max_kw,announced\n2026-03-30,17:00,19:00,160,2026-03-29 12:00\n"))
	f.Add("c.csv", []byte("\ufeffconnection;day;from;to;volume_kwh;announced\n1;2026-03-30;21:00;24:00;5,5;2026-03-29T12:00:00+02:00\n"))
	f.Add("c.yaml", []byte("calls:\n  - {day: 2026-03-30, from: \"17:00\", to: \"19:00\", max_kw: 5, announced: \"2026-03-29 12:00\"}\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		calls, err := ParseCalls(name, data)
		if err != nil {
			if calls != nil {
				t.Errorf("ParseCalls returned calls with its error")
			}
			return
		}
		for _, c := range calls {
			if !c.End().After(c.Start()) {
				t.Errorf("call %+v: end %s not after start %s", c, c.End(), c.Start())
			}
		}
	})
}

func TestHolidayCalendar(t *testing.T) {
	c := mustParse(t, strings.Replace(minimal, "compensation:", "holiday_calendar: nl\ncompensation:", 1))
	for _, d := range []Date{{2026, 4, 6}, {2026, 4, 27}, {2026, 5, 14}, {2030, 5, 5}, {2025, 12, 26}} {
		if !c.Holidays[d] {
			t.Errorf("holiday_calendar nl: %s missing", d)
		}
	}
	if c.Holidays[Date{2026, 5, 5}] {
		t.Error("holiday_calendar nl: 5 May 2026 is a holiday, want it only in lustrum years")
	}
	c = mustParse(t, strings.Replace(minimal, "compensation:", "holiday_calendar: {name: nl, liberation: always}\ncompensation:", 1))
	if !c.Holidays[Date{2026, 5, 5}] {
		t.Error("liberation always: 5 May 2026 missing")
	}
	_, err := Parse("x.yaml", []byte(strings.Replace(minimal, "compensation:", "holiday_calendar: be\ncompensation:", 1)), nil)
	if err == nil || !strings.Contains(err.Error(), "holiday_calendar: want nl") {
		t.Errorf("holiday_calendar be: err = %v, want holiday_calendar: want nl", err)
	}
}

// TestParseCapsErrors: a file with thirty bad values gives twenty
// messages and a count, not a flood (issue 9 item 11).
func TestParseCapsErrors(t *testing.T) {
	data := "connection: \"1\"\nbase_capacity_kw: 500\nterm: {start: 2026-01-01, end: indefinite}\nholidays:\n" +
		strings.Repeat("  - 2026-13-01\n", 30)
	_, err := Parse("caps.yaml", []byte(data), nil)
	if !errors.Is(err, input.ErrTooManyErrors) || strings.Count(err.Error(), "caps.yaml:") != input.MaxErrors {
		t.Fatalf("Parse(30 bad holidays) = %v, want %d problems and input.ErrTooManyErrors", err, input.MaxErrors)
	}
	if !strings.Contains(err.Error(), "more not shown") {
		t.Errorf("Parse(30 bad holidays) = %v, want the count of problems not shown", err)
	}
}
