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
