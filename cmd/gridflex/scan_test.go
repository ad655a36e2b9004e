package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/ean"
	"gridflex/series"
)

// studySite is the study's example exactly as issue 5 gives it (§3).
const studySite = `sector: logistics
name: example depot
capacity_kw: 80
vehicles:
  - name: truck
    count: 3
    energy_kwh_per_day: 290
    arrival: "19:00"
    departure: "07:00"
    charger_kw: 50
`

func writeChargingSite(t *testing.T, text string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "site.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

func chargingScanJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, _, err := runCLI(t, append([]string{"scan", "--format", "json"}, args...)...)
	if err != nil {
		t.Fatalf("scan %v: %v", args, err)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("scan %v --format json: %v", args, err)
	}
	return r
}

// §3: 3 × 290 kWh charged 21:00–07:00 needs 87 kW; compensation 10 % of
// the charging cost ÷ flex share = €111/MWh.
func TestScanStudyExampleJSON(t *testing.T) {
	_, site := writeChargingSite(t, studySite)
	r := chargingScanJSON(t, site)
	if got := r["min_night_capacity_kw"]; got != 87.0 {
		t.Errorf("min_night_capacity_kw = %v, want 87", got)
	}
	if got, _ := r["compensation_eur_per_mwh"].(float64); got < 110.5 || got >= 111.5 {
		t.Errorf("compensation_eur_per_mwh = %v, want 111", got)
	}
	for _, k := range []string{"evening_reduction_kw", "moved_mwh_per_year"} {
		if _, ok := r[k].(float64); !ok {
			t.Errorf("%s = %v, want a number", k, r[k])
		}
	}
	if _, ok := r["unmet"].([]any); !ok {
		t.Errorf("unmet = %v, want a list", r["unmet"])
	}
	blocks, _ := r["block_power"].([]any)
	if len(blocks) == 0 {
		t.Fatalf("block_power = %v, want a list", r["block_power"])
	}
	for _, b := range blocks {
		m, _ := b.(map[string]any)
		for _, k := range []string{"start", "end", "extra_kw"} {
			if _, ok := m[k]; !ok {
				t.Errorf("block_power entry %v: missing %q", b, k)
			}
		}
	}
}

func TestScanFormatsAndFiles(t *testing.T) {
	dir, site := writeChargingSite(t, studySite)
	md, _, err := runCLI(t, "scan", "--format", "md", site)
	if err != nil || !strings.Contains(md, "87") || !strings.Contains(md, "|") {
		t.Errorf("scan --format md: err %v, output:\n%s", err, md)
	}
	html, _, err := runCLI(t, "scan", "--format", "html", site)
	if err != nil || !strings.Contains(html, "<svg") {
		t.Errorf("scan --format html: err %v, no inline chart", err)
	}
	if ext := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:|//)`).FindString(html); ext != "" {
		t.Errorf("scan --format html refers to an external resource: %s", ext)
	}
	for _, name := range []string{"day.svg", "day.png"} {
		p := filepath.Join(dir, name)
		if _, _, err := runCLI(t, "scan", "-o", p, site); err != nil {
			t.Fatalf("scan -o %s: %v", name, err)
		}
		if st, err := os.Stat(p); err != nil || st.Size() < 1000 {
			t.Errorf("scan -o %s wrote %v (%v)", name, st, err)
		}
	}
	c := filepath.Join(dir, "c.yaml")
	if _, _, err := runCLI(t, "scan", "--export", "contract", "--date", "2026-12-01", "-o", c, site); err != nil {
		t.Fatalf("scan --export contract: %v", err)
	}
	if b, err := os.ReadFile(c); err != nil || len(b) == 0 {
		t.Errorf("contract file: %v", err)
	}
}

