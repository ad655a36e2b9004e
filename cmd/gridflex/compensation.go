package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/spf13/cobra"

	"gridflex/compensation"
	"gridflex/table"
	"gridflex/usecase"
	"gridflex/wire"
)

func newCompensationCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		hours  string
	)
	cmd := &cobra.Command{
		Use:   "compensation",
		Short: "Required compensation per measure (€/MWh of flex): low/high, hours basis, CAPEX/OPEX/margin breakdown",
		Long: `Required compensation per measure, in € per MWh of flexibility delivered
(study §0, §1.6, §2.3, §3, §4). Low and high span the study's range: owner-user
vs landlord for offices, CAPEX only vs with operating cost for batch shifting,
computed overhaul + fuel vs the aFRR opportunity for CHP, survey average vs
outliers for curtailment. "computed" figures come from the cost formula or a
rule; "reported" figures are the study's numbers used as inputs. --hours moves
the computed CAPEX/OPEX cases; office and logistics rules have their own hours.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			h, err := compensation.ParseHours(hours)
			if err != nil {
				err = fmt.Errorf("--hours: %w", err)
			}
			if err := errors.Join(format.check(), err); err != nil {
				return err
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			r, err := usecase.Compensation(cmd.Context(), usecase.CompensationRequest{Scenario: s, Hours: h})
			if err != nil {
				return err
			}
			return writeCompensation(cmd.OutOrStdout(), format.value, r)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().StringVar(&hours, "hours", string(compensation.Structural), "flex hours basis of the cost formula: structural (1,040 h/yr) or incidental (250 h/yr)")
	cmd.AddCommand(newCompensationOfficeCmd())
	return cmd
}

func writeCompensation(w io.Writer, format string, r compensation.Result) error {
	switch format {
	case "json":
		return wire.Write(w, wire.FromCompensation(r))
	case "csv":
		return withScenario(compFlatTable(r), r.Scenario).WriteCSV(w)
	}
	return writeCompensationText(w, r)
}

// compFlatTable is the CSV form: one row per measure and bound, per
// reference and per datacenter option.
func compFlatTable(r compensation.Result) *table.Table {
	t := &table.Table{Header: []string{"kind", "id", "sector", "bound", "eur_per_mwh", "hours_per_year",
		"capex_eur_per_mwh", "opex_eur_per_mwh", "margin_eur_per_mwh", "source", "basis", "incentive"}}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	hours := func(h float64) string {
		if h > 0 {
			return f(h)
		}
		return "" // as null in JSON: the rule has no annual hours
	}
	for _, m := range r.Measures {
		for _, b := range []compensation.Bound{compensation.Low, compensation.High} {
			e := m.At(b)
			if !m.Priced {
				t.Add("measure", m.ID, m.Sector, string(b), "", hours(e.HoursPerYear), "", "", "", string(e.Source), e.Basis, m.Incentive)
				continue
			}
			t.Add("measure", m.ID, m.Sector, string(b), f(e.EURPerMWh), hours(e.HoursPerYear),
				f(e.Breakdown.CapexEURPerMWh), f(e.Breakdown.OpexEURPerMWh), f(e.Breakdown.MarginEURPerMWh),
				string(e.Source), e.Basis, "")
		}
	}
	for _, ref := range r.References {
		b := ref.Breakdown
		t.Add("reference", ref.ID, "", "", f(ref.EURPerMWh), hours(ref.HoursPerYear),
			f(b.CapexEURPerMWh), f(b.OpexEURPerMWh), f(b.MarginEURPerMWh), string(ref.Source), ref.Basis, "")
	}
	for _, o := range r.DatacenterOptions {
		t.Add("datacenter_option", fmt.Sprintf("datacenters.option.%d", o.Number), "datacenters", "", "", "",
			"", "", "", string(compensation.Qualitative), o.When+": "+o.Option, o.Incentive)
	}
	return t
}

func writeCompensationText(w io.Writer, r compensation.Result) error {
	fmt.Fprintf(w, "Required compensation per measure, €/MWh of flex, scenario %s (cost formula at %s hours, %s h/yr)\n\n",
		r.Scenario, r.Hours, table.Num(r.HoursPerYear, 0))
	num := func(v float64) string { return table.Num(v, 1) }
	t := table.Table{
		Header: []string{"measure", "bound", "€/MWh", "h/yr", "CAPEX", "OPEX", "margin", "source", "basis"},
		Align:  []table.Align{table.Left, table.Left, table.Right, table.Right, table.Right, table.Right, table.Right},
	}
	hoursOf := func(h float64) string {
		if h > 0 {
			return table.Num(h, 0)
		}
		return "–"
	}
	for _, m := range r.Measures {
		if m.NoFlex != "" {
			t.Add(m.ID, "", "–", hoursOf(m.HoursPerYear), "", "", "", string(m.Low.Source), m.NoFlex)
			continue
		}
		if !m.Priced {
			t.Add(m.ID, "", "–", "–", "", "", "", string(m.Low.Source), "incentive: "+m.Incentive)
			continue
		}
		for _, b := range []compensation.Bound{compensation.Low, compensation.High} {
			e := m.At(b)
			if b == compensation.High && e == m.Low {
				break
			}
			id, bound := m.ID, string(b)
			if b == compensation.High {
				id = ""
			}
			if m.Low == m.High {
				bound = "–"
			}
			if e.Source == compensation.Reported {
				t.Add(id, bound, num(e.EURPerMWh), hoursOf(e.HoursPerYear), "", "", "", string(e.Source), e.Basis)
				continue
			}
			bd := e.Breakdown
			t.Add(id, bound, num(e.EURPerMWh), hoursOf(e.HoursPerYear), num(bd.CapexEURPerMWh), num(bd.OpexEURPerMWh), num(bd.MarginEURPerMWh), string(e.Source), e.Basis)
		}
	}
	if err := t.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nReferences (not measures)\n\n")
	rt := table.Table{Header: []string{"reference", "€/MWh", "h/yr", "CAPEX", "OPEX", "margin", "source", "basis"},
		Align: []table.Align{table.Left, table.Right, table.Right, table.Right, table.Right, table.Right}}
	for _, ref := range r.References {
		b := ref.Breakdown
		if ref.Source == compensation.Reported {
			rt.Add(ref.ID, num(ref.EURPerMWh), table.Num(ref.HoursPerYear, 0), "", "", "", string(ref.Source), ref.Basis)
			continue
		}
		rt.Add(ref.ID, num(ref.EURPerMWh), table.Num(ref.HoursPerYear, 0), num(b.CapexEURPerMWh), num(b.OpexEURPerMWh), num(b.MarginEURPerMWh), string(ref.Source), ref.Basis)
	}
	if err := rt.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nDatacenter options (§4): qualitative, the study gives no euro figure\n\n")
	dt := table.Table{Header: []string{"#", "when", "option", "financial incentive needed"}, Align: []table.Align{table.Right}}
	for _, o := range r.DatacenterOptions {
		dt.Add(fmt.Sprint(o.Number), o.When, o.Option, o.Incentive)
	}
	return dt.WriteText(w)
}

func newCompensationOfficeCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		area   float64
		price  float64
	)
	cmd := &cobra.Command{
		Use:   "office --floor-area M2",
		Short: "Table 4.4 for an office of any floor area: kW, flex hours, MWh, € per year and €/MWh for owner-user and landlord",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			errs := []error{format.check()}
			if !(area > 0) || math.IsInf(area, 0) {
				errs = append(errs, fmt.Errorf("--floor-area: want a floor area in m² > 0, got %g", area))
			}
			priceSet := cmd.Flags().Changed("price")
			if priceSet && (!(price >= 0) || math.IsInf(price, 0)) {
				errs = append(errs, fmt.Errorf("--price: want an electricity price in €/MWh ≥ 0, got %g", price))
			}
			if err := errors.Join(errs...); err != nil {
				return err
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			req := usecase.OfficeRequest{Scenario: s, FloorAreaM2: area}
			if priceSet {
				req.PriceEURPerMWh = &price
			}
			o, err := usecase.Office(cmd.Context(), req)
			if err != nil {
				return err
			}
			return writeOffice(cmd.OutOrStdout(), format.value, o)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	cmd.Flags().Float64Var(&area, "floor-area", 0, "office floor area in `M2` (the study's reference office: 10000)")
	cmd.Flags().Float64Var(&price, "price", 0, "electricity price incl. network tariffs and taxes in `EUR_PER_MWH` (default: grid.electricity_price, €185)")
	_ = cmd.MarkFlagRequired("floor-area")
	return cmd
}

func writeOffice(w io.Writer, format string, o usecase.OfficeResult) error {
	area, price, rows := o.FloorAreaM2, o.PriceEURPerMWh, o.Rows
	if format == "json" {
		return wire.Write(w, wire.FromOffice(o.Scenario, area, price, rows))
	}
	t := table.Table{
		Header: []string{"measure", "kW", "flex h/yr", "MWh/yr", "energy cost €/yr", "owner-user €/yr", "owner-user €/MWh", "landlord €/yr", "landlord €/MWh"},
		Align:  []table.Align{table.Left, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right, table.Right},
	}
	for _, r := range rows {
		cost := table.Num(r.AnnualEnergyCostEUR, 0)
		if r.AnnualEnergyCostEUR == 0 {
			cost = "–"
		}
		owner, landlord := table.Num(r.OwnerUserEURPerMWh, 1), table.Num(r.LandlordEURPerMWh, 1)
		if r.NoFlex != "" {
			owner, landlord = "no flex", "no flex"
		}
		t.Add(r.ID, table.Num(r.KW, 1), table.Num(r.FlexHoursPerYear, 0), table.Num(r.MWhPerYear, 2), cost,
			table.Num(r.OwnerUserEURPerYear, 0), owner, table.Num(r.LandlordEURPerYear, 0), landlord)
	}
	if format == "csv" {
		return withScenario(officeCSV(rows), o.Scenario).WriteCSV(w)
	}
	fmt.Fprintf(w, "Reference office (study Table 4.4, §1.6), scenario %s: %s m², electricity €%s/MWh\n\n", o.Scenario, table.Num(area, 0), table.Num(price, 2))
	if err := t.WriteText(w); err != nil {
		return err
	}
	for _, r := range rows {
		if r.NoFlex != "" {
			fmt.Fprintf(w, "\n%s: %s; no €/MWh.", r.ID, r.NoFlex)
		}
	}
	_, err := fmt.Fprintln(w, "\nHeating and cooling are seasonal alternatives; the landlord's charging compensation is an input per m² (offices.compensation.charging.landlord_eur_per_m2_year).")
	return err
}

// officeCSV has the JSON field names as header and unrounded numbers; a
// €/MWh of a measure without flex is empty, as null in JSON.
func officeCSV(rows []compensation.OfficeRow) *table.Table {
	t := &table.Table{Header: []string{"id", "kw", "flex_hours_per_year", "mwh_per_year", "annual_energy_cost_eur",
		"owner_user_eur_per_year", "owner_user_eur_per_mwh", "landlord_eur_per_year", "landlord_eur_per_mwh", "no_flex"}}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, r := range rows {
		owner, landlord := f(r.OwnerUserEURPerMWh), f(r.LandlordEURPerMWh)
		if r.NoFlex != "" {
			owner, landlord = "", ""
		}
		t.Add(r.ID, f(r.KW), f(r.FlexHoursPerYear), f(r.MWhPerYear), f(r.AnnualEnergyCostEUR),
			f(r.OwnerUserEURPerYear), owner, f(r.LandlordEURPerYear), landlord, r.NoFlex)
	}
	return t
}
