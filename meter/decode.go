package meter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"gridflex/input"
)

// acc accumulates the readings of one connection before its series is
// built. Slices are reused between connections when streaming.
type acc struct {
	ean       string
	cols      connCols
	firstLine int
	t         []int64      // interval start (or end, when labelEnd), Unix seconds
	dur       []int32      // seconds; nil without an end column
	v         [2][]float32 // offtake, feed-in: kW, or kWh when the interval is inferred later (see kwAt); NaN blank
	est       []bool       // nil without a quality column
	line      []int32
	last      int64
	hasLast   bool
	empty     int
	ambiguous int
}

func (a *acc) reset(ean string, cols connCols, line int) {
	*a = acc{ean: ean, cols: cols, firstLine: line, t: a.t[:0], dur: a.dur[:0],
		v: [2][]float32{a.v[0][:0], a.v[1][:0]}, est: a.est[:0], line: a.line[:0]}
}

// decoder turns rows of fields into connections.
type decoder struct {
	name     string
	opts     Options
	lay      *layout
	nums     numberParser
	zone     zoneResolver
	errs     errorList
	stream   bool
	emit     func(Connection) error
	excel    bool // timestamps may be Excel serial day numbers
	rep      Report
	byEAN    map[string]*acc
	order    []*acc
	cur      *acc
	done     map[string]bool
	spare    *acc // buffers to reuse for the next connection (parallel stream workers)
	local    bool // some timestamp had no offset
	offset   bool // some timestamp had an offset
	emitErr  error
	dateBuf  []byte
	clockBuf []byte
	sep      byte // CSV separator; 0 for XLSX

	prevText  []byte // last timestamp text parsed, and its value
	prevStamp stamp
}

func newDecoder(name string, opts Options, lay *layout, stream bool, emit func(Connection) error) *decoder {
	d := &decoder{name: name, opts: opts, lay: lay, stream: stream, emit: emit,
		zone:  zoneResolver{loc: opts.zone()},
		errs:  errorList{max: opts.maxErrors()},
		byEAN: map[string]*acc{}, done: map[string]bool{}}
	d.nums.mark = opts.Decimal
	d.rep.File = name
	layoutName := "long"
	switch {
	case lay.wide:
		layoutName = "wide"
	case lay.ean < 0:
		layoutName = "single"
	}
	d.rep.Format.Layout = layoutName
	d.rep.Format.LabelEnd = lay.labelEnd
	for _, c := range lay.cols {
		d.rep.Format.Columns = append(d.rep.Format.Columns, ColumnInfo{Name: c.head, Role: c.role.String(), Unit: c.unit.name})
	}
	if lay.ean < 0 {
		for _, cc := range lay.conns {
			a := &acc{ean: cc.name, cols: cc}
			d.byEAN[cc.name] = a
			d.order = append(d.order, a)
		}
	}
	return d
}

// fail records a problem at a field; it reports whether to stop.
func (d *decoder) fail(line, col int, found, want string) bool {
	name := ""
	if col >= 0 && col < len(d.lay.cols) {
		name = d.lay.cols[col].head
	}
	return d.errs.add(&Error{File: d.name, Line: line, Column: col + 1, Name: name, Found: found, Want: want})
}

// row decodes one data row; false means stop (too many errors, or fn
// returned an error).
func (d *decoder) row(f [][]byte, line int) bool {
	if blank(f) {
		return true // a blank line, or only separators as spreadsheets write
	}
	if len(f) > len(d.lay.cols) && blank(f[len(d.lay.cols):]) {
		f = f[:len(d.lay.cols)] // trailing separators, as spreadsheet exports write
	}
	if len(f) != len(d.lay.cols) {
		want := fmt.Sprintf("%d as in the header", len(d.lay.cols))
		if d.sep == ',' && len(f) > len(d.lay.cols) {
			want += " (a decimal comma in a comma-separated file must be quoted: \"1,5\")"
		}
		return !d.errs.add(&Error{File: d.name, Line: line, Found: fmt.Sprintf("%d fields", len(f)), Want: want})
	}
	d.rep.Rows++
	st, ok := d.stamp(f, d.lay.start, line)
	if !ok {
		return d.errs.max > len(d.errs.errs)
	}
	var end stamp
	if d.lay.end >= 0 {
		if end, ok = d.stamp(f, d.lay.end, line); !ok {
			return d.errs.max > len(d.errs.errs)
		}
	}
	est := false
	if d.lay.quality >= 0 {
		q, ok := parseQuality(f[d.lay.quality])
		if !ok {
			return !d.fail(line, d.lay.quality, input.Excerpt(string(f[d.lay.quality])), qualityWant)
		}
		est = q
	}
	if d.lay.ean >= 0 {
		e := trim(f[d.lay.ean])
		if len(e) == 0 {
			return !d.fail(line, d.lay.ean, "an empty EAN", "the connection's EAN")
		}
		a := d.cur
		if a == nil || a.ean != string(e) {
			if a = d.switchTo(string(e), line); a == nil {
				return d.emitErr == nil && d.errs.max > len(d.errs.errs)
			}
		}
		return d.add(a, f, st, end, est, line)
	}
	for _, a := range d.order {
		if !d.add(a, f, st, end, est, line) {
			return false
		}
	}
	return true
}

