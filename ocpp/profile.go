package ocpp

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
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

// DayProfile builds the request that applies a schedule of the local day
// starting at dayStart (Europe/Amsterdam midnight, UTC instant) to one
// charger: kw holds one value per ISP of that day in real time (96, or 92
// and 100 on the days the clocks change), and period i starts i × 900 s
// after startSchedule, so the profile carries exactly the schedule's
// energy. Consecutive equal limits are merged; limits are whole watts.
func DayProfile(dayStart time.Time, kw []float64, o Options) (SetChargingProfileRequest, error) {
	if series.LocalDayStart(dayStart) != dayStart.UTC() {
		return SetChargingProfileRequest{}, fmt.Errorf("ocpp: day start %s is not a local midnight", dayStart.Format(time.RFC3339))
	}
	l := dayStart.In(series.Amsterdam)
	n := series.ISPsInDay(l.Year(), l.Month(), l.Day())
	if len(kw) != n {
		return SetChargingProfileRequest{}, fmt.Errorf("ocpp: %s has %d quarter-hours, got %d values", l.Format(time.DateOnly), n, len(kw))
	}
	var periods []Period
	add := func(start int, w float64) {
		if len(periods) > 0 && periods[len(periods)-1].Limit == w {
			return
		}
		periods = append(periods, Period{StartPeriod: start, Limit: w})
	}
	const ispSec = int(series.ISP / time.Second)
	for i, v := range kw {
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

// LimitCSV is the site's grid limit per ISP of the local day from
// dayStart (one value per real ISP, like DayProfile): start (UTC, RFC
// 3339), local time, offtake limit in kW. The limit caps offtake from the
// grid, so it is never negative: a negative value would ask a site to
// export, which a site without feed-in cannot. A negative kw is an error,
// not clipped here.
func LimitCSV(dayStart time.Time, kw []float64) ([]byte, error) {
	l := dayStart.In(series.Amsterdam)
	if n := series.ISPsInDay(l.Year(), l.Month(), l.Day()); len(kw) != n {
		return nil, fmt.Errorf("ocpp: %s has %d quarter-hours, got %d limits", l.Format(time.DateOnly), n, len(kw))
	}
	for i, v := range kw {
		if !(v >= 0) {
			return nil, fmt.Errorf("ocpp: offtake limit of quarter-hour %d: want ≥ 0 kW, got %v", i, v)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"start_utc", "local", "offtake_limit_kw"})
	for i, v := range kw {
		t := dayStart.UTC().Add(time.Duration(i) * series.ISP)
		_ = w.Write([]string{t.Format(time.RFC3339), t.In(series.Amsterdam).Format("15:04"), strconv.FormatFloat(v, 'f', 3, 64)})
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// Charger is one charger's schedule for Export.
type Charger struct {
	ID    string
	KW    []float64 // one value per ISP of the day, as DayProfile
	MinKW float64
}

// File is one file of an export: a name inside the export directory and
// its content.
type File struct {
	Name string
	Data []byte
}

// Manifest is the name of the file that maps every charger to its profile.
const Manifest = "chargers.csv"

// Export is the whole OCPP export of one day: one profile per charger
// (profile id = its line in the manifest), chargers.csv mapping each
// charger id to its file, and grid_limit.csv. File names come from the
// charger ids (FileName) and are made unique, also where ids differ only
// after sanitising or in case (file systems that ignore case would merge
// them); two chargers with the same id are an error, never merged.
func Export(dayStart time.Time, chargers []Charger, limitKW []float64) ([]File, error) {
	seen := map[string]bool{}
	taken := map[string]bool{strings.ToLower(Manifest): true, "grid_limit.csv": true}
	var files []File
	var man bytes.Buffer
	mw := csv.NewWriter(&man)
	_ = mw.Write([]string{"charger_id", "file", "profile_id", "evse_id", "kwh"})
	for i, c := range chargers {
		if seen[c.ID] {
			return nil, fmt.Errorf("ocpp: charger %q twice: want one profile per charger", c.ID)
		}
		seen[c.ID] = true
		req, err := DayProfile(dayStart, c.KW, Options{EvseID: 1, ProfileID: i + 1, MinKW: c.MinKW})
		if err != nil {
			return nil, fmt.Errorf("charger %s: %w", c.ID, err)
		}
		b, err := req.JSON()
		if err != nil {
			return nil, err
		}
		base := strings.TrimSuffix(FileName(c.ID), ".json")
		name := base + ".json"
		for k := 2; taken[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s-%d.json", base, k)
		}
		taken[strings.ToLower(name)] = true
		files = append(files, File{Name: name, Data: b})
		_ = mw.Write([]string{c.ID, name, strconv.Itoa(i + 1), "1", strconv.FormatFloat(req.KWh(), 'f', 3, 64)})
	}
	mw.Flush()
	if err := mw.Error(); err != nil {
		return nil, err
	}
	limit, err := LimitCSV(dayStart, limitKW)
	if err != nil {
		return nil, err
	}
	return append(files, File{Name: Manifest, Data: man.Bytes()}, File{Name: "grid_limit.csv", Data: limit}), nil
}

// KWh is the energy the request's schedule allows: every period's limit
// over its length in seconds.
func (r SetChargingProfileRequest) KWh() float64 {
	var wh float64
	for _, cs := range r.ChargingProfile.ChargingSchedule {
		ps := cs.ChargingSchedulePeriod
		for k, p := range ps {
			end := cs.Duration
			if k+1 < len(ps) {
				end = ps[k+1].StartPeriod
			}
			wh += p.Limit * float64(end-p.StartPeriod) / 3600
		}
	}
	return wh / 1000
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
