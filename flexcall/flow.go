package flexcall

import (
	"fmt"
	"math"
	"strings"
	"time"

	"gridflex/series"
	"gridflex/uftp"
)

// Envelope is what the caller supplies for a new message: identifiers and
// the clock are inputs here, never made or read.
type Envelope struct {
	Version         string // uftp.V300 or uftp.V310
	SenderDomain    string
	RecipientDomain string
	MessageID       string
	ConversationID  string // ignored for replies, which keep their conversation
	TimeStamp       time.Time
}

func (e Envelope) header(conversation string) uftp.Header {
	if conversation == "" {
		conversation = e.ConversationID
	}
	return uftp.Header{
		Version: e.Version, SenderDomain: e.SenderDomain, RecipientDomain: e.RecipientDomain,
		TimeStamp: e.TimeStamp, MessageID: e.MessageID, ConversationID: conversation,
	}
}

func flexHeader(h uftp.Header, day uftp.Date, point string) uftp.FlexHeader {
	return uftp.FlexHeader{Header: h, ISPDuration: uftp.ISPDuration, TimeZone: uftp.TimeZone, Period: day, CongestionPoint: point}
}

// kwToW rounds a power to whole watts, UFTP's unit.
func kwToW(kw float64) uftp.Watt { return uftp.Watt(math.Round(kw * 1000)) }

// Request is the FlexRequest of one call: every ISP of the day, the called
// reduction as Requested with MinPower = MaxPower = −reduction in W, the
// rest Available at 0 — the shape GOPACS sends for a contract-based call.
// Equal neighbouring ISPs share one element (Duration).
func Request(call Call, day uftp.Date, env Envelope, expires time.Time, revision int64) (*uftp.FlexRequest, error) {
	if n := uftp.ISPsIn(day); len(call.ReductionKW) != n {
		return nil, fmt.Errorf("call of %s: %d ISPs, %s has %d", call.Contract.ID, len(call.ReductionKW), day, n)
	}
	r := &uftp.FlexRequest{
		FlexHeader: flexHeader(env.header(""), day, call.Contract.CongestionPoint),
		Revision:   revision, ExpirationDateTime: expires, ContractID: call.Contract.ID,
	}
	for i, kw := range call.ReductionKW {
		w := -kwToW(kw)
		isp := uftp.FlexRequestISP{Disposition: uftp.Available, Start: i + 1, Duration: 1}
		if w != 0 {
			isp = uftp.FlexRequestISP{Disposition: uftp.Requested, MinPower: w, MaxPower: w, Start: i + 1, Duration: 1}
		}
		if k := len(r.ISPs) - 1; k >= 0 && r.ISPs[k].Disposition == isp.Disposition &&
			r.ISPs[k].MinPower == isp.MinPower && r.ISPs[k].MaxPower == isp.MaxPower {
			r.ISPs[k].Duration++
			continue
		}
		r.ISPs = append(r.ISPs, isp)
	}
	return r, nil
}

// mirror is the power a contract-based offer gives for a Requested ISP:
// the bound of the request farther from zero, i.e. all that was asked
// (GOPACS sends MinPower = MaxPower for these calls).
func mirror(isp uftp.FlexRequestISP) uftp.Watt {
	if isp.Disposition != uftp.Requested {
		return 0
	}
	if -isp.MinPower > isp.MaxPower {
		return isp.MinPower
	}
	return isp.MaxPower
}

// MirrorOffer is the CSP's answer to a contract-based FlexRequest, as
// GOPACS expects it: one option at price 0 that offers exactly what was
// requested per ISP (0 on Available ISPs), in the request's conversation
// and for its contract. The contract's own fees settle the call.
func MirrorOffer(req *uftp.FlexRequest, env Envelope, expires time.Time, optionRef string) *uftp.FlexOffer {
	o := &uftp.FlexOffer{
		FlexHeader:         flexHeader(env.header(req.ConversationID), req.Period, req.CongestionPoint),
		ExpirationDateTime: expires, FlexRequestMessageID: req.MessageID, ContractID: req.ContractID, Currency: "EUR",
	}
	opt := uftp.OfferOption{OptionReference: optionRef, Price: 0}
	for _, isp := range req.ISPs {
		opt.ISPs = append(opt.ISPs, uftp.PowerISP{Power: mirror(isp), Start: isp.Start, Duration: isp.Duration})
	}
	o.Options = []uftp.OfferOption{opt}
	return o
}

