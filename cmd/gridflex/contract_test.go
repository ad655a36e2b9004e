package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/wire"
)

// The minimal contract, exactly as written there (issue 4, item 3).
const minimalContract = `connection: "871687120000000001"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: time-block          # CBC-T / CSC time block
    days: working             # Monday-Friday; also: all, weekend, or a list of weekdays
    from: "16:00"
    to: "21:00"
    max_kw: 300
compensation: {fixed_eur_per_kw_year: 20}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 50}
`

const onCallContract = `connection: "871687120000000007"
base_capacity_kw: 500
term: {start: 2026-01-01, end: 2030-12-31}
limits:
  - form: on-call
    flex_kw: 200
baseline: {method: mean, days: 10, lookback_days: 45}
compensation: {fixed_eur_per_kw_year: 10, variable_eur_per_mwh: 135, activation_eur: 250}
sanctions: {yellow_cards: [], penalty_eur_per_kw: 25}
`

// Two calls in January 2026, announced the afternoon before: the load
// obeys the first (200 kW under a 300 kW cap) and ignores the second
// (350 kW, so 50 kW over).
const onCallCalls = `connection;day;from;to;max_kw;volume_kwh;announced
871687120000000007;2026-01-21;17:00;19:00;300;;2026-01-20 15:00
871687120000000007;2026-01-22;17:00;19:00;300;;2026-01-21 15:00
`

// at is a local Dutch wall-clock time in January 2026.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 1, day, hour, minute, 0, 0, series.Amsterdam)
}

// januaryLoad is a flat 250 kW for January 2026 (local days), with
// setKW(from, to, kW) raising or lowering [from, to).
func januaryLoad() (s series.Series, set func(from, to time.Time, kw float32)) {
	start := at(1, 0, 0).UTC()
	n := int(at(32, 0, 0).Sub(at(1, 0, 0)) / series.ISP)
	s = series.Series{Start: start, KW: make([]float32, n)}
	for i := range s.KW {
		s.KW[i] = 250
	}
	return s, func(from, to time.Time, kw float32) {
		for t := from; t.Before(to); t = t.Add(series.ISP) {
			s.KW[int(t.Sub(start)/series.ISP)] = kw
		}
	}
}

// minimalLoad breaks the minimal contract's 16:00–21:00 working-day
// 300 kW block four times: 350 kW over 17:00–17:30 on Monday 5 to
// Thursday 8 January (50 kW and 25 kWh over each time). Loads of 400 kW
// on Saturday 10 January, at 21:00 on Friday 9 and at 15:45 on Monday 12
// fall outside the block and are no violations.
func minimalLoad() series.Series {
	s, set := januaryLoad()
	for d := 5; d <= 8; d++ {
		set(at(d, 17, 0), at(d, 17, 30), 350)
	}
	set(at(10, 17, 0), at(10, 18, 0), 400)
	set(at(9, 21, 0), at(9, 22, 0), 400)
	set(at(12, 15, 45), at(12, 16, 0), 400)
	return s
}

func onCallLoad() series.Series {
	s, set := januaryLoad()
	set(at(21, 17, 0), at(21, 19, 0), 200)
	set(at(22, 17, 0), at(22, 19, 0), 350)
	return s
}

// writeFile writes content to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// writeMeter writes connections as a canonical meter file (meter/FORMAT.md).
func writeMeter(t *testing.T, dir, name string, conns ...meter.Connection) string {
	t.Helper()
	var b bytes.Buffer
	if err := meter.WriteCanonical(&b, conns); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, b.String())
}

