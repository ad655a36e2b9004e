package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"slices"
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
	Title string
	// Scenario names the scenario the curve comes from; the CSV carries
	// it in a last column (the figures in their title).
	Scenario   string
	References []ReferenceLine
	// LogY draws €/MWh on a log axis: the study's figures span €0 to
	// €4,600 (§2.3), and on a linear axis the office and logistics steps
	// are slivers next to continuous curtailment.
	LogY bool
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
	return s.Name + " " + stepPrice(s)
}

// stepLabelLines is StepLabel on two lines, name over price: half as long
// for a step whose label does not fit on one line.
func stepLabelLines(s compensation.Step) string {
	return s.Name + "\n" + stepPrice(s)
}

func stepPrice(s compensation.Step) string {
	l := "€" + table.Num(s.EURPerMWh, 0)
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
	p, _, err := supplyCurve(c, opts)
	return p, err
}

// supplyCurve is SupplyCurve, also returning the step labels so that tests
// can check their layout.
func supplyCurve(c compensation.Curve, opts SupplyCurveOptions) (*gplot.Plot, *stepLabeler, error) {
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
	// Horizontal grid lines only: vertical ones would run through the
	// vertical step labels and add nothing a reader of €/MWh needs.
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	p.Add(grid)

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
	labels := &stepLabeler{handler: p.Title.TextStyle.Handler}
	for _, alt := range []bool{false, true} { // in drawing order
		for _, s := range c.Steps {
			if s.Alternative == alt {
				labels.add(s, c.Steps)
			}
		}
	}
	lay := labelLayout{legendFrac: float64(legendEntries)*11/plotAreaPt + 0.03}
	if opts.LogY {
		floor := logFloor(c.Steps, opts.References)
		p.Y.Scale, p.Y.Tick.Marker = gplot.LogScale{}, logTicks{}
		p.Y.Label.Text = "required compensation (€/MWh, log scale)"
		// gonum sizes a centred axis title at the arithmetic middle of
		// the range, near the top of a log axis, and shrinks the data
		// area for it; at the top it is sized (nearly) where it is drawn.
		p.Y.Label.Position = draw.PosTop
		lay.logMin = floor
		p.Y.Min = floor
		p.Y.Max = lay.yMax(labels.items, math.Max(maxY, floor)*1.6)
	} else {
		p.Y.Min, p.Y.Max = 0, lay.yMax(labels.items, maxY*1.08)
	}
	// bottom keeps polygons on a log axis, which has no zero; a step below
	// the floor (an owner-user's €0) lies flat on the axis and its label
	// still gives its value.
	bottom := func(v float64) float64 { return math.Max(v, p.Y.Min) }

	legendSectors := map[string]bool{}
	for _, alt := range []bool{false, true} { // alternatives on top
		for _, s := range c.Steps {
			if s.Alternative != alt {
				continue
			}
			poly, err := plotter.NewPolygon(plotter.XYs{
				{X: s.FromMW, Y: p.Y.Min}, {X: s.ToMW, Y: p.Y.Min}, {X: s.ToMW, Y: bottom(s.EURPerMWh)}, {X: s.FromMW, Y: bottom(s.EURPerMWh)},
			})
			if err != nil {
				return nil, nil, fmt.Errorf("supply curve: step %s: %w", s.ID, err)
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
		}
	}

	for _, r := range opts.References {
		l, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: r.EURPerMWh}, {X: p.X.Max, Y: r.EURPerMWh}})
		if err != nil {
			return nil, nil, fmt.Errorf("supply curve: reference %q: %w", r.Label, err)
		}
		l.LineStyle.Color = referenceColor
		l.LineStyle.Width = vg.Points(1.5)
		l.LineStyle.Dashes = []vg.Length{vg.Points(8), vg.Points(4)}
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("%s: €%.0f/MWh", r.Label, r.EURPerMWh), l)
		labels.refs = append(labels.refs, r.EURPerMWh)
	}
	p.Add(labels) // last: labels and their backgrounds over lines
	return p, labels, nil
}

