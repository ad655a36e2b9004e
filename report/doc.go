// Package report is the one report of a site scan, for every sector
// (offices, chemistry, datacenters, and charging through the office
// report): the Document model and its renderers to Markdown, a single
// self-contained printable HTML file (charts as inline SVG) and JSON.
//
// A Document holds an executive summary (MW per peak, MWh/yr, € per year and
// €/MWh needed), the measures table, extra tables per sector, charts (load
// before/after with the peak windows shaded, temperature trajectories for
// offices, the site's own supply-cost curve), the recommended contract in
// the contract file format (contract package, so it can be checked against
// meter data later) and the Flex-e subsidy the site can claim (§7).
//
// report renders; it computes no figure. The application layer assembles
// a Document from a sector's scan result (usecase/document_*.go: the
// measures, the summary totals, the recommended contract), so report
// imports no sector package (usecase/layering_test.go). The package does
// no file I/O.
package report
