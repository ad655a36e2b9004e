package flexcall

import (
	"crypto/ed25519"
	"fmt"
	"math"
	"testing"
	"time"

	"gridflex/series"
	"gridflex/uftp"
	"gridflex/uftp/uftptest"
)

// TestConversation runs a day-ahead call through both sides without
// transport: the DSO decides and requests, the CSP mirrors an offer at
// price 0, the DSO accepts and orders, the CSP turns the order into its
// limit; after the day the DSO settles from meter data and the CSP checks
// it. Every message passes Validate, the reference rules, a signed
// round trip, and the official XSD (xmllint).
func TestConversation(t *testing.T) {
	const (
		dso, csp = "dso.example.nl", "csp.example.nl"
		conv     = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
	)
	clock := time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC)
	seq := 0
	env := func(from, to string) Envelope {
		seq++
		clock = clock.Add(time.Minute)
		return Envelope{Version: uftp.V300, SenderDomain: from, RecipientDomain: to,
			MessageID: fmt.Sprintf("%08d-0000-4000-8000-000000000000", seq), ConversationID: conv, TimeStamp: clock}
	}
	dsoKey := ed25519.NewKeyFromSeed(make([]byte, 32))
	cspKey := ed25519.NewKeyFromSeed(append(make([]byte, 31), 1))
	docs := map[string][]byte{}
	// send is the wire: validate, encode, sign, open with the sender's
	// public key, decode, validate again.
	send := func(m uftp.Message, role string, key ed25519.PrivateKey) uftp.Message {
		t.Helper()
		if err := uftp.Validate(m); err != nil {
			t.Fatalf("Validate(%s) = %v", m.Name(), err)
		}
		data, err := uftp.Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		docs[fmt.Sprintf("%02d-%s", len(docs), m.Name())] = data
		got, _, err := uftp.Sign(data, m.Head().SenderDomain, role, key).Open(key.Public().(ed25519.PublicKey))
		if err != nil {
			t.Fatalf("%s over the wire: %v", m.Name(), err)
		}
		if err := uftp.Validate(got); err != nil {
			t.Fatalf("received %s: %v", m.Name(), err)
		}
		return got
	}
	reply := func(r, ref uftp.Message) {
		t.Helper()
		if err := uftp.CheckReply(r, ref, uftp.ReplyState{Now: r.Head().TimeStamp}); err != nil {
			t.Fatalf("%s answering %s: %v", r.Name(), ref.Name(), err)
		}
	}

	// DSO: 1.5 MW over capacity from 17:00 to 21:00.
	area := Area{Day: testDay, ForecastKW: eveningPeak(testDay, 8000, 9500), CapacityKW: 9000, Contracts: []Contract{
		{ID: "CBC-A-1", CongestionPoint: "ean.871685900012636543", MaxKW: 300, ActivationEUR: 50, EURPerMWh: 100},
		{ID: "CBC-A-2", CongestionPoint: "ean.871687120000000011", MaxKW: 400, ActivationEUR: 80, EURPerMWh: 60},
	}}
	dec, err := Decide(area)
	if err != nil {
		t.Fatal(err)
	}
	if len(dec.Calls) != 2 {
		t.Fatalf("Decide called %d contracts, want both (500 kW > either)", len(dec.Calls))
	}
	call := dec.Calls[0] // CBC-A-2 is cheaper per MWh: it gives 400 kW, CBC-A-1 the last 100 kW
	for _, c := range dec.Calls {
		if c.Contract.ID == "CBC-A-2" {
			call = c
		}
	}
	if call.ReductionKW[70] != 400 {
		t.Fatalf("CBC-A-2 reduces %.0f kW at 17:30, want 400", call.ReductionKW[70])
	}
	req, err := Request(call, testDay, env(dso, csp), clock.Add(3*time.Hour), 1)
	if err != nil {
		t.Fatal(err)
	}
	gotReq := send(req, uftp.RoleDSO, dsoKey).(*uftp.FlexRequest)

	// CSP: mirror the request at price 0.
	offer := MirrorOffer(gotReq, env(csp, dso), clock.Add(2*time.Hour), "mirror-1")
	gotOffer := send(offer, uftp.RoleAGR, cspKey).(*uftp.FlexOffer)
	reply(gotOffer, gotReq)
	if gotOffer.Options[0].Price != 0 {
		t.Errorf("contract-based offer at %s, want 0", gotOffer.Options[0].Price)
	}

	// DSO: accept and order.
	opt, err := Accept(req, gotOffer)
	if err != nil {
		t.Fatal(err)
	}
	order := Order(gotOffer, opt, env(dso, csp), "ORD-2026-03-10-CBC-A-2")
	gotOrder := send(order, uftp.RoleDSO, dsoKey).(*uftp.FlexOrder)
	reply(gotOrder, gotOffer)

	// CSP: the order is the connection's limit for the day.
	baseline := series.New(uftp.DayStart(testDay), 96)
	for k := range baseline.KW {
		baseline.KW[k] = 1000
	}
	limit, err := Limit(gotOrder, baseline, 1500)
	if err != nil {
		t.Fatal(err)
	}
	if limit.KW[0] != 1500 || limit.KW[70] != 600 || limit.Len() != 96 {
		t.Errorf("limit: %.0f kW at 00:00 and %.0f kW at 17:30 over %d ISPs, want 1500, 600, 96", limit.KW[0], limit.KW[70], limit.Len())
	}

	// After the day: the connection took 650 kW in the call, reducing 350 of
	// the 400 kW ordered.
	actual := make([]uftp.Watt, 96)
	base := make([]uftp.Watt, 96)
	for k := range actual {
		base[k], actual[k] = 1_000_000, 990_000
		if call.ReductionKW[k] > 0 {
			actual[k] = 650_000
		}
	}
	terms := Terms{PricePerMW: eur(7), PenaltyPerMW: eur(11)}
	fos, err := Settle(gotOrder, base, actual, terms)
	if err != nil {
		t.Fatal(err)
	}
	fs := Settlement(env(dso, csp), uftp.Date{Year: 2026, Month: 3, Day: 1}, uftp.Date{Year: 2026, Month: 3, Day: 31},
		[]uftp.FlexOrderSettlement{fos},
		[]uftp.ContractSettlement{{ContractID: call.Contract.ID, Periods: []uftp.ContractSettlementPeriod{ContractDay(call.Contract, req, gotOrder)}}})
	gotFS := send(fs, uftp.RoleDSO, dsoKey).(*uftp.FlexSettlement)
	// 16 ISPs (17:00–21:00; the shoulders stay under capacity): paid
	// 0.35 MW × 7 = 2.45 €, penalty 0.05 MW × 11 = 0.55 € each.
	wantNet := 16 * (2.45 - 0.55)
	if math.Abs(gotFS.Orders[0].NetSettlement.EUR()-wantNet) > 1e-9 {
		t.Errorf("NetSettlement %s, want %.2f", gotFS.Orders[0].NetSettlement, wantNet)
	}

	// CSP: check with its own meter (agrees within 2 kW) and answer.
	own := append([]uftp.Watt(nil), actual...)
	own[70] += 1500
	v := Check(gotFS.Orders[0], gotOrder, own, terms, 2000)
	resp := &uftp.FlexSettlementResponse{
		Response:                uftp.Response{Header: env(csp, dso).header(gotFS.ConversationID), Result: uftp.Accepted},
		FlexSettlementMessageID: gotFS.MessageID, Statuses: []uftp.FlexOrderSettlementStatus{v.Status},
	}
	reply(send(resp, uftp.RoleAGR, cspKey), gotFS)
	if v.Status.Disposition != uftp.Accepted {
		t.Errorf("CSP disputes a settlement its meter agrees with: %v", v.Differences)
	}

	uftptest.Valid(t, uftp.V300, docs)
}
