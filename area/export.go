package area

import (
	"fmt"
	"math"
	"strings"
)

// CapacityMapVersion is the version of the grid operators' capacity-map
// information model (Netbeheer Nederland, im-capaciteitskaart) the export
// conforms to.
const CapacityMapVersion = "http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0"

// CapacityMap is a capacity-map dataset (im-capaciteitskaart v1.3.0) with
// one energy area. Capacities are in MW, as the model defines them.
type CapacityMap struct {
	ConformsTo  string          `json:"conforms_to"`
	Creator     string          `json:"creator"`
	Identifier  string          `json:"identifier"`
	Issued      string          `json:"issued"`
	Description string          `json:"description,omitempty"`
	Updated     []MapUpdate     `json:"updated,omitempty"`
	EnergyAreas []MapEnergyArea `json:"energy_areas"`
}

// MapUpdate says which information of the dataset was updated when: KI
// (capacity information), WR (waiting list) and others of the model.
type MapUpdate struct {
	Date string `json:"date"`
	Type string `json:"type"`
}

// MapEnergyArea is the model's EnergyArea (voedingsgebied).
type MapEnergyArea struct {
	ShortCode   string `json:"short_code"`
	Description string `json:"description,omitempty"`

	DemandAvailableMW        float64 `json:"demand_available_capacity"`
	DemandQueueMW            float64 `json:"demand_capacity_in_queue"`
	DemandRequestsInQueue    int     `json:"demand_requests_in_queue"`
	DemandConstraint         string  `json:"demand_constraint"`
	DemandAlleviationYear    int     `json:"demand_alleviation_year"`
	GenerationAvailableMW    float64 `json:"generation_available_capacity"`
	GenerationQueueMW        float64 `json:"generation_capacity_in_queue"`
	GenerationRequestsQueued int     `json:"generation_requests_in_queue"`
	GenerationConstraint     string  `json:"generation_constraint"`

	Works []MapWork `json:"works"`
}

// MapWork is planned grid work; the reinforcement is the area's one work.
type MapWork struct {
	ProjectName   string            `json:"project_name"`
	Description   string            `json:"description,omitempty"`
	StatusKind    string            `json:"status_kind,omitempty"`
	TimeSchedules []MapTimeSchedule `json:"time_schedules"`
}

// MapTimeSchedule holds the interval of a work.
type MapTimeSchedule struct {
	ScheduleInterval MapInterval `json:"schedule_interval"`
}

// MapInterval is a date interval; End is excluded.
type MapInterval struct {
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
}

// rag is the model's congestion colour: transparant (capacity, no queue),
// yellow (limited, no queue), red (shortage, with a queue).
func rag(availableMW, queueMW float64) string {
	switch {
	case queueMW > 0:
		return "red"
	case availableMW > 0:
		return "transparant"
	}
	return "yellow"
}

// ExportCapacityMap describes the area after rel as the capacity map does:
// what is still available to a new party (reissuable not granted), what
// the waiting list still asks, its colour, the year the reinforcement
// alleviates it. creator names who publishes it.
func ExportCapacityMap(a *Area, rel *Release, creator string) CapacityMap {
	ea := MapEnergyArea{ShortCode: a.ShortCode, Description: a.Name,
		DemandAvailableMW:     round3(max(0, rel.ReissuableKW-rel.GrantedOfftakeKW) / 1000),
		GenerationAvailableMW: round3(max(0, rel.FeedinAvailableKW-rel.GrantedFeedinKW) / 1000),
		DemandAlleviationYear: a.Reinforcement.Date.Year}
	for _, o := range rel.Offers {
		if rest := o.OfftakeKW - o.GrantedOfftakeKW; rest > 1e-9 {
			ea.DemandQueueMW += rest / 1000
			ea.DemandRequestsInQueue++
		}
		if rest := o.FeedinKW - o.GrantedFeedinKW; rest > 1e-9 {
			ea.GenerationQueueMW += rest / 1000
			ea.GenerationRequestsQueued++
		}
	}
	ea.DemandQueueMW, ea.GenerationQueueMW = round3(ea.DemandQueueMW), round3(ea.GenerationQueueMW)
	ea.DemandConstraint = rag(ea.DemandAvailableMW, ea.DemandQueueMW)
	ea.GenerationConstraint = rag(ea.GenerationAvailableMW, ea.GenerationQueueMW)
	ea.Works = []MapWork{{ProjectName: "reinforcement " + a.ShortCode,
		Description: fmt.Sprintf("reinforcement adding %.1f MW offtake capacity", a.Reinforcement.OfftakeKW/1000),
		StatusKind:  "scheduled",
		TimeSchedules: []MapTimeSchedule{{ScheduleInterval: MapInterval{Start: a.AsOf.String(),
			End: a.Reinforcement.Date.String()}}}}}
	id := strings.ToLower(strings.Join(strings.Fields(a.ShortCode), "-"))
	return CapacityMap{ConformsTo: CapacityMapVersion, Creator: creator, Identifier: "gridflex-area-" + id,
		Issued: a.AsOf.String(), Description: fmt.Sprintf("%s after reissuing %.2f MW of %.2f MW freed by flex contracts (margin %.2f, study §6)",
			a.Name, rel.ReissuableKW/1000, rel.FreedKW/1000, rel.Margin),
		Updated:     []MapUpdate{{Date: a.AsOf.String(), Type: "KI"}, {Date: a.AsOf.String(), Type: "WR"}},
		EnergyAreas: []MapEnergyArea{ea}}
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
