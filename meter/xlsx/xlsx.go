// Package xlsx imports meter data from XLSX workbooks (meter/FORMAT.md):
// the first sheet, or Options.Sheet, with the header rules of CSV files.
// It lives apart from package meter so that meter, and every package that
// reads its types (contract, charging), does not pull in the spreadsheet
// library; the application layer (usecase) picks it for .xlsx files.
package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"gridflex/input"
	"gridflex/meter"
)

// Read imports the first sheet (or opts.Sheet) of a workbook. Cells are
// read raw, so numbers carry a decimal point and date cells arrive as
// Excel day numbers, read as wall clock in opts.Zone. Errors name the row
// and column.
//
// The workbook is bounded by input.XLSX, the unzipped size of its parts by
// input.XLSXUnzipped (read from the zip headers before anything is
// unzipped) and each cell by input.MaxLine. Every part is unzipped in
// memory, never to a temporary file, so an interrupted import leaves
// nothing behind.
func Read(r io.Reader, name string, opts meter.Options) ([]meter.Connection, meter.Report, error) {
	data, err := io.ReadAll(input.Bound(r, name, input.XLSX))
	if err != nil {
		return nil, meter.Report{}, err
	}
	if err := checkZip(data, name); err != nil {
		return nil, meter.Report{}, err
	}
	// UnzipXMLSizeLimit equal to UnzipSizeLimit keeps excelize from
	// spilling large parts to temporary files (it does so for parts above
	// UnzipXMLSizeLimit), which an interrupt would leave behind.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: input.XLSXUnzipped, UnzipXMLSizeLimit: input.XLSXUnzipped})
	if err != nil {
		return nil, meter.Report{}, fmt.Errorf("%s: not a readable XLSX workbook: %w", name, err)
	}
	defer f.Close()
	sheet := opts.Sheet
	if sheet == "" {
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, meter.Report{}, &meter.Error{File: name, Found: "a workbook without sheets", Want: "a sheet with a header row"}
		}
		sheet = sheets[0]
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, meter.Report{}, fmt.Errorf("%s: sheet %q: %w", name, sheet, err)
	}
	defer rows.Close()
	label := fmt.Sprintf("%s[%s]", name, sheet)
	s := meter.NewSheet(label, opts)
	for line := 1; rows.Next(); line++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, meter.Report{}, fmt.Errorf("%s: row %d: %w", label, line, err)
		}
		for i, c := range cells {
			if len(c) > input.MaxLine {
				col, _ := excelize.ColumnNumberToName(i + 1)
				return nil, meter.Report{}, &input.TooLargeError{Name: fmt.Sprintf("%s:%d: column %s", label, line, col), What: "XLSX cell", Limit: input.MaxLine}
			}
		}
		more, err := s.Row(cells, line)
		if err != nil {
			return nil, meter.Report{}, err
		}
		if !more {
			break
		}
	}
	if err := rows.Error(); err != nil {
		return nil, meter.Report{}, fmt.Errorf("%s: %w", label, err)
	}
	return s.End()
}

// checkZip refuses a workbook whose parts unzip to more than
// input.XLSXUnzipped, summing the sizes the zip headers declare, and then
// one whose parts unzip to more than they declare (archive/zip fails such a
// part with zip.ErrFormat, which excelize would take for an empty sheet).
func checkZip(data []byte, name string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s: not a readable XLSX workbook: %w", name, err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > input.XLSXUnzipped || f.UncompressedSize64 > input.XLSXUnzipped {
			return &input.TooLargeError{Name: name, What: "XLSX workbook", Limit: input.XLSXUnzipped, Unpacked: true}
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err == nil {
			_, err = io.Copy(io.Discard, rc)
			rc.Close()
		}
		if err != nil {
			return fmt.Errorf("%s: not a readable XLSX workbook: part %s: %w", name, input.Excerpt(f.Name), err)
		}
	}
	return nil
}