func TestScanExportOCPP(t *testing.T) {
	dir, site := writeChargingSite(t, studySite)
	out := filepath.Join(dir, "ocpp")
	if _, _, err := runCLI(t, "scan", "--export", "ocpp", "--date", "2026-12-01", "-o", out, site); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.json"))
	if len(files) != 3 {
		t.Fatalf("--export ocpp wrote %d JSON files, want one per charger (3)", len(files))
	}
	if b, err := os.ReadFile(filepath.Join(out, "grid_limit.csv")); err != nil || strings.Count(string(b), "\n") < 96 {
		t.Errorf("grid_limit.csv: %v, %d lines", err, strings.Count(string(b), "\n"))
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		var req struct {
			EvseID          *int `json:"evseId"`
			ChargingProfile struct {
				ChargingProfilePurpose string `json:"chargingProfilePurpose"`
				ChargingProfileKind    string `json:"chargingProfileKind"`
				ChargingSchedule       []struct {
					ChargingRateUnit       string `json:"chargingRateUnit"`
					ChargingSchedulePeriod []struct {
						StartPeriod *int     `json:"startPeriod"`
						Limit       *float64 `json:"limit"`
					} `json:"chargingSchedulePeriod"`
				} `json:"chargingSchedule"`
			} `json:"chargingProfile"`
		}
		if err := json.Unmarshal(b, &req); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		p := req.ChargingProfile
		if req.EvseID == nil || p.ChargingProfilePurpose != "TxDefaultProfile" || p.ChargingProfileKind != "Absolute" ||
			len(p.ChargingSchedule) != 1 || p.ChargingSchedule[0].ChargingRateUnit != "W" || len(p.ChargingSchedule[0].ChargingSchedulePeriod) == 0 {
			t.Fatalf("%s: missing OCPP fields:\n%s", f, b)
		}
		for _, per := range p.ChargingSchedule[0].ChargingSchedulePeriod {
			if per.StartPeriod == nil || per.Limit == nil {
				t.Fatalf("%s: period without startPeriod or limit", f)
			}
		}
	}
}

// TestScanExportOCPPRefusesOldExport: exporting into a directory that holds
// an earlier export is refused and leaves it as it was (issue 9 item 5:
// old profiles were mixed with new ones or left behind).
func TestScanExportOCPPRefusesOldExport(t *testing.T) {
	dir, site := writeChargingSite(t, studySite)
	out := filepath.Join(dir, "ocpp")
	if _, _, err := runCLI(t, "scan", "--export", "ocpp", "--date", "2026-12-01", "-o", out, site); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "grid_limit.csv"))
	_, _, err := runCLI(t, "scan", "--export", "ocpp", "--date", "2027-03-28", "-o", out, site)
	if err == nil || !strings.Contains(err.Error(), "want a new or empty directory") {
		t.Fatalf("second export into %s = %v, want a refusal", out, err)
	}
	if after, _ := os.ReadFile(filepath.Join(out, "grid_limit.csv")); string(after) != string(before) {
		t.Error("refused export changed grid_limit.csv")
	}
}

// Ending the evening peak at 20:00 gives the trucks 11 h: 870 kWh ÷ 11 h
// = 79.1 kW instead of 87 (§3 windows are scenario parameters).
func TestScanSetMovesResult(t *testing.T) {
	_, site := writeChargingSite(t, studySite)
	r := chargingScanJSON(t, "--set", "grid.peak.evening.to=20", site)
	if got, _ := r["min_night_capacity_kw"].(float64); got < 79 || got > 79.2 {
		t.Errorf("--set grid.peak.evening.to=20: min_night_capacity_kw = %v, want 79.1", got)
	}
}

func TestScanBadSite(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"unknown key", strings.Replace(studySite, "capacity_kw: 80", "capacity_kw: 80\ncapacity: 90", 1), "site.yaml:4: capacity: unknown key"},
		{"wrong type", strings.Replace(studySite, "count: 3", "count: three", 1), `site.yaml:6: vehicles[0].count: want a whole number, got text "three"`},
		{"bad value", strings.Replace(studySite, "charger_kw: 50", "charger_kw: -50", 1), "site.yaml:10: vehicles[0].charger_kw"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, site := writeChargingSite(t, tc.text)
			out := filepath.Join(dir, "ocpp")
			_, _, err := runCLI(t, "scan", "--export", "ocpp", "-o", out, site)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "site.yaml") {
				t.Errorf("scan(%s) = %v, want an error naming site.yaml and %q", tc.name, err, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("scan(%s) wrote %s despite the error", tc.name, out)
			}
		})
	}
}

