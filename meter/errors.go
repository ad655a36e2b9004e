package meter

import (
	"errors"
	"fmt"

	"gridflex/input"
)

// Errors an import can be tested for with errors.Is.
var (
	// ErrTooManyErrors ends an import after Options.MaxErrors problems.
	ErrTooManyErrors = input.ErrTooManyErrors
	// ErrNotContiguous is Stream's refusal of an EAN that comes back after
	// its rows ended; Read accepts such a file, so a caller may fall back
	// to reading it whole.
	ErrNotContiguous = errors.New("rows of a connection not together")
)

// Error is one problem in the input: where it is, what was found there and
// what was expected.
type Error struct {
	File   string
	Line   int    // 1-based line (CSV) or row (XLSX); 0 when not tied to one
	Column int    // 1-based; 0 when the whole line is concerned
	Name   string // column header, when known
	Found  string
	Want   string
	Err    error // a sentinel above the problem is an instance of, or nil
}

// Unwrap lets errors.Is find the sentinel of a problem.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	msg := e.File
	if e.Line > 0 {
		msg += fmt.Sprintf(":%d", e.Line)
	}
	if e.Column > 0 {
		msg += fmt.Sprintf(": column %d", e.Column)
		if e.Name != "" {
			name := e.Name
			if len(name) > input.ExcerptBytes {
				name = input.Excerpt(name)
			}
			msg += fmt.Sprintf(" (%s)", name)
		}
	}
	msg += ": "
	if e.Found != "" {
		msg += "found " + e.Found
		if e.Want != "" {
			msg += ", "
		}
	}
	if e.Want != "" {
		msg += "want " + e.Want
	}
	return msg
}

// errorList collects problems so a file's errors are reported at once.
type errorList struct {
	errs []error
	max  int
}

// add records e and reports whether the import should stop.
func (l *errorList) add(e error) bool {
	l.errs = append(l.errs, e)
	return len(l.errs) >= l.max
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if len(l.errs) >= l.max {
		return errors.Join(append(l.errs, ErrTooManyErrors)...)
	}
	return errors.Join(l.errs...)
}

// capped joins the header's problems, at most input.MaxErrors of them: a
// header of ten thousand bad columns is one screen of messages.
func capped(errs []error) error {
	var l input.Errors
	for _, e := range errs {
		l.Add(e)
	}
	return l.Err()
}
