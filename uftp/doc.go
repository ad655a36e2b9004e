// Package uftp speaks UFTP, the USEF Flex Trading Protocol of LF Energy
// Shapeshifter, versions 3.0.0 and 3.1.0: the messages a DSO (a grid
// operator calling on-call contracts through GOPACS) and an AGR (a CSP
// answering for its companies) exchange.
//
// The pieces:
//
//   - Messages (messages.go, settlement.go): FlexRequest, FlexOffer,
//     FlexOrder, FlexSettlement, FlexOfferRevocation, D-Prognosis,
//     FlexReservationUpdate, Metering and their responses, as Go types
//     whose XML form is the schema's (no namespace, attributes in the
//     schema's names). Quantities keep the protocol's units: power in whole
//     watts (int64), money as Amount (exact, 4 decimals), the activation
//     factor as Factor (hundredths).
//   - Decode and Encode (codec.go). Decode reads with a streaming scanner
//     (scan.go) straight into the structs (bind.go, from the same struct
//     tags as encoding/xml); it refuses any DOCTYPE or ENTITY declaration
//     (XXE), input above MaxMessageBytes, elements and attributes the
//     schemas do not have (schema.go), missing required attributes and text
//     content. encoding/xml behind the same refusals is the reference it is
//     fuzzed against (FuzzDecode).
//   - SignedMessage (signed.go): the envelope whose Body is libsodium's
//     crypto_sign output, the 64-byte Ed25519 signature followed by the
//     payload; Seal and Open, keys as base64 as in the participant registry.
//   - Validate (validate.go): the schema's facets that encoding/xml does not
//     check and the protocol's rules — ISP-Duration PT15M, TimeZone
//     Europe/Amsterdam, ISPs numbered 1..92/96/100 per local day without
//     overlap, lower-case domains, entity addresses, version-specific
//     attributes. Failures are *Rejection values carrying one of the
//     spec's fixed RejectionReasons (reasons.go).
//   - Conversation rules (conversation.go): a reply's references,
//     conversation, period and expiry (CheckReply); expiry and period
//     against the time of receipt (CheckTiming); "Already Submitted"
//     versus "Duplicate Identifier" for a re-used MessageID (Resubmission).
//   - ISP numbering (isp.go): ISP n of a Period ↔ UTC instants, through
//     package series.
//
// The package does no I/O: it turns bytes into messages and back. Sources:
// the official XSDs (../shared/spec/uftp/xsd-3.0.0, xsd-3.1.0) and the
// specification's message-validation chapter.
package uftp
