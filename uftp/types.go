package uftp

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Amount is a money amount in ten-thousandths of the message's currency:
// the schema's CurrencyAmountType is a decimal with at most 4 fraction
// digits, so an int64 holds every value exactly.
type Amount int64

// AmountScale is the number of Amount units in one currency unit.
const AmountScale = 10000

// EUR returns the amount in whole currency units (for reports; the exact
// value is the Amount itself).
func (a Amount) EUR() float64 { return float64(a) / AmountScale }

// String writes the shortest exact decimal: "14", "-4.5", "0.0001".
func (a Amount) String() string {
	neg := a < 0
	u := uint64(a)
	if neg {
		u = uint64(-a)
	}
	s := strconv.FormatUint(u/AmountScale, 10)
	if frac := u % AmountScale; frac != 0 {
		f := strings.TrimRight(fmt.Sprintf("%04d", frac), "0")
		s += "." + f
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParseAmount reads an xs:decimal with at most 4 fraction digits.
func ParseAmount(s string) (Amount, error) {
	v, err := parseDecimal(s, 4)
	return Amount(v), err
}

// UnmarshalXMLAttr implements xml.UnmarshalerAttr.
func (a *Amount) UnmarshalXMLAttr(attr xml.Attr) error {
	v, err := ParseAmount(attr.Value)
	if err != nil {
		return fmt.Errorf("attribute %s: %w", attr.Name.Local, err)
	}
	*a = v
	return nil
}

// MarshalXMLAttr implements xml.MarshalerAttr.
func (a Amount) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: a.String()}, nil
}

// Factor is an activation factor in hundredths: 1 = 0.01, 100 = 1.00. The
// zero value means "absent", which the schema defaults to 1.00 (Value).
type Factor int

// Value returns the factor with the schema default applied.
func (f Factor) Value() Factor {
	if f == 0 {
		return 100
	}
	return f
}

// String writes the factor as a decimal, e.g. "0.5".
func (f Factor) String() string { return Amount(int64(f) * 100).String() }

// UnmarshalXMLAttr implements xml.UnmarshalerAttr.
func (f *Factor) UnmarshalXMLAttr(attr xml.Attr) error {
	v, err := parseDecimal(attr.Value, 2)
	if err != nil {
		return fmt.Errorf("attribute %s: %w", attr.Name.Local, err)
	}
	if v < 1 || v > 100 {
		// Kept distinguishable from "absent" (0) so Validate can name it.
		return fmt.Errorf("attribute %s: %q is outside 0.01..1.00", attr.Name.Local, excerpt(attr.Value))
	}
	*f = Factor(v)
	return nil
}

// MarshalXMLAttr implements xml.MarshalerAttr; the absent factor is omitted
// by the omitempty tag.
func (f Factor) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: f.String()}, nil
}

// parseDecimal reads an xs:decimal ("-12.50", "+3", ".5") into an integer
// scaled by 10^digits, refusing more fraction digits than the facet allows
// (a non-zero digit beyond them; trailing zeros are fine).
func parseDecimal(s string, digits int) (int64, error) {
	t := strings.TrimSpace(s)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return 0, fmt.Errorf("%q is not a decimal number", excerpt(s))
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > digits {
		return 0, fmt.Errorf("%q has %d decimals: want at most %d", excerpt(s), len(frac), digits)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 18-digits {
		return 0, fmt.Errorf("%q is too large", excerpt(s))
	}
	v := int64(0)
	for _, c := range whole + frac + strings.Repeat("0", digits-len(frac)) {
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Date is an xs:date without time zone, the schema's PeriodType: one local
// day in the message's TimeZone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD. A time-zone suffix, which xs:date allows, is
// refused: UFTP's periods are days of the message's TimeZone.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: want YYYY-MM-DD", excerpt(s))
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// IsZero reports whether the date is absent.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String is the ISO date.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// UnmarshalXMLAttr implements xml.UnmarshalerAttr.
func (d *Date) UnmarshalXMLAttr(attr xml.Attr) error {
	v, err := ParseDate(attr.Value)
	if err != nil {
		return fmt.Errorf("attribute %s: %w", attr.Name.Local, err)
	}
	*d = v
	return nil
}

// MarshalXMLAttr implements xml.MarshalerAttr.
func (d Date) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	if d.IsZero() {
		return xml.Attr{}, nil
	}
	return xml.Attr{Name: name, Value: d.String()}, nil
}

// Count is an optional xs:positiveInteger whose absence the schema defaults
// to 1 (the Duration of an ISP element, in ISPs). The zero value is absent.
type Count int

// Value returns the count with the default applied.
func (c Count) Value() int {
	if c == 0 {
		return 1
	}
	return int(c)
}

// UnmarshalXMLAttr implements xml.UnmarshalerAttr.
func (c *Count) UnmarshalXMLAttr(attr xml.Attr) error {
	n, err := strconv.ParseInt(strings.TrimSpace(attr.Value), 10, 32)
	if err != nil || n < 1 {
		return fmt.Errorf("attribute %s: %q is not a positive integer", attr.Name.Local, excerpt(attr.Value))
	}
	*c = Count(n)
	return nil
}

// MarshalXMLAttr implements xml.MarshalerAttr.
func (c Count) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: strconv.Itoa(int(c))}, nil
}

// excerpt shortens a value quoted in an error: a peer's megabyte attribute
// never reaches a log.
func excerpt(s string) string {
	const max = 40
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// Watt is a power in whole watts, the unit of every power in UFTP
// (xs:integer); positive is more offtake or less feed-in.
type Watt int64

// UnmarshalXMLAttr implements xml.UnmarshalerAttr: an integer, so a power
// written in kW with decimals is refused rather than truncated.
func (w *Watt) UnmarshalXMLAttr(attr xml.Attr) error {
	n, err := strconv.ParseInt(strings.TrimSpace(attr.Value), 10, 64)
	if err != nil {
		return fmt.Errorf("attribute %s: %q is not a whole number of watts", attr.Name.Local, excerpt(attr.Value))
	}
	*w = Watt(n)
	return nil
}
