package uftp

import (
	"errors"
	"fmt"
	"strings"
)

// Reason is a RejectionReason of the specification's message-validation
// chapter. The list is fixed; a response may carry several, separated by
// "; " (RejectionReason).
type Reason string

// The specification's rejection reasons. The chapter lists "Unknown
// SenderDomain" twice, for the envelope and for the inner message; the text
// sent is the same.
const (
	UnknownSenderDomain      Reason = "Unknown SenderDomain"
	InvalidSenderRole        Reason = "Invalid SenderRole"
	InvalidSenderCombination Reason = "Invalid Sender combination"
	MismatchSenderDomain     Reason = "Mismatch SenderDomain"
	InvalidSignedMessage     Reason = "Invalid SignedMessage"
	InvalidMessage           Reason = "Invalid Message"
	UnknownRecipientDomain   Reason = "Unknown RecipientDomain"
	BarredSender             Reason = "Barred Sender"
	// DuplicateIdentifier: the MessageID was used before for a message
	// with different content; this one is rejected.
	DuplicateIdentifier Reason = "Duplicate Identifier"
	// AlreadySubmitted: the MessageID was used before for the same content;
	// the copy counts as successfully submitted.
	AlreadySubmitted        Reason = "Already Submitted"
	ISPDurationRejected     Reason = "ISP duration rejected"
	TimeZoneRejected        Reason = "TimeZone rejected"
	InvalidCongestionPoint  Reason = "Invalid CongestionPoint"
	ReferencePeriodMismatch Reason = "Reference Period mismatch"
	ReferenceMessageExpired Reason = "Reference message expired"
	ReferenceMessageRevoked Reason = "Reference message revoked"
	ISPsOutOfBounds         Reason = "ISPs out of bounds"
	ISPConflict             Reason = "ISP conflict"
	PeriodOutOfBounds       Reason = "Period out of bounds"
	ExpirationOutOfBounds   Reason = "ExpirationDateTime out of bounds"
)

// UnknownReference is the reason for a reference to an unknown message,
// named by the referring attribute: "Unknown FlexRequestMessageID
// reference".
func UnknownReference(attr string) Reason { return Reason("Unknown " + attr + " reference") }

// Rejection is one failed rule: the reason sent to the peer, the attribute
// or element it concerns, and a detail for logs.
type Rejection struct {
	Reason Reason
	Field  string
	Detail string
}

func (r *Rejection) Error() string {
	return fmt.Sprintf("%s: %s: %s", r.Reason, r.Field, r.Detail)
}

func reject(reason Reason, field, format string, a ...any) *Rejection {
	return &Rejection{Reason: reason, Field: field, Detail: fmt.Sprintf(format, a...)}
}

// Reasons returns the distinct reasons in err in order of appearance; an
// error that is not a Rejection (a decode error) counts as Invalid Message.
func Reasons(err error) []Reason {
	var out []Reason
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		r := InvalidMessage
		var rj *Rejection
		if errors.As(e, &rj) {
			r = rj.Reason
		}
		for _, o := range out {
			if o == r {
				return
			}
		}
		out = append(out, r)
	}
	walk(err)
	return out
}

// RejectionReason is the RejectionReason attribute for a response to a
// message that failed with err: its reasons joined by "; ", or "" for nil.
func RejectionReason(err error) string {
	rs := Reasons(err)
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, "; ")
}
