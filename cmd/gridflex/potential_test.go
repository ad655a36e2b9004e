package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gridflex/potential"
)

// End-to-end tests of potential, explain and sensitivity (issue 2), run in
// process through runCLI.

// potTestdata is the scenario files of the potential package's own tests.
func potTestdata(name string) string { return filepath.Join("..", "..", "potential", "testdata", name) }

// potFigure is a min/max pair of the JSON output.
type potFigure struct {
	MinMW float64 `json:"min_mw"`
	MaxMW float64 `json:"max_mw"`
}

type potOutput struct {
	Scenario string `json:"scenario"`
	Measures []struct {
		ID     string `json:"id"`
		Sector string `json:"sector"`
		potFigure
	} `json:"measures"`
	Sectors []struct {
		ID string `json:"id"`
		potFigure
	} `json:"sectors"`
	Total potFigure `json:"total"`
}

func (o potOutput) measure(t *testing.T, id string) potFigure {
	t.Helper()
	for _, m := range o.Measures {
		if m.ID == id {
			return m.potFigure
		}
	}
	t.Fatalf("potential --format json: no measure %q", id)
	return potFigure{}
}

// potJSON runs gridflex potential --format json with extra args.
func potJSON(t *testing.T, args ...string) potOutput {
	t.Helper()
	args = append([]string{"potential", "--format", "json"}, args...)
	out, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("gridflex %s: %v", strings.Join(args, " "), err)
	}
	var got potOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("gridflex %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
	return got
}

// potKeys returns the sorted keys of a JSON object.
func potKeys(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("want a JSON object, got %s: %v", raw, err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestPotentialJSONShape pins the JSON that scripts read: its keys may only
// change on purpose.
func TestPotentialJSONShape(t *testing.T) {
	out, _, err := runCLI(t, "potential", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &top); err != nil {
		t.Fatalf("potential --format json: %v\n%s", err, out)
	}
	objectKeys := func(raw json.RawMessage) []string { return potKeys(t, raw) }
	if got, want := objectKeys(json.RawMessage(out)), []string{"measures", "notes", "scenario", "sectors", "total"}; !slices.Equal(got, want) {
		t.Fatalf("top-level keys = %v, want %v", got, want)
	}
	var scen string
	if err := json.Unmarshal(top["scenario"], &scen); err != nil || scen != "nl-2026" {
		t.Errorf("scenario = %s, want \"nl-2026\"", top["scenario"])
	}
	var measures, sectors []json.RawMessage
	if err := json.Unmarshal(top["measures"], &measures); err != nil {
		t.Fatalf("measures: %v", err)
	}
	if err := json.Unmarshal(top["sectors"], &sectors); err != nil {
		t.Fatalf("sectors: %v", err)
	}
	wantMeasure := []string{"cost", "growth", "id", "in_total", "max_mw", "min_mw", "name", "peaks", "point_mw", "season", "sector", "study"}
	wantSector := []string{"id", "in_total", "max_mw", "min_mw", "name", "point_mw", "rule", "study"}
	wantTotal := []string{"max_mw", "min_mw", "point_mw", "study", "with_datacenters"}
	for i, m := range measures {
		if got := objectKeys(m); !slices.Equal(got, wantMeasure) {
			t.Errorf("measures[%d] keys = %v, want %v", i, got, wantMeasure)
		}
	}
	for i, s := range sectors {
		if got := objectKeys(s); !slices.Equal(got, wantSector) {
			t.Errorf("sectors[%d] keys = %v, want %v", i, got, wantSector)
		}
	}
	if got := objectKeys(top["total"]); !slices.Equal(got, wantTotal) {
		t.Errorf("total keys = %v, want %v", got, wantTotal)
	}

	got := potJSON(t)
	var ids, secs []string
	for _, m := range got.Measures {
		ids = append(ids, m.ID)
		if !strings.HasPrefix(m.ID, m.Sector+".") {
			t.Errorf("measure %s: sector %q is not its id's prefix", m.ID, m.Sector)
		}
		if m.MinMW > m.MaxMW {
			t.Errorf("measure %s: min %v > max %v", m.ID, m.MinMW, m.MaxMW)
		}
	}
	for _, s := range got.Sectors {
		secs = append(secs, s.ID)
	}
	if want := potential.MeasureIDs(); !slices.Equal(ids, want) {
		t.Errorf("measure ids = %v, want Table 0.1 order %v", ids, want)
	}
	if want := []string{"offices", "chemistry", "logistics", "datacenters"}; !slices.Equal(secs, want) {
		t.Errorf("sector ids = %v, want %v", secs, want)
	}
}

// TestPotentialGoldenTotals checks the national total of §5 (Table 0.1:
// 640–931 MW). The model's max is 931.9: the study truncates cooling's
// 256.6 MW to 256 before it sums (§1.3, §5).
func TestPotentialGoldenTotals(t *testing.T) {
	tests := []struct {
		name         string
		args         []string
		minMW, maxMW float64
	}{
		{"§5 national total without datacenters", nil, 639.583, 931.930},
		{"§4+§5 with datacenters (15–23 MW added)", []string{"--with-datacenters"}, 654.613, 954.475},
		// §3: logistics is 154 MW at a 70 % share; at 50 % it is 110 MW.
		{"§3 --set logistics share 0.5 lowers the total by 44 MW", []string{"--set", "logistics.flexible_share=0.5"}, 595.583, 887.930},
		// §3: the 2030 depot demand of 1,470 MW at the same 70 % share.
		{"§3 scenario file with 2030 depot demand", []string{"--scenario", potTestdata("logistics-2030.good.yaml")}, 1514.583, 1806.930},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := potJSON(t, tc.args...)
			if math.Abs(got.Total.MinMW-tc.minMW) > 0.001 || math.Abs(got.Total.MaxMW-tc.maxMW) > 0.001 {
				t.Errorf("potential %v: total = %.3f–%.3f MW, want %.3f–%.3f", tc.args, got.Total.MinMW, got.Total.MaxMW, tc.minMW, tc.maxMW)
			}
		})
	}
}

