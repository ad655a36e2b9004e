package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"regexp"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"gridflex/compensation"
	"gridflex/plot"
)

var palette = []color.NRGBA{
	{R: 0x90, G: 0x90, B: 0x90, A: 0xff}, // before: grey
	{R: 0x1f, G: 0x6f, B: 0xc0, A: 0xff}, // after: blue
	{R: 0xd0, G: 0x60, B: 0x20, A: 0xff},
	{R: 0x30, G: 0x90, B: 0x50, A: 0xff},
	{R: 0x80, G: 0x40, B: 0xa0, A: 0xff},
}

var (
	shadeColor = color.NRGBA{R: 0xf4, G: 0xc0, B: 0xc0, A: 0x80}
	bandColor  = color.NRGBA{R: 0xc8, G: 0xe6, B: 0xc8, A: 0x90}
)

// Plot builds the gonum plot of the chart; sector colours a supply-cost
// curve like the study's figures.
func (c Chart) Plot(sector string) (*gplot.Plot, error) {
	if len(c.Steps) > 0 {
		return c.curve(sector)
	}
	p := gplot.New()
	p.Title.Text = c.Title
	p.X.Label.Text = c.XLabel
	p.Y.Label.Text = c.YLabel
	p.Legend.Top = true
	// The sans-serif of the plot package's figures, so a report reads as one.
	p.Title.TextStyle.Font = sans(12)
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11)
		a.Tick.Label.Font = sans(10)
	}
	p.Legend.TextStyle.Font = sans(9)
	p.Add(plotter.NewGrid())
	lo, hi := 0.0, 1.0
	first := true
	for _, l := range c.Lines {
		for _, y := range l.Y {
			if first {
				lo, hi, first = y, y, false
			}
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	if c.Band != nil {
		lo, hi = min(lo, c.Band.From), max(hi, c.Band.To)
	}
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	pad := (hi - lo) * 0.08
	ymin, ymax := lo-pad, hi+pad
	if lo >= 0 && c.Band == nil {
		ymin = 0
	}
	p.Y.Min, p.Y.Max = ymin, ymax
	p.X.Min, p.X.Max = 0, 24
	p.X.Tick.Marker = hourTicks{}
	p.Y.Tick.Marker = niceTicks{}
	for _, sh := range c.Shades {
		poly, err := plotter.NewPolygon(plotter.XYs{{X: sh.From, Y: ymin}, {X: sh.To, Y: ymin}, {X: sh.To, Y: ymax}, {X: sh.From, Y: ymax}})
		if err != nil {
			return nil, err
		}
		poly.Color, poly.LineStyle.Width = shadeColor, 0
		p.Add(poly)
	}
	if b := c.Band; b != nil {
		poly, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: b.From}, {X: 24, Y: b.From}, {X: 24, Y: b.To}, {X: 0, Y: b.To}})
		if err != nil {
			return nil, err
		}
		poly.Color, poly.LineStyle.Width = bandColor, 0
		p.Add(poly)
		p.Legend.Add(b.Label, poly)
	}
	for i, l := range c.Lines {
		if len(l.X) != len(l.Y) || len(l.X) == 0 {
			return nil, fmt.Errorf("chart %q: line %q: %d x and %d y values", c.Title, l.Name, len(l.X), len(l.Y))
		}
		xy := make(plotter.XYs, len(l.X))
		for j := range l.X {
			xy[j] = plotter.XY{X: l.X[j], Y: l.Y[j]}
		}
		ln, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("chart %q: %w", c.Title, err)
		}
		if l.Step {
			ln.StepStyle = plotter.PostStep
		}
		ln.Color = palette[i%len(palette)]
		ln.Width = vg.Points(1.5)
		if l.Dashed {
			ln.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		p.Add(ln)
		p.Legend.Add(l.Name, ln)
	}
	return p, nil
}

func (c Chart) curve(sector string) (*gplot.Plot, error) {
	cv := compensation.Curve{}
	x := 0.0
	from, id := map[string]float64{}, map[string]string{}
	for i, s := range c.Steps {
		if s.AlternativeTo != "" {
			continue
		}
		cv.Steps = append(cv.Steps, compensation.Step{ID: fmt.Sprint(i + 1), Sector: sector, Name: s.Name,
			EURPerMWh: s.EURPerMWh, MW: s.MW, FromMW: x, ToMW: x + s.MW})
		from[s.Name], id[s.Name] = x, fmt.Sprint(i+1)
		x += s.MW
	}
	cv.TotalMW = x
	// Seasonal alternatives are drawn over the member that counts (§1.5).
	for i, s := range c.Steps {
		if s.AlternativeTo == "" {
			continue
		}
		f := from[s.AlternativeTo]
		cv.Steps = append(cv.Steps, compensation.Step{ID: fmt.Sprint(i + 1), Sector: sector, Name: s.Name,
			EURPerMWh: s.EURPerMWh, MW: s.MW, FromMW: f, ToMW: f + s.MW, Alternative: true, AlternativeTo: id[s.AlternativeTo]})
	}
	return plot.SupplyCurve(cv, plot.SupplyCurveOptions{Title: c.Title})
}

func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// hourTicks labels the hours of a day every three hours.
type hourTicks struct{}

func (hourTicks) Ticks(lo, hi float64) []gplot.Tick {
	var t []gplot.Tick
	for h := 0; h <= 24; h++ {
		tk := gplot.Tick{Value: float64(h)}
		if h%3 == 0 {
			tk.Label = fmt.Sprintf("%02d:00", h)
		}
		t = append(t, tk)
	}
	return t
}

// niceTicks puts 4–10 labelled ticks at multiples of 1, 2 or 5 × 10ⁿ.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	span := hi - lo
	if !(span > 0) {
		return []gplot.Tick{{Value: lo, Label: fmt.Sprintf("%g", lo)}}
	}
	step := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 5, 10} {
		if span/(step*m) <= 10 {
			step *= m
			break
		}
	}
	var t []gplot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		v = math.Round(v/step) * step
		t = append(t, gplot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return t
}

var xmlHeader = regexp.MustCompile(`^<\?xml[^>]*>\s*`)

// SVG renders the chart as an SVG element that can be inlined in HTML.
func (c Chart) SVG(sector string) ([]byte, error) {
	p, err := c.Plot(sector)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := plot.Render(&buf, p, plot.SVG); err != nil {
		return nil, err
	}
	return xmlHeader.ReplaceAll(buf.Bytes(), nil), nil
}

// PNG renders the chart as a PNG image.
func (c Chart) PNG(sector string) ([]byte, error) {
	p, err := c.Plot(sector)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = plot.Render(&buf, p, plot.PNG)
	return buf.Bytes(), err
}
