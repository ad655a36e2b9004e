package usecase

import "gridflex/report"

// summarise fills the summary totals from the measures: MW per peak add
// up over the measures, seasonal alternatives counting once (the larger);
// MWh and € per year add up over all.
func summarise(ms []report.Measure) report.Summary {
	var s report.Summary
	groupM, groupE := map[string]float64{}, map[string]float64{}
	for _, m := range ms {
		if m.Blocked != "" {
			s.BlockedMorningMW += m.MorningMW
			s.BlockedEveningMW += m.EveningMW
			continue
		}
		if m.Group != "" {
			groupM[m.Group] = max(groupM[m.Group], m.MorningMW)
			groupE[m.Group] = max(groupE[m.Group], m.EveningMW)
		} else {
			s.MorningMW += m.MorningMW
			s.EveningMW += m.EveningMW
		}
		s.MWhPerYear += m.MWhPerYear
		s.EURPerYear += m.EURPerYear
	}
	for g := range groupM {
		s.MorningMW += groupM[g]
		s.EveningMW += groupE[g]
	}
	if s.MWhPerYear > 0 {
		s.EURPerMWh = s.EURPerYear / s.MWhPerYear
	}
	return s
}

// joinNotes joins two notes with "; ", leaving out an empty one.
func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}
