package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TornadoBar is one input of a tornado chart: the output, in MW, with that
// input at the low and at the high end of its range (all others at their
// midpoints).
type TornadoBar struct {
	Label  string
	LowMW  float64
	HighMW float64
}

// Tornado is a one-at-a-time sensitivity chart: one horizontal bar per
// input, drawn from the base value to the output at each end of the input's
// range, largest swing first.
type Tornado struct {
	Title string
	// XLabel titles the value axis and must name its unit, e.g.
	// "national total (MW)".
	XLabel string
	YLabel string
	// BaseMW is the output with every input at its midpoint.
	BaseMW float64
	// Bars are drawn top to bottom in this order.
	Bars []TornadoBar
}

// ErrNoBars is returned for a tornado without bars.
var ErrNoBars = errors.New("tornado: no bars to draw")

// Colours of the two halves of a bar; chosen to be told apart by
// colour-blind readers (blue/orange) and in grey print (dark/light).
var (
	tornadoLowColor  = color.RGBA{R: 0x1f, G: 0x4e, B: 0x99, A: 0xff}
	tornadoHighColor = color.RGBA{R: 0xf5, G: 0x9e, B: 0x42, A: 0xff}
)

// Render draws the chart as format "svg" or "png", pxWide pixels wide
// (at 96 dpi), its height growing with the number of bars.
func (t Tornado) Render(w io.Writer, format string, pxWide int) error {
	if len(t.Bars) == 0 {
		return ErrNoBars
	}
	if format != "svg" && format != "png" {
		return fmt.Errorf("tornado: format %q: want svg or png", format)
	}
	p := gplot.New()
	p.Title.Text = t.Title
	p.Title.TextStyle.Font = sans(12)
	p.X.Label.Text = t.XLabel
	p.Y.Label.Text = t.YLabel
	p.X.Label.TextStyle.Font = sans(11)
	p.Y.Label.TextStyle.Font = sans(11)
	p.Y.Tick.Label.Font = sans(10)
	p.X.Tick.Label.Font = sans(10)

	n := len(t.Bars)
	ticks := make([]gplot.Tick, n)
	for i, b := range t.Bars {
		ticks[i] = gplot.Tick{Value: float64(n - 1 - i), Label: b.Label}
	}
	p.Y.Tick.Marker = gplot.ConstantTicks(ticks)
	// An empty band above the bars holds the legend.
	p.Y.Min, p.Y.Max = -0.6, float64(n)+legendRows
	p.X.Tick.Marker = gplot.DefaultTicks{}
	p.Add(plotter.NewGrid())
	tp := &tornadoPlotter{t: t}
	p.Add(tp)
	p.Legend.Add("input at the low end of its range", tornadoSwatch{tornadoLowColor})
	p.Legend.Add("input at the high end of its range", tornadoSwatch{tornadoHighColor})
	p.Legend.Add(fmt.Sprintf("base, all inputs at midpoints: %s", tornadoNum(t.BaseMW)), tornadoBaseSwatch{})
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.XOffs = vg.Points(8)
	p.Legend.YOffs = -vg.Points(4)
	p.Legend.ThumbnailWidth = vg.Points(14)
	p.Legend.TextStyle.Font = sans(9)
	p.Title.Padding = vg.Points(8)

	width := vg.Length(pxWide) * vg.Inch / dpi
	height := vg.Length(190+34*n) * vg.Inch / dpi
	wt, err := p.WriterTo(width, height, format)
	if err != nil {
		return fmt.Errorf("tornado: %w", err)
	}
	if _, err := wt.WriteTo(w); err != nil {
		return fmt.Errorf("tornado: write %s: %w", format, err)
	}
	return nil
}

// legendRows is the height, in bar rows, of the band kept free for the legend.
const legendRows = 1.6

// tornadoPlotter draws the bars, the base line and the value at each end.
type tornadoPlotter struct{ t Tornado }

func (tp *tornadoPlotter) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(tp.t.Bars)
	half := (trY(0.35) - trY(0)) // bar half height
	sty := text.Style{Color: color.Black, Font: sans(8), Handler: p.X.Tick.Label.Handler}
	base := tp.t.BaseMW
	for i, b := range tp.t.Bars {
		y := trY(float64(n - 1 - i))
		moved := false
		for _, end := range []struct {
			v   float64
			col color.Color
		}{{b.LowMW, tornadoLowColor}, {b.HighMW, tornadoHighColor}} {
			x0, x1 := trX(base), trX(end.v)
			if x0 == x1 {
				continue
			}
			moved = true
			c.FillPolygon(end.col, []vg.Point{{X: x0, Y: y - half}, {X: x1, Y: y - half}, {X: x1, Y: y + half}, {X: x0, Y: y + half}})
			s := sty
			s.YAlign = draw.YCenter
			pad := vg.Points(2)
			if x1 > x0 {
				s.XAlign = draw.XLeft
			} else {
				s.XAlign = draw.XRight
				pad = -pad
			}
			c.FillText(s, vg.Point{X: x1 + pad, Y: y}, tornadoNum(end.v))
		}
		if !moved {
			s := sty
			s.XAlign, s.YAlign = draw.XLeft, draw.YCenter
			c.FillText(s, vg.Point{X: trX(base) + vg.Points(4), Y: y}, "no effect")
		}
	}
	line := draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}
	c.StrokeLine2(line, trX(base), trY(-0.5), trX(base), trY(float64(n)-0.5))
}

// DataRange leaves room around the bars for their value labels.
func (tp *tornadoPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = tp.t.BaseMW, tp.t.BaseMW
	for _, b := range tp.t.Bars {
		xmin = min(xmin, b.LowMW, b.HighMW)
		xmax = max(xmax, b.LowMW, b.HighMW)
	}
	pad := 0.12 * (xmax - xmin)
	if pad == 0 {
		pad = math.Max(1, math.Abs(xmin)*0.05)
	}
	return xmin - pad, xmax + pad, -0.6, float64(len(tp.t.Bars)) + legendRows
}

type tornadoSwatch struct{ c color.Color }

func (s tornadoSwatch) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	c.FillPolygon(s.c, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
}

type tornadoBaseSwatch struct{}

func (tornadoBaseSwatch) Thumbnail(c *draw.Canvas) {
	r := c.Rectangle
	x := (r.Min.X + r.Max.X) / 2
	c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}},
		x, r.Min.Y, x, r.Max.Y)
}

// tornadoNum formats a bar-end value: no decimals from 100 up, one below.
func tornadoNum(v float64) string {
	if math.Abs(v) >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
