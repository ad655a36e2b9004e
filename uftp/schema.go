package uftp

// elemKey names an element by its parent: the UFTP schemas reuse "ISP" and
// "Period" under different parents with different attributes.
type elemKey struct{ parent, local string }

// elemSpec lists an element's attributes as the XSDs declare them (3.1.0,
// which is 3.0.0 plus optional attributes; validate.go refuses the 3.1.0
// additions in a 3.0.0 message).
type elemSpec struct {
	required, optional []string
}

var (
	headerAttrs   = []string{"Version", "SenderDomain", "RecipientDomain", "TimeStamp", "MessageID", "ConversationID"}
	responseAttrs = append(headerAttrs[:len(headerAttrs):len(headerAttrs)], "Result")
	flexAttrs     = append(headerAttrs[:len(headerAttrs):len(headerAttrs)], "ISP-Duration", "TimeZone", "Period", "CongestionPoint")
	powerISP      = elemSpec{required: []string{"Power", "Start"}, optional: []string{"Duration"}}
)

func with(base []string, more ...string) []string {
	return append(base[:len(base):len(base)], more...)
}

func response(ref string) elemSpec {
	return elemSpec{required: with(responseAttrs, ref), optional: []string{"RejectionReason"}}
}

// schema is the part of the XSDs that encoding/xml does not enforce: which
// elements exist where and which attributes they must and may carry.
var schema = map[elemKey]elemSpec{
	{"", "SignedMessage"}: {required: []string{"SenderDomain", "SenderRole", "Body"}},

	{"", "FlexRequest"}: {required: with(flexAttrs, "Revision", "ExpirationDateTime"),
		optional: []string{"ContractID", "ServiceType"}},
	{"FlexRequest", "ISP"}: {required: []string{"MinPower", "MaxPower", "Start"},
		optional: []string{"Disposition", "Duration"}},
	{"", "FlexRequestResponse"}: response("FlexRequestMessageID"),

	{"", "FlexOffer"}: {required: with(flexAttrs, "ExpirationDateTime", "Currency"),
		optional: []string{"Unsolicited", "FlexRequestMessageID", "ContractID", "D-PrognosisMessageID", "BaselineReference"}},
	{"FlexOffer", "OfferOption"}: {required: []string{"OptionReference", "Price"},
		optional: []string{"MinActivationFactor"}},
	{"OfferOption", "ISP"}:                     powerISP,
	{"", "FlexOfferResponse"}:                  response("FlexOfferMessageID"),
	{"", "FlexOfferRevocation"}:                {required: with(headerAttrs, "FlexOfferMessageID")},
	{"", "FlexOfferRevocationResponse"}:        response("FlexOfferRevocationMessageID"),
	{"", "FlexOrderResponse"}:                  response("FlexOrderMessageID"),
	{"", "D-PrognosisResponse"}:                response("D-PrognosisMessageID"),
	{"", "FlexReservationUpdateResponse"}:      response("FlexReservationUpdateMessageID"),
	{"", "MeteringResponse"}:                   response("MeteringMessageID"),
	{"", "FlexSettlementResponse"}:             response("FlexSettlementMessageID"),
	{"D-PrognosisResponse", "FlexOrderStatus"}: {required: []string{"FlexOrderMessageID", "IsValidated"}},

	{"", "FlexOrder"}: {required: with(flexAttrs, "Price", "Currency", "OrderReference"),
		optional: []string{"Unsolicited", "FlexOfferMessageID", "ServiceType", "ContractID", "D-PrognosisMessageID",
			"BaselineReference", "OptionReference", "ActivationFactor"}},
	{"FlexOrder", "ISP"}: powerISP,

	{"", "D-Prognosis"}:              {required: with(flexAttrs, "Revision")},
	{"D-Prognosis", "ISP"}:           powerISP,
	{"", "FlexReservationUpdate"}:    {required: with(flexAttrs, "ContractID", "Reference")},
	{"FlexReservationUpdate", "ISP"}: powerISP,

	{"", "FlexSettlement"}: {required: with(responseAttrs, "PeriodStart", "PeriodEnd", "Currency"),
		optional: []string{"RejectionReason"}},
	{"FlexSettlement", "FlexOrderSettlement"}: {required: []string{"Period", "CongestionPoint", "Price", "NetSettlement"},
		optional: []string{"OrderReference", "ContractID", "D-PrognosisMessageID", "BaselineReference", "Penalty"}},
	{"FlexOrderSettlement", "ISP"}: {required: []string{"Start", "BaselinePower", "OrderedFlexPower", "ActualPower", "DeliveredFlexPower"},
		optional: []string{"Duration", "PowerDeficiency"}},
	{"FlexSettlement", "ContractSettlement"}: {optional: []string{"ContractID"}},
	{"ContractSettlement", "Period"}:         {required: []string{"Period"}},
	{"Period", "ISP"}: {required: []string{"Start", "ReservedPower"},
		optional: []string{"Duration", "RequestedPower", "AvailablePower", "OfferedPower", "OrderedPower"}},
	{"FlexSettlementResponse", "FlexOrderSettlementStatus"}: {required: []string{"Disposition"},
		optional: []string{"OrderReference", "DisputeReason"}},

	{"", "Metering"}: {required: with(headerAttrs, "Revision", "ISP-Duration", "TimeZone", "Period", "EAN"),
		optional: []string{"Currency"}},
	{"Metering", "Profile"}: {required: []string{"ProfileType", "Unit"}},
	{"Profile", "ISP"}:      {required: []string{"Start", "Value"}},
}

// newMessage returns an empty message for a root element name.
func newMessage(name string) Message {
	switch name {
	case "FlexRequest":
		return new(FlexRequest)
	case "FlexRequestResponse":
		return new(FlexRequestResponse)
	case "FlexOffer":
		return new(FlexOffer)
	case "FlexOfferResponse":
		return new(FlexOfferResponse)
	case "FlexOfferRevocation":
		return new(FlexOfferRevocation)
	case "FlexOfferRevocationResponse":
		return new(FlexOfferRevocationResponse)
	case "FlexOrder":
		return new(FlexOrder)
	case "FlexOrderResponse":
		return new(FlexOrderResponse)
	case "D-Prognosis":
		return new(DPrognosis)
	case "D-PrognosisResponse":
		return new(DPrognosisResponse)
	case "FlexReservationUpdate":
		return new(FlexReservationUpdate)
	case "FlexReservationUpdateResponse":
		return new(FlexReservationUpdateResponse)
	case "FlexSettlement":
		return new(FlexSettlement)
	case "FlexSettlementResponse":
		return new(FlexSettlementResponse)
	case "Metering":
		return new(Metering)
	case "MeteringResponse":
		return new(MeteringResponse)
	}
	return nil
}