// TestPotentialSetMovesTotal checks that --set changes the total by exactly
// what the formula says (§3: charging = depot demand × flexible share).
func TestPotentialSetMovesTotal(t *testing.T) {
	base := potJSON(t)
	moved := potJSON(t, "--set", "logistics.flexible_share=0.5")
	if got := moved.measure(t, "logistics.charging"); math.Abs(got.MinMW-110) > 1e-9 || math.Abs(got.MaxMW-110) > 1e-9 {
		t.Errorf("logistics.charging at share 0.5 = %v–%v MW, want 110 (220 × 0.5)", got.MinMW, got.MaxMW)
	}
	for _, d := range []struct {
		name      string
		base, got float64
	}{{"min", base.Total.MinMW, moved.Total.MinMW}, {"max", base.Total.MaxMW, moved.Total.MaxMW}} {
		if fall := d.base - d.got; math.Abs(fall-44) > 1e-9 {
			t.Errorf("total %s fell by %v MW with logistics.flexible_share 0.7 → 0.5, want 44", d.name, fall)
		}
	}
	with := potJSON(t, "--with-datacenters")
	dc := base.measure(t, "datacenters.cooling")
	if math.Abs(with.Total.MinMW-base.Total.MinMW-dc.MinMW) > 1e-9 || math.Abs(with.Total.MaxMW-base.Total.MaxMW-dc.MaxMW) > 1e-9 {
		t.Errorf("--with-datacenters total %v–%v, want %v–%v plus datacenters %v–%v",
			with.Total.MinMW, with.Total.MaxMW, base.Total.MinMW, base.Total.MaxMW, dc.MinMW, dc.MaxMW)
	}
}

