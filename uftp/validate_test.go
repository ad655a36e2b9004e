package uftp

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestValidateRules: each protocol rule, broken once on an otherwise valid
// FlexRequest or FlexOrder, gives its rejection reason.
func TestValidateRules(t *testing.T) {
	req := func(edit func(*FlexRequest)) Message {
		m := samples(V300)[0].(*FlexRequest)
		edit(m)
		return m
	}
	order := func(version string, edit func(*FlexOrder)) Message {
		m := samples(version)[6].(*FlexOrder)
		edit(m)
		return m
	}
	for _, tc := range []struct {
		name string
		m    Message
		want string // RejectionReason; "" = valid
	}{
		{"valid", req(func(*FlexRequest) {}), ""},
		{"ISP-Duration PT30M", req(func(m *FlexRequest) { m.ISPDuration = "PT30M" }), "ISP duration rejected"},
		{"TimeZone Europe/Brussels", req(func(m *FlexRequest) { m.TimeZone = "Europe/Brussels" }), "TimeZone rejected"},
		{"ISP 97 on a 96-ISP day", req(func(m *FlexRequest) { m.ISPs[2].Duration = 21 }), "ISPs out of bounds"},
		{"ISP 0", req(func(m *FlexRequest) { m.ISPs[0].Start = 0 }), "ISPs out of bounds"},
		{"100 ISPs on the autumn DST day", req(func(m *FlexRequest) {
			m.Period = Date{2026, 10, 25}
			m.ISPs[2].Duration = 24
		}), ""},
		{"101 ISPs on the autumn DST day", req(func(m *FlexRequest) {
			m.Period = Date{2026, 10, 25}
			m.ISPs[2].Duration = 25
		}), "ISPs out of bounds"},
		{"93 ISPs on the spring DST day", req(func(m *FlexRequest) {
			m.Period = Date{2026, 3, 29}
			m.ISPs[2].Duration = 17
		}), "ISPs out of bounds"},
		{"92 ISPs on the spring DST day", req(func(m *FlexRequest) {
			m.Period = Date{2026, 3, 29}
			m.ISPs[2].Duration = 16
		}), ""},
		{"overlapping ISPs", req(func(m *FlexRequest) { m.ISPs[1].Start = 68 }), "ISP conflict"},
		{"no ISPs", req(func(m *FlexRequest) { m.ISPs = nil }), "ISPs out of bounds"},
		{"MinPower above MaxPower", req(func(m *FlexRequest) { m.ISPs[1].MinPower = 0 }), "Invalid Message"},
		{"upper-case domain", req(func(m *FlexRequest) { m.SenderDomain = "DSO.example.nl" }), "Invalid Message"},
		{"domain without a dot", req(func(m *FlexRequest) { m.RecipientDomain = "localhost" }), "Invalid Message"},
		{"congestion point ean.123", req(func(m *FlexRequest) { m.CongestionPoint = "ean.123" }), "Invalid CongestionPoint"},
		{"congestion point with a wrong GS1 check digit (schema-valid)", req(func(m *FlexRequest) {
			m.CongestionPoint = "ean.871234567890123456"
		}), ""},
		{"ea1 congestion point", req(func(m *FlexRequest) {
			m.CongestionPoint = "ea1.2009-01.nl.enexis.usef:123-TP-bundel-congestiepunt"
		}), ""},
		{"version 2.0.0", req(func(m *FlexRequest) { m.Version = "2.0.0" }), "Invalid Message"},
		{"MessageID not a UUID", req(func(m *FlexRequest) { m.MessageID = "42" }), "Invalid Message"},
		{"several rules at once", req(func(m *FlexRequest) {
			m.ISPDuration = "PT5M"
			m.TimeZone = "America/New_York"
		}), "ISP duration rejected; TimeZone rejected"},
		{"3.0.0 order without FlexOfferMessageID", order(V300, func(m *FlexOrder) { m.FlexOfferMessageID = "" }), "Invalid Message"},
		{"3.0.0 order with ServiceType", order(V300, func(m *FlexOrder) { m.ServiceType = "CBC-A" }), "Invalid Message"},
		{"3.1.0 order with ServiceType", order(V310, func(m *FlexOrder) { m.ServiceType = "CBC-A" }), ""},
		{"3.1.0 solicited order without FlexOfferMessageID", order(V310, func(m *FlexOrder) { m.FlexOfferMessageID = "" }), "Invalid Message"},
		{"currency eur", order(V300, func(m *FlexOrder) { m.Currency = "eur" }), "Invalid Message"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(tc.m)
			if got := RejectionReason(err); got != tc.want {
				t.Errorf("RejectionReason(Validate) = %q, want %q (%v)", got, tc.want, err)
			}
		})
	}
}

