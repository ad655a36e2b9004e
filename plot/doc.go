// Package plot draws the figures of gridflex with gonum/plot: the
// supply-cost curve of the compensation model (study-model.md §2.3, the
// study's Figures 0.1, 0.2, 4.4 and 5.7) and the tornado chart of the
// potential model's sensitivity ranking.
//
// Functions build a *plot.Plot from model results and render it to an
// io.Writer as SVG or PNG; they do no file I/O, so commands write files
// atomically themselves. Figures are laid out to be read at 800 px wide
// (600 pt for SVG, 96 dpi for PNG).
package plot