func TestContractCheckJSON(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})

	out, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--format", "json")
	if err != nil {
		t.Fatalf("contract check: %v\n%s", err, stderr)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &top); err != nil {
		t.Fatalf("contract check --format json: %v\n%s", err, out)
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// The keys, plus data_quality (the import's report, not dropped)
	// and warnings (this contract's term has no end: §6).
	want := []string{"compensation_eur", "connection", "data_quality", "isps", "missing_isps", "penalty_eur", "period", "settlement", "violations", "warnings", "yellow_cards"}
	if !slices.Equal(keys, want) {
		t.Errorf("JSON top-level keys = %v, want the issue's and data_quality %v", keys, want)
	}

	var r wire.Check
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Connection != "871687120000000001" || r.ISPs != 31*96 || r.MissingISPs != 0 {
		t.Errorf("connection, isps, missing = %s, %d, %d; want 871687120000000001, %d, 0", r.Connection, r.ISPs, r.MissingISPs, 31*96)
	}
	if !r.Period.Start.Equal(at(1, 0, 0)) || !r.Period.End.Equal(at(32, 0, 0)) {
		t.Errorf("period = %v – %v, want January 2026 in local days", r.Period.Start, r.Period.End)
	}
	// Golden (§6 proposal as the issue writes it): four violations; the
	// first three in contract year 1 draw the year's three yellow cards,
	// the fourth a penalty of 50 kW × €50/kW.
	if len(r.Violations) != 4 {
		t.Fatalf("violations = %+v, want 4 (5–8 January 17:00–17:30)", r.Violations)
	}
	for i, v := range r.Violations {
		d := 5 + i
		if !v.Start.Equal(at(d, 17, 0)) || !v.End.Equal(at(d, 17, 30)) || v.MaxExcessKW != 50 || v.ExcessKWh != 25 {
			t.Errorf("violation %d = %+v, want %d January 17:00–17:30, 50 kW and 25 kWh over", i, v, d)
		}
	}
	if r.YellowCards != 3 || r.PenaltyEUR != 2500 {
		t.Errorf("yellow cards, penalty = %d, %.2f; want 3, 2500.00", r.YellowCards, r.PenaltyEUR)
	}
	if len(r.Settlement) == 0 {
		t.Error("settlement is empty, want January and contract year 1")
	}
	// Availability: the block frees 500 − 300 = 200 kW at €20/kW·year for
	// the 31 days of data.
	if r.CompensationEUR != 339.73 {
		t.Errorf("compensation = %.2f, want 339.73 (200 kW × €20 × 31/365)", r.CompensationEUR)
	}

	// The penalty follows the contract's rate: outputs move when inputs move.
	c2 := writeFile(t, dir, "minimal80.yaml", strings.Replace(minimalContract, "penalty_eur_per_kw: 50", "penalty_eur_per_kw: 80", 1))
	out, _, err = runCLI(t, "contract", "check", "--contract", c2, "--meter", m, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	r = wire.Check{}
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.PenaltyEUR != 4000 {
		t.Errorf("penalty at €80/kW = %.2f (%v), want 4000.00", r.PenaltyEUR, err)
	}
}

func TestContractCheckTable(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	out, _, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"871687120000000001",
		"4; yellow cards 3; penalties €2,500.00",
		"2026-01-08 17:00",
		"2026-01-08 17:30",
		"violations\n",
		"settlement\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	// --isps prints one CSV row per ISP.
	out, _, err = runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--isps")
	if err != nil {
		t.Fatal(err)
	}
	if rows, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil || len(rows) != 1+31*96 {
		t.Errorf("--isps: %d rows (%v), want a header and %d ISPs", len(rows), err, 31*96)
	}
}

func TestContractCheckCalls(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "oncall.yaml", onCallContract)
	calls := writeFile(t, dir, "calls.csv", onCallCalls)
	m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000007", Offtake: onCallLoad()})

	out, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--calls", calls)
	if err != nil {
		t.Fatalf("contract check --calls: %v\n%s", err, stderr)
	}
	for _, want := range []string{"calls (baseline: mean of 10 comparable days)", "2026-01-21", "2026-01-22"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--calls", calls, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var r wire.Check
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// The ignored call is one violation, 50 kW over for two hours, paid at
	// €25/kW (no yellow cards in this regime).
	if len(r.Violations) != 1 || r.Violations[0].MaxExcessKW != 50 || r.Violations[0].ExcessKWh != 100 ||
		!r.Violations[0].Start.Equal(at(22, 17, 0)) {
		t.Errorf("violations = %+v, want one on 22 January 17:00–19:00, 50 kW and 100 kWh over", r.Violations)
	}
	if r.YellowCards != 0 || r.PenaltyEUR != 1250 {
		t.Errorf("yellow cards, penalty = %d, %.2f; want 0, 1250.00", r.YellowCards, r.PenaltyEUR)
	}
	// Compensation: 200 kW × €10/kW·year × 31/365 days, plus 100 kWh
	// delivered on the obeyed call (mean baseline 250 kW, load 200 kW, two
	// hours) × €135/MWh, plus two activations × €250.
	if want := 169.86 + 13.50 + 500; r.CompensationEUR != want {
		t.Errorf("compensation = %.2f, want %.2f", r.CompensationEUR, want)
	}
	// Without the calls the on-call contract never binds.
	out, _, err = runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	r = wire.Check{}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Violations) != 0 {
		t.Errorf("without calls: violations = %+v (%v), want none", r.Violations, err)
	}
}