// Office §1.4 on three sessions at 3.7 kW (the charging package's case):
// 08–11 with 8 kWh cannot be served in 10:00–16:00 without a priority
// charger; with one of three kept it is.
func TestScanSessions(t *testing.T) {
	dir, site := writeChargingSite(t, "sector: offices\nname: o\ncapacity_kw: 50\npriority_share: 0.34\nsessions: {charger_kw: 3.7}\n")
	csv := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(csv, []byte("arrival,departure,kwh,charger\n"+
		"2026-06-01T08:00:00+02:00,2026-06-01T17:00:00+02:00,10,A\n"+
		"2026-06-01T08:00:00+02:00,2026-06-01T11:00:00+02:00,8,B\n"+
		"2026-06-01T13:00:00+02:00,2026-06-01T18:00:00+02:00,5,C\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := chargingScanJSON(t, "--sessions", csv, site)
	o, _ := r["office"].(map[string]any)
	if o["sessions"] != 3.0 || o["fully_served"] != 3.0 || o["served_share_without_priority"] != 2.0/3 {
		t.Errorf("scan --sessions: office = %v, want 3 sessions, 3 served, 2/3 without priority", o)
	}
	if _, _, err := runCLI(t, "scan", "--sessions", filepath.Join(dir, "missing.csv"), site); err == nil {
		t.Error("scan --sessions missing.csv succeeded")
	}
	// FORMAT.md: the sessions: block is optional (charger_kw defaults to
	// 3.7 kW, §1.4), and with --sessions the site needs no vehicles.
	_, bare := writeChargingSite(t, "sector: offices\nname: o\ncapacity_kw: 50\npriority_share: 0.34\n")
	o2, _ := chargingScanJSON(t, "--sessions", csv, bare)["office"].(map[string]any)
	if o2["served_share_without_priority"] != o["served_share_without_priority"] {
		t.Errorf("scan --sessions without sessions: = %v, want %v", o2, o)
	}
	if _, _, err := runCLI(t, "scan", bare); err == nil || !strings.Contains(err.Error(), "vehicles: want at least one vehicle") {
		t.Errorf("scan without vehicles or --sessions = %v, want a vehicles error", err)
	}
}

// The office analysis runs on a real ACN workplace file (JPL, summer 2019;
// local times with offsets) in well under a second. (The summer 2021 file
// has one session inside another on charger AG-3F20, which is refused:
// TestScanSessionsACNOverlap.)
func TestScanSessionsACN(t *testing.T) {
	csv := filepath.Join(sharedDir(t), "data", "acn-caltech-jpl", "jpl_2019-05-01_2019-08-31.csv.gz")
	if _, err := os.Stat(csv); err != nil {
		t.Skipf("ACN data not present: %v", err)
	}
	_, site := writeChargingSite(t, "sector: offices\nname: jpl\ncapacity_kw: 500\nsessions: {}\n")
	o, _ := chargingScanJSON(t, "--sessions", csv, site)["office"].(map[string]any)
	n, _ := o["sessions"].(float64)
	share, _ := o["served_share"].(float64)
	if n < 1000 || !(share > 0 && share <= 1) {
		t.Errorf("scan --sessions %s: office = %v, want > 1000 sessions and a served share in (0, 1]", filepath.Base(csv), o)
	}
}

// yamlBlock is the first ```yaml fenced block of a Markdown report.
func yamlBlock(t *testing.T, md string) string {
	t.Helper()
	_, rest, ok := strings.Cut(md, "```yaml\n")
	if !ok {
		t.Fatalf("markdown has no yaml block:\n%s", md)
	}
	block, _, _ := strings.Cut(rest, "```")
	return block
}

// Issue 6 item 4: a depot gets the one report (Flex-e section, contract
// file inline, € per year); the JSON keeps issue 5's keys on top.
func TestScanDepotReport(t *testing.T) {
	_, site := writeChargingSite(t, studySite)
	md, _, err := runCLI(t, "scan", "--format", "md", "--date", "2026-12-01", site)
	if err != nil {
		t.Fatalf("scan --format md: %v", err)
	}
	for _, want := range []string{"Flex-e", "inputs needed", "compensation needed | €", "/yr", "## Recommended contract"} {
		if !strings.Contains(md, want) {
			t.Errorf("scan --format md lacks %q", want)
		}
	}
	file := yamlBlock(t, md)
	if _, err := contract.Parse("md-contract.yaml", []byte(file), nil); err != nil {
		t.Errorf("contract in the md report: %v\n%s", err, file)
	}
	exported := filepath.Join(t.TempDir(), "c.yaml")
	if _, _, err := runCLI(t, "scan", "--export", "contract", "--date", "2026-12-01", "-o", exported, site); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(exported); string(b) != file {
		t.Errorf("contract in the report differs from --export contract:\n%s\nvs\n%s", file, b)
	}
	html, _, err := runCLI(t, "scan", "--format", "html", site)
	if err != nil {
		t.Fatalf("scan --format html: %v", err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<svg", "Flex-e", "base_capacity_kw: 80", "form: time-block"} {
		if !strings.Contains(html, want) {
			t.Errorf("scan --format html lacks %q", want)
		}
	}
	r := chargingScanJSON(t, site)
	rep, _ := r["report"].(map[string]any)
	sum, _ := rep["summary"].(map[string]any)
	eurYear, _ := sum["eur_per_year"].(float64)
	want := r["compensation_eur_per_mwh"].(float64) * r["moved_mwh_per_year"].(float64)
	if eurYear <= 0 || math.Abs(eurYear-want) > 1e-6*want {
		t.Errorf("report.summary.eur_per_year = %v, want compensation × moved MWh = %v", eurYear, want)
	}
}

// §7 Flex-e for a depot with a subsidy: block: 250 kW at 10 kV in a
// congestion area; scan 50 % of €8,000, feasibility 50 % of €30,000,
// realisation 35 % of €1,000,000 capped at €300,000.
func TestScanDepotFlexE(t *testing.T) {
	text := strings.Replace(studySite, "capacity_kw: 80", "capacity_kw: 250", 1) +
		"subsidy: {voltage_kv: 10, congestion_area: true, congestion_contract: true, scan_eur: 8000, feasibility_eur: 30000, realisation_eur: 1000000}\n"
	_, site := writeChargingSite(t, text)
	r := chargingScanJSON(t, site)
	rep, _ := r["report"].(map[string]any)
	sub, _ := rep["subsidy"].(map[string]any)
	if sub["eligible"] != true {
		t.Fatalf("report.subsidy = %v, want eligible", sub)
	}
	if got := sub["total_eur"]; got != 319000.0 {
		t.Errorf("report.subsidy.total_eur = %v, want 4,000 + 15,000 + 300,000 = 319000", got)
	}
	md, _, err := runCLI(t, "scan", "--format", "md", site)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Flex-e subsidy (§7)", "€4,000", "€15,000", "€300,000", "capped at €300000", "€319,000"} {
		if !strings.Contains(md, want) {
			t.Errorf("scan --format md lacks %q", want)
		}
	}
}

// TestScanMeterImporterFlags: scan --meter takes the importer flags of
// every other --meter command (issue 9 item 6: its own error advised
// --zone UTC, then --zone was an unknown flag), and picks the site's ean:
// from a file with several connections.
func TestScanMeterImporterFlags(t *testing.T) {
	// One UTC day of a 20 kW load, timestamps without offset, no unit.
	var b strings.Builder
	b.WriteString("time;load\n")
	for i := range 96 {
		fmt.Fprintf(&b, "2026-06-01 %02d:%02d;20\n", i/4, i%4*15)
	}
	utc := writeTemp(t, "load.csv", b.String())
	_, site := writeChargingSite(t, studySite)
	if _, _, err := runCLI(t, "scan", "--meter", utc, site); err == nil {
		t.Fatal("scan --meter (no unit) = nil error, want the importer's")
	}
	out, _, err := runCLI(t, "scan", "--meter", utc, "--zone", "UTC", "--unit", "kW", "--format", "json", site)
	if err != nil {
		t.Fatalf("scan --meter --zone UTC --unit kW: %v", err)
	}
	var r struct {
		MinNightCapacityKW float64 `json:"min_night_capacity_kw"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.MinNightCapacityKW-107) > 1e-6 { // 87 kW + 20 kW other load
		t.Errorf("night capacity = %v kW, want 107 (87 + 20 kW other load)", r.MinNightCapacityKW)
	}

	// Two connections; the site's ean picks the second (10 kW).
	a, _ := ean.Complete("87168712000000001")
	c, _ := ean.Complete("87168712000000002")
	b.Reset()
	b.WriteString("ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n")
	start := time.Date(2026, 6, 1, 0, 0, 0, 0, series.Amsterdam)
	for _, x := range []struct {
		ean string
		kwh float64
	}{{a, 10}, {c, 2.5}} {
		for i := range 96 {
			t0 := start.Add(time.Duration(i) * series.ISP)
			fmt.Fprintf(&b, "%s;%s;%s;%g;0;\n", x.ean, t0.Format(time.RFC3339), t0.Add(series.ISP).Format(time.RFC3339), x.kwh)
		}
	}
	multi := writeTemp(t, "two.csv", b.String())
	if _, _, err := runCLI(t, "scan", "--meter", multi, site); err == nil || !strings.Contains(err.Error(), "ean:") {
		t.Errorf("scan --meter (two connections, no site ean) = %v, want an error pointing to ean:", err)
	}
	_, withEAN := writeChargingSite(t, strings.Replace(studySite, "capacity_kw: 80", "capacity_kw: 80\nean: \""+c+"\"", 1))
	out, _, err = runCLI(t, "scan", "--meter", multi, "--format", "json", withEAN)
	if err != nil {
		t.Fatalf("scan --meter (site ean %s): %v", c, err)
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.MinNightCapacityKW-97) > 1e-6 { // 87 kW + 10 kW
		t.Errorf("night capacity = %v kW, want 97 (87 + the site's 10 kW)", r.MinNightCapacityKW)
	}
}

// TestScanOutputFileSameForEverySector guards issue 9 item 13: -o writes
// only the file (a charging site's HTML report went to stdout too), the
// format follows the extension (.html, .md, .json for charging sites as
// for the others), a contradicting --format is an error, and --export
// contract writes a contract file that contract check reads for every
// sector (plant and office contracts had to be copied out of the report).
func TestScanOutputFileSameForEverySector(t *testing.T) {
	dir, depot := writeChargingSite(t, studySite)
	sites := map[string]string{
		"depot":  depot,
		"office": filepath.Join("..", "..", "building", "testdata", "reference.yaml"),
		"plant":  filepath.Join("..", "..", "plant", "testdata", "plant.yaml"),
	}
	for name, site := range sites {
		for _, ext := range []string{"html", "md", "json"} {
			p := filepath.Join(dir, name+"."+ext)
			// An agreeing --format is allowed and changes nothing.
			out, _, err := runCLI(t, "scan", "-o", p, "--format", ext, "--date", "2026-12-01", site)
			if err != nil {
				t.Errorf("%s: scan -o %s: %v", name, p, err)
				continue
			}
			if out != "" {
				t.Errorf("%s: scan -o %s also wrote %d bytes to stdout", name, p, len(out))
			}
			b, err := os.ReadFile(p)
			switch {
			case err != nil:
				t.Errorf("%s: %v", name, err)
			case ext == "json" && !json.Valid(b):
				t.Errorf("%s: -o %s is not JSON", name, p)
			case ext == "html" && !strings.Contains(string(b), "<html"):
				t.Errorf("%s: -o %s is not HTML", name, p)
			case ext == "md" && !strings.HasPrefix(string(b), "# "):
				t.Errorf("%s: -o %s is not Markdown:\n%.200s", name, p, b)
			}
			// Same bytes as --format on stdout.
			if std, _, err := runCLI(t, "scan", "--format", ext, "--date", "2026-12-01", site); err != nil || std != string(b) {
				t.Errorf("%s: -o %s differs from --format %s on stdout (%v)", name, p, ext, err)
			}
		}
		if _, _, err := runCLI(t, "scan", "-o", filepath.Join(dir, name+"-x.md"), "--format", "html", site); err == nil ||
			!strings.Contains(err.Error(), "the extension says md") {
			t.Errorf("%s: scan -o x.md --format html: err %v, want a conflict", name, err)
		}
		c := filepath.Join(dir, name+"-contract.yaml")
		if _, _, err := runCLI(t, "scan", "--export", "contract", "--date", "2026-12-01", "-o", c, site); err != nil {
			t.Errorf("%s: scan --export contract: %v", name, err)
			continue
		}
		b, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := contract.Parse(c, b, nil); err != nil {
			t.Errorf("%s: exported contract does not parse: %v\n%s", name, err, b)
		}
	}
	if _, _, err := runCLI(t, "scan", "--export", "ocpp", "-o", filepath.Join(dir, "ocpp"), sites["plant"]); err == nil {
		t.Error("scan --export ocpp of a plant succeeded")
	}
}

// One charger charges one car at a time: the one overlap in the real ACN
// files (JPL 2021, a session inside another) is refused with its line.
func TestScanSessionsACNOverlap(t *testing.T) {
	csv := filepath.Join(sharedDir(t), "data", "acn-caltech-jpl", "jpl_2021-05-01_2021-08-31.csv.gz")
	if _, err := os.Stat(csv); err != nil {
		t.Skipf("ACN data not present: %v", err)
	}
	_, site := writeChargingSite(t, "sector: offices\nname: jpl\ncapacity_kw: 500\nsessions: {}\n")
	_, _, err := runCLI(t, "scan", "--sessions", csv, site)
	if err == nil || !strings.Contains(err.Error(), `.csv.gz:1918: column "arrival": want an arrival at charger "AG-3F20" after the session of line 1917 left`) {
		t.Errorf("scan --sessions %s = %v, want the overlap on line 1918", filepath.Base(csv), err)
	}
}
