package uftp

import (
	"bytes"
	"errors"
	"time"
)

// Reference returns the attribute by which m refers to an earlier message
// and its value; ok is false for messages that start a conversation (or an
// unsolicited offer or order).
func Reference(m Message) (attr, id string, ok bool) {
	switch t := m.(type) {
	case *FlexRequestResponse:
		return "FlexRequestMessageID", t.FlexRequestMessageID, true
	case *FlexOffer:
		return "FlexRequestMessageID", t.FlexRequestMessageID, t.FlexRequestMessageID != ""
	case *FlexOfferResponse:
		return "FlexOfferMessageID", t.FlexOfferMessageID, true
	case *FlexOfferRevocation:
		return "FlexOfferMessageID", t.FlexOfferMessageID, true
	case *FlexOfferRevocationResponse:
		return "FlexOfferRevocationMessageID", t.FlexOfferRevocationMessageID, true
	case *FlexOrder:
		return "FlexOfferMessageID", t.FlexOfferMessageID, t.FlexOfferMessageID != ""
	case *FlexOrderResponse:
		return "FlexOrderMessageID", t.FlexOrderMessageID, true
	case *DPrognosisResponse:
		return "D-PrognosisMessageID", t.DPrognosisMessageID, true
	case *FlexReservationUpdateResponse:
		return "FlexReservationUpdateMessageID", t.FlexReservationUpdateMessageID, true
	case *FlexSettlementResponse:
		return "FlexSettlementMessageID", t.FlexSettlementMessageID, true
	case *MeteringResponse:
		return "MeteringMessageID", t.MeteringMessageID, true
	}
	return "", "", false
}

// referredKind is the message kind each referring attribute names.
var referredKind = map[string]string{
	"FlexRequestMessageID":           "FlexRequest",
	"FlexOfferMessageID":             "FlexOffer",
	"FlexOfferRevocationMessageID":   "FlexOfferRevocation",
	"FlexOrderMessageID":             "FlexOrder",
	"D-PrognosisMessageID":           "D-Prognosis",
	"FlexReservationUpdateMessageID": "FlexReservationUpdate",
	"FlexSettlementMessageID":        "FlexSettlement",
	"MeteringMessageID":              "Metering",
}

// ReplyState is what the receiver knows about the referenced message
// besides its content.
type ReplyState struct {
	Now     time.Time // when the reply is handled
	Revoked bool      // the referenced offer was revoked
}

// CheckReply applies the conversation and reference rules to a reply and
// the message it refers to (found by the caller through Reference; nil
// when unknown): same conversation, sender and recipient swapped, the
// right kind of message, the same Period and congestion point, and a
// reference that has neither expired nor been revoked.
func CheckReply(reply, ref Message, st ReplyState) error {
	attr, id, ok := Reference(reply)
	if !ok {
		return nil
	}
	if ref == nil || ref.Head().MessageID != id || ref.Name() != referredKind[attr] {
		return reject(UnknownReference(attr), attr, "no %s with MessageID %q", referredKind[attr], excerpt(id))
	}
	var v validator
	rh, fh := reply.Head(), ref.Head()
	if rh.ConversationID != fh.ConversationID {
		v.add(InvalidMessage, "ConversationID", "%s, but the referenced %s is in %s", rh.ConversationID, ref.Name(), fh.ConversationID)
	}
	if rh.SenderDomain != fh.RecipientDomain || rh.RecipientDomain != fh.SenderDomain {
		v.add(InvalidMessage, "SenderDomain", "%s → %s answers %s → %s", rh.SenderDomain, rh.RecipientDomain, fh.SenderDomain, fh.RecipientDomain)
	}
	if a, b := flexHeader(reply), flexHeader(ref); a != nil && b != nil {
		if a.Period != b.Period {
			v.add(ReferencePeriodMismatch, "Period", "%s, the referenced %s is for %s", a.Period, ref.Name(), b.Period)
		}
		if a.CongestionPoint != b.CongestionPoint {
			v.add(InvalidCongestionPoint, "CongestionPoint", "%q, the referenced %s is for %q", excerpt(a.CongestionPoint), ref.Name(), excerpt(b.CongestionPoint))
		}
	}
	if st.Revoked {
		v.add(ReferenceMessageRevoked, attr, "the %s was revoked", ref.Name())
	}
	switch r := ref.(type) {
	case *FlexRequest:
		if _, isOffer := reply.(*FlexOffer); isOffer && st.Now.After(r.ExpirationDateTime) {
			v.add(ReferenceMessageExpired, attr, "the FlexRequest expired at %s", r.ExpirationDateTime.Format(time.RFC3339))
		}
	case *FlexOffer:
		if o, isOrder := reply.(*FlexOrder); isOrder {
			if st.Now.After(r.ExpirationDateTime) {
				v.add(ReferenceMessageExpired, attr, "the FlexOffer expired at %s", r.ExpirationDateTime.Format(time.RFC3339))
			}
			checkOption(&v, o, r)
		}
	}
	return errors.Join(v.errs...)
}

