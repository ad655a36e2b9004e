package wire

import (
	"math"
	"time"

	"gridflex/meter"
)

// MeterReport is `meter inspect --format json`: the import's format and
// its quality per connection. Instants are RFC 3339 UTC, durations in
// minutes.
type MeterReport struct {
	File        string         `json:"file"`
	Format      MeterFormat    `json:"format"`
	Rows        int            `json:"rows"`
	Connections []MeterQuality `json:"connections"`
}

// MeterFormat is how the importer read the file.
type MeterFormat struct {
	Kind       string             `json:"kind"`
	Layout     string             `json:"layout"`
	Separator  string             `json:"separator,omitempty"`
	Decimal    string             `json:"decimal"`
	BOM        bool               `json:"bom"`
	Timestamps string             `json:"timestamps"`
	LabelEnd   bool               `json:"label_end"`
	Columns    []meter.ColumnInfo `json:"columns"`
}

// MeterQuality is the data quality of one connection.
type MeterQuality struct {
	EAN               string         `json:"ean"`
	Start             time.Time      `json:"start"`
	End               time.Time      `json:"end"`
	ResolutionMinutes int            `json:"resolution_minutes"`
	Readings          int            `json:"readings"`
	ExpectedISPs      int            `json:"expected_isps"`
	PresentISPs       int            `json:"present_isps"`
	MissingISPs       int            `json:"missing_isps"`
	EmptyValues       int            `json:"empty_values"`
	GapCount          int            `json:"gap_count"`
	Gaps              []Gap          `json:"gaps"`
	Duplicates        int            `json:"duplicates"`
	Conflicts         int            `json:"conflicts"`
	DuplicateList     []Duplicate    `json:"duplicate_list"`
	Negative          int            `json:"negative"`
	Zero              int            `json:"zero"`
	Implausible       int            `json:"implausible"`
	Estimated         int            `json:"estimated"`
	MaxKW             *float64       `json:"max_kw"`
	EnergyKWh         float64        `json:"energy_kwh"`
	DST               []meter.DSTDay `json:"dst_days"`
	Notes             []string       `json:"notes"`
}

// Gap is a run of missing ISPs.
type Gap struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	ISPs  int       `json:"isps"`
}

// Duplicate is a reading repeated on a later line.
type Duplicate struct {
	At        time.Time `json:"at"`
	FirstLine int       `json:"first_line"`
	Line      int       `json:"line"`
	FirstKW   float64   `json:"first_kw"`
	KW        float64   `json:"kw"`
}

// FromMeterReport is the document of rep.
func FromMeterReport(rep meter.Report) MeterReport {
	ft := rep.Format
	out := MeterReport{File: rep.File, Rows: rep.Rows, Connections: []MeterQuality{},
		Format: MeterFormat{ft.Kind, ft.Layout, ft.Separator, ft.Decimal, ft.BOM, ft.Timestamps, ft.LabelEnd, ft.Columns}}
	for _, q := range rep.Connections {
		j := MeterQuality{EAN: q.EAN, Start: q.Start, End: q.End, ResolutionMinutes: int(q.Resolution / time.Minute),
			Readings: q.Readings, ExpectedISPs: q.ExpectedISPs, PresentISPs: q.PresentISPs, MissingISPs: q.MissingISPs(),
			EmptyValues: q.EmptyValues, GapCount: q.GapCount, Gaps: []Gap{}, Duplicates: q.Duplicates, Conflicts: q.Conflicts,
			DuplicateList: []Duplicate{}, Negative: q.Negative, Zero: q.Zero, Implausible: q.Implausible, Estimated: q.Estimated,
			MaxKW: orNull(asFloat32(q.MaxKW), q.MaxKW == q.MaxKW), EnergyKWh: math.Round(q.EnergyKWh*1000) / 1000,
			DST: q.DST, Notes: q.Notes}
		for _, g := range q.Gaps {
			j.Gaps = append(j.Gaps, Gap{g.Start, g.End, g.ISPs})
		}
		for _, d := range q.DuplicateList {
			j.DuplicateList = append(j.DuplicateList, Duplicate{d.At, d.FirstLine, d.Line, asFloat32(d.FirstKW), asFloat32(d.KW)})
		}
		if j.DST == nil {
			j.DST = []meter.DSTDay{}
		}
		if j.Notes == nil {
			j.Notes = []string{}
		}
		out.Connections = append(out.Connections, j)
	}
	return out
}