// powers spreads runs of ISPs over the day: index ISP−1.
func powers(day uftp.Date, isps []uftp.PowerISP) []uftp.Watt {
	w := make([]uftp.Watt, uftp.ISPsIn(day))
	for _, isp := range isps {
		for k := isp.Start - 1; k < isp.Start-1+isp.Duration.Value() && k < len(w); k++ {
			if k >= 0 {
				w[k] = isp.Power
			}
		}
	}
	return w
}

// Accept picks the cheapest option of an offer that gives every Requested
// ISP of the request a power between its MinPower and MaxPower; the error
// says why each option falls short.
func Accept(req *uftp.FlexRequest, offer *uftp.FlexOffer) (*uftp.OfferOption, error) {
	if offer.FlexRequestMessageID != req.MessageID || offer.Period != req.Period || offer.CongestionPoint != req.CongestionPoint {
		return nil, fmt.Errorf("offer %s does not answer request %s for %s at %s", offer.MessageID, req.MessageID, req.Period, req.CongestionPoint)
	}
	var best *uftp.OfferOption
	var why []string
	for i := range offer.Options {
		opt := &offer.Options[i]
		p := powers(req.Period, opt.ISPs)
		short := ""
		for _, isp := range req.ISPs {
			if isp.Disposition != uftp.Requested {
				continue
			}
			for k := isp.Start - 1; k < isp.Start-1+isp.Duration.Value() && short == ""; k++ {
				if p[k] < isp.MinPower || p[k] > isp.MaxPower {
					short = fmt.Sprintf("option %q gives %d W in ISP %d, requested %d..%d W", opt.OptionReference, p[k], k+1, isp.MinPower, isp.MaxPower)
				}
			}
		}
		if short != "" {
			why = append(why, short)
			continue
		}
		if best == nil || opt.Price < best.Price {
			best = opt
		}
	}
	if best == nil {
		return nil, fmt.Errorf("offer %s covers the request with no option: %s", offer.MessageID, strings.Join(why, "; "))
	}
	return best, nil
}

// Order is the FlexOrder of an accepted option, at its price and full
// activation, in the offer's conversation.
func Order(offer *uftp.FlexOffer, opt *uftp.OfferOption, env Envelope, orderRef string) *uftp.FlexOrder {
	return &uftp.FlexOrder{
		FlexHeader:         flexHeader(env.header(offer.ConversationID), offer.Period, offer.CongestionPoint),
		FlexOfferMessageID: offer.MessageID, ContractID: offer.ContractID, BaselineReference: offer.BaselineReference,
		Price: opt.Price, Currency: offer.Currency, OrderReference: orderRef, OptionReference: opt.OptionReference,
		ISPs: append([]uftp.PowerISP(nil), opt.ISPs...),
	}
}

// Limit turns an order into the connection's limit for the day, per ISP
// in kW: the baseline plus the ordered flex (a reduction lowers it) where
// the order asks for flex, otherwiseKW (the contracted capacity) elsewhere.
// The series starts at the day's local midnight and has its 92, 96 or 100
// ISPs, the input of contract checks and of the charging scheduler.
func Limit(order *uftp.FlexOrder, baselineKW series.Series, otherwiseKW float64) (series.Series, error) {
	day := order.Period
	w := powers(day, order.ISPs)
	out := series.New(uftp.DayStart(day), len(w))
	for k, p := range w {
		if p == 0 {
			out.KW[k] = float32(otherwiseKW)
			continue
		}
		i, ok := baselineKW.Index(out.At(k))
		if !ok || baselineKW.Missing(i) {
			return series.Series{}, fmt.Errorf("order %s: no baseline for ISP %d of %s (%s)", order.OrderReference, k+1, day, out.At(k).Format(time.RFC3339))
		}
		out.KW[k] = float32(float64(baselineKW.KW[i]) + float64(p)/1000)
	}
	return out, nil
}
