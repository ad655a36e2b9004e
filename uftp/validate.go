package uftp

import (
	"errors"
	"fmt"
	"strings"

	"gridflex/ean"
)

// Validate checks a message against the schema facets that decoding does
// not enforce and the protocol's rules for one message on its own (the
// rules that need other messages are in conversation.go). Every problem is
// reported, as *Rejection values joined with errors.Join.
func Validate(m Message) error {
	var v validator
	h := m.Head()
	v.header(h)
	switch t := m.(type) {
	case *FlexRequest:
		v.flex(&t.FlexHeader)
		v.required("ExpirationDateTime", t.ExpirationDateTime.IsZero())
		runs := make([]run, len(t.ISPs))
		for i, isp := range t.ISPs {
			runs[i] = run{isp.Start, isp.Duration.Value()}
			switch isp.Disposition {
			case "", Available, Requested:
			default:
				v.add(InvalidMessage, fmt.Sprintf("ISP[%d].Disposition", i+1), "%q: want Available or Requested", excerpt(isp.Disposition))
			}
			if isp.MinPower > isp.MaxPower {
				v.add(InvalidMessage, fmt.Sprintf("ISP[%d]", i+1), "MinPower %d W above MaxPower %d W", isp.MinPower, isp.MaxPower)
			}
		}
		v.isps("ISP", t.Period, runs)
	case *FlexRequestResponse:
		v.response(&t.Response)
		v.uuid("FlexRequestMessageID", t.FlexRequestMessageID)
	case *FlexOffer:
		v.flex(&t.FlexHeader)
		v.required("ExpirationDateTime", t.ExpirationDateTime.IsZero())
		v.currency(t.Currency)
		v.since310(h.Version, "Unsolicited", t.Unsolicited)
		switch {
		case t.Unsolicited && t.FlexRequestMessageID != "":
			v.add(InvalidMessage, "FlexRequestMessageID", "given on an unsolicited offer")
		case !t.Unsolicited && t.FlexRequestMessageID == "":
			v.add(InvalidMessage, "FlexRequestMessageID", "missing: mandatory on a solicited offer")
		case t.FlexRequestMessageID != "":
			v.uuid("FlexRequestMessageID", t.FlexRequestMessageID)
		}
		v.optionalUUID("D-PrognosisMessageID", t.DPrognosisMessageID)
		if len(t.Options) == 0 {
			v.add(InvalidMessage, "OfferOption", "none: want at least one")
		}
		for i, o := range t.Options {
			v.isps(fmt.Sprintf("OfferOption[%d].ISP", i+1), t.Period, powerRuns(o.ISPs))
		}
	case *FlexOfferResponse:
		v.response(&t.Response)
		v.uuid("FlexOfferMessageID", t.FlexOfferMessageID)
	case *FlexOfferRevocation:
		v.uuid("FlexOfferMessageID", t.FlexOfferMessageID)
	case *FlexOfferRevocationResponse:
		v.response(&t.Response)
		v.uuid("FlexOfferRevocationMessageID", t.FlexOfferRevocationMessageID)
	case *FlexOrder:
		v.flex(&t.FlexHeader)
		v.currency(t.Currency)
		v.since310(h.Version, "Unsolicited", t.Unsolicited)
		v.since310(h.Version, "ServiceType", t.ServiceType != "")
		switch {
		case t.Unsolicited && t.FlexOfferMessageID != "":
			v.add(InvalidMessage, "FlexOfferMessageID", "given on an unsolicited order")
		case !t.Unsolicited && t.FlexOfferMessageID == "":
			v.add(InvalidMessage, "FlexOfferMessageID", "missing: mandatory unless the order is unsolicited (3.1.0)")
		case t.FlexOfferMessageID != "":
			v.uuid("FlexOfferMessageID", t.FlexOfferMessageID)
		}
		v.optionalUUID("D-PrognosisMessageID", t.DPrognosisMessageID)
		v.isps("ISP", t.Period, powerRuns(t.ISPs))
	case *FlexOrderResponse:
		v.response(&t.Response)
		v.uuid("FlexOrderMessageID", t.FlexOrderMessageID)
	case *DPrognosis:
		v.flex(&t.FlexHeader)
		v.isps("ISP", t.Period, powerRuns(t.ISPs))
	case *DPrognosisResponse:
		v.response(&t.Response)
		v.uuid("D-PrognosisMessageID", t.DPrognosisMessageID)
		for i, s := range t.FlexOrderStatuses {
			v.uuid(fmt.Sprintf("FlexOrderStatus[%d].FlexOrderMessageID", i+1), s.FlexOrderMessageID)
		}
	case *FlexReservationUpdate:
		v.flex(&t.FlexHeader)
		v.isps("ISP", t.Period, powerRuns(t.ISPs))
	case *FlexReservationUpdateResponse:
		v.response(&t.Response)
		v.uuid("FlexReservationUpdateMessageID", t.FlexReservationUpdateMessageID)
	case *FlexSettlement:
		v.settlement(t)
	case *FlexSettlementResponse:
		v.response(&t.Response)
		v.uuid("FlexSettlementMessageID", t.FlexSettlementMessageID)
		if len(t.Statuses) == 0 {
			v.add(InvalidMessage, "FlexOrderSettlementStatus", "none: want at least one")
		}
		for i, s := range t.Statuses {
			if s.Disposition != Accepted && s.Disposition != Disputed {
				v.add(InvalidMessage, fmt.Sprintf("FlexOrderSettlementStatus[%d].Disposition", i+1), "%q: want Accepted or Disputed", excerpt(s.Disposition))
			}
		}
	case *Metering:
		v.metering(t)
	case *MeteringResponse:
		v.response(&t.Response)
		v.uuid("MeteringMessageID", t.MeteringMessageID)
	default:
		v.add(InvalidMessage, "", "unknown message type %T", m)
	}
	return errors.Join(v.errs...)
}

