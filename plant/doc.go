// Package plant scans a chemical plant's flexibility (study-model.md §2):
// batch shifting, incidental curtailment of continuous lines, smart
// utilities with buffers, own generation (CHP) in the peaks, and the battery
// as the alternative. Per measure it gives the MW in each grid peak, whether
// it is structural or incidental, hours per year and the required
// compensation by the study's cost formula (§0); and a daily schedule that
// moves the batches out of the peaks within the site's contracted capacity
// and the equipment's catch-up limits, reporting the extra night capacity
// that needs (the barrier the study names).
//
// The day is a standard local day of 96 ISPs (DST days are not modelled
// separately: the schedule is the same wall-clock plan).
package plant