// stepLabeler writes the step labels when the figure is drawn, when the
// exact positions of steps, reference lines and legend are known. Labels
// run vertically so that narrow steps can carry them. A label goes above
// its step on a white box that hides the grid. It clears every step it
// overlaps, every label already placed and the legend, is lifted over a
// reference line it would cross, and may move sideways a little (a narrow
// step beside a tall one); a thin leader joins a moved label to its step.
// Where no place above fits (tall steps), the label hangs inside its step.
// Seasonal alternatives are labelled above the step they are drawn over.
type stepLabeler struct {
	handler text.Handler
	items   []labelItem
	refs    []float64 // €/MWh of the reference lines
	steps   []compensation.Step
}

type labelItem struct {
	text    string
	lines   string // text on two lines, tried where text does not fit
	midMW   float64
	top     float64 // €/MWh where the label starts: the step, or the step an alternative lies over
	ownTop  float64 // €/MWh of the step itself
	fromMW  float64
	toMW    float64
	mayHang bool // may hang inside the step
}

func (l *stepLabeler) add(s compensation.Step, all []compensation.Step) {
	l.steps = all
	it := labelItem{text: StepLabel(s), lines: stepLabelLines(s), midMW: (s.FromMW + s.ToMW) / 2, top: s.EURPerMWh, ownTop: s.EURPerMWh,
		fromMW: s.FromMW, toMW: s.ToMW, mayHang: !s.Alternative}
	if s.Alternative {
		for _, o := range all {
			if !o.Alternative && o.FromMW < it.midMW && it.midMW < o.ToMW {
				it.top = max(it.top, o.EURPerMWh)
			}
		}
	}
	l.items = append(l.items, it)
}

var (
	leaderColor  = color.NRGBA{R: 0x50, G: 0x50, B: 0x50, A: 0xff}
	labelBoxFill = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xd8}
)

// placed is a label's position on the canvas: text from y0 up to y1,
// centred on x, thick wide.
type placed struct {
	x, y0, y1, thick vg.Length
	stepX, stepY     vg.Length // where the leader starts
	hang             bool
	text             string
}

// labelStyle is the style of step labels: vertical, reading upwards from
// their start point.
func (l *stepLabeler) labelStyle() text.Style {
	return text.Style{Color: color.Black, Font: sans(9), Rotation: math.Pi / 2,
		XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: l.handler}
}

// Plot implements plot.Plotter.
func (l *stepLabeler) Plot(c draw.Canvas, plt *gplot.Plot) {
	sty := l.labelStyle()
	gap := vg.Points(3)
	for _, p := range l.layout(c, plt) {
		if !p.hang {
			box := vg.Rectangle{Min: vg.Point{X: p.x - p.thick/2, Y: p.y0 - 1}, Max: vg.Point{X: p.x + p.thick/2, Y: p.y1 + 1}}
			c.SetColor(labelBoxFill)
			c.Fill(box.Path())
			if p.x != p.stepX || p.y0-p.stepY > 2*gap {
				c.StrokeLines(draw.LineStyle{Color: leaderColor, Width: vg.Points(0.5)}, []vg.Point{
					{X: p.stepX, Y: p.stepY + 1}, {X: p.stepX, Y: max(p.stepY+1, p.y0-2*gap)}, {X: p.x, Y: p.y0 - 1},
				})
			}
		}
		c.FillText(sty, vg.Point{X: p.x, Y: p.y0}, p.text)
	}
}