func TestContractCheckBulk(t *testing.T) {
	dir := t.TempDir()
	contracts := filepath.Join(dir, "contracts")
	meters := filepath.Join(dir, "meters")
	for _, d := range []string{contracts, meters} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, contracts, "minimal.yaml", minimalContract)
	writeFile(t, contracts, "oncall.yaml", onCallContract)
	calls := writeFile(t, dir, "calls.csv", onCallCalls)
	writeMeter(t, meters, "a.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	writeMeter(t, meters, "b.csv",
		meter.Connection{EAN: "871687120000000007", Offtake: onCallLoad()},
		meter.Connection{EAN: "871687120000000099", Offtake: minimalLoad()})

	summary := filepath.Join(dir, "summary.csv")
	_, stderr, err := runCLI(t, "contract", "check", "--contract", contracts, "--meter", meters, "--calls", calls, "--format", "csv", "-o", summary)
	if err != nil {
		t.Fatalf("bulk check: %v\n%s", err, stderr)
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], summaryHeader) {
		t.Errorf("header = %v, want %v", rows[0], summaryHeader)
	}
	col := func(name string) int { return slices.Index(summaryHeader, name) }
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r
	}
	for _, tc := range []struct {
		ean, status, violations, yellow, penalty string
	}{
		{"871687120000000001", "checked", "4", "3", "2500"},
		{"871687120000000007", "checked", "1", "0", "1250"},
		{"871687120000000099", "no contract", "0", "0", "0"},
	} {
		r, ok := got[tc.ean]
		if !ok {
			t.Errorf("summary has no row for %s:\n%s", tc.ean, data)
			continue
		}
		if r[col("status")] != tc.status || r[col("violations")] != tc.violations || r[col("yellow_cards")] != tc.yellow || r[col("penalty_eur")] != tc.penalty {
			t.Errorf("row %v, want status %s, %s violations, %s yellow cards, penalty %s", r, tc.status, tc.violations, tc.yellow, tc.penalty)
		}
	}
	if len(rows) != 1+3 {
		t.Errorf("summary has %d rows, want one per connection (3):\n%s", len(rows)-1, data)
	}

	out, _, err := runCLI(t, "contract", "check", "--contract", contracts, "--meter", meters, "--calls", calls, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var js []map[string]any
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("bulk --format json: %v\n%s", err, out)
	}
	if len(js) != 3 {
		t.Errorf("bulk JSON has %d rows, want 3:\n%s", len(js), out)
	}
}

