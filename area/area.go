package area

import (
	"time"

	"gridflex/contract"
	"gridflex/series"
)

// Area is a parsed, validated area file: one station and what lies under it.
type Area struct {
	File      string // the area file, for messages
	Name      string
	ShortCode string // the capacity map's short code of the energy area

	Since contract.Date // the area exists from this day on; no date in the file lies before it
	AsOf  contract.Date // the day the analysis is made for (contracts in force, the queue)

	Station       Station
	Reinforcement Reinforcement

	// Load is the station's offtake load in kW over the base period: the
	// measured year every simulated year stands for.
	Load       series.Series
	LoadSource string // "meter FILE" or "sum of N connections (M metered, K profiled)"

	Connections []Connection
	Contracts   []*contract.Contract
	// ContractAt is the area file's line that named each contract file.
	ContractAt []int

	Categories []Category // in priority order, highest first
	Requests   []Request  // as in the file

	// Margin is the area's safety margin, NaN when the file names none
	// (the scenario's area.margin applies).
	Margin float64
}

// Station is the transformer station the area hangs under.
type Station struct {
	OfftakeKW float64 // capacity for offtake
	FeedinKW  float64 // capacity for feed-in
	// FeedinAvailableKW is feed-in capacity not yet given out; flex
	// contracts on offtake free none, so feed-in requests get only this.
	FeedinAvailableKW float64
}

// Reinforcement is the planned grid reinforcement that ends the congestion.
type Reinforcement struct {
	Date      contract.Date
	OfftakeKW float64 // offtake capacity it adds
}

// Connection is one connection under the station.
type Connection struct {
	EAN       string
	Name      string
	OfftakeKW float64 // contracted transport capacity (GTV), offtake
	FeedinKW  float64
	// Load is its offtake over the base period: meter data (Metered) or a
	// declared profile × PeakKW; length 0 when neither is given.
	Load    series.Series
	Metered bool
	Line    int
}

// Category is a priority category of the waiting list. Categories are data:
// the Netcode prioritisation framework changed in 2024 and on 2026-01-01.
type Category struct {
	ID   string
	Name string
}

// Request is a party on the waiting list.
type Request struct {
	ID        string
	Name      string
	OfftakeKW float64
	FeedinKW  float64
	Requested contract.Date // the date of the complete request
	Category  string
	Priority  int // index of Category in Area.Categories
	Profile   Profile
	Line      int
}

// Profile is an expected load shape over the base period: per ISP a share
// of the requested kW between 0 and 1.
type Profile struct {
	Kind   string // flat, office, depot, residential, industry, meter, scan
	Source string // the file of a meter or scan profile
	Shape  []float32
}

// Days is the number of local days of the base period.
func (a *Area) Days() int { return len(series.LocalDays(a.Load.Start, a.Load.End())) }

// Horizon is the number of days from AsOf to the reinforcement.
func (a *Area) Horizon() int { return a.AsOf.DaysUntil(a.Reinforcement.Date) }

// baseDay maps each ISP of the base period to its local day index.
func (a *Area) calendar() *series.Calendar { return series.NewCalendar(a.Load.Start, a.Load.Len()) }

// PeakKW is the largest measured station load and its instant.
func (a *Area) PeakKW() (float64, time.Time) {
	kw, i := a.Load.MaxKW()
	return kw, a.Load.At(i)
}
