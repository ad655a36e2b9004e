package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"gridflex/compensation"
	"gridflex/table"
)

// Format is an output format of a figure.
type Format string

// Formats.
const (
	SVG Format = "svg"
	PNG Format = "png"
	CSV Format = "csv" // the data behind a figure, for figures that offer it
)

// Size of a figure. 800 × 500 px: 600 × 375 pt at 96 dpi.
const (
	widthPx  = 800
	heightPx = 500
	dpi      = 96
)

// ReferenceLine is a horizontal line on a supply-cost curve: an alternative
// such as the battery (§2.3) that measures are compared with.
type ReferenceLine struct {
	Label     string
	EURPerMWh float64
}

// SupplyCurveOptions describe what the curve shows besides its steps.
type SupplyCurveOptions struct {
	Title      string
	References []ReferenceLine
}

// sectorColors are fill colours by sector; light enough that a dashed
// alternative drawn on top stays visible.
var sectorColors = map[string]color.NRGBA{
	"offices":     {R: 0x6b, G: 0x9e, B: 0xd6, A: 0xff},
	"chemistry":   {R: 0xf0, G: 0xa0, B: 0x50, A: 0xff},
	"logistics":   {R: 0x7c, G: 0xc2, B: 0x7c, A: 0xff},
	"datacenters": {R: 0xb0, G: 0x90, B: 0xd0, A: 0xff},
}

var (
	otherColor     = color.NRGBA{R: 0xa0, G: 0xa0, B: 0xa0, A: 0xff}
	edgeColor      = color.NRGBA{R: 0x30, G: 0x30, B: 0x30, A: 0xff}
	referenceColor = color.NRGBA{R: 0xc0, G: 0x20, B: 0x20, A: 0xff}
)

// sans is the font of every text in the figures: sans-serif reads better on
// screens than gonum's default serif.
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// StepLabel is the text written at a step: measure name and required
// compensation, so that a reader can find each measure on the curve.
func StepLabel(s compensation.Step) string {
	l := s.Name + " €" + table.Num(s.EURPerMWh, 0)
	if s.Alternative {
		l += " (alternative)"
	}
	return l
}

