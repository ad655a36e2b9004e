// Package potential is the study's national and sector flexibility-potential
// model (study-model.md §1–§5): how many MW of offtake the Dutch large
// offices, chemical industry, logistics depots and datacenters can move out
// of the grid peaks. It reproduces Table 0.1 of the study from the
// parameters of a scenario (scenario/nl-2026/potential.yaml) and explains
// every number.
//
// # Formulas
//
// Offices (§1). The universe is Table 4.1 per energy label (§1.1).
//
//   - Heating (§1.2). Estimate 2: heat-pump area = Σ share_label × area_label
//     (3,392,724 m²), heat = Σ share × area × heat need per m² (185.1 GWh).
//     Estimate 1 gives area and heat directly (2.38 M m², 135 GWh; the study
//     does not print its per-label shares). Peak heat = heat ÷ full-load
//     hours; electric peak = peak heat ÷ SPF; flex = flex share × electric
//     peak. The input offices.heating.estimate_blend moves linearly from
//     estimate 1 (0) to estimate 2 (1).
//   - Cooling (§1.3). Cooling need = Σ floor area × cooling per m² per
//     label (defaults: Table 4.1's cooling column ÷ area, 669,446 MWh
//     printed); × active share = 602.5 GWh; ÷ full-load hours = 1,103 MW;
//     ÷ SPF = 256.6 MW; × flex share = 205–256 MW.
//   - Charging (§1.4). chargers × flexible share × kW per charger ×
//     simultaneity = 81.6–132.3 MW. The two ways the study estimates the
//     charger count (parking norm; lease fleet) are computed for explain;
//     the chosen count is an input.
//   - Sector (§1.5): max(heating, cooling) + charging, because heating and
//     cooling happen in different seasons.
//
// Chemistry (§2.2). Each process measure has a low extrapolation (base ×
// weighted flex share of all respondents) and a high one (sector capacity ×
// share of companies that can × their average flex share; for continuous
// production the capacity of companies with continuous processes × their
// flex share); an input …extrapolation_blend moves between them. CHP = MW
// offered ÷ respondents' share of CHP capacity. The sector is the sum of the
// four. Inputs the study does not print are marked calibrated.
//
// Logistics (§3): flexible share × depot charging demand (0.7 × 220 MW).
//
// Datacenters (§4): IT capacity × cooling share × min(1, ride-through ÷ flex
// duration) = 0.05 × (300–450 MW) = 15–23 MW. Shown apart and left out of
// the national total unless asked (Options.WithDatacenters), as in the study.
//
// National total (§5): offices + chemistry + logistics (+ datacenters).
//
// # Min, max, point and Monte Carlo
//
// A parameter with a range (low < high) is uncertain; the others are fixed.
// The model is a point function of all parameter values. Three views follow
// from it, each consistent with the others:
//
//   - Point: every input at its value (FLH 1,404 h, blends 0.5, …).
//   - Min and max: the extremes of the point function over the box of
//     ranges. Every output is monotone in each input with the others held
//     fixed, so its extremes lie at corners of the box; up to 16 ranged
//     inputs every corner is evaluated (exact even where a low and a high
//     estimate cross), beyond that the corner is found one input at a time.
//     The extreme corner differs per output (the heating minimum needs the
//     highest full-load hours). By default these are the study's published
//     bounds: heating min = 0.8 × est. 1 at 1,570 h ÷ 2.6 = 26.5 MW, max =
//     1.0 × est. 2 at 1,237 h ÷ 2.6 = 57.6 MW.
//   - Monte Carlo: each ranged input is sampled by its distribution
//     (scenario.Sampler: uniform, triangular or normal) and the point
//     function evaluated; P10/P50/P90 of each output lie within [min, max]
//     for bounded distributions. Because the study's choice between two
//     estimates is a blend input, its uncertainty is sampled too.
//
// Monte Carlo draws one uniform number per ranged input and sample and maps
// it through the input's quantile function. Samples come in fixed chunks,
// each with its own random stream derived from the seed and the chunk
// index, and workers fill fixed positions, so the same seed gives the same
// percentiles on any number of cores. The model runs on a []float64 of
// parameter values with every key resolved to an index once (model), so
// the inner loop has no map look-ups or allocations.
//
// Sensitivity ranks the ranged inputs by how much the national total moves
// when one input goes from its low to its high end with all others at their
// range midpoints (tornado data).
//
// # Explain
//
// Explain lists, for a measure, a sector or "total", the inputs read (with
// value, range, unit, source and whether they are calibrated), every
// intermediate at the minimising and the maximising corner next to the
// value the study prints, and the study's inconsistencies that touch the
// result (§2.2: batch 78 vs 73, chemistry 199–389 vs 243–389).
//
// # Rounding
//
// The study rounds to whole MW, but for one value it
// truncates: cooling max 256.6 MW is printed 256 and carried into the
// offices (388) and national (931) totals, where unrounded arithmetic gives
// 388.9 and 931.9. The model keeps the arithmetic and explain says so.
package potential
