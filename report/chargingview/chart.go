package chargingview

import (
	"fmt"
	"image/color"
	"io"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"gridflex/charging"
)

// Chart writes the site's load over the typical day, today and grid-aware,
// with the contracted capacity, the grid-aware limit and the peak windows
// shaded. format is svg or png.
func Chart(w io.Writer, r charging.Result, format string) error {
	if format != "svg" && format != "png" {
		return fmt.Errorf("chart: format %q: want svg or png", format)
	}
	p := gplot.New()
	p.Title.Text = fmt.Sprintf("%s — load over a typical day", r.Site)
	p.X.Label.Text = "local time (h)"
	p.Y.Label.Text = "grid import (kW)"
	p.X.Min, p.X.Max = 0, 24
	ticks := make([]gplot.Tick, 0, 9)
	for h := 0; h <= 24; h += 3 {
		ticks = append(ticks, gplot.Tick{Value: float64(h), Label: fmt.Sprintf("%02d:00", h)})
	}
	p.X.Tick.Marker = gplot.ConstantTicks(ticks)
	ymax := r.CapacityKW
	for _, xs := range [][]float64{r.BeforeKW, r.AfterKW, r.LimitKW} {
		for _, v := range xs {
			if v < 1e9 {
				ymax = max(ymax, v)
			}
		}
	}
	ymax *= 1.45 // room for the legend
	ymin := 0.0
	for _, xs := range [][]float64{r.BeforeKW, r.AfterKW} {
		for _, v := range xs {
			ymin = min(ymin, v*1.1)
		}
	}
	p.Y.Min, p.Y.Max = ymin, ymax
	shade := color.NRGBA{R: 255, G: 190, B: 90, A: 70}
	for i, win := range r.PeakWindows {
		fromMin, toMin := win.Minutes()
		for _, seg := range segments(fromMin, toMin) {
			poly, err := plotter.NewPolygon(plotter.XYs{{X: seg[0], Y: ymin}, {X: seg[1], Y: ymin}, {X: seg[1], Y: ymax}, {X: seg[0], Y: ymax}})
			if err != nil {
				return err
			}
			poly.Color = shade
			poly.LineStyle.Width = 0
			p.Add(poly)
			if i == 0 && seg == segments(fromMin, toMin)[0] {
				p.Legend.Add("grid peak windows", poly)
			}
		}
	}
	step := func(xs []float64) plotter.XYs {
		pts := make(plotter.XYs, 0, 2*len(xs))
		for t, v := range xs {
			pts = append(pts, plotter.XY{X: float64(t) / 4, Y: v}, plotter.XY{X: float64(t+1) / 4, Y: v})
		}
		return pts
	}
	add := func(name string, xs []float64, c color.Color, width vg.Length, dashes []vg.Length) error {
		clipped := make([]float64, len(xs))
		for i, v := range xs {
			clipped[i] = min(v, ymax)
		}
		l, err := plotter.NewLine(step(clipped))
		if err != nil {
			return err
		}
		l.Color, l.Width, l.Dashes = c, width, dashes
		p.Add(l)
		p.Legend.Add(name, l)
		return nil
	}
	capLine := make([]float64, dayISPs)
	for t := range capLine {
		capLine[t] = r.CapacityKW
	}
	for _, a := range []struct {
		name   string
		xs     []float64
		c      color.Color
		w      vg.Length
		dashes []vg.Length
	}{
		{"contracted capacity", capLine, color.Black, vg.Points(1), []vg.Length{vg.Points(2), vg.Points(2)}},
		{"grid-aware limit", r.LimitKW, color.RGBA{R: 200, A: 255}, vg.Points(1.2), []vg.Length{vg.Points(6), vg.Points(3)}},
		{"today (charging on arrival)", r.BeforeKW, color.RGBA{R: 120, G: 120, B: 120, A: 255}, vg.Points(1.6), nil},
		{"grid-aware (optimal schedule)", r.AfterKW, color.RGBA{G: 90, B: 200, A: 255}, vg.Points(2), nil},
	} {
		if err := add(a.name, a.xs, a.c, a.w, a.dashes); err != nil {
			return err
		}
	}
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.ThumbnailWidth = vg.Points(16)
	wt, err := p.WriterTo(8*vg.Inch, 4.5*vg.Inch, format)
	if err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}

// dayISPs is the length of the typical day a charging.Result holds.
const dayISPs = 96

// segments splits a wrapping window into hour ranges on [0, 24].
func segments(fromMin, toMin int) [][2]float64 {
	if fromMin <= toMin {
		return [][2]float64{{float64(fromMin) / 60, float64(toMin) / 60}}
	}
	return [][2]float64{{float64(fromMin) / 60, 24}, {0, float64(toMin) / 60}}
}
