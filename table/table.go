// Package table renders rows for people (aligned text on a terminal) and for
// machines (CSV), the two tabular outputs every gridflex command offers.
package table

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode/utf8"

	"gridflex/numtext"
)

// Align is the alignment of a column in text output.
type Align int

// Column alignments. Numbers read best right-aligned.
const (
	Left Align = iota
	Right
)

// Table is a header and rows of cells, already formatted as text.
type Table struct {
	Header []string
	Align  []Align // per column; missing entries are Left
	Rows   [][]string
	// Footer rows are separated from the body by a rule (totals).
	Footer [][]string
}

// Add appends a row.
func (t *Table) Add(cells ...string) { t.Rows = append(t.Rows, cells) }

// AddColumn appends a column with the same value in every body row (the
// scenario a CSV comes from: a CSV has no title to name it in).
func (t *Table) AddColumn(header, value string) {
	t.Header = append(t.Header, header)
	for i := range t.Rows {
		t.Rows[i] = append(t.Rows[i], value)
	}
}

// AddFooter appends a footer row.
func (t *Table) AddFooter(cells ...string) { t.Footer = append(t.Footer, cells) }

// WriteText writes the table with columns padded to a common width and a
// rule under the header.
func (t *Table) WriteText(w io.Writer) error {
	n := len(t.Header)
	for _, r := range append(t.Rows, t.Footer...) {
		n = max(n, len(r))
	}
	width := make([]int, n)
	all := append([][]string{t.Header}, append(t.Rows, t.Footer...)...)
	for _, r := range all {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	line := func(r []string) {
		for i := 0; i < n; i++ {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if i < len(t.Align) && t.Align[i] == Right {
				b.WriteString(pad + c)
			} else if i == n-1 {
				b.WriteString(c)
			} else {
				b.WriteString(c + pad)
			}
		}
		b.WriteString("\n")
	}
	rule := func() {
		total := 2 * (n - 1)
		for _, x := range width {
			total += x
		}
		b.WriteString(strings.Repeat("─", total) + "\n")
	}
	if len(t.Header) > 0 {
		line(t.Header)
		rule()
	}
	for _, r := range t.Rows {
		line(r)
	}
	if len(t.Footer) > 0 {
		rule()
		for _, r := range t.Footer {
			line(r)
		}
	}
	_, err := io.WriteString(w, strings.TrimRightFunc(b.String(), func(r rune) bool { return r == ' ' })+"")
	return err
}

// WriteCSV writes header and rows (body and footer) as RFC 4180 CSV.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if len(t.Header) > 0 {
		if err := cw.Write(t.Header); err != nil {
			return err
		}
	}
	for _, r := range append(t.Rows, t.Footer...) {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Num formats v with the given number of decimals and a thousands
// separator, as the study prints numbers in its English restatement.
func Num(v float64, decimals int) string { return numtext.Num(v, decimals) }
