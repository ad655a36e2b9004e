package ocpp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"gridflex/series"
)

// SetChargingProfileRequest is the OCPP 2.0.1 request (schema
// SetChargingProfileRequest.json); only the fields gridflex sets.
type SetChargingProfileRequest struct {
	EvseID          int             `json:"evseId"`
	ChargingProfile ChargingProfile `json:"chargingProfile"`
}

// ChargingProfile is ChargingProfileType.
type ChargingProfile struct {
	ID                     int                `json:"id"`
	StackLevel             int                `json:"stackLevel"`
	ChargingProfilePurpose string             `json:"chargingProfilePurpose"`
	ChargingProfileKind    string             `json:"chargingProfileKind"`
	ValidFrom              string             `json:"validFrom,omitempty"`
	ValidTo                string             `json:"validTo,omitempty"`
	ChargingSchedule       []ChargingSchedule `json:"chargingSchedule"`
}

// ChargingSchedule is ChargingScheduleType.
type ChargingSchedule struct {
	ID                     int      `json:"id"`
	StartSchedule          string   `json:"startSchedule"`
	Duration               int      `json:"duration"`
	ChargingRateUnit       string   `json:"chargingRateUnit"`
	ChargingSchedulePeriod []Period `json:"chargingSchedulePeriod"`
}

// Period is ChargingSchedulePeriodType: the limit from StartPeriod seconds
// after the schedule's start until the next period.
type Period struct {
	StartPeriod int     `json:"startPeriod"`
	Limit       float64 `json:"limit"`
}

// maxPeriods is the schema's maxItems of chargingSchedulePeriod.
const maxPeriods = 1024

// Options identify the profile on the charging station.
type Options struct {
	EvseID     int // the EVSE on its charging station (≥ 1)
	ProfileID  int
	StackLevel int
	// MinKW is the vehicle's lowest charging power (IEC 61851: 6 A). A
	// quarter-hour whose mean power p is below it is sent as MinKW for
	// p ÷ MinKW of the quarter-hour (whole seconds) and 0 for the rest:
	// the same energy, and the same mean over the settlement interval.
	MinKW float64
}

// DayProfile builds the request that applies a typical-day schedule (96
// quarter-hour values in kW, slot t = local wall-clock t·15 min) to the
// local day starting at dayStart (Europe/Amsterdam midnight, UTC instant).
// On DST days (92 or 100 quarter-hours) each quarter-hour takes the value
// of its wall-clock time. Consecutive equal limits are merged; limits are
// whole watts.
func DayProfile(dayStart time.Time, kw []float64, o Options) (SetChargingProfileRequest, error) {
	if len(kw) != 96 {
		return SetChargingProfileRequest{}, fmt.Errorf("ocpp: want 96 quarter-hour values, got %d", len(kw))
	}
	l := dayStart.In(series.Amsterdam)
	n := series.ISPsInDay(l.Year(), l.Month(), l.Day())
	if series.LocalDayStart(dayStart) != dayStart.UTC() {
		return SetChargingProfileRequest{}, fmt.Errorf("ocpp: day start %s is not a local midnight", dayStart.Format(time.RFC3339))
	}
	cal := series.NewCalendar(dayStart.UTC(), n)
	var periods []Period
	add := func(start int, w float64) {
		if len(periods) > 0 && periods[len(periods)-1].Limit == w {
			return
		}
		periods = append(periods, Period{StartPeriod: start, Limit: w})
	}
	const ispSec = int(series.ISP / time.Second)
	for i := range n {
		v := kw[int(cal.Minute[i])/15]
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return SetChargingProfileRequest{}, fmt.Errorf("ocpp: quarter-hour %d: want a power ≥ 0, got %g kW", i, v)
		}
		w := math.Round(v * 1000)
		if minW := math.Round(o.MinKW * 1000); w > 0 && w < minW {
			on := int(math.Round(float64(ispSec) * w / minW))
			if on > 0 {
				add(i*ispSec, minW)
			}
			if on < ispSec {
				add(i*ispSec+on, 0)
			}
			continue
		}
		add(i*ispSec, w)
	}
	if len(periods) > maxPeriods {
		return SetChargingProfileRequest{}, fmt.Errorf("ocpp: %d periods, the schema allows %d", len(periods), maxPeriods)
	}
	start := dayStart.UTC().Format(time.RFC3339)
	end := dayStart.Add(time.Duration(n) * series.ISP).UTC().Format(time.RFC3339)
	return SetChargingProfileRequest{
		EvseID: o.EvseID,
		ChargingProfile: ChargingProfile{
			ID: o.ProfileID, StackLevel: o.StackLevel,
			ChargingProfilePurpose: "TxDefaultProfile", ChargingProfileKind: "Absolute",
			ValidFrom: start, ValidTo: end,
			ChargingSchedule: []ChargingSchedule{{
				ID: o.ProfileID, StartSchedule: start, Duration: n * int(series.ISP/time.Second),
				ChargingRateUnit: "W", ChargingSchedulePeriod: periods,
			}},
		},
	}, nil
}

// JSON encodes the request, indented.
func (r SetChargingProfileRequest) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// LimitCSV is the site's grid limit per quarter-hour of the local day from
// dayStart: start (UTC, RFC 3339), local time, offtake limit in kW. The
// limit caps offtake from the grid, so it is never negative: a negative
// value would ask a site to export, which a site without feed-in cannot.
// The header says so; a negative kw is an error, not clipped here.
func LimitCSV(dayStart time.Time, kw []float64) ([]byte, error) {
	if len(kw) != 96 {
		return nil, fmt.Errorf("ocpp: want 96 quarter-hour values, got %d", len(kw))
	}
	for i, v := range kw {
		if !(v >= 0) {
			return nil, fmt.Errorf("ocpp: offtake limit of quarter-hour %d: want ≥ 0 kW, got %v", i, v)
		}
	}
	l := dayStart.In(series.Amsterdam)
	n := series.ISPsInDay(l.Year(), l.Month(), l.Day())
	cal := series.NewCalendar(dayStart.UTC(), n)
	var b bytes.Buffer
	b.WriteString("start_utc,local,offtake_limit_kw\n")
	for i := range n {
		t := dayStart.UTC().Add(time.Duration(i) * series.ISP)
		fmt.Fprintf(&b, "%s,%s,%.3f\n", t.Format(time.RFC3339), t.In(series.Amsterdam).Format("15:04"), kw[int(cal.Minute[i])/15])
	}
	return b.Bytes(), nil
}

// FileName turns a charger id into a safe file name.
func FileName(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.Trim(b.String(), ".")
	if s == "" {
		s = "charger"
	}
	return s + ".json"
}