type validator struct{ errs []error }

func (v *validator) add(r Reason, field, format string, a ...any) {
	v.errs = append(v.errs, reject(r, field, format, a...))
}

func (v *validator) required(field string, missing bool) {
	if missing {
		v.add(InvalidMessage, field, "missing")
	}
}

func (v *validator) header(h *Header) {
	switch h.Version {
	case V300, V310:
	case "":
		v.add(InvalidMessage, "Version", "missing")
	default:
		v.add(InvalidMessage, "Version", "%q: this implementation speaks %s and %s", excerpt(h.Version), V300, V310)
	}
	if err := checkDomain("SenderDomain", h.SenderDomain); err != nil {
		v.errs = append(v.errs, reject(InvalidMessage, "SenderDomain", "%v", err))
	}
	if err := checkDomain("RecipientDomain", h.RecipientDomain); err != nil {
		v.errs = append(v.errs, reject(InvalidMessage, "RecipientDomain", "%v", err))
	}
	v.required("TimeStamp", h.TimeStamp.IsZero())
	v.uuid("MessageID", h.MessageID)
	v.uuid("ConversationID", h.ConversationID)
}

func (v *validator) response(r *Response) {
	switch r.Result {
	case Accepted:
	case Rejected:
		if strings.TrimSpace(r.RejectionReason) == "" {
			v.add(InvalidMessage, "RejectionReason", "missing on a rejection")
		}
	default:
		v.add(InvalidMessage, "Result", "%q: want Accepted or Rejected", excerpt(r.Result))
	}
}

func (v *validator) flex(f *FlexHeader) {
	v.market(f.ISPDuration, f.TimeZone)
	v.required("Period", f.Period.IsZero())
	if err := CheckEntityAddress(f.CongestionPoint); err != nil {
		v.add(InvalidCongestionPoint, "CongestionPoint", "%v", err)
	}
}

// market checks the values the Dutch market agrees on.
func (v *validator) market(ispDuration, tz string) {
	if ispDuration != ISPDuration {
		v.add(ISPDurationRejected, "ISP-Duration", "%q: the market's ISP is %s", excerpt(ispDuration), ISPDuration)
	}
	if tz != TimeZone {
		v.add(TimeZoneRejected, "TimeZone", "%q: the market's time zone is %s", excerpt(tz), TimeZone)
	}
}

func (v *validator) currency(c string) {
	if len(c) != 3 || strings.ToUpper(c) != c || strings.ContainsFunc(c, func(r rune) bool { return r < 'A' || r > 'Z' }) {
		v.add(InvalidMessage, "Currency", "%q: want an ISO 4217 code such as EUR", excerpt(c))
	}
}

