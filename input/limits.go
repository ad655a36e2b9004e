package input

import (
	"fmt"
	"strings"
)

// Limit is the largest input of one kind gridflex reads.
type Limit struct {
	// What names the kind of file in errors ("YAML file").
	What string
	// Bytes bounds the content: the file size, and for a .gz file also
	// the decompressed size.
	Bytes int64
	// Line bounds each line of a text file read by a reader that buffers
	// lines (encoding/csv); 0 for files checked otherwise.
	Line int
}

// The limits table (README "Input limits"). Sizes are generous for real
// inputs and small enough that a hostile file fails in seconds, not after
// gigabytes of memory.
var (
	// YAML holds site, contract and scenario files: hand-written
	// documents of a few kilobytes.
	YAML = Limit{What: "YAML file", Bytes: 4 << 20}
	// MeterCSV holds meter-data CSV files; they are streamed, so a large
	// bound (years of quarter-hours for thousands of connections) costs
	// no memory by itself.
	MeterCSV = Limit{What: "meter CSV file", Bytes: 4 << 30}
	// TableCSV holds the CSV files read whole: charging sessions,
	// calls, weather and holiday files.
	TableCSV = Limit{What: "CSV file", Bytes: 256 << 20, Line: MaxLine}
	// XLSX bounds a workbook file; XLSXUnzipped bounds the sum of the
	// sizes of its parts after unzipping, checked from the zip headers
	// before the workbook is opened (a zip bomb is refused unread).
	XLSX = Limit{What: "XLSX workbook", Bytes: 64 << 20}
)

const (
	// XLSXUnzipped bounds the unzipped size of a workbook's parts.
	XLSXUnzipped = 256 << 20
	// MaxLine bounds one line of a CSV file or one XLSX cell.
	MaxLine = 64 << 10
	// MaxErrors is how many problems are reported before reading stops.
	MaxErrors = 20
	// ExcerptBytes is how much of an offending input an error quotes.
	ExcerptBytes = 60
)

// Size writes a byte count the way the limits table does (4 MiB).
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ForName is the limit of a file read whole by its name: YAML for .yaml
// and .yml, TableCSV otherwise.
func ForName(name string) Limit {
	if n := strings.ToLower(name); strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml") {
		return YAML
	}
	return TableCSV
}
