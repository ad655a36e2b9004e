package uftp

import (
	"encoding/xml"
	"time"
)

// Versions this package speaks. 3.1.0 is backwards compatible with 3.0.0:
// it adds Unsolicited to FlexOffer and FlexOrder, makes
// FlexOrder.FlexOfferMessageID optional (mandatory unless unsolicited) and
// adds FlexOrder.ServiceType.
const (
	V300 = "3.0.0"
	V310 = "3.1.0"
)

// Market values the Dutch market (GOPACS) agrees on.
const (
	ISPDuration = "PT15M"
	TimeZone    = "Europe/Amsterdam"
)

// Results and dispositions, the schema's enumerations.
const (
	Accepted  = "Accepted"
	Rejected  = "Rejected"
	Disputed  = "Disputed"
	Available = "Available"
	Requested = "Requested"
)

// Message is any UFTP payload message (everything but SignedMessage).
type Message interface {
	// Head returns the common attributes.
	Head() *Header
	// Name is the root element name, e.g. "FlexRequest".
	Name() string
}

// Header holds the attributes of every payload message
// (PayloadMessageType).
type Header struct {
	Version         string    `xml:"Version,attr"`
	SenderDomain    string    `xml:"SenderDomain,attr"`
	RecipientDomain string    `xml:"RecipientDomain,attr"`
	TimeStamp       time.Time `xml:"TimeStamp,attr"`
	MessageID       string    `xml:"MessageID,attr"`
	ConversationID  string    `xml:"ConversationID,attr"`
}

// Head implements Message for every type that embeds Header.
func (h *Header) Head() *Header { return h }

// Response adds the outcome of a response message
// (PayloadMessageResponseType). RejectionReason holds one or more
// reasons separated by "; " (reasons.go).
type Response struct {
	Header
	Result          string `xml:"Result,attr"`
	RejectionReason string `xml:"RejectionReason,attr,omitempty"`
}

// FlexHeader adds the attributes of the messages about one congestion point
// and one day (FlexMessageType).
type FlexHeader struct {
	Header
	ISPDuration     string `xml:"ISP-Duration,attr"`
	TimeZone        string `xml:"TimeZone,attr"`
	Period          Date   `xml:"Period,attr"`
	CongestionPoint string `xml:"CongestionPoint,attr"`
}

// PowerISP is a run of Duration ISPs from Start with one power in W;
// positive is more offtake (or less feed-in) than planned, negative less.
type PowerISP struct {
	Power    Watt  `xml:"Power,attr"`
	Start    int   `xml:"Start,attr"`
	Duration Count `xml:"Duration,attr,omitempty"`
}

// FlexRequestISP is one run of a FlexRequest: Requested ISPs ask for flex
// between MinPower and MaxPower W, Available ones say what the DSO could
// take.
type FlexRequestISP struct {
	Disposition string `xml:"Disposition,attr,omitempty"`
	MinPower    Watt   `xml:"MinPower,attr"`
	MaxPower    Watt   `xml:"MaxPower,attr"`
	Start       int    `xml:"Start,attr"`
	Duration    Count  `xml:"Duration,attr,omitempty"`
}

// FlexRequest is the DSO's request for flexibility at a congestion point
// for one day; a contract-based call names its ContractID.
type FlexRequest struct {
	XMLName xml.Name `xml:"FlexRequest"`
	FlexHeader
	Revision           int64            `xml:"Revision,attr"`
	ExpirationDateTime time.Time        `xml:"ExpirationDateTime,attr"`
	ContractID         string           `xml:"ContractID,attr,omitempty"`
	ServiceType        string           `xml:"ServiceType,attr,omitempty"`
	ISPs               []FlexRequestISP `xml:"ISP"`
}

// FlexRequestResponse acknowledges a FlexRequest.
type FlexRequestResponse struct {
	XMLName xml.Name `xml:"FlexRequestResponse"`
	Response
	FlexRequestMessageID string `xml:"FlexRequestMessageID,attr"`
}

// OfferOption is one alternative of a FlexOffer; Price is for the whole
// option, MinActivationFactor the smallest share the DSO may order.
type OfferOption struct {
	OptionReference     string     `xml:"OptionReference,attr"`
	Price               Amount     `xml:"Price,attr"`
	MinActivationFactor Factor     `xml:"MinActivationFactor,attr,omitempty"`
	ISPs                []PowerISP `xml:"ISP"`
}

// FlexOffer is the AGR's offer, usually answering a FlexRequest.
type FlexOffer struct {
	XMLName xml.Name `xml:"FlexOffer"`
	FlexHeader
	ExpirationDateTime   time.Time     `xml:"ExpirationDateTime,attr"`
	Unsolicited          bool          `xml:"Unsolicited,attr,omitempty"` // 3.1.0
	FlexRequestMessageID string        `xml:"FlexRequestMessageID,attr,omitempty"`
	ContractID           string        `xml:"ContractID,attr,omitempty"`
	DPrognosisMessageID  string        `xml:"D-PrognosisMessageID,attr,omitempty"`
	BaselineReference    string        `xml:"BaselineReference,attr,omitempty"`
	Currency             string        `xml:"Currency,attr"`
	Options              []OfferOption `xml:"OfferOption"`
}

