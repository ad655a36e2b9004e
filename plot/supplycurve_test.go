package plot

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"gridflex/compensation"
	"gridflex/scenario"
)

// studyCurve is the national curve of the study's Table 0.1 (§5) at the
// high bound, with the battery reference.
func studyCurve() (compensation.Curve, SupplyCurveOptions) {
	s := scenario.Default()
	r := compensation.Evaluate(s, compensation.Structural)
	pot := map[string]compensation.PotentialMW{
		"offices.heating": {MinMW: 26, MaxMW: 58}, "offices.cooling": {MinMW: 205, MaxMW: 256},
		"offices.charging": {MinMW: 82, MaxMW: 132}, "chemistry.batch": {MinMW: 5, MaxMW: 78},
		"chemistry.chp": {MinMW: 153, MaxMW: 153}, "chemistry.utilities": {MinMW: 1.5, MaxMW: 87},
		"chemistry.continuous": {MinMW: 39, MaxMW: 71}, "logistics.charging": {MinMW: 154, MaxMW: 154},
	}
	c := compensation.BuildCurve(r.Measures, pot, compensation.High, compensation.Max, nil)
	return c, SupplyCurveOptions{
		Title:      "Supply-cost curve (test)",
		References: []ReferenceLine{{Label: "battery 4 MW / 4 h", EURPerMWh: r.References[0].EURPerMWh}},
	}
}

// svgText returns all character data of an SVG document, failing the test
// if it does not parse as XML.
func svgText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	sawSVG := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse as XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			sawSVG = sawSVG || tk.Name.Local == "svg"
		case xml.CharData:
			b.Write(tk)
			b.WriteByte('\n')
		}
	}
	if !sawSVG {
		t.Fatal("SVG has no <svg> element")
	}
	return b.String()
}

func TestSupplyCurveRender(t *testing.T) {
	c, opts := studyCurve()
	p, err := SupplyCurve(c, opts)
	if err != nil {
		t.Fatalf("SupplyCurve = %v", err)
	}
	t.Run("svg", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Render(&buf, p, SVG); err != nil {
			t.Fatalf("Render(svg) = %v", err)
		}
		txt := svgText(t, buf.Bytes())
		want := []string{"cumulative flexible capacity (MW)", "required compensation (€/MWh)", "battery 4 MW / 4 h: €140/MWh",
			"seasonal alternative, MW not added (§1.5)", "offices", "chemistry", "logistics"}
		for _, s := range c.Steps {
			want = append(want, StepLabel(s))
		}
		for _, w := range want {
			if !strings.Contains(txt, w) {
				t.Errorf("SVG text lacks %q", w)
			}
		}
		if dir := os.Getenv("GRIDFLEX_PLOT_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, "supplycurve.svg"), buf.Bytes(), 0o644)
		}
	})
	t.Run("png", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Render(&buf, p, PNG); err != nil {
			t.Fatalf("Render(png) = %v", err)
		}
		img, err := png.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("PNG does not decode: %v", err)
		}
		if w := img.Bounds().Dx(); w != widthPx {
			t.Errorf("PNG width = %d px, want %d", w, widthPx)
		}
		if dir := os.Getenv("GRIDFLEX_PLOT_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, "supplycurve.png"), buf.Bytes(), 0o644)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		if err := Render(io.Discard, p, Format("gif")); err == nil {
			t.Error("Render(gif) = nil, want an error")
		}
	})
}

func TestSupplyCurveEmpty(t *testing.T) {
	p, err := SupplyCurve(compensation.Curve{}, SupplyCurveOptions{Title: "empty"})
	if err != nil {
		t.Fatalf("SupplyCurve(empty) = %v", err)
	}
	var buf bytes.Buffer
	if err := Render(&buf, p, SVG); err != nil {
		t.Fatalf("Render(empty) = %v", err)
	}
	svgText(t, buf.Bytes())
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		labels []string
	}{
		{0, 4968, []string{"0", "1,000", "2,000", "3,000", "4,000"}},
		{0, 264, []string{"0", "50", "100", "150", "200", "250"}},
		{0, 1.3, []string{"0", "0.2", "0.4", "0.6", "0.8", "1", "1.2"}},
	}
	for _, tc := range tests {
		var got []string
		prev := math.Inf(-1)
		for _, tk := range (niceTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Value < prev {
				t.Errorf("Ticks(%g, %g): %g after %g, want ascending", tc.lo, tc.hi, tk.Value, prev)
			}
			prev = tk.Value
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !slices.Equal(got, tc.labels) {
			t.Errorf("Ticks(%g, %g) labels = %v, want %v", tc.lo, tc.hi, got, tc.labels)
		}
	}
}