// checkOption: an order names an option of the offer (or the offer has
// exactly one) and respects its minimum activation factor.
func checkOption(v *validator, o *FlexOrder, offer *FlexOffer) {
	var opt *OfferOption
	for i := range offer.Options {
		if offer.Options[i].OptionReference == o.OptionReference || o.OptionReference == "" && len(offer.Options) == 1 {
			opt = &offer.Options[i]
		}
	}
	if opt == nil {
		v.add(InvalidMessage, "OptionReference", "%q is not an option of the FlexOffer", excerpt(o.OptionReference))
		return
	}
	if o.ActivationFactor.Value() < opt.MinActivationFactor.Value() {
		v.add(InvalidMessage, "ActivationFactor", "%s below the option's MinActivationFactor %s", o.ActivationFactor.Value(), opt.MinActivationFactor.Value())
	}
}

func flexHeader(m Message) *FlexHeader {
	switch t := m.(type) {
	case *FlexRequest:
		return &t.FlexHeader
	case *FlexOffer:
		return &t.FlexHeader
	case *FlexOrder:
		return &t.FlexHeader
	case *DPrognosis:
		return &t.FlexHeader
	case *FlexReservationUpdate:
		return &t.FlexHeader
	}
	return nil
}

// Resubmission decides what a message whose MessageID was seen before is:
// "Already Submitted" when its content equals the earlier message (compared
// as decoded, so attribute order and layout do not matter) — the copy
// counts as delivered — or "Duplicate Identifier" when it differs, which
// is a rejection.
func Resubmission(earlier, again Message) (*Rejection, error) {
	a, err := Encode(earlier)
	if err != nil {
		return nil, err
	}
	b, err := Encode(again)
	if err != nil {
		return nil, err
	}
	id := again.Head().MessageID
	if bytes.Equal(a, b) {
		return reject(AlreadySubmitted, "MessageID", "%s was received before with the same content", id), nil
	}
	return reject(DuplicateIdentifier, "MessageID", "%s was used before for a different message", id), nil
}

// CheckTiming applies the rules that depend on the time a message is
// received: a FlexRequest or FlexOffer must not have expired already nor
// expire after the last ISP it is about ("ExpirationDateTime out of
// bounds"), and a request, offer, order, D-Prognosis or reservation update
// must not be about a day that is over ("Period out of bounds").
func CheckTiming(m Message, now time.Time) error {
	fh := flexHeader(m)
	if fh == nil {
		return nil
	}
	var v validator
	end := DayStart(fh.Period.AddDays(1))
	if !now.Before(end) {
		v.add(PeriodOutOfBounds, "Period", "%s is over (received %s)", fh.Period, now.UTC().Format(time.RFC3339))
	}
	var expires time.Time
	switch t := m.(type) {
	case *FlexRequest:
		expires = t.ExpirationDateTime
	case *FlexOffer:
		expires = t.ExpirationDateTime
	}
	if !expires.IsZero() {
		if expires.Before(now) {
			v.add(ExpirationOutOfBounds, "ExpirationDateTime", "%s is in the past (received %s)", expires.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
		} else if expires.After(end) {
			v.add(ExpirationOutOfBounds, "ExpirationDateTime", "%s is after the end of %s", expires.UTC().Format(time.RFC3339), fh.Period)
		}
	}
	return errors.Join(v.errs...)
}
