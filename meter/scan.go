package meter

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"

	"gridflex/input"
)

// lineReader yields lines without their terminator, counting them. Lines
// are slices into the buffer, valid until the next call.
type lineReader struct {
	r    *bufio.Reader
	line int
	long []byte // a line longer than the buffer is assembled here
}

func newLineReader(r io.Reader) *lineReader {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < 64<<10 {
		br = bufio.NewReaderSize(r, 256<<10)
	}
	return &lineReader{r: br}
}

// next returns the next line, or io.EOF after the last.
func (l *lineReader) next() ([]byte, error) {
	b, err := l.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.long = append(l.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			if len(l.long) > input.MaxLine {
				return nil, &input.TooLargeError{What: "line", Limit: input.MaxLine}
			}
			b, err = l.r.ReadSlice('\n')
			l.long = append(l.long, b...)
		}
		b = l.long
	}
	if len(b) > input.MaxLine+2 { // +2: the line's terminator
		return nil, &input.TooLargeError{What: "line", Limit: input.MaxLine}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(b) == 0 && err != nil {
		return nil, io.EOF
	}
	l.line++
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b, nil
}

// splitter cuts a line into fields at sep. Quoted fields ("a;b", "x""y")
// are unquoted into scratch space.
type splitter struct {
	sep     byte
	fields  [][]byte
	scratch []byte
}

var errQuote = errors.New("unterminated quoted field")

func (s *splitter) split(line []byte) ([][]byte, error) {
	s.fields = s.fields[:0]
	if bytes.IndexByte(line, '"') < 0 {
		for {
			i := bytes.IndexByte(line, s.sep)
			if i < 0 {
				s.fields = append(s.fields, line)
				return s.fields, nil
			}
			s.fields = append(s.fields, line[:i])
			line = line[i+1:]
		}
	}
	return s.splitQuoted(line)
}

func (s *splitter) splitQuoted(line []byte) ([][]byte, error) {
	s.scratch = s.scratch[:0]
	// Offsets into scratch are recorded first: appending may move it.
	var spans [][2]int
	for {
		start := len(s.scratch)
		if len(line) > 0 && line[0] == '"' {
			line = line[1:]
			for {
				i := bytes.IndexByte(line, '"')
				if i < 0 {
					return nil, errQuote
				}
				s.scratch = append(s.scratch, line[:i]...)
				line = line[i+1:]
				if len(line) > 0 && line[0] == '"' {
					s.scratch = append(s.scratch, '"')
					line = line[1:]
					continue
				}
				break
			}
			// Text after the closing quote up to the separator is kept.
			i := bytes.IndexByte(line, s.sep)
			if i < 0 {
				i = len(line)
			}
			s.scratch = append(s.scratch, line[:i]...)
			spans = append(spans, [2]int{start, len(s.scratch)})
			if i == len(line) {
				break
			}
			line = line[i+1:]
			continue
		}
		i := bytes.IndexByte(line, s.sep)
		last := i < 0
		if last {
			i = len(line)
		}
		s.scratch = append(s.scratch, line[:i]...)
		spans = append(spans, [2]int{start, len(s.scratch)})
		if last {
			break
		}
		line = line[i+1:]
	}
	for _, sp := range spans {
		s.fields = append(s.fields, s.scratch[sp[0]:sp[1]:sp[1]])
	}
	return s.fields, nil
}

// sniffSeparator picks the most frequent of ';', tab and ',' outside
// quotes in the header; ';' wins ties because Dutch exports use it with a
// decimal comma.
func sniffSeparator(header []byte) byte {
	var n [3]int
	quoted := false
	for _, c := range header {
		switch c {
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				n[0]++
			}
		case '\t':
			if !quoted {
				n[1]++
			}
		case ',':
			if !quoted {
				n[2]++
			}
		}
	}
	best, seps := 0, []byte{';', '\t', ','}
	for i := 1; i < 3; i++ {
		if n[i] > n[best] {
			best = i
		}
	}
	if n[best] == 0 {
		return 0
	}
	return seps[best]
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// numberParser parses decimal numbers with a point or comma as decimal
// mark. With mark 0 the first mark seen is locked in, so one file cannot
// mix 1,5 and 1.5; thousands grouping (1.234,5) is accepted when both marks
// appear and the groups have three digits.
type numberParser struct {
	mark byte
}

var (
	errNumber  = errors.New("not a number")
	errMark    = errors.New("decimal mark differs from the rest of the file")
	errNonFine = errors.New("not a finite number")
)

// parse returns the value; blank is reported separately by the caller.
func (p *numberParser) parse(b []byte) (float64, error) {
	// Fast path: [-+]digits[mark digits], at most 15 significant digits,
	// exact as integer ÷ power of ten (one rounding).
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	var mant uint64
	digits, frac, markAt := 0, 0, -1
	for ; i < len(b); i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			mant = mant*10 + uint64(c-'0')
			digits++
			if markAt >= 0 {
				frac++
			}
			continue
		}
		if (c == '.' || c == ',') && markAt < 0 {
			markAt = i
			continue
		}
		return p.slow(b)
	}
	if digits == 0 || digits > 15 {
		return p.slow(b)
	}
	if markAt >= 0 {
		c := b[markAt]
		if p.mark == 0 {
			p.mark = c
		} else if p.mark != c {
			// "1.234" in a decimal-comma file is thousands grouping.
			if frac == 3 && markAt > 0 && markAt <= 4 {
				return p.slow(b)
			}
			return 0, errMark
		}
	}
	v := float64(mant) / pow10[frac]
	if neg {
		v = -v
	}
	return v, nil
}

// slow handles exponents, long mantissas and thousands grouping.
func (p *numberParser) slow(b []byte) (float64, error) {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c == '.' || c == ',' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, errNumber
		}
	}
	s := make([]byte, 0, len(b))
	dec, grp := p.mark, byte(0)
	hasDot, hasComma := bytes.IndexByte(b, '.') >= 0, bytes.IndexByte(b, ',') >= 0
	switch {
	case hasDot && hasComma:
		// The later mark is the decimal one.
		if bytes.LastIndexByte(b, '.') > bytes.LastIndexByte(b, ',') {
			dec, grp = '.', ','
		} else {
			dec, grp = ',', '.'
		}
		if p.mark != 0 && p.mark != dec {
			return 0, errMark
		}
	case dec == ',' && hasDot:
		grp = '.'
	case dec == '.' && hasComma:
		grp = ','
	case dec == 0 && hasComma:
		dec = ','
	case dec == 0 && hasDot:
		dec = '.'
	}
	group := -1 // digits since the last grouping mark; -1 before the first
	for i, c := range b {
		switch {
		case c == grp && grp != 0:
			if (group >= 0 && group != 3) || i == 0 {
				return 0, errNumber
			}
			group = 0
			continue
		case c == dec && dec != 0:
			if group >= 0 && group != 3 {
				return 0, errNumber
			}
			group = -2 // grouping ends at the decimal mark
			s = append(s, '.')
			continue
		case c >= '0' && c <= '9':
			if group >= 0 {
				group++
			}
		}
		s = append(s, c)
	}
	if group > 0 && group != 3 {
		return 0, errNumber
	}
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, errNonFine
		}
		return 0, errNumber
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errNonFine
	}
	if dec != 0 && p.mark == 0 && (bytes.IndexByte(b, dec) >= 0) {
		p.mark = dec
	}
	return v, nil
}
