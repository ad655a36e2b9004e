// Package report is the one report of a site scan, for every sector
// (offices, chemistry, datacenters, and charging through the office
// report): a Document model built from a scan result, and renderers to
// Markdown, a single self-contained printable HTML file (charts as inline
// SVG) and JSON.
//
// A Document holds an executive summary (MW per peak, MWh/yr, € per year and
// €/MWh needed), the measures table, extra tables per sector, charts (load
// before/after with the peak windows shaded, temperature trajectories for
// offices, the site's own supply-cost curve), the recommended contract in
// the contract file format (contract package, so it can be checked against
// meter data later) and the Flex-e subsidy the site can claim (§7).
//
// Builders (Office, Charging) still turn domain results into a Document
// here; the datacenter and chemistry Documents are assembled by the
// application layer (usecase/document_*.go), and the other sectors follow
// (issue 10). Renderers only format a Document. The package does no file
// I/O.
package report
