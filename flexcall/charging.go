package flexcall

import (
	"context"
	"fmt"
	"math"

	"gridflex/ocpp"
	"gridflex/schedule"
	"gridflex/series"
)

// ChargingDay is a charging site's day for the exact scheduler: the
// problem over the day's ISPs (one slot per ISP, not cyclic) and the
// charger of each vehicle.
type ChargingDay struct {
	Problem    schedule.Problem
	ChargerIDs []string // per vehicle of Problem.Vehicles
	MinKW      float64  // smallest power a charger accepts (ocpp.Options)
}

// Recharge turns an order's limit for the day (Limit) into a new charging
// schedule and its OCPP 2.0.1 profiles: in every ISP the vehicles may
// charge at most limit − other load (never below zero), and the exact
// scheduler (package schedule) finds the schedule with the smallest peak
// under that cap; vehicles that can no longer get their energy are in
// Schedule.Short. The files are ocpp.Export's: one profile per charger,
// chargers.csv and grid_limit.csv.
func Recharge(ctx context.Context, day ChargingDay, limitKW series.Series) (schedule.Schedule, []ocpp.File, error) {
	p := day.Problem
	if p.Slots != limitKW.Len() || p.Cyclic {
		return schedule.Schedule{}, nil, fmt.Errorf("charging day of %d slots (cyclic %v), limit of %d ISPs: want the same day, not cyclic", p.Slots, p.Cyclic, limitKW.Len())
	}
	if len(day.ChargerIDs) != len(p.Vehicles) {
		return schedule.Schedule{}, nil, fmt.Errorf("%d charger ids for %d vehicles", len(day.ChargerIDs), len(p.Vehicles))
	}
	capKW := make([]float64, p.Slots)
	limits := make([]float64, p.Slots)
	for t := range capKW {
		if limitKW.Missing(t) {
			return schedule.Schedule{}, nil, fmt.Errorf("limit: ISP %d is missing", t+1)
		}
		limits[t] = float64(limitKW.KW[t])
		base := 0.0
		if p.BaseKW != nil {
			base = p.BaseKW[t]
		}
		capKW[t] = math.Max(0, limits[t]-base)
		if p.MaxChargeKW != nil && p.MaxChargeKW[t] < capKW[t] {
			capKW[t] = p.MaxChargeKW[t]
		}
	}
	p.MaxChargeKW = capKW
	s, err := schedule.Solve(ctx, p)
	if err != nil {
		return schedule.Schedule{}, nil, err
	}
	chargers := make([]ocpp.Charger, len(p.Vehicles))
	for i, id := range day.ChargerIDs {
		chargers[i] = ocpp.Charger{ID: id, KW: s.KW[i], MinKW: day.MinKW}
	}
	files, err := ocpp.Export(limitKW.Start, chargers, limits)
	if err != nil {
		return schedule.Schedule{}, nil, err
	}
	return s, files, nil
}