// layout places every label in the data canvas c, in the order added.
func (l *stepLabeler) layout(c draw.Canvas, plt *gplot.Plot) []placed {
	trX, trY := plt.Transforms(&c)
	sty := l.labelStyle()
	gap := vg.Points(3)
	y := func(v float64) vg.Length { return trY(math.Max(v, plt.Y.Min)) }
	var refs []vg.Length
	for _, r := range l.refs {
		refs = append(refs, y(r))
	}
	slices.Sort(refs)
	legend := l.legendRect(c, plt)

	// floorAt is the lowest start of a label centred at x: above base and
	// every counted step its box overlaps, lifted over reference lines it
	// would cross.
	floorAt := func(x, thick, base, length vg.Length) vg.Length {
		y0 := base
		for _, s := range l.steps {
			if !s.Alternative && trX(s.FromMW) < x+thick/2 && x-thick/2 < trX(s.ToMW) {
				y0 = max(y0, y(s.EURPerMWh))
			}
		}
		y0 += gap
		for _, r := range refs {
			if r >= y0-gap && r <= y0+length+gap {
				y0 = r + gap + vg.Points(1)
			}
		}
		return y0
	}
	var out []placed
	free := func(p placed) bool {
		if p.y1 > c.Max.Y {
			return false
		}
		if p.x+p.thick/2 >= legend.Min.X && p.x-p.thick/2 <= legend.Max.X && p.y1 > legend.Min.Y-gap {
			return false
		}
		for _, o := range out {
			if !o.hang && math.Abs(float64(p.x-o.x)) < float64((p.thick+o.thick)/2+1) && p.y0 < o.y1+1 && o.y0 < p.y1+1 {
				return false
			}
		}
		return true
	}
	// above finds the best place for txt above the step: the step's
	// middle, else up to four half-widths either side; the cost is how
	// far the label strays.
	above := func(it labelItem, txt string) (placed, bool) {
		length, thick := sty.Width(txt), sty.Height(txt)
		x, base := trX(it.midMW), y(it.top)
		var best placed
		found, bestCost := false, vg.Length(math.Inf(1))
		for k := range 9 {
			d := vg.Length((k+1)/2) * (thick/2 + 1)
			if k%2 == 1 {
				d = -d
			}
			p := placed{x: x + d, thick: thick, stepX: x, stepY: y(it.ownTop), text: txt}
			p.y0 = floorAt(p.x, thick, base, length)
			p.y1 = p.y0 + length
			if cost := p.y0 - base + 2*vg.Length(math.Abs(float64(d))); free(p) && cost < bestCost {
				best, bestCost, found = p, cost, true
			}
		}
		return best, found
	}
	// inside hangs txt from the top of a wide enough, tall enough step,
	// clear of a reference line where the step leaves room either side.
	inside := func(it labelItem, txt string) (placed, bool) {
		length, thick := sty.Width(txt), sty.Height(txt)
		base := y(it.top)
		if !it.mayHang || trX(it.toMW)-trX(it.fromMW) < thick+2*gap || base-length-2*gap < c.Min.Y {
			return placed{}, false
		}
		x := trX(it.midMW)
		p := placed{x: x, thick: thick, stepX: x, stepY: base, hang: true, text: txt, y1: base - gap}
		p.y0 = p.y1 - length
		for _, r := range refs {
			if r < p.y0-1 || r > p.y1+1 {
				continue
			}
			if base-r >= length+2*gap {
				p.y0 = r + gap
			} else if r-c.Min.Y >= length+2*gap {
				p.y0 = r - gap - length
			}
			p.y1 = p.y0 + length
		}
		return p, true
	}

	for _, it := range l.items {
		var p placed
		found := false
		for _, try := range []func() (placed, bool){
			func() (placed, bool) { return above(it, it.text) },
			func() (placed, bool) { return inside(it, it.text) },
			func() (placed, bool) { return above(it, it.lines) },
			func() (placed, bool) { return inside(it, it.lines) },
		} {
			if p, found = try(); found {
				break
			}
		}
		if !found { // nowhere fits: above the step, over whatever is there
			x, length := trX(it.midMW), sty.Width(it.lines)
			p = placed{x: x, thick: sty.Height(it.lines), stepX: x, stepY: y(it.ownTop), text: it.lines}
			p.y0 = floorAt(x, p.thick, y(it.top), length)
			p.y1 = p.y0 + length
		}
		out = append(out, p)
	}
	return out
}

// legendRect is where gonum draws the legend in c: its size from the
// legend, its corner from Top/Left and the offsets.
func (l *stepLabeler) legendRect(c draw.Canvas, plt *gplot.Plot) vg.Rectangle {
	size := plt.Legend.Rectangle(c).Size()
	r := vg.Rectangle{Min: vg.Point{X: c.Max.X - size.X, Y: c.Min.Y}, Max: vg.Point{X: c.Max.X, Y: c.Min.Y + size.Y}}
	if plt.Legend.Left {
		r.Min.X, r.Max.X = c.Min.X, c.Min.X+size.X
	}
	if plt.Legend.Top {
		r.Min.Y, r.Max.Y = c.Max.Y-size.Y, c.Max.Y
	}
	r.Min.X += plt.Legend.XOffs
	r.Max.X += plt.Legend.XOffs
	r.Min.Y += plt.Legend.YOffs
	r.Max.Y += plt.Legend.YOffs
	return r
}

