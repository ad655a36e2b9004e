package flexcall

import "gridflex/uftp"

// testOrder orders 300 kW less offtake in ISPs 69–76 (17:00–19:00) of
// testDay.
func testOrder() *uftp.FlexOrder {
	return &uftp.FlexOrder{
		FlexHeader: uftp.FlexHeader{Header: uftp.Header{Version: uftp.V300, SenderDomain: "dso.example.nl",
			RecipientDomain: "csp.example.nl", MessageID: "33333333-3333-4333-8333-333333333333",
			ConversationID: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"},
			ISPDuration: uftp.ISPDuration, TimeZone: uftp.TimeZone, Period: testDay, CongestionPoint: "ean.871685900012636543"},
		FlexOfferMessageID: "22222222-2222-4222-8222-222222222222", ContractID: "CBC-A-42",
		Currency: "EUR", OrderReference: "ORD-1",
		ISPs: []uftp.PowerISP{{Power: -300_000, Start: 69, Duration: 8}},
	}
}
