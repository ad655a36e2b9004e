// Package plot draws the figures of gridflex with gonum/plot: the
// supply-cost curve of the compensation model (study-model.md §2.3, the
// study's Figures 0.1, 0.2, 4.4 and 5.7) and the tornado chart of the
// potential model's sensitivity ranking.
//
// Functions build a *plot.Plot from model results and render it to an
// io.Writer as SVG or PNG; they do no file I/O, so commands write files
// atomically themselves. Figures are laid out to be read at 800 px wide
// (600 pt for SVG, 96 dpi for PNG).
//
// Step labels of the supply-cost curve are placed when the figure is drawn,
// when the positions of steps, reference lines and legend are known: above
// the step on a white box, moved aside with a leader where a step is too
// narrow or a taller neighbour is in the way, on two lines where one does
// not fit, and hanging inside a tall step as a last resort. A test checks
// that no label overlaps another label, a step or a reference line. The
// €/MWh axis may be logarithmic (SupplyCurveOptions.LogY): the study's
// figures span €0 to €4,600, and a €0 step then lies on the axis floor
// with its label giving the value.
package plot
