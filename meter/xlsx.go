package meter

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReadXLSX imports the first sheet (or Options.Sheet) of a workbook with
// the same header rules as CSV. Cells are read raw, so numbers carry a
// decimal point and date cells arrive as Excel day numbers, read as wall
// clock in Options.Zone. Errors name the row and column letter.
func ReadXLSX(r io.Reader, name string, opts Options) ([]Connection, Report, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s: not a readable XLSX workbook: %w", name, err)
	}
	defer f.Close()
	sheet := opts.Sheet
	if sheet == "" {
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, Report{}, &Error{File: name, Found: "a workbook without sheets", Want: "a sheet with a header row"}
		}
		sheet = sheets[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s: sheet %q: %w", name, sheet, err)
	}
	defer rows.Close()
	label := fmt.Sprintf("%s[%s]", name, sheet)

	var d *decoder
	var conns []Connection
	line := 0
	for rows.Next() {
		line++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, Report{}, fmt.Errorf("%s: row %d: %w", label, line, err)
		}
		if d == nil {
			if len(strings.TrimSpace(strings.Join(cells, ""))) == 0 {
				continue
			}
			lay, errs := parseHeader(cells, label, line, opts)
			if len(errs) > 0 {
				return nil, Report{}, errors.Join(errs...)
			}
			d = newDecoder(label, opts, lay, false, func(c Connection) error {
				conns = append(conns, c)
				return nil
			})
			d.excel = true
			d.rep.Format.Kind = "xlsx"
			continue
		}
		if len(cells) == 0 {
			continue
		}
		// Trailing empty cells are not stored in the sheet.
		for len(cells) < len(d.lay.cols) {
			cells = append(cells, "")
		}
		f := make([][]byte, len(cells))
		for i, c := range cells {
			f[i] = []byte(c)
		}
		if !d.row(f, line) {
			break
		}
	}
	if err := rows.Error(); err != nil {
		return nil, Report{}, fmt.Errorf("%s: %w", label, err)
	}
	if d == nil {
		return nil, Report{}, &Error{File: label, Found: "no header row", Want: "a header such as " + canonicalHeader}
	}
	rep, err := d.end()
	if err != nil {
		return nil, Report{}, err
	}
	return conns, rep, nil
}
