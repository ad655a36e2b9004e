// Package schedule is the exact charging scheduler: it minimises the peak
// grid import of a charging site over the hours in which charging is
// allowed, subject to every vehicle's energy need by its departure, the
// charger limits, the site's other load and PV, and zero or reduced
// charging in the peak windows.
//
// The method (scheduler.md) is Newton's method on the parametric maximum
// flow: every iterate is a lower bound, each step is the root of the last
// minimum cut, and the final cut is a certificate of optimality. Arithmetic
// is exact on integers (power quantised to 1 W, energy to 0.25 Wh); the
// optimum is a rational number of watts.
//
// The package is pure: a Problem in, a Schedule out.
package schedule