func TestPotentialCSV(t *testing.T) {
	out, _, err := runCLI(t, "potential", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("potential --format csv does not parse: %v\n%s", err, out)
	}
	wantHeader := []string{"kind", "id", "sector", "name", "min_mw", "max_mw", "point_mw", "peaks", "season", "growth", "cost", "in_total", "study"}
	if !slices.Equal(recs[0], wantHeader) {
		t.Fatalf("header = %v, want %v", recs[0], wantHeader)
	}
	kinds := map[string]int{}
	for _, r := range recs[1:] {
		kinds[r[0]]++
		for _, col := range []int{4, 5, 6} {
			if _, err := strconv.ParseFloat(r[col], 64); err != nil {
				t.Errorf("row %v: %s = %q, want a plain number", r[:2], wantHeader[col], r[col])
			}
		}
	}
	if kinds["measure"] != 9 || kinds["sector"] != 4 || kinds["total"] != 1 {
		t.Errorf("rows by kind = %v, want 9 measures, 4 sectors, 1 total", kinds)
	}
	last := recs[len(recs)-1]
	js := potJSON(t)
	if last[0] != "total" || last[4] != strconv.FormatFloat(js.Total.MinMW, 'g', -1, 64) || last[5] != strconv.FormatFloat(js.Total.MaxMW, 'g', -1, 64) {
		t.Errorf("CSV total row %v, want min %v and max %v as in the JSON", last, js.Total.MinMW, js.Total.MaxMW)
	}
}

func TestPotentialScenarioFile(t *testing.T) {
	out, _, err := runCLI(t, "potential", "--scenario", potTestdata("logistics-2030.good.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "scenario logistics-2030") || !strings.Contains(out, "1,029") {
		t.Errorf("potential --scenario logistics-2030.good.yaml: want the scenario name and 1,029 MW logistics:\n%s", out)
	}

	out, _, err = runCLI(t, "potential", "--scenario", potTestdata("many.bad.yaml"))
	if err == nil {
		t.Fatal("potential --scenario many.bad.yaml succeeded")
	}
	if out != "" {
		t.Errorf("potential with a bad scenario wrote output:\n%s", out)
	}
	// Every problem at once, each with file and line.
	for _, want := range []string{
		`many.bad.yaml:6: key "offices.cooling.spf"`, "got 0",
		`many.bad.yaml:7: key "chemistry.batch.applicable_share"`, "got 2",
		`many.bad.yaml:8: unknown key "logistcs.flexible_share"`, `did you mean "logistics.flexible_share"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

// TestPotentialTableWidth keeps the default table readable in a terminal
// and the study's full text one flag away.
func TestPotentialTableWidth(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		maxCols int
		want    []string
		wantNot []string
	}{
		{"default fits 140 columns", nil, 140,
			[]string{"logistics.charging", "ev 16–21", "am 07–10, ev 16–18", "strong", "none–very limited", "datacenters.cooling*", "640–931"},
			[]string{"grid-aware night charging of electric vans and trucks"}},
		{"wide carries the study's text", []string{"--wide"}, 0,
			[]string{"grid-aware night charging of electric vans and trucks", "evening 16–21 (charge 21:00–07:00)", "heating season, full on the coldest days",
				"limited (blocked by the 27 °C set-point rule)"},
			nil},
		{"with datacenters none is apart", []string{"--with-datacenters"}, 140,
			[]string{"datacenters.cooling ", "(with datacenters)", "none (§4)"},
			[]string{"datacenters.cooling*", "* not in the national total", "640–931  offices"}},
		// §5: the truncation caveat follows the computed figures.
		{"default notes the truncated cooling", nil, 140,
			[]string{"truncates cooling's 256.6 MW to 256", "national 931 (931.9)"}, nil},
		{"less cooling drops the caveat", []string{"--set", "offices.cooling.active_share=0.5"}, 140,
			nil, []string{"truncates", "256.6"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runCLI(t, append([]string{"potential"}, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(line); tc.maxCols > 0 && n > tc.maxCols {
					t.Errorf("potential %v: line %d is %d columns, want ≤ %d:\n%s", tc.args, i+1, n, tc.maxCols, line)
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("potential %v does not show %q:\n%s", tc.args, w, out)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("potential %v shows %q:\n%s", tc.args, w, out)
				}
			}
		})
	}
	for _, args := range [][]string{{"--wide", "--format", "json"}, {"--wide", "--monte-carlo", "10"}} {
		if _, _, err := runCLI(t, append([]string{"potential"}, args...)...); err == nil || !strings.Contains(err.Error(), "--wide") {
			t.Errorf("potential %v: err = %v, want one naming --wide", args, err)
		}
	}
}

func TestPotentialMonteCarloReproducible(t *testing.T) {
	for _, format := range []string{"table", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			args := []string{"potential", "--monte-carlo", "2000", "--seed", "1", "--format", format}
			a, _, err := runCLI(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			b, _, err := runCLI(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			if a != b {
				t.Errorf("two runs of %v differ:\n%s\n---\n%s", args, a, b)
			}
			c, _, err := runCLI(t, "potential", "--monte-carlo", "2000", "--seed", "2", "--format", format)
			if err != nil {
				t.Fatal(err)
			}
			if a == c {
				t.Errorf("seeds 1 and 2 give the same output:\n%s", a)
			}
		})
	}
}

func TestPotentialBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"zero samples", []string{"--monte-carlo", "0"}, "want a number of samples ≥ 1"},
		{"seed without monte carlo", []string{"--seed", "3"}, "only used with --monte-carlo"},
		{"format", []string{"--format", "xml"}, "want one of table, json, csv"},
		{"unknown set key", []string{"--set", "logistics.flexibel_share=1"}, `did you mean "logistics.flexible_share"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runCLI(t, append([]string{"potential"}, tc.args...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("potential %v: err = %v, want one containing %q", tc.args, err, tc.want)
			}
			if out != "" {
				t.Errorf("potential %v wrote output on error:\n%s", tc.args, out)
			}
		})
	}
}

