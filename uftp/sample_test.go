package uftp

import (
	"time"
)

// Fixture builders: one message of every type, as gridflex would send it.

var (
	testTime  = time.Date(2026, 3, 9, 13, 0, 0, 0, time.UTC)
	testDay   = Date{2026, 3, 10}
	testPoint = "ean.871685900012636543"
)

func testHeader(version, from, to, id string) Header {
	return Header{
		Version: version, SenderDomain: from, RecipientDomain: to, TimeStamp: testTime,
		MessageID: id, ConversationID: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
	}
}

func testFlex(version, from, to, id string) FlexHeader {
	return FlexHeader{
		Header: testHeader(version, from, to, id), ISPDuration: ISPDuration, TimeZone: TimeZone,
		Period: testDay, CongestionPoint: testPoint,
	}
}

func testResponse(version, from, to, id string) Response {
	return Response{Header: testHeader(version, from, to, id), Result: Accepted}
}

func ptr(v Watt) *Watt { return &v }

// samples returns one valid message of every type the DSO–AGR flow uses.
func samples(version string) []Message {
	const (
		dso   = "dso.example.nl"
		agr   = "csp.example.nl"
		reqID = "11111111-1111-4111-8111-111111111111"
		offID = "22222222-2222-4222-8222-222222222222"
		ordID = "33333333-3333-4333-8333-333333333333"
	)
	req := &FlexRequest{
		FlexHeader: testFlex(version, dso, agr, reqID), Revision: 1,
		ExpirationDateTime: testTime.Add(6 * time.Hour), ContractID: "CBC-A-42", ServiceType: "CBC-A",
		ISPs: []FlexRequestISP{
			{Disposition: Available, Start: 1, Duration: 68},
			{Disposition: Requested, MinPower: -300000, MaxPower: -300000, Start: 69, Duration: 8},
			{Disposition: Available, Start: 77, Duration: 20},
		},
	}
	offer := &FlexOffer{
		FlexHeader: testFlex(version, agr, dso, offID), ExpirationDateTime: testTime.Add(5 * time.Hour),
		FlexRequestMessageID: reqID, ContractID: "CBC-A-42", Currency: "EUR",
		Options: []OfferOption{{OptionReference: "opt-1", Price: 0, MinActivationFactor: 50,
			ISPs: []PowerISP{{Power: -300000, Start: 69, Duration: 8}}}},
	}
	order := &FlexOrder{
		FlexHeader: testFlex(version, dso, agr, ordID), FlexOfferMessageID: offID, ContractID: "CBC-A-42",
		Price: 125000, Currency: "EUR", OrderReference: "ORD-1", OptionReference: "opt-1", ActivationFactor: 75,
		ISPs: []PowerISP{{Power: -225000, Start: 69, Duration: 8}},
	}
	msgs := []Message{
		req,
		&FlexRequestResponse{Response: testResponse(version, agr, dso, "44444444-4444-4444-8444-444444444444"), FlexRequestMessageID: reqID},
		offer,
		&FlexOfferResponse{Response: Response{Header: testHeader(version, dso, agr, "55555555-5555-4555-8555-555555555555"),
			Result: Rejected, RejectionReason: string(ReferenceMessageExpired)}, FlexOfferMessageID: offID},
		&FlexOfferRevocation{Header: testHeader(version, agr, dso, "66666666-6666-4666-8666-666666666666"), FlexOfferMessageID: offID},
		&FlexOfferRevocationResponse{Response: testResponse(version, dso, agr, "77777777-7777-4777-8777-777777777777"),
			FlexOfferRevocationMessageID: "66666666-6666-4666-8666-666666666666"},
		order,
		&FlexOrderResponse{Response: testResponse(version, agr, dso, "88888888-8888-4888-8888-888888888888"), FlexOrderMessageID: ordID},
		&DPrognosis{FlexHeader: testFlex(version, agr, dso, "99999999-9999-4999-8999-999999999999"), Revision: 2,
			ISPs: []PowerISP{{Power: 1200000, Start: 1, Duration: 96}}},
		&DPrognosisResponse{Response: testResponse(version, dso, agr, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"),
			DPrognosisMessageID: "99999999-9999-4999-8999-999999999999",
			FlexOrderStatuses:   []FlexOrderStatus{{FlexOrderMessageID: ordID, IsValidated: true}}},
		&FlexReservationUpdate{FlexHeader: testFlex(version, dso, agr, "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"),
			ContractID: "CBC-A-42", Reference: "RES-1", ISPs: []PowerISP{{Power: 300000, Start: 1, Duration: 96}}},
		&FlexReservationUpdateResponse{Response: testResponse(version, agr, dso, "cccccccc-cccc-4ccc-8ccc-cccccccccccc"),
			FlexReservationUpdateMessageID: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"},
		&FlexSettlement{Response: testResponse(version, dso, agr, "dddddddd-dddd-4ddd-8ddd-dddddddddddd"),
			PeriodStart: Date{2026, 3, 1}, PeriodEnd: Date{2026, 3, 31}, Currency: "EUR",
			Orders: []FlexOrderSettlement{{OrderReference: "ORD-1", Period: testDay, ContractID: "CBC-A-42",
				CongestionPoint: testPoint, Price: 1200000, Penalty: 200000, NetSettlement: 1000000,
				ISPs: []SettlementISP{{Start: 69, Duration: 8, BaselinePower: 900000, OrderedFlexPower: -225000,
					ActualPower: 650000, DeliveredFlexPower: -250000}}}},
			Contracts: []ContractSettlement{{ContractID: "CBC-A-42", Periods: []ContractSettlementPeriod{{Period: testDay,
				ISPs: []ContractSettlementISP{{Start: 69, Duration: 8, ReservedPower: 300000,
					RequestedPower: ptr(300000), OrderedPower: ptr(225000)}}}}}}},
		&FlexSettlementResponse{Response: testResponse(version, agr, dso, "eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee"),
			FlexSettlementMessageID: "dddddddd-dddd-4ddd-8ddd-dddddddddddd",
			Statuses: []FlexOrderSettlementStatus{{OrderReference: "ORD-1", Disposition: Disputed,
				DisputeReason: "ISP 69: our meter reads 700000 W, not 650000 W"}}},
		&Metering{Header: testHeader(version, agr, dso, "ffffffff-ffff-4fff-8fff-ffffffffffff"), Revision: 1,
			ISPDuration: ISPDuration, TimeZone: TimeZone, Period: testDay, EAN: "E1234567890123456",
			Profiles: []MeteringProfile{{ProfileType: "Power", Unit: "kW",
				ISPs: []MeteringISP{{Start: 1, Value: "812.5"}, {Start: 2, Value: "790"}}}}},
		&MeteringResponse{Response: testResponse(version, dso, agr, "01010101-0101-4101-8101-010101010101"),
			MeteringMessageID: "ffffffff-ffff-4fff-8fff-ffffffffffff"},
	}
	if version == V310 {
		msgs = append(msgs,
			&FlexOffer{FlexHeader: testFlex(version, agr, dso, "02020202-0202-4202-8202-020202020202"),
				ExpirationDateTime: testTime.Add(5 * time.Hour), Unsolicited: true, Currency: "EUR",
				Options: []OfferOption{{OptionReference: "u-1", Price: 15, ISPs: []PowerISP{{Power: -100000, Start: 70}}}}},
			&FlexOrder{FlexHeader: testFlex(version, dso, agr, "03030303-0303-4303-8303-030303030303"),
				Unsolicited: true, ServiceType: "CBC-A", Price: 0, Currency: "EUR", OrderReference: "ORD-2",
				ISPs: []PowerISP{{Power: -100000, Start: 70}}})
	}
	return msgs
}
