// Package charging is the site scan for EV charging at logistics depots and
// office charging plazas (study §3 and §1.4).
//
// A site file (FORMAT.md) describes the connection, the vehicles or the real
// charging sessions, and optionally a stationary battery, PV and the site's
// other load. Scan turns it into a typical day of 96 quarter-hours, compares
// today's charging on arrival with grid-aware charging outside the peak
// windows, computes the exact minimum night capacity and a stepped block-power
// proposal with the optimal scheduler of package schedule, and states what
// the site can give up in each peak, the energy moved per year, the
// compensation by the study's §3 rule and the contract to ask for. Every
// vehicle or session whose need is not met is listed with the reason and the
// shortfall; nothing is dropped silently.
//
// The package does no I/O and renders nothing: the command reads files and
// passes their bytes; package report (md, html, json) and report/chargingview
// (terminal text, load chart) render a Result.
package charging