// TestExplainHeating checks the §1.2 chain: estimate 2's heat-pump floor
// area 3,392,724 m², heat demand 185.1 GWh, peak heat 149.7 MW at 1,237 h
// and electric peak 57.6 MW at SPF 2.6.
func TestExplainHeating(t *testing.T) {
	out, _, err := runCLI(t, "explain", "offices.heating")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3,392,724", "185.1", "149.7", "57.6", "offices.heating.spf", "§1.2"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain offices.heating does not show %q:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, "explain", "offices.heating", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		ID    string  `json:"id"`
		MinMW float64 `json:"min_mw"`
		MaxMW float64 `json:"max_mw"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("explain --format json: %v\n%s", err, out)
	}
	if e.ID != "offices.heating" || math.Round(e.MinMW) != 26 || math.Round(e.MaxMW) != 58 {
		t.Errorf("explain offices.heating json = %+v, want 26–58 MW (§1.2)", e)
	}
}

func TestExplainUnknownListsIDs(t *testing.T) {
	_, _, err := runCLI(t, "explain", "nope")
	if err == nil {
		t.Fatal("explain nope succeeded")
	}
	for _, id := range potential.ExplainIDs() {
		if !strings.Contains(err.Error(), id) {
			t.Errorf("explain nope: error %q does not list %q", err, id)
		}
	}
	_, _, err = runCLI(t, "explain", "offices.heatng")
	if err == nil || !strings.Contains(err.Error(), "did you mean offices.heating?") {
		t.Errorf("explain offices.heatng: error %v, want a suggestion of offices.heating", err)
	}
}

// TestExplainWithoutIDListsIDs (issue 9 item 17): explain without an ID
// lists every ID it accepts instead of failing.
func TestExplainWithoutIDListsIDs(t *testing.T) {
	out, _, err := runCLI(t, "explain")
	if err != nil {
		t.Fatalf("explain without an id: %v", err)
	}
	for _, id := range append(potential.ExplainIDs(), "battery") {
		if !strings.Contains(out, id) {
			t.Errorf("explain without an id does not list %q:\n%s", id, out)
		}
	}
	out, _, err = runCLI(t, "explain", "--format", "json")
	var ids []struct{ ID, Kind string }
	if err != nil || json.Unmarshal([]byte(out), &ids) != nil || len(ids) != len(potential.ExplainIDs())+1 {
		t.Errorf("explain --format json: %v, %d ids:\n%s", err, len(ids), out)
	}
}

// TestExplainFlagsStudyContradictions (issue 9 item 19): explain shows
// where the study's own numbers contradict the battery and batch figures
// it prints, with the reproduction of €140 and €290.
func TestExplainFlagsStudyContradictions(t *testing.T) {
	out, _, err := runCLI(t, "explain", "battery")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"€40/kWh, below the study's own bare battery cost of €65/kWh", "€30.6/MWh", "€287.6, the capital counted twice", "140.4", "252.2"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain battery does not say %q:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, "explain", "chemistry.batch")
	if err != nil || !strings.Contains(out, "€332/MWh at 1,040 h/yr, not the printed €70") {
		t.Errorf("explain chemistry.batch does not flag the printed batch CAPEX (%v):\n%s", err, out)
	}
}

type potSensitivity struct {
	BaseMW float64 `json:"base_mw"`
	Inputs []struct {
		Key         string  `json:"key"`
		Low         float64 `json:"low"`
		High        float64 `json:"high"`
		TotalLowMW  float64 `json:"total_at_low_mw"`
		TotalHighMW float64 `json:"total_at_high_mw"`
		SwingMW     float64 `json:"swing_mw"`
	} `json:"inputs"`
}

func TestSensitivityRanking(t *testing.T) {
	out, _, err := runCLI(t, "sensitivity", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var s potSensitivity
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("sensitivity --format json: %v\n%s", err, out)
	}
	if len(s.Inputs) < 5 {
		t.Fatalf("sensitivity ranks %d inputs, want every ranged input", len(s.Inputs))
	}
	// §2.2: the utilities extrapolation (1.5 vs 87 MW) is the widest
	// single uncertainty of the national total.
	if s.Inputs[0].Key != "chemistry.utilities.extrapolation_blend" {
		t.Errorf("top input = %s, want chemistry.utilities.extrapolation_blend (§2.2)", s.Inputs[0].Key)
	}
	for i, in := range s.Inputs {
		if want := math.Abs(in.TotalHighMW - in.TotalLowMW); math.Abs(in.SwingMW-want) > 1e-9 {
			t.Errorf("%s: swing %v, want |high − low| = %v", in.Key, in.SwingMW, want)
		}
		if in.Low >= in.High {
			t.Errorf("%s: range %v..%v is not a range", in.Key, in.Low, in.High)
		}
		if i > 0 && in.SwingMW > s.Inputs[i-1].SwingMW {
			t.Errorf("rank %d %s swings %v MW, more than rank %d's %v", i+1, in.Key, in.SwingMW, i, s.Inputs[i-1].SwingMW)
		}
	}
	// The base is the total with every ranged input at its midpoint, which
	// for this linear-in-each-input model lies between the two ends.
	top := s.Inputs[0]
	if lo, hi := min(top.TotalLowMW, top.TotalHighMW), max(top.TotalLowMW, top.TotalHighMW); s.BaseMW < lo || s.BaseMW > hi {
		t.Errorf("base %v MW outside the top input's %v..%v", s.BaseMW, lo, hi)
	}

	table, _, err := runCLI(t, "sensitivity")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table, s.Inputs[0].Key) || !strings.Contains(table, "swing MW") {
		t.Errorf("sensitivity table lacks the top input or the swing column:\n%s", table)
	}
}

func TestSensitivityPlotFiles(t *testing.T) {
	dir := t.TempDir()
	svgPath := filepath.Join(dir, "t.svg")
	if _, _, err := runCLI(t, "sensitivity", "-o", svgPath); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(svgPath)
	if err != nil {
		t.Fatalf("sensitivity -o t.svg: %v", err)
	}
	root, err := potXMLRoot(data)
	if err != nil || root != "svg" {
		t.Errorf("t.svg: root %q, err %v; want a well-formed <svg> document", root, err)
	}
	if !bytes.Contains(data, []byte("extrapolation_blend")) {
		t.Error("t.svg does not name the top input")
	}

	pngPath := filepath.Join(dir, "t.png")
	if _, _, err := runCLI(t, "sensitivity", "-o", pngPath, "--format", "json"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("t.png does not decode: %v", err)
	}

	// An unsupported extension fails before anything is written.
	bad := filepath.Join(dir, "t.pdf")
	if _, _, err := runCLI(t, "sensitivity", "-o", bad); err == nil || !strings.Contains(err.Error(), ".svg or .png") {
		t.Errorf("sensitivity -o t.pdf: err = %v, want one naming .svg or .png", err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"t.png", "t.svg"}) {
		t.Errorf("files after the runs = %v, want only t.png and t.svg (no t.pdf, no temporary files)", names)
	}
}

// potXMLRoot parses a whole XML document and returns its root element.
func potXMLRoot(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return root, nil
		}
		if err != nil {
			return root, err
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
}
