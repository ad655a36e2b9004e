// Package compensation answers the study's second question after "how many
// MW": at what price. It computes the compensation each flexibility measure
// needs, in € per MWh of flexibility delivered, orders the measures into
// supply-cost curves and tells what a given price unlocks.
//
// The core is the study's cost formula (study-model.md §0), exported as
// Required so that site scans use the same arithmetic:
//
//	€/MWh = (CAPEX + years × OPEX per year) × (1 + margin) / (MW × hours per year × years)
//
// Staff time is part of OPEX (StaffEURPerYear); a company that reports no
// investment gets the €50,000 lump sum as CAPEX. The hours basis is 1,040
// h/yr for structural flex and 250 h/yr for incidental flex.
//
// Not every measure is priced by that formula:
//
//   - offices (§1.6, Office, OfficeThermal, OfficeCharging): owner-users are
//     paid their extra consumption, 1.5 % of the measure's annual energy
//     cost, landlords 10 % of it; this gives the low and high figures of
//     Table 4.4 (heating 17/116, cooling 36/240, charging 0/71 €/MWh). The
//     landlord's charging compensation (€2,897/yr for 10,000 m²) is an
//     input per m², because the charging cost behind it is not printed;
//   - logistics (§3, LogisticsEURPerMWh): 10 % of the charging cost per MWh
//     charged, divided by the share of charging hours moved: €111/MWh;
//   - chemistry (§2.3): batch shifting, CHP and utilities are computed with
//     the formula (batch CAPEX €70, CHP overhaul €62 and fuel €55,
//     utilities €488); the figures the study only reports — the CHP
//     average €135, the aFRR opportunity €324, curtailment of continuous
//     production €2,940 at 250 h/yr with outliers at €4,600, the survey
//     average €485 — are parameters marked Reported, with no breakdown;
//   - the battery (§2.3) is a reference, not a measure: €35 CAPEX + €105
//     OPEX = €140/MWh at 1,040 h/yr, ≈ €252 at 250 h/yr;
//   - where the study's own inputs contradict a figure it prints (the
//     battery's CAPEX per kWh, OPEX and €290 at 250 h; the batch CAPEX),
//     the default keeps the printed figure, is marked calibrated, and
//     Findings/Explain say what the inputs give instead;
//   - datacenters (§4) get the study's six qualitative options and no euro
//     figure.
//
// Every number is a scenario parameter (scenario/nl-2026/compensation.yaml).
// Parameters whose value the study prints including the 15 % margin (CHP
// fuel, battery OPEX) are stored before margin, so that a changed margin
// moves them too. Reported figures keep the hours basis the study gives
// them; the hours basis moves the computed cases only.
//
// Curves (BuildCurve) and Unlock take the potential per measure as input
// (the potential model's min and max MW) so that the package does no I/O
// and does not depend on how the potential is computed. Office heating and
// cooling happen in different seasons: they form a group whose MW are not
// added; the group counts with its largest member (§1.5).
package compensation
