package uftp_test

import (
	"crypto/ed25519"
	"fmt"

	"gridflex/uftp"
)

// Sign a message into its envelope and open it on the other side.
func ExampleSignedMessage_Open() {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // from the key store in practice
	payload := []byte(`<FlexOfferRevocation Version="3.0.0" SenderDomain="csp.example.nl" RecipientDomain="dso.example.nl"` +
		` TimeStamp="2026-03-09T13:00:00Z" MessageID="66666666-6666-4666-8666-666666666666"` +
		` ConversationID="0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0" FlexOfferMessageID="22222222-2222-4222-8222-222222222222"/>`)
	sm := uftp.Sign(payload, "csp.example.nl", uftp.RoleAGR, key)
	m, _, err := sm.Open(key.Public().(ed25519.PublicKey))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Name(), uftp.Validate(m))
	// Output: FlexOfferRevocation <nil>
}