func (v *validator) since310(version, field string, present bool) {
	if present && version == V300 {
		v.add(InvalidMessage, field, "not part of UFTP 3.0.0 (added in 3.1.0)")
	}
}

func (v *validator) uuid(field, s string) {
	if !isUUID(s) {
		v.add(InvalidMessage, field, "%q: want a UUID (8-4-4-4-12 hex digits)", excerpt(s))
	}
}

func (v *validator) optionalUUID(field, s string) {
	if s != "" {
		v.uuid(field, s)
	}
}

// run is a span of ISPs: Start and Duration as in the message.
type run struct{ start, n int }

func powerRuns(isps []PowerISP) []run {
	runs := make([]run, len(isps))
	for i, isp := range isps {
		runs[i] = run{isp.Start, isp.Duration.Value()}
	}
	return runs
}

// isps checks that runs of ISPs lie in the Period's local day (92, 96 or
// 100 ISPs) and do not overlap.
func (v *validator) isps(field string, period Date, runs []run) {
	if len(runs) == 0 {
		v.add(ISPsOutOfBounds, field, "none: want at least one")
		return
	}
	if period.IsZero() {
		return
	}
	n := ISPsIn(period)
	var seen [2]uint64 // n ≤ 100
	for i, r := range runs {
		if r.start < 1 || r.n < 1 || r.start+r.n-1 > n {
			v.add(ISPsOutOfBounds, fmt.Sprintf("%s[%d]", field, i+1), "Start %d Duration %d: %s has ISPs 1..%d", r.start, r.n, period, n)
			continue
		}
		for k := r.start - 1; k < r.start-1+r.n; k++ {
			if seen[k/64]&(1<<(k%64)) != 0 {
				v.add(ISPConflict, fmt.Sprintf("%s[%d]", field, i+1), "ISP %d given more than once", k+1)
				break
			}
			seen[k/64] |= 1 << (k % 64)
		}
	}
}

func (v *validator) settlement(t *FlexSettlement) {
	v.response(&t.Response)
	v.currency(t.Currency)
	v.required("PeriodStart", t.PeriodStart.IsZero())
	v.required("PeriodEnd", t.PeriodEnd.IsZero())
	if t.PeriodEnd.Before(t.PeriodStart) {
		v.add(PeriodOutOfBounds, "PeriodEnd", "%s before PeriodStart %s", t.PeriodEnd, t.PeriodStart)
	}
	// The schema's sequence requires both (the hand-made fixtures pin it).
	if len(t.Orders) == 0 {
		v.add(InvalidMessage, "FlexOrderSettlement", "none: want at least one")
	}
	if len(t.Contracts) == 0 {
		v.add(InvalidMessage, "ContractSettlement", "none: want at least one")
	}
	inPeriod := func(field string, d Date) {
		if d.Before(t.PeriodStart) || t.PeriodEnd.Before(d) {
			v.add(PeriodOutOfBounds, field, "%s outside %s..%s", d, t.PeriodStart, t.PeriodEnd)
		}
	}
	for i, o := range t.Orders {
		f := fmt.Sprintf("FlexOrderSettlement[%d]", i+1)
		inPeriod(f+".Period", o.Period)
		if err := CheckEntityAddress(o.CongestionPoint); err != nil {
			v.add(InvalidCongestionPoint, f+".CongestionPoint", "%v", err)
		}
		v.optionalUUID(f+".D-PrognosisMessageID", o.DPrognosisMessageID)
		runs := make([]run, len(o.ISPs))
		for k, isp := range o.ISPs {
			runs[k] = run{isp.Start, isp.Duration.Value()}
		}
		v.isps(f+".ISP", o.Period, runs)
	}
	for i, c := range t.Contracts {
		f := fmt.Sprintf("ContractSettlement[%d]", i+1)
		if len(c.Periods) == 0 {
			v.add(InvalidMessage, f+".Period", "none: want at least one")
		}
		for k, p := range c.Periods {
			pf := fmt.Sprintf("%s.Period[%d]", f, k+1)
			inPeriod(pf, p.Period)
			runs := make([]run, len(p.ISPs))
			for j, isp := range p.ISPs {
				runs[j] = run{isp.Start, isp.Duration.Value()}
			}
			v.isps(pf+".ISP", p.Period, runs)
		}
	}
}