// TestSupplyCurveCSV: the CSV carries every step, and the MW of the added
// steps sum to the curve's cumulative total.
func TestSupplyCurveCSV(t *testing.T) {
	c, opts := studyCurve()
	var buf bytes.Buffer
	if err := WriteSupplyCurve(&buf, c, opts, CSV); err != nil {
		t.Fatalf("WriteSupplyCurve(csv) = %v", err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(rows) != len(c.Steps)+1 {
		t.Fatalf("CSV has %d rows, want header + %d steps", len(rows), len(c.Steps))
	}
	var sum float64
	for _, r := range rows[1:] {
		if r[8] == "true" {
			mw, err := strconv.ParseFloat(r[5], 64)
			if err != nil {
				t.Fatalf("CSV mw %q: %v", r[5], err)
			}
			sum += mw
		}
	}
	if math.Abs(sum-c.TotalMW) > 0.01 {
		t.Errorf("CSV added MW sum to %g, want %g", sum, c.TotalMW)
	}
}

func TestWriteSupplyCurveFormats(t *testing.T) {
	c, opts := studyCurve()
	for _, f := range []Format{SVG, PNG, CSV} {
		var buf bytes.Buffer
		if err := WriteSupplyCurve(&buf, c, opts, f); err != nil || buf.Len() == 0 {
			t.Errorf("WriteSupplyCurve(%s) = %d bytes, %v; want output", f, buf.Len(), err)
		}
	}
}

// layoutOf lays out the step labels of c as they are drawn at 800 × 500 px.
func layoutOf(t *testing.T, c compensation.Curve, opts SupplyCurveOptions) ([]placed, draw.Canvas, *gplot.Plot) {
	t.Helper()
	p, lab, err := supplyCurve(c, opts)
	if err != nil {
		t.Fatalf("SupplyCurve = %v", err)
	}
	w, h := vg.Length(widthPx)*vg.Inch/dpi, vg.Length(heightPx)*vg.Inch/dpi
	dc := p.DataCanvas(draw.New(vgsvg.New(w, h)))
	return lab.layout(dc, p), dc, p
}

// TestStepLabelLayout: for the study's curves (max and min potential, high
// and low bound, linear and log axis) every label stays in the data area,
// no two labels above steps overlap, a label above steps clears every step
// and reference line it spans, and a label inside a step stays in it.
func TestStepLabelLayout(t *testing.T) {
	s := scenario.Default()
	r := compensation.Evaluate(s, compensation.Structural)
	minPot := map[string]compensation.PotentialMW{ // §5 lows: narrow steps side by side
		"offices.heating": {MaxMW: 26}, "offices.cooling": {MaxMW: 205}, "offices.charging": {MaxMW: 82},
		"chemistry.batch": {MaxMW: 5}, "chemistry.chp": {MaxMW: 153}, "chemistry.utilities": {MaxMW: 1.5},
		"chemistry.continuous": {MaxMW: 39}, "logistics.charging": {MaxMW: 154},
	}
	_, opts := studyCurve()
	full, _ := studyCurve()
	for _, tc := range []struct {
		name  string
		curve compensation.Curve
		logY  bool
	}{
		{"max potential", full, false},
		{"max potential, log", full, true},
		{"min potential", compensation.BuildCurve(r.Measures, minPot, compensation.High, compensation.Max, nil), false},
		{"min potential, log", compensation.BuildCurve(r.Measures, minPot, compensation.High, compensation.Max, nil), true},
		{"low bound (a €0 step), log", compensation.BuildCurve(r.Measures, minPot, compensation.Low, compensation.Max, nil), true},
		{"offices", compensation.BuildCurve(r.Measures, minPot, compensation.High, compensation.Max,
			func(m compensation.Measure) bool { return m.Sector == "offices" }), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts
			o.LogY = tc.logY
			out, dc, p := layoutOf(t, tc.curve, o)
			if len(out) != len(tc.curve.Steps) {
				t.Fatalf("%d labels for %d steps", len(out), len(tc.curve.Steps))
			}
			trX, trY := p.Transforms(&dc)
			y := func(v float64) vg.Length { return trY(math.Max(v, p.Y.Min)) }
			const eps = 0.01
			for i, a := range out {
				if a.y0 < dc.Min.Y-eps || a.y1 > dc.Max.Y+eps {
					t.Errorf("label %q runs from %v to %v, outside the data area %v–%v", a.text, a.y0, a.y1, dc.Min.Y, dc.Max.Y)
				}
				st := tc.curve.Steps[i]
				if a.hang {
					if a.y1 > y(st.EURPerMWh)+eps || a.x-a.thick/2 < trX(st.FromMW) || a.x+a.thick/2 > trX(st.ToMW) {
						t.Errorf("label %q hangs outside its step", a.text)
					}
					continue
				}
				for _, s := range tc.curve.Steps {
					if !s.Alternative && trX(s.FromMW) < a.x+a.thick/2 && a.x-a.thick/2 < trX(s.ToMW) && a.y0 < y(s.EURPerMWh) {
						t.Errorf("label %q (from %v) overlaps step %s (top %v)", a.text, a.y0, s.ID, y(s.EURPerMWh))
					}
				}
				for _, ref := range o.References {
					if ry := y(ref.EURPerMWh); a.y0 < ry && ry < a.y1 {
						t.Errorf("label %q crosses reference line %q", a.text, ref.Label)
					}
				}
				for _, b := range out[:i] {
					if !b.hang && math.Abs(float64(a.x-b.x)) < float64(a.thick+b.thick)/2 && a.y0 < b.y1 && b.y0 < a.y1 {
						t.Errorf("labels %q and %q overlap", a.text, b.text)
					}
				}
			}
		})
	}
}

// TestSupplyCurveLogY: the log axis says so, shows every step's name and
// price (a label may be split over two lines) and draws a €0 step.
func TestSupplyCurveLogY(t *testing.T) {
	r := compensation.Evaluate(scenario.Default(), compensation.Structural)
	pot := map[string]compensation.PotentialMW{"offices.heating": {MaxMW: 58}, "offices.cooling": {MaxMW: 256},
		"offices.charging": {MaxMW: 132}, "chemistry.continuous": {MaxMW: 71}}
	c := compensation.BuildCurve(r.Measures, pot, compensation.Low, compensation.Max, nil)
	var buf bytes.Buffer
	if err := WriteSupplyCurve(&buf, c, SupplyCurveOptions{Title: "log", LogY: true}, SVG); err != nil {
		t.Fatalf("WriteSupplyCurve(log) = %v", err)
	}
	txt := svgText(t, buf.Bytes())
	want := []string{"required compensation (€/MWh, log scale)", "€0", "2,000"}
	for _, s := range c.Steps {
		want = append(want, s.Name, stepPrice(s))
	}
	for _, w := range want {
		if !strings.Contains(txt, w) {
			t.Errorf("log SVG text lacks %q", w)
		}
	}
}

func TestLogTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		labels []string
	}{
		{10, 7360, []string{"10", "20", "50", "100", "200", "500", "1,000", "2,000", "5,000"}},
		{1, 30, []string{"1", "2", "5", "10", "20"}},
	} {
		var got []string
		for _, tk := range (logTicks{}).Ticks(tc.lo, tc.hi) {
			if tk.Value < tc.lo || tk.Value > tc.hi {
				t.Errorf("Ticks(%g, %g): tick %g outside the range", tc.lo, tc.hi, tk.Value)
			}
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if !slices.Equal(got, tc.labels) {
			t.Errorf("Ticks(%g, %g) labels = %v, want %v", tc.lo, tc.hi, got, tc.labels)
		}
	}
}

func TestLogFloor(t *testing.T) {
	for _, tc := range []struct {
		values []float64
		want   float64
	}{
		{[]float64{0, 70.5, 4600}, 10},
		{[]float64{0, 3.2, 17}, 1},
		{[]float64{0}, 10},
	} {
		var steps []compensation.Step
		for _, v := range tc.values {
			steps = append(steps, compensation.Step{EURPerMWh: v})
		}
		if got := logFloor(steps, nil); got != tc.want {
			t.Errorf("logFloor(%v) = %v, want %v", tc.values, got, tc.want)
		}
	}
}

// BenchmarkSupplyCurveSVG renders the study's national curve, label layout
// included, to SVG.
func BenchmarkSupplyCurveSVG(b *testing.B) {
	c, opts := studyCurve()
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSupplyCurve(io.Discard, c, opts, SVG); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "figures/s")
}