// WriteSupplyCurve writes c as a figure (SVG, PNG) or as CSV: one row per
// step in drawing order, with its extent on the MW axis and whether its MW
// are added to the cumulative total.
func WriteSupplyCurve(w io.Writer, c compensation.Curve, opts SupplyCurveOptions, f Format) error {
	if f == CSV {
		t := supplyCurveTable(c)
		if opts.Scenario != "" {
			t.AddColumn("scenario", opts.Scenario)
		}
		return t.WriteCSV(w)
	}
	p, err := SupplyCurve(c, opts)
	if err != nil {
		return err
	}
	return Render(w, p, f)
}

func supplyCurveTable(c compensation.Curve) *table.Table {
	t := &table.Table{Header: []string{"order", "id", "sector", "name", "eur_per_mwh", "mw", "from_mw", "to_mw", "added", "alternative_to"}}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
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

// labelLayout reserves room for the vertical step labels before drawing:
// where a label fits neither above its step (below the legend) nor inside
// it, the y-axis is raised until it fits above. stepLabeler does the exact
// placement when the figure is drawn.
type labelLayout struct {
	legendFrac float64 // top share of the data area the legend covers
	logMin     float64 // bottom of a log axis; 0 for a linear axis
}

// frac is the share of the data area's height label text takes.
func (labelLayout) frac(txt string) float64 {
	st := text.Style{Font: sans(9), Handler: gplot.New().Title.TextStyle.Handler}
	return (st.Width(txt).Points() + 8) / plotAreaPt
}

// pos is the height of v as a share of the data area, for an axis up to
// yMax.
func (l labelLayout) pos(v, yMax float64) float64 {
	if l.logMin > 0 {
		return math.Log(math.Max(v, l.logMin)/l.logMin) / math.Log(yMax/l.logMin)
	}
	return v / yMax
}

func (l labelLayout) fitsAbove(it labelItem, yMax float64) bool {
	return l.pos(it.top, yMax)+l.frac(it.text) <= 1-l.legendFrac
}

func (l labelLayout) inside(it labelItem, yMax float64) bool {
	return it.mayHang && l.frac(it.text) <= l.pos(it.top, yMax)
}

// yMax returns the top of the y-axis, raised from yMax where a label fits
// neither above nor inside its step, until it fits above on two lines. A
// log axis is raised by at most a
// factor of three: beyond that the steps would shrink to the bottom, and a
// label crossing into the legend is the lesser harm.
func (l labelLayout) yMax(items []labelItem, yMax float64) float64 {
	limit := math.Inf(1)
	if l.logMin > 0 {
		limit = 3 * yMax
	}
	for _, it := range items {
		if l.fitsAbove(it, yMax) || l.inside(it, yMax) {
			continue
		}
		room := 1 - l.legendFrac - l.frac(it.lines)
		if room <= 0.1 {
			continue
		}
		if l.logMin > 0 {
			yMax = max(yMax, l.logMin*math.Pow(math.Max(it.top, l.logMin)/l.logMin, 1/room))
		} else {
			yMax = max(yMax, it.top/room)
		}
	}
	return min(yMax, limit)
}

// logFloor is the bottom of a log €/MWh axis: the power of ten at or below
// the smallest positive value, at most 10.
func logFloor(steps []compensation.Step, refs []ReferenceLine) float64 {
	lo := 10.0
	for _, s := range steps {
		if s.EURPerMWh > 0 {
			lo = min(lo, s.EURPerMWh)
		}
	}
	for _, r := range refs {
		if r.EURPerMWh > 0 {
			lo = min(lo, r.EURPerMWh)
		}
	}
	return math.Pow(10, math.Floor(math.Log10(lo)))
}

// logTicks labels 1, 2 and 5 × 10ⁿ with thousands separators; gonum's
// LogTicks labels only powers of ten, too few on a one-decade-and-a-bit
// axis.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(lo > 0) || !(hi > lo) {
		return []gplot.Tick{{Value: hi, Label: thousands(hi)}}
	}
	var ticks []gplot.Tick
	for mag := math.Pow(10, math.Floor(math.Log10(lo))); mag <= hi; mag *= 10 {
		for m := 1; m < 10; m++ {
			v := float64(m) * mag
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := gplot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = thousands(v)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
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
