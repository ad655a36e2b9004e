package report

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// ContractInfo is what a site file says about its connection, for the
// recommended contract.
type ContractInfo struct {
	Connection string    // EAN; "unknown" when not given
	Name       string    // site name
	BaseKW     float64   // contracted capacity (GTV)
	Start      time.Time // first day of the contract
	Years      int       // fixed term (§6 proposal 1: 2–5 years)
}

// limit is one clause of a recommended contract.
type limit struct {
	form, name, days, from, to, season string
	maxKW, flexKW                      float64
	blocks                             [][3]string // from, to, extra kW
}

// fee is what a recommended contract pays: a fixed fee per kW and year
// that reproduces the scan's € per year on the contracted flex kW, so the
// contract pays what the scan says is needed whatever its windows (§6:
// fixed fee). A zero EURPerYear (unpriced sectors) writes a zero fee.
type fee struct {
	EURPerYear   float64 // the scan's compensation needed
	ContractedKW float64 // the flex kW the fee is paid on
}

// perKWYear is the fixed fee in €/kW·yr, rounded to cents.
func (f fee) perKWYear() float64 {
	if f.ContractedKW <= 0 || f.EURPerYear <= 0 {
		return 0
	}
	return math.Round(f.EURPerYear/f.ContractedKW*100) / 100
}

// contractFile writes a contract in the contract package's file format
// (contract.Parse reads it back; tests check that it does).
func contractFile(ci ContractInfo, limits []limit, pay fee) string {
	var b strings.Builder
	conn := ci.Connection
	if conn == "" {
		conn = "unknown"
	}
	fmt.Fprintf(&b, "# Recommended by gridflex scan; check it against meter data with\n# `gridflex contract check`. Edit connection and dates before use.\n")
	fmt.Fprintf(&b, "connection: %q\n", conn)
	if ci.Name != "" {
		fmt.Fprintf(&b, "name: %q\n", ci.Name)
	}
	fmt.Fprintf(&b, "base_capacity_kw: %s\n", kw(ci.BaseKW))
	end := ci.Start.AddDate(max(ci.Years, 1), 0, -1)
	fmt.Fprintf(&b, "term: {start: %s, end: %s}\n", ci.Start.Format(time.DateOnly), end.Format(time.DateOnly))
	b.WriteString("limits:\n")
	for _, l := range limits {
		fmt.Fprintf(&b, "  - form: %s\n", l.form)
		if l.name != "" {
			fmt.Fprintf(&b, "    name: %q\n", l.name)
		}
		if l.days != "" {
			fmt.Fprintf(&b, "    days: %s\n", l.days)
		}
		switch l.form {
		case "time-block":
			fmt.Fprintf(&b, "    from: %q\n    to: %q\n    max_kw: %s\n", l.from, l.to, kw(l.maxKW))
		case "on-call":
			fmt.Fprintf(&b, "    flex_kw: %s\n", kw(l.flexKW))
		case "block-power":
			b.WriteString("    blocks:\n")
			for _, bl := range l.blocks {
				fmt.Fprintf(&b, "      - {from: %q, to: %q, extra_kw: %s}\n", bl[0], bl[1], bl[2])
			}
		}
		if l.season != "" {
			fmt.Fprintf(&b, "    season: %s\n", l.season)
		}
	}
	if pay.ContractedKW > 0 {
		fmt.Fprintf(&b, "compensation: {fixed_eur_per_kw_year: %s, contracted_kw: %s}   # the scan's €%.0f/yr ÷ %s kW\n",
			strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", pay.perKWYear()), "0"), "."), kw(pay.ContractedKW), pay.EURPerYear, kw(pay.ContractedKW))
	} else {
		b.WriteString("compensation: {fixed_eur_per_kw_year: 0}   # the study gives no euro figure: agree one\n")
	}
	b.WriteString("sanctions: {yellow_cards: [3, 1]}   # study §6 proposal 2\n")
	return b.String()
}

// kw formats a power for a contract file: whole kW, rounded towards the
// safe side by the caller.
func kw(v float64) string { return fmt.Sprintf("%.0f", math.Max(v, 0)) }

// clock formats minutes after midnight as "HH:MM".
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
