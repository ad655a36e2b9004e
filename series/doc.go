// Package series holds quarter-hour time series: the Dutch settlement
// interval (ISP, imbalance settlement period) of 15 minutes.
//
// Instants are stored in UTC; calendar questions (which local day, which
// window, which working day) are answered in Europe/Amsterdam, so a DST day
// has 92 or 100 intervals. Values are the mean power over the ISP in kW;
// energy per ISP is kWh = kW ÷ 4. A missing interval is NaN and is never
// filled silently.
package series