// switchTo finds or starts the accumulator of ean; when streaming the
// previous connection is finished and handed out first.
func (d *decoder) switchTo(ean string, line int) *acc {
	if a, ok := d.byEAN[ean]; ok {
		d.cur = a
		return a
	}
	if d.done[ean] {
		d.errs.add(&Error{File: d.name, Line: line, Column: d.lay.ean + 1, Name: d.lay.cols[d.lay.ean].head,
			Found: fmt.Sprintf("EAN %s again after its rows ended", ean), Want: "the rows of each connection together (streaming)", Err: ErrNotContiguous})
		return nil
	}
	var a *acc
	if d.stream && d.cur != nil {
		if !d.finish(d.cur) {
			return nil
		}
		delete(d.byEAN, d.cur.ean)
		d.done[d.cur.ean] = true
		a = d.cur // reuse its buffers
		d.order = d.order[:0]
	} else if d.spare != nil {
		a, d.spare = d.spare, nil
	} else {
		a = &acc{}
	}
	a.reset(ean, d.lay.conns[0], line)
	d.byEAN[ean] = a
	d.order = append(d.order, a)
	d.cur = a
	return a
}

const qualityWant = `a quality of "", measured, M, estimated, E, substituted or S`

// parseQuality reads the flag; estimated reports a substituted value.
func parseQuality(b []byte) (estimated, ok bool) {
	b = trim(b)
	switch len(b) {
	case 0:
		return false, true
	case 1:
		switch b[0] | 0x20 {
		case 'm':
			return false, true
		case 'e', 's':
			return true, true
		}
		return false, false
	}
	switch string(bytes.ToLower(b)) {
	case "measured", "meas", "gemeten", "valid", "ok":
		return false, true
	case "estimated", "est", "substituted", "geschat", "interpolated":
		return true, true
	}
	return false, false
}

// stamp parses the timestamp in column col, joined to the date column
// when the file splits date and clock.
func (d *decoder) stamp(f [][]byte, col, line int) (stamp, bool) {
	b := trim(f[col])
	if d.lay.date >= 0 && col == d.lay.start {
		date, clock := trim(f[d.lay.date]), b
		if d.excel {
			date, clock = excelDateClock(date, clock)
		}
		b = d.joinDate(date, clock)
	}
	// The end of one reading is usually the start of the next: reuse the
	// parse when the text repeats.
	if bytes.Equal(b, d.prevText) {
		return d.prevStamp, true
	}
	st, err := parseStamp(b)
	if err == nil {
		d.prevText, d.prevStamp = append(d.prevText[:0], b...), st
	}
	if err != nil && d.excel {
		st, err = excelSerial(b)
	}
	if err != nil {
		d.fail(line, col, input.Excerpt(string(b)), "a timestamp like 2026-01-01T00:15:00+01:00 (or without offset, in "+d.opts.zone().String()+")")
		return stamp{}, false
	}
	if st.hasOff {
		d.offset = true
	} else {
		d.local = true
	}
	return st, true
}

// joinDate makes "date clock" of a date and a clock field; a clock range
// "00:00 - 00:15" contributes its start (the interval is inferred), and
// "0:15" is padded.
func (d *decoder) joinDate(date, clock []byte) []byte {
	if i := bytes.IndexAny(clock, "-–t"); i > 0 {
		clock = trim(clock[:i])
	}
	if len(clock) == 4 && clock[1] == ':' {
		d.clockBuf = append(append(d.clockBuf[:0], '0'), clock...)
		clock = d.clockBuf
	}
	d.dateBuf = append(append(append(d.dateBuf[:0], date...), ' '), clock...)
	return d.dateBuf
}

// excelDateClock turns raw XLSX date and time cells (day numbers, day
// fractions) into text; text cells pass unchanged.
func excelDateClock(date, clock []byte) ([]byte, []byte) {
	if st, err := excelSerial(date); err == nil {
		date = time.Unix(st.wall, 0).UTC().AppendFormat(nil, time.DateOnly)
	}
	p := numberParser{mark: '.'}
	if v, err := p.parse(clock); err == nil && v >= 0 && v < 1 {
		sec := int64(math.Round(v * 86400))
		clock = time.Unix(sec, 0).UTC().AppendFormat(nil, "15:04")
	}
	return date, clock
}

