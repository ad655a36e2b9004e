package meter

import "strings"

// Sheet decodes the rows of a spreadsheet with the header rules of CSV
// files; timestamps may be Excel serial day numbers. A workbook importer
// (package meter/xlsx) reads the cells and feeds them here row by row, so
// that meter itself needs no spreadsheet library.
type Sheet struct {
	label string
	opts  Options
	d     *decoder
	conns []Connection
}

// NewSheet starts decoding a sheet; label names it in errors
// ("m.xlsx[Sheet1]").
func NewSheet(label string, opts Options) *Sheet {
	return &Sheet{label: label, opts: opts}
}

// Row takes the cells of row line (1-based). Blank rows before the header
// are skipped; the first other row is the header. It reports whether to go
// on: false once too many problems were found (End returns them).
func (s *Sheet) Row(cells []string, line int) (bool, error) {
	if s.d == nil {
		if len(strings.TrimSpace(strings.Join(cells, ""))) == 0 {
			return true, nil
		}
		lay, errs := parseHeader(cells, s.label, line, s.opts)
		if len(errs) > 0 {
			return false, capped(errs)
		}
		s.d = newDecoder(s.label, s.opts, lay, false, func(c Connection) error {
			s.conns = append(s.conns, c)
			return nil
		})
		s.d.excel = true
		s.d.rep.Format.Kind = "xlsx"
		return true, nil
	}
	if len(cells) == 0 {
		return true, nil
	}
	// Trailing empty cells are not stored in the sheet.
	for len(cells) < len(s.d.lay.cols) {
		cells = append(cells, "")
	}
	f := make([][]byte, len(cells))
	for i, c := range cells {
		f[i] = []byte(c)
	}
	return s.d.row(f, line), nil
}

// End finishes the sheet: its connections in order of first appearance
// and the import report, or every problem found.
func (s *Sheet) End() ([]Connection, Report, error) {
	if s.d == nil {
		return nil, Report{}, &Error{File: s.label, Found: "no header row", Want: "a header such as " + canonicalHeader}
	}
	rep, err := s.d.end()
	if err != nil {
		return nil, Report{}, err
	}
	return s.conns, rep, nil
}
