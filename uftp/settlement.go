package uftp

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// FlexSettlement is the DSO's monthly (PeriodStart..PeriodEnd) settlement
// of its FlexOrders and contracts. It extends the response type, so it
// carries a Result; the schema requires at least one FlexOrderSettlement
// and one ContractSettlement.
type FlexSettlement struct {
	XMLName xml.Name `xml:"FlexSettlement"`
	Response
	PeriodStart Date                  `xml:"PeriodStart,attr"`
	PeriodEnd   Date                  `xml:"PeriodEnd,attr"`
	Currency    string                `xml:"Currency,attr"`
	Orders      []FlexOrderSettlement `xml:"FlexOrderSettlement"`
	Contracts   []ContractSettlement  `xml:"ContractSettlement"`
}

// FlexOrderSettlement settles one FlexOrder: NetSettlement = Price −
// Penalty (the schema's definition).
type FlexOrderSettlement struct {
	OrderReference      string          `xml:"OrderReference,attr,omitempty"`
	Period              Date            `xml:"Period,attr"`
	ContractID          string          `xml:"ContractID,attr,omitempty"`
	DPrognosisMessageID string          `xml:"D-PrognosisMessageID,attr,omitempty"`
	BaselineReference   string          `xml:"BaselineReference,attr,omitempty"`
	CongestionPoint     string          `xml:"CongestionPoint,attr"`
	Price               Amount          `xml:"Price,attr"`
	Penalty             Amount          `xml:"Penalty,attr,omitempty"`
	NetSettlement       Amount          `xml:"NetSettlement,attr"`
	ISPs                []SettlementISP `xml:"ISP"`
}

// SettlementISP is one run of a FlexOrderSettlement, powers in W:
// DeliveredFlexPower = ActualPower − BaselinePower, and PowerDeficiency
// is the ordered flex that was not delivered.
type SettlementISP struct {
	Start              int   `xml:"Start,attr"`
	Duration           Count `xml:"Duration,attr,omitempty"`
	BaselinePower      Watt  `xml:"BaselinePower,attr"`
	OrderedFlexPower   Watt  `xml:"OrderedFlexPower,attr"`
	ActualPower        Watt  `xml:"ActualPower,attr"`
	DeliveredFlexPower Watt  `xml:"DeliveredFlexPower,attr"`
	PowerDeficiency    Watt  `xml:"PowerDeficiency,attr,omitempty"`
}

// ContractSettlement lists, per day, what a contract reserved and what was
// requested, offered and ordered under it.
type ContractSettlement struct {
	ContractID string                     `xml:"ContractID,attr,omitempty"`
	Periods    []ContractSettlementPeriod `xml:"Period"`
}

// ContractSettlementPeriod is one day of a ContractSettlement.
type ContractSettlementPeriod struct {
	Period Date                    `xml:"Period,attr"`
	ISPs   []ContractSettlementISP `xml:"ISP"`
}

// ContractSettlementISP is one run of a contract day, powers in W; the
// optional ones are nil when absent.
type ContractSettlementISP struct {
	Start          int   `xml:"Start,attr"`
	Duration       Count `xml:"Duration,attr,omitempty"`
	ReservedPower  Watt  `xml:"ReservedPower,attr"`
	RequestedPower *Watt `xml:"RequestedPower,attr,omitempty"`
	AvailablePower *Watt `xml:"AvailablePower,attr,omitempty"`
	OfferedPower   *Watt `xml:"OfferedPower,attr,omitempty"`
	OrderedPower   *Watt `xml:"OrderedPower,attr,omitempty"`
}

// FlexSettlementResponse is the AGR's answer: per order Accepted or
// Disputed with a reason.
type FlexSettlementResponse struct {
	XMLName xml.Name `xml:"FlexSettlementResponse"`
	Response
	FlexSettlementMessageID string                      `xml:"FlexSettlementMessageID,attr"`
	Statuses                []FlexOrderSettlementStatus `xml:"FlexOrderSettlementStatus"`
}

// FlexOrderSettlementStatus is the AGR's verdict on one order settlement.
type FlexOrderSettlementStatus struct {
	OrderReference string `xml:"OrderReference,attr,omitempty"`
	Disposition    string `xml:"Disposition,attr"`
	DisputeReason  string `xml:"DisputeReason,attr,omitempty"`
}

// Metering carries a connection's measured profiles for one day.
type Metering struct {
	XMLName xml.Name `xml:"Metering"`
	Header
	Revision    int64             `xml:"Revision,attr"`
	ISPDuration string            `xml:"ISP-Duration,attr"`
	TimeZone    string            `xml:"TimeZone,attr"`
	Currency    string            `xml:"Currency,attr,omitempty"`
	Period      Date              `xml:"Period,attr"`
	EAN         string            `xml:"EAN,attr"`
	Profiles    []MeteringProfile `xml:"Profile"`
}

// Metering profile types and units (the schema's enumerations).
var (
	ProfileTypes  = []string{"Power", "ImportEnergy", "ExportEnergy", "ImportMeterReading", "ExportMeterReading"}
	MeteringUnits = []string{"kW", "kWh"}
)

// MeteringProfile is one profile (power, energy or readings) per ISP.
type MeteringProfile struct {
	ProfileType string        `xml:"ProfileType,attr"`
	Unit        string        `xml:"Unit,attr"`
	ISPs        []MeteringISP `xml:"ISP"`
}

// MeteringISP is the value of one ISP (no Duration: one element per ISP).
type MeteringISP struct {
	Start int     `xml:"Start,attr"`
	Value Decimal `xml:"Value,attr"`
}

// MeteringResponse acknowledges a Metering message.
type MeteringResponse struct {
	XMLName xml.Name `xml:"MeteringResponse"`
	Response
	MeteringMessageID string `xml:"MeteringMessageID,attr"`
}

// Decimal is an xs:decimal kept as written (metering values have no
// fixed precision); Float converts it.
type Decimal string

// Float returns the value as a float64.
func (d Decimal) Float() float64 {
	f, _ := strconv.ParseFloat(string(d), 64)
	return f
}

// UnmarshalXMLAttr implements xml.UnmarshalerAttr: digits with an optional
// sign and point, no exponent, NaN or infinity.
func (d *Decimal) UnmarshalXMLAttr(attr xml.Attr) error {
	t := strings.TrimSpace(attr.Value)
	u := strings.TrimLeft(t, "+-")
	whole, frac, _ := strings.Cut(u, ".")
	if len(t)-len(u) > 1 || whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return fmt.Errorf("attribute %s: %q is not a decimal number", attr.Name.Local, excerpt(attr.Value))
	}
	*d = Decimal(t)
	return nil
}

// Name implements Message.
func (*FlexSettlement) Name() string { return "FlexSettlement" }

// Name implements Message.
func (*FlexSettlementResponse) Name() string { return "FlexSettlementResponse" }

// Name implements Message.
func (*Metering) Name() string { return "Metering" }

// Name implements Message.
func (*MeteringResponse) Name() string { return "MeteringResponse" }
