package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Line is one named series of a line chart.
type Line struct {
	Name string
	X, Y []float64
}

// StationLoad is a station's load against its capacity over a stretch of
// time (x in hours from its start), e.g. before and after capacity is
// reissued to the waiting list.
type StationLoad struct {
	Title      string
	XLabel     string
	CapacityMW float64
	Lines      []Line // in MW
}

// ErrNoData is returned for a chart without points.
var ErrNoData = errors.New("plot: no data to draw")

var lineColors = []color.RGBA{
	{R: 0x1f, G: 0x4e, B: 0x99, A: 0xff},
	{R: 0xf5, G: 0x9e, B: 0x42, A: 0xff},
	{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
}

// Render writes the chart as svg or png.
func (c StationLoad) Render(w io.Writer, f Format) error {
	if len(c.Lines) == 0 || len(c.Lines[0].X) == 0 {
		return ErrNoData
	}
	p := gplot.New()
	p.Title.Text = c.Title
	p.X.Label.Text = c.XLabel
	p.Y.Label.Text = "station load (MW)"
	p.Y.Min = 0
	for i, l := range c.Lines {
		xy := make(plotter.XYs, len(l.X))
		for j := range l.X {
			xy[j].X, xy[j].Y = l.X[j], l.Y[j]
		}
		ln, err := plotter.NewLine(xy)
		if err != nil {
			return fmt.Errorf("station load chart: %w", err)
		}
		ln.Color = lineColors[i%len(lineColors)]
		ln.Width = vg.Points(1.2)
		p.Add(ln)
		p.Legend.Add(l.Name, ln)
	}
	capLine, err := plotter.NewLine(plotter.XYs{{X: c.Lines[0].X[0], Y: c.CapacityMW}, {X: c.Lines[0].X[len(c.Lines[0].X)-1], Y: c.CapacityMW}})
	if err != nil {
		return err
	}
	capLine.Color = color.RGBA{R: 0xc0, A: 0xff}
	capLine.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	p.Add(capLine)
	p.Legend.Add(fmt.Sprintf("capacity %.1f MW", c.CapacityMW), capLine)
	p.Legend.Top = false
	p.Legend.Left = true
	p.Y.Max = 1.15 * c.CapacityMW
	return Render(w, p, f)
}

// TradeoffPoint is one margin of a margin scan.
type TradeoffPoint struct {
	Margin     float64
	ReissuedMW float64
	Risk       float64 // probability 0…1
}

// MarginTradeoff draws the overload risk against the MW reissued, one
// labelled point per margin, with the risk target.
type MarginTradeoff struct {
	Title  string
	Target float64
	Chosen float64 // the margin picked; < 0 for none
	Points []TradeoffPoint
}

// Render writes the chart as svg or png.
func (c MarginTradeoff) Render(w io.Writer, f Format) error {
	if len(c.Points) == 0 {
		return ErrNoData
	}
	p := gplot.New()
	p.Title.Text = c.Title
	p.X.Label.Text = "capacity reissued to the waiting list (MW)"
	p.Y.Label.Text = "probability of an overload before the reinforcement (%)"
	xy := make(plotter.XYs, len(c.Points))
	labels := make([]string, len(c.Points))
	maxX := 0.0
	for i, pt := range c.Points {
		xy[i].X, xy[i].Y = pt.ReissuedMW, 100*pt.Risk
		labels[i] = fmt.Sprintf("%.2f", pt.Margin)
		maxX = max(maxX, pt.ReissuedMW)
	}
	ln, pts, err := plotter.NewLinePoints(xy)
	if err != nil {
		return fmt.Errorf("margin chart: %w", err)
	}
	ln.Color, pts.Color = lineColors[0], lineColors[0]
	pts.Shape = draw.CircleGlyph{}
	p.Add(ln, pts)
	p.Legend.Add("margin (labels) → MW reissued → risk", ln)
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xy, Labels: labels})
	if err != nil {
		return err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = sans(vg.Points(8))
		lb.TextStyle[i].YAlign = -0.2
	}
	p.Add(lb)
	tgt, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 100 * c.Target}, {X: maxX, Y: 100 * c.Target}})
	if err != nil {
		return err
	}
	tgt.Color = color.RGBA{R: 0xc0, A: 0xff}
	tgt.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	p.Add(tgt)
	name := fmt.Sprintf("target %.1f %%", 100*c.Target)
	if c.Chosen >= 0 {
		name += fmt.Sprintf(" (margin %.2f)", c.Chosen)
	}
	p.Legend.Add(name, tgt)
	p.Legend.Top = true
	p.Y.Min, p.Y.Max = 0, 105
	p.X.Min = 0
	return Render(w, p, f)
}
