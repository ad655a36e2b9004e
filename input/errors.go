package input

import (
	"errors"
	"fmt"
)

// ErrTooManyErrors ends reading after MaxErrors problems.
var ErrTooManyErrors = errors.New("too many errors, stopped")

// Errors collects the problems of one input so they are reported at once,
// up to a maximum: a file with ten thousand bad lines (or a header with ten
// thousand bad columns) gives twenty messages and a count, not a flood.
type Errors struct {
	// Max is the number of errors kept; 0 means MaxErrors.
	Max  int
	errs []error
	more int
}

func (l *Errors) max() int {
	if l.Max <= 0 {
		return MaxErrors
	}
	return l.Max
}

// Add records err (nil is ignored) and reports whether reading should
// stop because the maximum is reached.
func (l *Errors) Add(err error) (stop bool) {
	if err == nil {
		return l.Full()
	}
	if len(l.errs) < l.max() {
		l.errs = append(l.errs, err)
	} else {
		l.more++
	}
	return l.Full()
}

// Full reports whether the maximum is reached.
func (l *Errors) Full() bool { return len(l.errs) >= l.max() }

// Len is the number of errors recorded, kept or not.
func (l *Errors) Len() int { return len(l.errs) + l.more }

// Err joins the kept errors; when the maximum was reached it ends with
// ErrTooManyErrors, saying how many more were found but not shown.
func (l *Errors) Err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if !l.Full() {
		return errors.Join(l.errs...)
	}
	tail := fmt.Errorf("%w after %d", ErrTooManyErrors, len(l.errs))
	if l.more > 0 {
		tail = fmt.Errorf("%w after %d (%d more not shown)", ErrTooManyErrors, len(l.errs), l.more)
	}
	return errors.Join(append(l.errs[:len(l.errs):len(l.errs)], tail)...)
}

// Cap keeps the first MaxErrors of msgs (one problem each) and replaces
// the rest by one line saying how many were left out.
func Cap(msgs []string) []string {
	if len(msgs) <= MaxErrors {
		return msgs
	}
	out := append([]string(nil), msgs[:MaxErrors]...)
	return append(out, fmt.Sprintf("%v after %d (%d more not shown)", ErrTooManyErrors, MaxErrors, len(msgs)-MaxErrors))
}
