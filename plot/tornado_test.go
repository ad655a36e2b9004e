package plot

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"strings"
	"testing"
)

func sampleTornado() Tornado {
	return Tornado{
		Title:  "sensitivity of the national total",
		XLabel: "national total (MW)",
		YLabel: "input (parameter key)",
		BaseMW: 785.8,
		Bars: []TornadoBar{
			{Label: "chemistry.utilities.extrapolation_blend", LowMW: 743.0, HighMW: 828.5},
			{Label: "chemistry.batch.extrapolation_blend", LowMW: 749.4, HighMW: 822.2},
			{Label: "offices.heating.full_load_hours", LowMW: 785.8, HighMW: 785.8},
		},
	}
}

// TestTornadoSVG: the SVG is well-formed XML and carries the axis title and
// the top parameter keys as text.
func TestTornadoSVG(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleTornado().Render(&buf, "svg", 800); err != nil {
		t.Fatalf("Render(svg) = %v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	var texts []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse as XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts = append(texts, strings.TrimSpace(string(cd)))
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"national total (MW)", "input (parameter key)",
		"chemistry.utilities.extrapolation_blend", "chemistry.batch.extrapolation_blend", "no effect"} {
		if !strings.Contains(all, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
}

// TestTornadoPNGWidth: the PNG is 800 px wide, as the chart is meant to be read.
func TestTornadoPNGWidth(t *testing.T) {
	var buf bytes.Buffer
	if err := sampleTornado().Render(&buf, "png", 800); err != nil {
		t.Fatalf("Render(png) = %v", err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	if w := img.Bounds().Dx(); w != 800 {
		t.Errorf("PNG width = %d px, want 800", w)
	}
}

func TestTornadoErrors(t *testing.T) {
	tests := []struct {
		name   string
		t      Tornado
		format string
	}{
		{"no bars", Tornado{XLabel: "MW"}, "svg"},
		{"unknown format", sampleTornado(), "gif"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.t.Render(&buf, tc.format, 800); err == nil {
				t.Errorf("Render(%q) = nil, want an error", tc.format)
			}
			if buf.Len() != 0 {
				t.Errorf("Render wrote %d bytes on error, want none", buf.Len())
			}
		})
	}
}
