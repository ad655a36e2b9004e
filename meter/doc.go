// Package meter imports quarter-hour meter data as Dutch grid operators and
// metering companies export it, and reports its quality per connection.
//
// The canonical file is
//
//	ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality
//
// with UTC offsets on the timestamps; the importer also accepts the common
// variants (separators, decimal comma, BOM, local timestamps, kW or kWh
// columns, wide or long layout, hourly readings, XLSX). FORMAT.md is the
// reference for what is accepted and how each variant is interpreted.
//
// Every reading becomes mean power in kW per ISP (series.Series, NaN for
// missing). Nothing is filled, clamped or dropped silently: what the
// importer had to interpret (an hourly reading spread over four ISPs, the
// repeated October hour, duplicates) is listed in the Quality report of the
// connection.
package meter