func TestContractCheckBadContract(t *testing.T) {
	dir := t.TempDir()
	bad := strings.Replace(minimalContract, "max_kw: 300", "max_kw: 600", 1)
	c := writeFile(t, dir, "bad.yaml", bad)
	m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	out := filepath.Join(dir, "out.json")
	_, _, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--format", "json", "-o", out)
	if err == nil {
		t.Fatal("contract check with max_kw above the base succeeded")
	}
	if want := c + ":9: "; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "max_kw 600") {
		t.Errorf("error %q, want it to name %s and max_kw 600", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("-o %s exists after a failed check (err %v), want no file", out, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.json.tmp-*")); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}

	// Bad importer flags are all reported at once, each with its flag.
	_, _, err = runCLI(t, "contract", "check", "--contract", writeFile(t, dir, "ok.yaml", minimalContract), "--meter", m,
		"--separator", "|", "--decimal", ";", "--zone", "Mars/Olympus")
	for _, want := range []string{"--separator", "--decimal", "--zone"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("bad meter flags: err = %v, want it to name %s", err, want)
		}
	}
}

// TestContractCheckENTSOE checks the national Dutch load (15-minute MW,
// 2022–2024, both DST changes each year) against a time-block contract,
// read with --unit MW as one connection named after the contract.
func TestContractCheckENTSOE(t *testing.T) {
	file := filepath.Join(sharedDir(t), "data", "entsoe-nl-load", "actual_total_load_nl_2022_2024.csv")
	if _, err := os.Stat(file); err != nil {
		t.Skipf("ENTSO-E NL load not present: %v", err)
	}
	dir := t.TempDir()
	c := writeFile(t, dir, "nl.yaml", `connection: "NL"
base_capacity_kw: 25000000
term: {start: 2022-01-01, end: 2024-12-31}
limits:
  - {form: time-block, days: working, from: "17:00", to: "19:00", max_kw: 16000000}
compensation: {fixed_eur_per_kw_year: 1}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 1}
`)
	out, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", file, "--unit", "MW", "--format", "json")
	if err != nil {
		t.Fatalf("contract check on ENTSO-E load: %v\n%s", err, stderr)
	}
	var r wire.Check
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// Three years of local days: 1096 days, 105,216 ISPs (the DST days
	// have 92 and 100 and cancel out each year).
	if r.Connection != "NL" || r.ISPs != 1096*96 {
		t.Errorf("connection, isps = %s, %d; want NL, %d", r.Connection, r.ISPs, 1096*96)
	}
	if len(r.Violations) == 0 || r.YellowCards != 4 {
		t.Errorf("violations %d, yellow cards %d; want some evening peaks above 16 GW and 3+1 yellow cards", len(r.Violations), r.YellowCards)
	}
	if _, _, err := runCLI(t, "contract", "check", "--contract", c, "--meter", file, "--format", "json"); err == nil ||
		!strings.Contains(err.Error(), "unit") {
		t.Errorf("without --unit: err = %v, want an error about the missing unit", err)
	}
}

// sortByTime reorders a canonical meter file's rows by interval start (all
// connections at 00:00, then all at 00:15, …), as many exports write them.
func sortByTime(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	rows := lines[1:]
	slices.SortStableFunc(rows, func(a, b string) int {
		return strings.Compare(strings.Split(a, ";")[1], strings.Split(b, ";")[1])
	})
	if err := os.WriteFile(path, []byte(lines[0]+"\n"+strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A multi-connection file sorted by time cannot be streamed; the check
// reads it whole with a note, in single-contract and bulk mode, and gets
// the same result as from the file sorted by EAN.
func TestContractCheckTimeSorted(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	conns := []meter.Connection{
		{EAN: "871687120000000001", Offtake: minimalLoad()},
		{EAN: "871687120000000099", Offtake: minimalLoad()},
	}
	// Each in a directory of its own, which makes a bulk check of it.
	for _, d := range []string{"by-ean", "by-time"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	byEAN := writeMeter(t, filepath.Join(dir, "by-ean"), "meter.csv", conns...)
	byTime := writeMeter(t, filepath.Join(dir, "by-time"), "meter.csv", conns...)
	sortByTime(t, byTime)
	const note = "reading the whole file into memory"
	for _, tc := range []struct {
		name     string
		file     string
		wantNote bool
	}{
		{"sorted by EAN streams", byEAN, false},
		{"sorted by time is read whole", byTime, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", tc.file, "--format", "json")
			if err != nil {
				t.Fatalf("contract check --meter %s: %v\n%s", tc.file, err, stderr)
			}
			var r wire.Check
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			if len(r.Violations) != 4 || r.YellowCards != 3 {
				t.Errorf("violations, yellow cards = %d, %d; want 4, 3", len(r.Violations), r.YellowCards)
			}
			if got := strings.Contains(stderr, note); got != tc.wantNote {
				t.Errorf("stderr note %q present = %v, want %v:\n%s", note, got, tc.wantNote, stderr)
			}

			summary := filepath.Join(t.TempDir(), "summary.csv")
			_, stderr, err = runCLI(t, "contract", "check", "--contract", c, "--meter", filepath.Dir(tc.file), "-o", summary)
			if err != nil {
				t.Fatalf("bulk contract check --meter %s: %v\n%s", tc.file, err, stderr)
			}
			data, err := os.ReadFile(summary)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("bulk -o summary.csv is not CSV: %v\n%s", err, data)
			}
			if len(rows) != 3 || rows[1][0] != "871687120000000001" || rows[1][slices.Index(summaryHeader, "violations")] != "4" {
				t.Errorf("bulk summary = %v, want a header, 871687120000000001 with 4 violations, and 871687120000000099", rows)
			}
			if got := strings.Contains(stderr, note); got != tc.wantNote {
				t.Errorf("bulk: stderr note %q present = %v, want %v:\n%s", note, got, tc.wantNote, stderr)
			}
		})
	}
}

// hourlyJanuary is January 2026 at 250 kW as hourly canonical rows.
func hourlyJanuary(ean string) string {
	var b strings.Builder
	b.WriteString("ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n")
	for h := at(1, 0, 0); h.Before(at(32, 0, 0)); h = h.Add(time.Hour) {
		b.WriteString(ean + ";" + h.Format(time.RFC3339) + ";" + h.Add(time.Hour).Format(time.RFC3339) + ";250;;M\n")
	}
	return b.String()
}

// What the import found reaches the JSON (data_quality) and stderr, or
// the table; nothing of it is dropped.
func TestContractCheckDataQuality(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	clean := writeMeter(t, dir, "clean.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	dirty := slices.Clone(lines)
	dirty[10] = strings.TrimSuffix(dirty[10], "M") + "E"                   // estimated
	dirty = append(dirty, strings.Replace(lines[20], ";62.5;", ";99;", 1)) // conflicting duplicate
	dirty = slices.Delete(dirty, 200, 204)                                 // a gap of 4 ISPs
	for _, tc := range []struct {
		name                       string
		content                    string
		estimated, conflicts, gaps int
		resolution                 float64
		wantWarning                string
	}{
		{"clean", "", 0, 0, 0, 15, ""},
		{"estimated, duplicate, gap", strings.Join(dirty, "\n") + "\n", 1, 1, 1, 15, "1 conflicting duplicate"},
		{"hourly", hourlyJanuary("871687120000000001"), 0, 0, 0, 60, "peaks within the hour are not visible"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := clean
			if tc.content != "" {
				m = writeFile(t, t.TempDir(), "meter.csv", tc.content)
			}
			out, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--format", "json")
			if err != nil {
				t.Fatalf("contract check: %v\n%s", err, stderr)
			}
			var r wire.Check
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatal(err)
			}
			q := r.DataQuality
			if q.EstimatedReadings != tc.estimated || q.ConflictingDuplicates != tc.conflicts || q.Gaps != tc.gaps || q.ResolutionMinutes != tc.resolution {
				t.Errorf("data_quality = %+v, want %d estimated, %d conflicts, %d gaps, %g min", q, tc.estimated, tc.conflicts, tc.gaps, tc.resolution)
			}
			if tc.wantWarning == "" {
				if len(q.Warnings) != 0 || strings.Contains(stderr, "data quality") {
					t.Errorf("clean data: warnings %v, stderr %q; want none", q.Warnings, stderr)
				}
				return
			}
			if !strings.Contains(strings.Join(q.Warnings, "\n"), tc.wantWarning) || !strings.Contains(stderr, tc.wantWarning) {
				t.Errorf("warnings %v, stderr %q; want both to say %q", q.Warnings, stderr, tc.wantWarning)
			}
			table, _, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m)
			if err != nil || !strings.Contains(table, "data quality") || !strings.Contains(table, tc.wantWarning) {
				t.Errorf("table (%v) lacks the data quality rows:\n%s", err, table)
			}
		})
	}
}

// The calls table prints a whole-day call as 00:00–24:00 and "–" for the
// limit of a TDTR call screened out before its limit was known, never NaN.
func TestContractCheckCallsTableTDTR(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "tdtr.yaml", `connection: "871687120000000001"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: tdtr, firm_share: 0.9, limited_kw: 300}
`)
	calls := writeFile(t, dir, "calls.csv", `day,from,to,announced
2026-01-21,00:00,24:00,2026-01-19 12:00
2026-01-22,17:00,19:00,2026-01-21 23:00
`)
	m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	out, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m, "--calls", calls)
	if err != nil {
		t.Fatalf("contract check --calls: %v\n%s", err, stderr)
	}
	if strings.Contains(out, "NaN") || !strings.Contains(out, "00:00–24:00") {
		t.Errorf("calls table has NaN or lacks 00:00–24:00:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "2026-01-22") && strings.Fields(line)[2] != "–" {
			t.Errorf("late call row %q, want – as its limit", line)
		}
	}
}

