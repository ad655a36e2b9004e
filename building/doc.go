// Package building models an office's heating and cooling as a lumped RC
// thermal network and finds the pre-heating and pre-cooling schedule that
// keeps the indoor temperature inside the comfort band during opening hours
// while cutting the heat pump or chiller in the grid peaks (study-model.md
// §1.2, §1.3, §1.8).
//
// The pipeline is staged: Defaults and the site's inputs give an Office
// (floor area, plant power, RC parameters, band, gains); a Day holds one day
// of outdoor temperature (design day or a weather file); Plan solves one day
// twice — energy-minimal (the conventional thermostat, "before") and
// grid-aware (peak energy first, then total energy, "after") — by exact
// dynamic programming over a discretised indoor temperature; Scan reports per
// day type the kW and hours cut, the trajectory and the extra energy. The
// model and the optimiser are documented in model.md.
//
// The package does no I/O: weather files arrive as an io.Reader.
package building
