package meter

import (
	"bufio"
	"bytes"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"gridflex/input"
	"gridflex/series"
)

// Connection is the metered load of one connection.
type Connection struct {
	EAN string
	// Offtake and Feedin are mean power per ISP in kW, NaN where missing.
	// Feedin has length 0 when the file has no feed-in column; a single
	// signed value column is kept as Offtake with its sign.
	Offtake, Feedin series.Series
	// Estimated marks ISPs whose reading the source flagged as estimated;
	// nil when none is.
	Estimated []bool
	// Resolution is the interval of the source readings: series.ISP, or
	// longer (e.g. time.Hour) when coarser readings were spread over their
	// ISPs at equal mean power (see FORMAT.md).
	Resolution time.Duration
	Quality    Quality
}

// Options steer the importer. The zero value detects everything.
type Options struct {
	// Separator of CSV fields; 0 sniffs ';', tab or ',' from the header.
	Separator byte
	// Decimal mark; 0 accepts '.' or ',' and locks to the first one seen.
	Decimal byte
	// Unit of value columns whose header names none: kW, kWh, MW, MWh, W
	// or Wh. A header that names a different unit is an error.
	Unit string
	// Zone of timestamps without UTC offset; nil means Europe/Amsterdam.
	Zone *time.Location
	// Resolution of readings when the file has no interval_end column and
	// a connection has too few readings to infer it; 0 means series.ISP.
	Resolution time.Duration
	// LabelEnd says that a lone timestamp column marks the END of each
	// interval (some exports write 00:15 for 00:00–00:15).
	LabelEnd bool
	// EAN names the connection of a file with a single value column and
	// no EAN column; "" uses the file name without extension.
	EAN string
	// SpikeFactor flags a reading as implausible when it exceeds this many
	// times the connection's mean absolute power; 0 means 10 (the factor
	// the Cambridge archive clips at).
	SpikeFactor float64
	// From and To are the period the data should cover (ISP-aligned); ISPs
	// in it without a reading count as expected and missing. Zero: the
	// span of each connection's readings.
	From, To time.Time
	// MaxErrors bounds the problems collected before giving up; 0 means 20.
	MaxErrors int
	// Sheet of an XLSX workbook; "" means the first sheet.
	Sheet string
	// Workers decoding connections in parallel in Stream (long layouts);
	// 0 or 1 decodes on the calling goroutine only, which is the better
	// choice when the caller's own work already keeps the cores busy.
	Workers int
}

func (o Options) workers() int { return max(o.Workers, 1) }

func (o Options) zone() *time.Location {
	if o.Zone == nil {
		return series.Amsterdam
	}
	return o.Zone
}

func (o Options) maxErrors() int {
	if o.MaxErrors <= 0 {
		return 20
	}
	return o.MaxErrors
}

func (o Options) spikeFactor() float64 {
	if o.SpikeFactor <= 0 {
		return 10
	}
	return o.SpikeFactor
}

// Read imports a whole CSV file; name labels errors and names a
// single-connection file. Connections are returned in order of first
// appearance.
func Read(r io.Reader, name string, opts Options) ([]Connection, Report, error) {
	var conns []Connection
	rep, err := decodeCSV(r, name, opts, false, func(c Connection) error {
		conns = append(conns, c)
		return nil
	})
	if err != nil {
		return nil, Report{}, err
	}
	return conns, rep, nil
}

// Stream imports a CSV file calling fn once per connection. When the rows
// of each connection are contiguous (the canonical and every long layout
// sorted by EAN) only one connection is held in memory at a time; a wide
// file (one column per connection) is necessarily read whole first. An EAN
// that reappears after its block ended is an error (Read accepts it).
// An error from fn stops the import and is returned as is. A problem found
// in the file after some connections were handed out is still returned;
// fn is not called again once a problem has been found.
func Stream(r io.Reader, name string, opts Options, fn func(Connection) error) error {
	_, err := decodeCSV(r, name, opts, true, fn)
	return err
}

// File is an open meter-data file.
type File struct {
	io.Reader
	io.Closer
	// XLSX is true for a workbook (by extension or zip signature).
	XLSX bool
}

// Open opens a meter-data file for Read, Stream or xlsx.Read: a regular
// file (never a device or FIFO) within input.MeterCSV (a .gz file also
// after decompression), or input.XLSX for a workbook.
func Open(path string) (*File, error) {
	rc, err := input.Open(path, input.MeterCSV)
	return newFile(rc, path, err)
}

// OpenFS is Open in fsys.
func OpenFS(fsys fs.FS, name string) (*File, error) {
	rc, err := input.OpenFS(fsys, name, input.MeterCSV)
	return newFile(rc, name, err)
}

func newFile(rc io.ReadCloser, path string, err error) (*File, error) {
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(rc, 1<<20)
	head, _ := br.Peek(4)
	xlsx := strings.EqualFold(filepath.Ext(path), ".xlsx") || bytes.Equal(head, []byte("PK\x03\x04"))
	return &File{Reader: br, Closer: rc, XLSX: xlsx}, nil
}

// baseName is the file name without directory and extension.
func baseName(name string) string {
	b := filepath.Base(name)
	return strings.TrimSuffix(b, filepath.Ext(b))
}