// FlexOfferResponse acknowledges a FlexOffer.
type FlexOfferResponse struct {
	XMLName xml.Name `xml:"FlexOfferResponse"`
	Response
	FlexOfferMessageID string `xml:"FlexOfferMessageID,attr"`
}

// FlexOfferRevocation withdraws a FlexOffer that was not ordered.
type FlexOfferRevocation struct {
	XMLName xml.Name `xml:"FlexOfferRevocation"`
	Header
	FlexOfferMessageID string `xml:"FlexOfferMessageID,attr"`
}

// FlexOfferRevocationResponse acknowledges a FlexOfferRevocation.
type FlexOfferRevocationResponse struct {
	XMLName xml.Name `xml:"FlexOfferRevocationResponse"`
	Response
	FlexOfferRevocationMessageID string `xml:"FlexOfferRevocationMessageID,attr"`
}

// FlexOrder is the DSO's order of (an option of) a FlexOffer.
type FlexOrder struct {
	XMLName xml.Name `xml:"FlexOrder"`
	FlexHeader
	Unsolicited         bool       `xml:"Unsolicited,attr,omitempty"` // 3.1.0
	FlexOfferMessageID  string     `xml:"FlexOfferMessageID,attr,omitempty"`
	ServiceType         string     `xml:"ServiceType,attr,omitempty"` // 3.1.0
	ContractID          string     `xml:"ContractID,attr,omitempty"`
	DPrognosisMessageID string     `xml:"D-PrognosisMessageID,attr,omitempty"`
	BaselineReference   string     `xml:"BaselineReference,attr,omitempty"`
	Price               Amount     `xml:"Price,attr"`
	Currency            string     `xml:"Currency,attr"`
	OrderReference      string     `xml:"OrderReference,attr"`
	OptionReference     string     `xml:"OptionReference,attr,omitempty"`
	ActivationFactor    Factor     `xml:"ActivationFactor,attr,omitempty"`
	ISPs                []PowerISP `xml:"ISP"`
}

// FlexOrderResponse acknowledges a FlexOrder.
type FlexOrderResponse struct {
	XMLName xml.Name `xml:"FlexOrderResponse"`
	Response
	FlexOrderMessageID string `xml:"FlexOrderMessageID,attr"`
}

// DPrognosis is the AGR's forecast for a congestion point (D-Prognosis).
type DPrognosis struct {
	XMLName xml.Name `xml:"D-Prognosis"`
	FlexHeader
	Revision int64      `xml:"Revision,attr"`
	ISPs     []PowerISP `xml:"ISP"`
}

// FlexOrderStatus says whether the AGR validated a FlexOrder against a
// D-Prognosis.
type FlexOrderStatus struct {
	FlexOrderMessageID string `xml:"FlexOrderMessageID,attr"`
	IsValidated        bool   `xml:"IsValidated,attr"`
}

// DPrognosisResponse acknowledges a D-Prognosis.
type DPrognosisResponse struct {
	XMLName xml.Name `xml:"D-PrognosisResponse"`
	Response
	DPrognosisMessageID string            `xml:"D-PrognosisMessageID,attr"`
	FlexOrderStatuses   []FlexOrderStatus `xml:"FlexOrderStatus"`
}

// FlexReservationUpdate tells the AGR how much of a reserved (contracted)
// capacity remains per ISP.
type FlexReservationUpdate struct {
	XMLName xml.Name `xml:"FlexReservationUpdate"`
	FlexHeader
	ContractID string     `xml:"ContractID,attr"`
	Reference  string     `xml:"Reference,attr"`
	ISPs       []PowerISP `xml:"ISP"`
}

// FlexReservationUpdateResponse acknowledges a FlexReservationUpdate.
type FlexReservationUpdateResponse struct {
	XMLName xml.Name `xml:"FlexReservationUpdateResponse"`
	Response
	FlexReservationUpdateMessageID string `xml:"FlexReservationUpdateMessageID,attr"`
}

// Name implements Message.
func (*FlexRequest) Name() string { return "FlexRequest" }

// Name implements Message.
func (*FlexRequestResponse) Name() string { return "FlexRequestResponse" }

// Name implements Message.
func (*FlexOffer) Name() string { return "FlexOffer" }

// Name implements Message.
func (*FlexOfferResponse) Name() string { return "FlexOfferResponse" }

// Name implements Message.
func (*FlexOfferRevocation) Name() string { return "FlexOfferRevocation" }

// Name implements Message.
func (*FlexOfferRevocationResponse) Name() string { return "FlexOfferRevocationResponse" }

// Name implements Message.
func (*FlexOrder) Name() string { return "FlexOrder" }

// Name implements Message.
func (*FlexOrderResponse) Name() string { return "FlexOrderResponse" }

// Name implements Message.
func (*DPrognosis) Name() string { return "D-Prognosis" }

// Name implements Message.
func (*DPrognosisResponse) Name() string { return "D-PrognosisResponse" }

// Name implements Message.
func (*FlexReservationUpdate) Name() string { return "FlexReservationUpdate" }

// Name implements Message.
func (*FlexReservationUpdateResponse) Name() string { return "FlexReservationUpdateResponse" }