// -o picks the format from its extension unless --format says otherwise;
// a contradiction is an error and writes no file.
func TestContractCheckOutputFormat(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	meters := filepath.Join(dir, "meters")
	if err := os.Mkdir(meters, 0o755); err != nil {
		t.Fatal(err)
	}
	writeMeter(t, meters, "a.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	for _, tc := range []struct {
		name, out string
		format    []string
		want      string // "csv", "json", "table" or "error"
	}{
		{"csv by extension", "s.csv", nil, "csv"},
		{"json by extension", "s.json", nil, "json"},
		{"other extension keeps the table", "s.txt", nil, "table"},
		{"explicit agreeing", "s.csv", []string{"--format", "csv"}, "csv"},
		{"explicit conflicting", "s.csv", []string{"--format", "json"}, "error"},
		{"explicit table into csv", "s.csv", []string{"--format", "table"}, "error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.out)
			args := append([]string{"contract", "check", "--contract", c, "--meter", meters, "-o", path}, tc.format...)
			_, stderr, err := runCLI(t, args...)
			if tc.want == "error" {
				if err == nil || !strings.Contains(err.Error(), "--format") {
					t.Errorf("%v: err = %v, want a --format conflict", args, err)
				}
				if _, err := os.Stat(path); err == nil {
					t.Errorf("%v wrote %s despite the error", args, path)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v: %v\n%s", args, err, stderr)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var got string
			switch {
			case json.Valid(data):
				got = "json"
			case strings.HasPrefix(string(data), strings.Join(summaryHeader, ",")):
				got = "csv"
			default:
				got = "table"
			}
			if got != tc.want {
				t.Errorf("%v wrote %s, want %s:\n%s", args, got, tc.want, data)
			}
		})
	}
}

// Bulk mode lists each connection's data-quality warnings on stderr.
func TestContractCheckBulkDataQuality(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	meters := filepath.Join(dir, "meters")
	if err := os.Mkdir(meters, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, meters, "hourly.csv", hourlyJanuary("871687120000000001"))
	writeMeter(t, meters, "quarter.csv", meter.Connection{EAN: "871687120000000099", Offtake: minimalLoad()})
	_, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", meters, "--format", "csv")
	if err != nil {
		t.Fatalf("bulk check: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "data quality:\n  - 871687120000000001: readings every hour") || strings.Contains(stderr, "871687120000000099") {
		t.Errorf("stderr = %q, want a data quality line for the hourly connection only", stderr)
	}
}

// A file that repeats an EAN after its rows ended is read whole when
// nothing has been checked yet; once connections have been streamed on it
// is refused with a hint, not checked on part of the data.
func TestContractCheckReappearingEAN(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	row := func(ean, from, to string) string {
		return ean + ";2026-01-01T" + from + ":00+01:00;2026-01-01T" + to + ":00+01:00;1;;M\n"
	}
	const a, b, x = "871687120000000001", "871687120000000099", "871687120000000098"
	head := "ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n"
	for _, tc := range []struct {
		name, content, wantErr string
	}{
		{"before anything was checked", head + row(a, "00:00", "00:15") + row(a, "00:15", "00:30") + row(b, "00:00", "00:15") + row(a, "00:30", "00:45"), ""},
		{"after streaming began", head + row(a, "00:00", "00:15") + row(a, "00:15", "00:30") + row(b, "00:00", "00:15") + row(x, "00:00", "00:15") +
			row(a, "00:30", "00:45"), "m.csv:6"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meters := t.TempDir()
			writeFile(t, meters, "m.csv", tc.content)
			_, stderr, err := runCLI(t, "contract", "check", "--contract", c, "--meter", meters, "--format", "csv")
			if tc.wantErr == "" {
				if err != nil || !strings.Contains(stderr, "reading the whole file") {
					t.Errorf("err = %v, stderr %q; want the file read whole with a note", err, stderr)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "sort it by EAN") {
				t.Errorf("err = %v, want the reappearing EAN at %s with a hint", err, tc.wantErr)
			}
		})
	}
}

// TestContractCheckBulkTimesAsSingle guards issue 9 item 17: the bulk
// table shows its period on the Dutch wall clock as the single check's
// table does (it showed UTC RFC 3339), and bulk CSV and JSON carry the
// same instants in UTC.
func TestContractCheckBulkTimesAsSingle(t *testing.T) {
	dir := t.TempDir()
	contracts, meters := filepath.Join(dir, "contracts"), filepath.Join(dir, "meters")
	for _, d := range []string{contracts, meters} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	c := writeFile(t, contracts, "minimal.yaml", minimalContract)
	m := writeMeter(t, meters, "a.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	single, _, err := runCLI(t, "contract", "check", "--contract", c, "--meter", m)
	if err != nil {
		t.Fatal(err)
	}
	bulk, _, err := runCLI(t, "contract", "check", "--contract", contracts, "--meter", meters)
	if err != nil {
		t.Fatal(err)
	}
	period := regexp.MustCompile(`(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) – (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) \(Europe/Amsterdam\)`).FindStringSubmatch(single)
	if period == nil {
		t.Fatalf("single table has no period:\n%s", single)
	}
	row := tableRow(t, bulk, "871687120000000001")
	if !strings.Contains(strings.Join(row, " "), period[1]+" "+period[2]) || !strings.Contains(bulk, "Europe/Amsterdam") {
		t.Errorf("bulk row %v does not show the single check's period %s – %s (Europe/Amsterdam):\n%s", row, period[1], period[2], bulk)
	}
	out, _, err := runCLI(t, "contract", "check", "--contract", contracts, "--meter", meters, "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("bulk csv: %v\n%s", err, out)
	}
	start, err := time.Parse(time.RFC3339, rows[1][slices.Index(summaryHeader, "start")])
	local, _ := time.ParseInLocation("2006-01-02 15:04", period[1], series.Amsterdam)
	if err != nil || !start.Equal(local) || !strings.HasSuffix(rows[1][2], "Z") {
		t.Errorf("bulk csv start %q (%v), want %s as RFC 3339 UTC", rows[1][2], err, local.UTC())
	}
}
