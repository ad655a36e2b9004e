package wire

import "gridflex/contract"

// FromSettlement is the document of one stored month or contract year,
// as in a check's settlement list.
func FromSettlement(s contract.Settlement) Settlement {
	return Settlement{s.Period, s.Kind, s.Start.String(), s.End.String(),
		round2(s.FixedEUR), round2(s.VariableEUR), round2(s.ActivationEUR), round2(s.CompensationEUR), round2(s.PenaltyEUR),
		round2(s.NetEUR), s.Violations, s.YellowCards, round2(s.FreedKWh), round2(s.DeliveredKWh), s.MissingISPs}
}