// SupplyCurve draws c as a step curve: cumulative MW on the x-axis, €/MWh on
// the y-axis, one filled block per counted measure coloured by sector and
// labelled with its name and price; seasonal alternatives (office heating
// next to cooling, §1.5) are dashed outlines over the member that counts,
// not added to the MW; reference lines are dashed horizontals.
func SupplyCurve(c compensation.Curve, opts SupplyCurveOptions) (*gplot.Plot, error) {
	p := gplot.New()
	p.Title.Text = opts.Title
	p.Title.TextStyle.Font = sans(12)
	p.X.Label.Text = "cumulative flexible capacity (MW)"
	p.Y.Label.Text = "required compensation (€/MWh)"
	for _, a := range []*gplot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(11)
		a.Tick.Label.Font = sans(10)
	}
	p.Legend.TextStyle.Font = sans(9)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Add(plotter.NewGrid())

	maxY, maxX := 0.0, c.TotalMW
	for _, r := range opts.References {
		maxY = max(maxY, r.EURPerMWh)
	}
	for _, s := range c.Steps {
		maxY = max(maxY, s.EURPerMWh)
		maxX = max(maxX, s.ToMW)
	}
	if maxY <= 0 {
		maxY = 1
	}
	if maxX <= 0 {
		maxX = 1
	}
	p.X.Min, p.X.Max = 0, maxX*1.02
	p.X.Tick.Marker = niceTicks{}
	p.Y.Tick.Marker = niceTicks{}
	legendEntries := len(opts.References) + 1 // sectors added below
	for _, st := range c.Steps {
		if st.Alternative {
			legendEntries++
			break
		}
	}
	sectorsSeen := map[string]bool{}
	for _, st := range c.Steps {
		if !st.Alternative && !sectorsSeen[st.Sector] {
			sectorsSeen[st.Sector] = true
			legendEntries++
		}
	}
	lay := labelLayout{legendFrac: float64(legendEntries)*11/plotAreaPt + 0.03}
	p.Y.Min, p.Y.Max = 0, lay.yMax(c.Steps, maxY*1.08)

	legendSectors := map[string]bool{}
	var above, inside stepLabels
	for _, alt := range []bool{false, true} { // alternatives on top
		for _, s := range c.Steps {
			if s.Alternative != alt {
				continue
			}
			poly, err := plotter.NewPolygon(plotter.XYs{
				{X: s.FromMW, Y: 0}, {X: s.ToMW, Y: 0}, {X: s.ToMW, Y: s.EURPerMWh}, {X: s.FromMW, Y: s.EURPerMWh},
			})
			if err != nil {
				return nil, fmt.Errorf("supply curve: step %s: %w", s.ID, err)
			}
			poly.LineStyle.Color = edgeColor
			poly.LineStyle.Width = vg.Points(0.8)
			if alt {
				poly.Color = nil
				poly.LineStyle.Width = vg.Points(1.6)
				poly.LineStyle.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
			} else {
				col, ok := sectorColors[s.Sector]
				if !ok {
					col = otherColor
				}
				poly.Color = col
			}
			p.Add(poly)
			switch {
			case alt && !legendSectors["~alt"]:
				legendSectors["~alt"] = true
				p.Legend.Add("seasonal alternative, MW not added (§1.5)", poly)
			case !alt && !legendSectors[s.Sector]:
				legendSectors[s.Sector] = true
				p.Legend.Add(s.Sector, poly)
			}
			at := plotter.XY{X: (s.FromMW + s.ToMW) / 2, Y: s.EURPerMWh}
			if lay.inside(s, p.Y.Max) {
				inside.add(at, StepLabel(s))
			} else {
				above.add(at, StepLabel(s))
			}
		}
	}

	for _, r := range opts.References {
		l, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: r.EURPerMWh}, {X: p.X.Max, Y: r.EURPerMWh}})
		if err != nil {
			return nil, fmt.Errorf("supply curve: reference %q: %w", r.Label, err)
		}
		l.LineStyle.Color = referenceColor
		l.LineStyle.Width = vg.Points(1.5)
		l.LineStyle.Dashes = []vg.Length{vg.Points(8), vg.Points(4)}
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("%s: €%.0f/MWh", r.Label, r.EURPerMWh), l)
	}

	for _, l := range []struct {
		labels *stepLabels
		align  text.XAlignment
		offset vg.Length
	}{{&above, draw.XLeft, 4}, {&inside, draw.XRight, -4}} {
		lb, err := l.labels.plotter(p.Title.TextStyle.Handler, l.align, l.offset)
		if err != nil {
			return nil, fmt.Errorf("supply curve: labels: %w", err)
		}
		if lb != nil {
			p.Add(lb)
		}
	}
	return p, nil
}

// stepLabels are labels written vertically, so that narrow steps stay
// readable: above a low step, or hanging from the top inside a tall one.
type stepLabels struct {
	at    plotter.XYs
	texts []string
}

func (l *stepLabels) add(at plotter.XY, s string) {
	l.at = append(l.at, at)
	l.texts = append(l.texts, s)
}

// plotter returns nil without labels. align XLeft makes the rotated text
// run up from its point, XRight down from it.
func (l *stepLabels) plotter(h text.Handler, align text.XAlignment, offset vg.Length) (*plotter.Labels, error) {
	if len(l.at) == 0 {
		return nil, nil
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: l.at, Labels: l.texts})
	if err != nil {
		return nil, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i] = text.Style{
			Color: color.Black, Font: sans(9), Rotation: math.Pi / 2,
			XAlign: align, YAlign: draw.YCenter, Handler: h,
		}
	}
	lb.Offset = vg.Point{Y: offset}
	return lb, nil
}

// WriteSupplyCurve writes c as a figure (SVG, PNG) or as CSV: one row per
// step in drawing order, with its extent on the MW axis and whether its MW
// are added to the cumulative total.
func WriteSupplyCurve(w io.Writer, c compensation.Curve, opts SupplyCurveOptions, f Format) error {
	if f == CSV {
		return supplyCurveTable(c).WriteCSV(w)
	}
	p, err := SupplyCurve(c, opts)
	if err != nil {
		return err
	}
	return Render(w, p, f)
}