// TestDecodeRefuses: what the schema forbids and encoding/xml would let
// through is refused when decoding, with the attribute named.
func TestDecodeRefuses(t *testing.T) {
	valid := string(mustEncode(t, samples(V300)[6]))
	for _, tc := range []struct {
		name, from, to string
		want           error
		msg            string
	}{
		{"price with 5 decimals", `Price="12.5"`, `Price="12.50001"`, ErrSchema, "5 decimals"},
		{"activation factor 1.01", `ActivationFactor="0.75"`, `ActivationFactor="1.01"`, ErrSchema, "outside 0.01..1.00"},
		{"activation factor 0.005", `ActivationFactor="0.75"`, `ActivationFactor="0.005"`, ErrSchema, "3 decimals"},
		{"power in kW with decimals", `Power="-225000"`, `Power="-225.5"`, ErrSchema, "Power"},
		{"Duration 0", `Duration="8"`, `Duration="0"`, ErrSchema, "not a positive integer"},
		{"unknown attribute", `Currency="EUR"`, `Currency="EUR" Colour="red"`, ErrSchema, "unknown attribute Colour"},
		{"repeated attribute", `Currency="EUR"`, `Currency="EUR" Currency="USD"`, ErrSchema, "Currency"},
		{"unknown element", `<ISP `, `<Extra/><ISP `, ErrSchema, "unknown element Extra"},
		{"text content", `<ISP `, `hello<ISP `, ErrSchema, "text \"hello\""},
		{"namespace", `<FlexOrder `, `<FlexOrder xmlns="urn:x" `, ErrSchema, "namespace"},
		{"second root", `</FlexOrder>`, `</FlexOrder><FlexOrder/>`, ErrSchema, "second root"},
		{"DOCTYPE without entities", `<FlexOrder `, `<!DOCTYPE FlexOrder><FlexOrder `, ErrDeclaration, "DOCTYPE"},
		{"internal entity (billion laughs)", `<FlexOrder `, `<!DOCTYPE x [<!ENTITY a "aaaa">]><FlexOrder `, ErrDeclaration, "ENTITY"},
		{"processing instruction", `<FlexOrder `, `<?evil x?><FlexOrder `, ErrSchema, "processing instruction"},
		{"deep nesting stops at the first unknown level", `<ISP `, strings.Repeat("<ISP>", 10000) + `<ISP `, ErrSchema, "lacks the required attribute"},
		{"attributes without space", `Currency="EUR" OrderReference`, `Currency="EUR"OrderReference`, ErrSchema, "want space before attribute"},
		{"encoding other than UTF-8", `encoding="UTF-8"`, `encoding="ISO-8859-1"`, ErrSchema, "want UTF-8"},
		{"unknown entity", `OrderReference="ORD-1"`, `OrderReference="&nbsp;"`, ErrSchema, "entity &nbsp;"},
		{"character reference", `OrderReference="ORD-1"`, `OrderReference="ORD&#x2D;1&amp;"`, nil, ""},
		{"too large", `<ISP `, `<!--` + strings.Repeat("x", MaxMessageBytes) + `--><ISP `, ErrTooLarge, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(valid, tc.from, tc.to, 1)
			if in == valid {
				t.Fatalf("%q not in the message", tc.from)
			}
			m, err := Decode([]byte(in))
			if tc.want == nil {
				if err != nil || m.(*FlexOrder).OrderReference != "ORD-1&" {
					t.Errorf("Decode = %v, %v; want OrderReference ORD-1&", m, err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("Decode = %v, want %v containing %q", err, tc.want, tc.msg)
			}
			if err != nil && len(err.Error()) > 200 {
				t.Errorf("error is %d characters: it echoes the input", len(err.Error()))
			}
		})
	}
}

func mustEncode(t testing.TB, m Message) []byte {
	t.Helper()
	b, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestResubmission: a MessageID seen before is "Already Submitted" when
// the content is the same (even laid out differently) and "Duplicate
// Identifier" when it is not.
func TestResubmission(t *testing.T) {
	data := readSpec(t, "samples", "java-3.0.0", "FlexOrder.xml")
	expected := readSpec(t, "samples", "java-3.0.0", "FlexOrder.expected.xml")
	first, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	same, err := Decode(expected) // other attribute order and layout
	if err != nil {
		t.Fatal(err)
	}
	r, err := Resubmission(first, same)
	if err != nil || r.Reason != AlreadySubmitted {
		t.Errorf("same content: %v, %v, want %s", r, err, AlreadySubmitted)
	}
	changed, _ := Decode(data)
	changed.(*FlexOrder).ISPs[50].Power = 3
	r, err = Resubmission(first, changed)
	if err != nil || r.Reason != DuplicateIdentifier {
		t.Errorf("other content: %v, %v, want %s", r, err, DuplicateIdentifier)
	}
}

// TestISPNumbering: ISP n of a day is the n-th quarter-hour after local
// midnight, also across the DST changes.
func TestISPNumbering(t *testing.T) {
	for _, tc := range []struct {
		day  Date
		n    int
		want string
	}{
		{Date{2026, 3, 10}, 1, "2026-03-09T23:00:00Z"},
		{Date{2026, 3, 10}, 96, "2026-03-10T22:45:00Z"},
		{Date{2026, 3, 29}, 9, "2026-03-29T01:00:00Z"},   // 03:00 CEST: 02:00–03:00 does not exist
		{Date{2026, 3, 29}, 92, "2026-03-29T21:45:00Z"},  // last ISP of the 92
		{Date{2026, 10, 25}, 13, "2026-10-25T01:00:00Z"}, // second 02:00, now CET
		{Date{2026, 10, 25}, 100, "2026-10-25T22:45:00Z"},
	} {
		got := ISPStart(tc.day, tc.n)
		if got.Format("2006-01-02T15:04:05Z") != tc.want {
			t.Errorf("ISPStart(%s, %d) = %s, want %s", tc.day, tc.n, got, tc.want)
		}
		d, n := ISPAt(got)
		if d != tc.day || n != tc.n {
			t.Errorf("ISPAt(%s) = %s ISP %d, want %s ISP %d", got, d, n, tc.day, tc.n)
		}
	}
}

// TestCheckTiming: expiry and period against the time of receipt.
func TestCheckTiming(t *testing.T) {
	req := samples(V300)[0].(*FlexRequest) // expires testTime + 6 h, for 2026-03-10
	for _, tc := range []struct {
		name string
		now  time.Time
		edit func(*FlexRequest)
		want string
	}{
		{"in time", testTime, nil, ""},
		{"expired", testTime.Add(7 * time.Hour), nil, "ExpirationDateTime out of bounds"},
		{"expires after the day", testTime, func(r *FlexRequest) { r.ExpirationDateTime = testTime.Add(72 * time.Hour) }, "ExpirationDateTime out of bounds"},
		{"day over", testTime.Add(60 * time.Hour), nil, "Period out of bounds; ExpirationDateTime out of bounds"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := *req
			if tc.edit != nil {
				tc.edit(&r)
			}
			if got := RejectionReason(CheckTiming(&r, tc.now)); got != tc.want {
				t.Errorf("CheckTiming = %q, want %q", got, tc.want)
			}
		})
	}
}