func (v *validator) metering(t *Metering) {
	v.market(t.ISPDuration, t.TimeZone)
	v.required("Period", t.Period.IsZero())
	if t.Currency != "" {
		v.currency(t.Currency)
	}
	if !isMeteringEAN(t.EAN) {
		v.add(InvalidMessage, "EAN", "%q: want E followed by 16 digits (the 3.0.0 and 3.1.0 EANType)", excerpt(t.EAN))
	}
	if len(t.Profiles) == 0 {
		v.add(InvalidMessage, "Profile", "none: want at least one")
	}
	for i, p := range t.Profiles {
		f := fmt.Sprintf("Profile[%d]", i+1)
		if !contains(ProfileTypes, p.ProfileType) {
			v.add(InvalidMessage, f+".ProfileType", "%q: want one of %s", excerpt(p.ProfileType), strings.Join(ProfileTypes, ", "))
		}
		if !contains(MeteringUnits, p.Unit) {
			v.add(InvalidMessage, f+".Unit", "%q: want kW or kWh", excerpt(p.Unit))
		}
		runs := make([]run, len(p.ISPs))
		for k, isp := range p.ISPs {
			runs[k] = run{isp.Start, 1}
		}
		v.isps(f+".ISP", t.Period, runs)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkDomain applies InternetDomainType: lower-case labels of letters,
// digits and inner hyphens, and a top-level label of two or more letters.
func checkDomain(field, s string) error {
	if s == "" {
		return fmt.Errorf("missing")
	}
	if strings.ToLower(s) != s {
		return fmt.Errorf("%q: domains are lower-case in UFTP", excerpt(s))
	}
	labels := strings.Split(s, ".")
	bad := len(labels) < 2
	for i, l := range labels {
		if i == len(labels)-1 {
			bad = bad || len(l) < 2 || strings.ContainsFunc(l, func(r rune) bool { return r < 'a' || r > 'z' })
			continue
		}
		bad = bad || l == "" || l[0] == '-' || l[len(l)-1] == '-' || strings.Contains(l, "--") ||
			strings.ContainsFunc(l, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') })
	}
	if bad {
		return fmt.Errorf("%q is not an Internet domain such as dso.example.nl", excerpt(s))
	}
	return nil
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func isMeteringEAN(s string) bool {
	return len(s) == 17 && (s[0] == 'E' || s[0] == 'e') && allDigits(s[1:])
}

// CheckEntityAddress applies the schema's EntityAddressType: "ean." with
// 12 to 34 digits, or "ea1.YYYY-MM.authority:id". It does not check an
// EAN's GS1 check digit — the schema does not, and peers' test data (the
// Java library's "ean.871234567890123456") would fail it; addresses that
// gridflex makes itself go through StrictCongestionPoint.
func CheckEntityAddress(s string) error {
	if code, ok := strings.CutPrefix(s, "ean."); ok {
		if len(code) < 12 || len(code) > 34 || !allDigits(code) {
			return fmt.Errorf("%q: want \"ean.\" followed by 12 to 34 digits", excerpt(s))
		}
		return nil
	}
	if rest, ok := strings.CutPrefix(s, "ea1."); ok {
		if len(rest) > 8 && allDigits(rest[:4]) && rest[4] == '-' && allDigits(rest[5:7]) && rest[7] == '.' &&
			!strings.ContainsAny(rest, "\r\n") {
			tail := rest[8:]
			for i := 1; i < len(tail)-1 && i <= 244; i++ {
				if tail[i] == ':' && len(tail)-i-1 <= 244 {
					return nil
				}
			}
		}
		return fmt.Errorf("%q: want \"ea1.YYYY-MM.authority:identifier\"", excerpt(s))
	}
	return fmt.Errorf("%q: want \"ean.\" with digits or an \"ea1.\" address", excerpt(s))
}

// StrictCongestionPoint checks an "ean." congestion point that gridflex
// creates: exactly 18 digits with a correct GS1 check digit.
func StrictCongestionPoint(s string) error {
	_, err := ean.ParseCongestionPoint(s)
	return err
}