func supplyCurveTable(c compensation.Curve) *table.Table {
	t := &table.Table{Header: []string{"order", "id", "sector", "name", "eur_per_mwh", "mw", "from_mw", "to_mw", "added", "alternative_to"}}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	for i, s := range c.Steps {
		t.Add(strconv.Itoa(i+1), s.ID, s.Sector, s.Name, num(s.EURPerMWh), num(s.MW), num(s.FromMW), num(s.ToMW),
			strconv.FormatBool(!s.Alternative), s.AlternativeTo)
	}
	return t
}

// Render writes p as f, 800 × 500 px.
func Render(w io.Writer, p *gplot.Plot, f Format) error {
	width := vg.Length(widthPx) * vg.Inch / dpi
	height := vg.Length(heightPx) * vg.Inch / dpi
	if f != SVG && f != PNG {
		return fmt.Errorf("render: format %q: want svg or png", f)
	}
	wt, err := p.WriterTo(width, height, string(f))
	if err != nil {
		return fmt.Errorf("render %s: %w", f, err)
	}
	if f == PNG {
		_, err = wt.WriteTo(w)
		return err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return fmt.Errorf("render svg: %w", err)
	}
	// gonum names the font without a fallback; Arial and Helvetica have
	// the metrics of Liberation Sans, so labels keep their layout on
	// machines without it.
	out := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
	_, err = w.Write(out)
	return err
}

// plotAreaPt is roughly the height of the data area of an 800 × 500 px
// figure, in points, after title and axes.
const plotAreaPt = 375 - 85

// labelLayout places vertical step labels: above the step where the text
// fits below the legend, else hanging inside the step, else above with the
// y-axis raised until it fits.
type labelLayout struct {
	legendFrac float64 // top share of the data area the legend covers
}

// frac is the share of the data area's height label text takes.
func (labelLayout) frac(s compensation.Step) float64 {
	st := text.Style{Font: sans(9), Handler: gplot.New().Title.TextStyle.Handler}
	return (st.Width(StepLabel(s)).Points() + 8) / plotAreaPt
}

func (l labelLayout) fitsAbove(s compensation.Step, yMax float64) bool {
	return s.EURPerMWh/yMax+l.frac(s) <= 1-l.legendFrac
}

func (l labelLayout) inside(s compensation.Step, yMax float64) bool {
	return !l.fitsAbove(s, yMax) && l.frac(s) <= s.EURPerMWh/yMax
}

// yMax returns the top of the y-axis, raised from yMax where a label fits
// neither above nor inside its step.
func (l labelLayout) yMax(steps []compensation.Step, yMax float64) float64 {
	for _, s := range steps {
		if l.fitsAbove(s, yMax) || l.inside(s, yMax) {
			continue
		}
		if room := 1 - l.legendFrac - l.frac(s); room > 0.1 {
			yMax = max(yMax, s.EURPerMWh/room)
		}
	}
	return yMax
}

// niceTicks labels every major tick at 1, 2 or 5 × 10ⁿ, five to eight per
// axis, as whole numbers with thousands separators: gonum's default labels
// only some ticks, which leaves short axes nearly unlabelled.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) {
		return []gplot.Tick{{Value: lo, Label: thousands(lo)}}
	}
	raw := (hi - lo) / 8
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var ticks []gplot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		ticks = append(ticks, gplot.Tick{Value: v, Label: thousands(v)})
		if minor := v + step/2; minor < hi {
			ticks = append(ticks, gplot.Tick{Value: minor})
		}
	}
	return ticks
}

// thousands formats v with as few decimals as it needs (up to three) and
// a thousands separator.
func thousands(v float64) string {
	for d := range 3 {
		if f := math.Pow(10, float64(d)); math.Abs(v*f-math.Round(v*f)) < 1e-6 {
			return table.Num(v, d)
		}
	}
	return table.Num(v, 3)
}
