package main

import (
	"fmt"
	"io"

	"gridflex/report"
	"gridflex/table"
)

// sectorTable prints the summary and the measures as aligned text.
func sectorTable(w io.Writer, d report.Document) error {
	fmt.Fprintf(w, "%s: %s\n\n", d.Title, d.Site)
	sum := table.Table{Header: []string{"summary", "value"}}
	sum.Add("morning peak", table.Num(d.Summary.MorningMW, 3)+" MW")
	sum.Add("evening peak", table.Num(d.Summary.EveningMW, 3)+" MW")
	sum.Add("flex energy", table.Num(d.Summary.MWhPerYear, 1)+" MWh/yr")
	sum.Add("compensation", "€"+table.Num(d.Summary.EURPerYear, 0)+"/yr")
	sum.Add("per MWh", "€"+table.Num(d.Summary.EURPerMWh, 0)+"/MWh")
	if b := max(d.Summary.BlockedMorningMW, d.Summary.BlockedEveningMW); b > 0 {
		sum.Add("available once the rule changes", table.Num(b, 3)+" MW (blocked, not counted above)")
	}
	if err := sum.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	ms := table.Table{Header: []string{"measure", "kind", "morning MW", "evening MW", "MWh/yr", "€/MWh", "battery €/MWh"}}
	for _, m := range d.Measures {
		price := m.Incentive
		if m.Priced {
			price = table.Num(m.EURPerMWh, 0)
		}
		if m.Blocked != "" {
			price = "BLOCKED (" + m.Blocked + "); " + price
		}
		bat := ""
		if m.BatteryEURPerMWh > 0 {
			bat = table.Num(m.BatteryEURPerMWh, 0)
		}
		ms.Add(m.Name, m.Kind, table.Num(m.MorningMW, 3), table.Num(m.EveningMW, 3), table.Num(m.MWhPerYear, 1), price, bat)
	}
	if err := ms.WriteText(w); err != nil {
		return err
	}
	for _, l := range d.Summary.Lines {
		fmt.Fprintln(w, "·", l)
	}
	for _, n := range d.Notes {
		fmt.Fprintln(w, "· note:", n)
	}
	if d.Subsidy != nil {
		fmt.Fprintf(w, "· Flex-e subsidy: €%s (eligible: %v)\n", table.Num(d.Subsidy.TotalEUR, 0), d.Subsidy.Eligible)
	}
	if d.Contract != nil {
		fmt.Fprintf(w, "· recommended contract: %s (--format md|html shows the contract file)\n", d.Contract.Form)
	}
	return nil
}
