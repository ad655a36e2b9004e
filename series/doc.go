// Package series holds quarter-hour time series: the Dutch settlement
// interval (ISP, imbalance settlement period) of 15 minutes.
//
// Instants are stored in UTC; calendar questions (which local day, which
// window, which working day) are answered in Europe/Amsterdam, so a DST day
// has 92 or 100 intervals. Values are the mean power over the ISP in kW;
// energy per ISP is kWh = kW ÷ 4 (KWToKWh, KWhToKW). A missing interval is
// NaN and is never filled silently. Values are float32: a connection-year
// of 35,040 ISPs takes 140 KB, so many connections fit in memory or
// stream through it.
//
// The pieces:
//
//   - Series: New, At, Index, Slice, TotalKWh, MaxKW, MissingCount.
//   - Calendar: per ISP the local minute of day, weekday and day, computed
//     once per span (NewCalendar) so that windows are table look-ups;
//     Window (days of the week, from–to wall clock, wrapping past
//     midnight, ending at 24:00) with Contains and Mask; LocalDays, Day.
//   - Resampling: Hours and Days return Buckets that count missing ISPs
//     and give the energy of the present ones; MeanKW is NaN unless the
//     bucket is complete.
//   - Alignment: Align (union span, missing where absent) and Sum (an
//     interval is missing when any member lacks it).
//
// Package seriestest writes test cases compactly ("400x@16:00 350x@21:00
// 400x@24:00").
package series
