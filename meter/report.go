package meter

import (
	"time"
)

// Report describes an imported file: how it was read and the quality of
// each connection.
type Report struct {
	File        string
	Format      Format
	Rows        int // data rows (lines after the header, blank lines excluded)
	Connections []Quality
}

// Format is what the importer detected or was told.
type Format struct {
	Kind       string // "csv" or "xlsx"
	Layout     string // "long" (EAN column, one row per reading), "wide" (one column per connection) or "single"
	Separator  string // ";", ",", "tab" (CSV only)
	Decimal    string // ".", "," or "" when no number had a decimal mark
	BOM        bool
	Timestamps string // "with UTC offset", "without offset, read in Europe/Amsterdam" or mixed
	LabelEnd   bool   // timestamps mark interval ends
	Columns    []ColumnInfo
}

// ColumnInfo is one header cell and how it was read.
type ColumnInfo struct {
	Name string `json:"name"`
	Role string `json:"role"`
	Unit string `json:"unit,omitempty"`
}

// Quality is the data-quality report of one connection. Counts of
// readings refer to source rows (an hourly reading is one reading); counts
// of ISPs to the quarter-hour series.
type Quality struct {
	EAN        string
	Start, End time.Time     // period covered by the readings, UTC
	Resolution time.Duration // of the source readings
	Readings   int
	// ExpectedISPs is the number of ISPs in [Start, End) — with 92 and 100
	// on DST days; PresentISPs of them have an offtake value.
	ExpectedISPs, PresentISPs int
	EmptyValues               int   // readings whose value field was blank
	Gaps                      []Gap // runs of ISPs without offtake value, first maxListed
	GapCount                  int   // all runs
	Duplicates                int   // readings for an ISP already read; the first is kept
	Conflicts                 int   // of those, with a different value
	DuplicateList             []Duplicate
	Negative                  int     // readings below zero
	Zero                      int     // offtake readings of exactly zero (some sources write 0 for missing)
	Implausible               int     // readings above SpikeFactor × mean absolute power
	Estimated                 int     // readings flagged estimated by the source
	MaxKW                     float64 // highest offtake ISP, kW
	EnergyKWh                 float64 // offtake over present ISPs
	DST                       []DSTDay
	Notes                     []string // interpretations the importer made
}

// MissingISPs is ExpectedISPs − PresentISPs.
func (q Quality) MissingISPs() int { return q.ExpectedISPs - q.PresentISPs }

// Gap is a run of ISPs without value, [Start, End).
type Gap struct {
	Start, End time.Time
	ISPs       int
}

// Duplicate is a second reading of an ISP.
type Duplicate struct {
	At        time.Time
	FirstLine int
	Line      int
	FirstKW   float64 // kept
	KW        float64 // ignored
}

// DSTDay is a day the clocks change inside the period: ISPs is 92 or 100;
// Present counts those with an offtake value.
type DSTDay struct {
	Date    string `json:"date"`
	ISPs    int    `json:"isps"`
	Present int    `json:"present"`
}

// maxListed bounds lists in a report; the counts stay complete.
const maxListed = 50