// excelSerial reads an XLSX date cell stored raw: days since 1899-12-30,
// as wall-clock time.
func excelSerial(b []byte) (stamp, error) {
	var p numberParser
	p.mark = '.'
	v, err := p.parse(b)
	if err != nil || v < 1 || v > 2958465 {
		return stamp{}, errStamp
	}
	return stamp{wall: int64(math.Round((v - 25569) * 86400))}, nil
}

var allowedRes = map[int64]bool{900: true, 1800: true, 3600: true}

// maxAbs bounds readings (in kW or kWh) far above any connection so that
// conversions cannot overflow float32.
const maxAbs = 1e30

// add appends one reading to a.
func (d *decoder) add(a *acc, f [][]byte, st, end stamp, est bool, line int) bool {
	u, ok := d.instant(a, st, d.lay.start, line)
	if !ok {
		return d.errs.max > len(d.errs.errs)
	}
	if d.lay.end >= 0 {
		e, ok := d.endInstant(end, u, line)
		if !ok {
			return d.errs.max > len(d.errs.errs)
		}
		if !allowedRes[e-u] {
			return !d.fail(line, d.lay.end, fmt.Sprintf("an interval of %s", time.Duration(e-u)*time.Second), "15m, 30m or 1h")
		}
		a.dur = append(a.dur, int32(e-u))
	}
	if u%900 != 0 {
		return !d.fail(line, d.lay.start, time.Unix(u, 0).UTC().Format(time.RFC3339), "a timestamp on a quarter hour")
	}
	var v [2]float32
	for k, col := range [2]int{a.cols.offtake, a.cols.feedin} {
		if col < 0 {
			continue
		}
		b := trim(f[col])
		if len(b) == 0 {
			v[k] = float32(math.NaN())
			if k == 0 {
				a.empty++
			}
			continue
		}
		x, err := d.nums.parse(b)
		if err != nil {
			want := "a number"
			if errors.Is(err, errMark) {
				want = fmt.Sprintf("a number with decimal mark %q like the rest of the file", d.nums.mark)
			}
			return !d.fail(line, col, input.Excerpt(string(b)), want)
		}
		u := d.lay.cols[col].unit
		x *= u.factor
		if u.energy && d.lay.end >= 0 {
			// The interval is known: convert to kW in float64, one rounding
			// to float32, so the canonical format reads back exactly.
			x *= 3600 / float64(a.dur[len(a.dur)-1])
		}
		if math.Abs(x) > maxAbs {
			return !d.fail(line, col, input.Excerpt(string(b)), "a magnitude below 1e30")
		}
		v[k] = float32(x)
	}
	if a.firstLine == 0 {
		a.firstLine = line
	}
	a.t = append(a.t, u)
	a.v[0] = append(a.v[0], v[0])
	if a.cols.feedin >= 0 {
		a.v[1] = append(a.v[1], v[1])
	}
	if d.lay.quality >= 0 {
		a.est = append(a.est, est)
	}
	a.line = append(a.line, int32(line))
	a.last, a.hasLast = u, true
	return true
}

// instant resolves a start timestamp, by order within the connection when
// it has no offset.
func (d *decoder) instant(a *acc, st stamp, col, line int) (int64, bool) {
	if st.hasOff {
		return st.wall - st.off, true
	}
	u, amb, ok := d.zone.resolve(st.wall, a.last, a.hasLast)
	if !ok {
		d.fail(line, col, time.Unix(st.wall, 0).UTC().Format("2006-01-02 15:04")+" which does not exist in "+d.opts.zone().String()+" (clocks skip that hour)",
			"local times that exist; for a file in UTC set the zone (--zone UTC)")
		return 0, false
	}
	if amb {
		a.ambiguous++
	}
	return u, true
}

func (d *decoder) endInstant(end stamp, start int64, line int) (int64, bool) {
	if end.hasOff {
		return end.wall - end.off, true
	}
	u, _, ok := d.zone.resolve(end.wall, start, true)
	if !ok {
		d.fail(line, d.lay.end, time.Unix(end.wall, 0).UTC().Format("2006-01-02 15:04")+" which does not exist in "+d.opts.zone().String(), "local times that exist")
		return 0, false
	}
	return u, true
}

// finish builds the connection of a and hands it out.
func (d *decoder) finish(a *acc) bool {
	if len(a.t) == 0 {
		return true
	}
	c, err := d.build(a)
	if err != nil {
		return !d.errs.add(err)
	}
	d.rep.Connections = append(d.rep.Connections, c.Quality)
	if len(d.errs.errs) > 0 {
		return true // keep collecting problems; nothing more is handed out
	}
	if err := d.emit(c); err != nil {
		d.emitErr = err
		return false
	}
	return true
}

