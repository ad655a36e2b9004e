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

func newUnlockCmd() *cobra.Command {
	var (
		sf     scenarioFlags
		format formatFlag
		opts   curveOptions
		offer  float64
		price  float64
	)
	cmd := &cobra.Command{
		Use:   "unlock --offer EUR_PER_MWH",
		Short: "MW a compensation unlocks per measure, sector and in total (min and max potential)",
		Long: `What a compensation (€/MWh of flex) unlocks: every measure whose required
compensation (at --bound) it covers, with the potential model's min and max MW.
Office heating and cooling are not added: offices = max(heating, cooling) +
charging (§1.5). Datacenters have no euro figure and unlock nothing here.
--offer is the compensation offered; --price is the electricity price in
every command (here it is refused, so an old script cannot pass an offer as
a price).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var errs []error
			if err := format.check(); err != nil {
				errs = append(errs, err)
			}
			h, b, _, err := opts.parse()
			if err != nil {
				errs = append(errs, err)
			}
			// A negative compensation would be a payment by the company;
			// no measure asks for one, so it is a typo, not a question.
			if cmd.Flags().Changed("price") {
				errs = append(errs, fmt.Errorf("--price %g: the compensation offered is --offer; --price is the electricity price in every command", price))
			} else if !(offer >= 0) || math.IsInf(offer, 0) {
				errs = append(errs, fmt.Errorf("--offer: want a compensation in €/MWh ≥ 0, got %g", offer))
			}
			if err := errors.Join(errs...); err != nil {
				return err
			}
			s, err := sf.load()
			if err != nil {
				return err
			}
			u, err := usecase.Unlock(cmd.Context(), usecase.UnlockRequest{Scenario: s, Hours: h, Bound: b, OfferEURPerMWh: offer})
			if err != nil {
				return err
			}
			return writeUnlock(cmd.OutOrStdout(), format.value, h, u)
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "csv")
	opts.bind(cmd, false)
	cmd.Flags().Float64Var(&offer, "offer", 0, "compensation offered in `EUR_PER_MWH` of flex")
	cmd.Flags().Float64Var(&price, "price", 0, "refused: the compensation offered is --offer (--price is the electricity price elsewhere)")
	_ = cmd.Flags().MarkHidden("price")
	_ = cmd.MarkFlagRequired("offer")
	return cmd
}

func writeUnlock(w io.Writer, format string, h compensation.Hours, u compensation.Unlocked) error {
	if format == "json" {
		return wire.Write(w, wire.FromUnlock(h, u))
	}
	if format == "csv" {
		return withScenario(unlockCSV(u), u.Scenario).WriteCSV(w)
	}
	t := table.Table{
		Header: []string{"measure", "sector", "required €/MWh", "unlocked", "potential MW", "unlocked min MW", "unlocked max MW"},
		Align:  []table.Align{table.Left, table.Left, table.Right, table.Left, table.Right, table.Right, table.Right},
	}
	rng := func(lo, hi float64) string {
		if lo == hi {
			return table.Num(lo, 1)
		}
		return table.Num(lo, 1) + "–" + table.Num(hi, 1)
	}
	for _, m := range u.Measures {
		req, state := "–", "no euro figure"
		if m.NoFlex != "" {
			state = "no flex"
		}
		if m.Priced {
			req = table.Num(m.EURPerMWh, 1)
			state = map[bool]string{true: "yes", false: "no"}[m.Unlocked]
		}
		if !m.HasPotential {
			state += " (no potential)"
		}
		t.Add(m.ID, m.Sector, req, state, rng(m.PotentialMinMW, m.PotentialMaxMW), table.Num(m.MinMW, 1), table.Num(m.MaxMW, 1))
	}
	for _, s := range u.Sectors {
		t.AddFooter(s.Sector, "", "", "", rng(s.PotentialMinMW, s.PotentialMaxMW), table.Num(s.MinMW, 1), table.Num(s.MaxMW, 1))
	}
	t.AddFooter("total", "", "", "", rng(u.PotentialMinMW, u.PotentialMaxMW), table.Num(u.MinMW, 1), table.Num(u.MaxMW, 1))
	fmt.Fprintf(w, "What €%s/MWh of flex unlocks, scenario %s (%s compensation, %s hours); offices = max(heating, cooling) + charging (§1.5)\n\n",
		table.Num(u.PriceEURPerMWh, 2), u.Scenario, u.Bound, h)
	return t.WriteText(w)
}

// unlockCSV has plain numbers and one row per measure, sector and the
// total (kind tells which).
func unlockCSV(u compensation.Unlocked) *table.Table {
	t := &table.Table{Header: []string{"kind", "id", "sector", "eur_per_mwh", "unlocked",
		"potential_min_mw", "potential_max_mw", "unlocked_min_mw", "unlocked_max_mw"}}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	for _, m := range u.Measures {
		req, state := "", "unpriced"
		if m.NoFlex != "" {
			state = "no_flex"
		}
		if m.Priced {
			req, state = f(m.EURPerMWh), strconv.FormatBool(m.Unlocked)
		}
		t.Add("measure", m.ID, m.Sector, req, state, f(m.PotentialMinMW), f(m.PotentialMaxMW), f(m.MinMW), f(m.MaxMW))
	}
	for _, s := range u.Sectors {
		t.Add("sector", s.Sector, s.Sector, "", "", f(s.PotentialMinMW), f(s.PotentialMaxMW), f(s.MinMW), f(s.MaxMW))
	}
	t.Add("total", "total", "", "", "", f(u.PotentialMinMW), f(u.PotentialMaxMW), f(u.MinMW), f(u.MaxMW))
	return t
}