// end finishes the remaining connections and returns the report.
func (d *decoder) end() (Report, error) {
	if d.emitErr != nil {
		return Report{}, d.emitErr
	}
	if len(d.errs.errs) < d.errs.max {
		for _, a := range d.order {
			if !d.finish(a) {
				break
			}
		}
	}
	if d.emitErr != nil {
		return Report{}, d.emitErr
	}
	if err := d.errs.err(); err != nil {
		return Report{}, err
	}
	switch {
	case d.local && d.offset:
		d.rep.Format.Timestamps = "mixed: some with UTC offset, some without (read in " + d.opts.zone().String() + ")"
	case d.local:
		d.rep.Format.Timestamps = "without offset, read in " + d.opts.zone().String()
	default:
		d.rep.Format.Timestamps = "with UTC offset"
	}
	if d.nums.mark != 0 {
		d.rep.Format.Decimal = string(d.nums.mark)
	}
	return d.rep, nil
}

// decodeCSV reads a CSV file through the decoder.
func decodeCSV(r io.Reader, name string, opts Options, stream bool, emit func(Connection) error) (Report, error) {
	lr := newLineReader(r)
	var header []byte
	for {
		b, err := lr.next()
		if err == io.EOF {
			return Report{}, &Error{File: name, Found: "no header line", Want: "a header such as " + canonicalHeader}
		}
		if err != nil {
			return Report{}, fmt.Errorf("%s:%d: %w", name, lr.line+1, err)
		}
		if len(trim(b)) > 0 {
			header = append([]byte(nil), b...)
			break
		}
	}
	bom := bytes.HasPrefix(header, []byte("\ufeff"))
	header = bytes.TrimPrefix(header, []byte("\ufeff"))
	sep := opts.Separator
	if sep == 0 {
		if sep = sniffSeparator(header); sep == 0 {
			return Report{}, &Error{File: name, Line: lr.line, Found: "header " + input.Excerpt(string(header)) + " without separator", Want: "columns separated by ';', ',' or tab, such as " + canonicalHeader}
		}
	}
	sp := splitter{sep: sep}
	hf, err := sp.split(header)
	if err != nil {
		return Report{}, &Error{File: name, Line: lr.line, Found: "an unterminated quote in the header", Want: "a closing quote"}
	}
	for len(hf) > 1 && len(trim(hf[len(hf)-1])) == 0 {
		hf = hf[:len(hf)-1] // trailing separators
	}
	if _, err := parseStamp(trim(hf[0])); err == nil {
		return Report{}, &Error{File: name, Line: lr.line, Found: "data (" + input.Excerpt(string(header)) + ") where the header belongs", Want: "a header line such as " + canonicalHeader}
	}
	cells := make([]string, len(hf))
	for i, c := range hf {
		cells[i] = string(c)
	}
	lay, errs := parseHeader(cells, name, lr.line, opts)
	if len(errs) > 0 {
		return Report{}, capped(errs)
	}
	format := Format{Kind: "csv", BOM: bom, Separator: map[byte]string{';': ";", ',': ",", '\t': "tab"}[sep]}
	if format.Separator == "" {
		format.Separator = string(sep)
	}
	if stream && lay.ean >= 0 && opts.workers() > 1 {
		return Report{}, streamParallel(lr, name, opts, lay, sep, emit)
	}
	d := newDecoder(name, opts, lay, stream, emit)
	d.sep = sep
	d.rep.Format.Kind, d.rep.Format.BOM, d.rep.Format.Separator = format.Kind, format.BOM, format.Separator
	sp = splitter{sep: sep}
	for {
		b, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Report{}, fmt.Errorf("%s:%d: %w", name, lr.line+1, err)
		}
		if !d.line(&sp, b, lr.line) {
			break
		}
	}
	return d.end()
}

// line splits and decodes one data line; false means stop.
func (d *decoder) line(sp *splitter, b []byte, line int) bool {
	f, err := sp.split(b)
	if err != nil {
		return !d.errs.add(&Error{File: d.name, Line: line, Found: "an unterminated quote", Want: "a closing quote on the same line"})
	}
	return d.row(f, line)
}

func blank(f [][]byte) bool {
	for _, b := range f {
		if len(trim(b)) > 0 {
			return false
		}
	}
	return true
}

// trim is bytes.TrimSpace for the common case of no blanks, which it
// answers with two comparisons.
func trim(b []byte) []byte {
	if len(b) == 0 || (b[0] > ' ' && b[len(b)-1] > ' ') {
		return b
	}
	return bytes.TrimSpace(b)
}
