package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"gridflex/ean"
	"gridflex/meter"
	"gridflex/series"
	"gridflex/store/blockcodec"
)

// WhPerKW converts mean power over an ISP in kW to energy in Wh:
// kW × ¼ h × 1000.
const WhPerKW = 1000 / series.ISPsPerHour

// maxAbsKW bounds a reading (4·10⁹ kW, a thousand times the Dutch peak):
// anything larger is a unit mix-up, not a measurement.
const maxAbsKW = 4e9

// monthStart returns the start (UTC) of the Europe/Amsterdam month that
// contains t.
func monthStart(t time.Time) time.Time {
	l := t.In(series.Amsterdam)
	return time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, series.Amsterdam).UTC()
}

// nextMonth returns the start of the local month after the one starting at m.
func nextMonth(m time.Time) time.Time {
	l := m.In(series.Amsterdam)
	return time.Date(l.Year(), l.Month()+1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
}

// storedBlock is one row of meter_blocks.
type storedBlock struct {
	start   time.Time
	version int
	importN int64
	data    []byte
	block   *blockcodec.Block
}

// overlay writes the present readings of s (kW) into channel ch of a month
// block starting at start with n ISPs (ch.Missing not nil); est, when not
// nil, gives the estimated flag of each ISP of s and b.Estimated must then
// have n entries. It returns the number of changes.
func overlay(b *blockcodec.Block, ch *blockcodec.Channel, start time.Time, n int, s series.Series, est []bool, code string) (changed int, err error) {
	off := int(start.Sub(s.Start) / series.ISP)
	from, to := max(0, off), min(s.Len(), off+n)
	if from >= to {
		return 0, nil
	}
	// Slices of equal length over the same ISPs let the compiler drop the
	// bounds checks of this loop, the import's hot path.
	kw := s.KW[from:to]
	wh := ch.Wh[from-off : to-off]
	wh = wh[:len(kw)]
	miss := ch.Missing[from-off : to-off]
	miss = miss[:len(kw)]
	for j, v := range kw {
		if v != v {
			continue
		}
		x := float64(v)
		if x > maxAbsKW || x < -maxAbsKW { // ±Inf included
			k := from + j
			return changed, fmt.Errorf("connection %s: ISP %s: %g kW beyond ±%g kW: %w", code, s.At(k).Format(time.RFC3339), s.KW[k], maxAbsKW, ErrInvalid)
		}
		h := int64(math.Round(x * WhPerKW))
		if miss[j] || wh[j] != h {
			miss[j], wh[j] = false, h
			changed++
		}
	}
	if est == nil {
		return changed, nil
	}
	flags := b.Estimated[from-off : to-off]
	flags = flags[:len(kw)]
	for j, v := range kw {
		if v != v {
			continue
		}
		k := from + j
		if e := k < len(est) && est[k]; flags[j] != e {
			flags[j] = e
			changed++
		}
	}
	return changed, nil
}

// monthBuffers is the memory one import merges its months in: a month is
// decoded into it (or reset to all missing when the store has none),
// overlaid and encoded, so an import of many connection-years allocates
// it once.
type monthBuffers struct {
	block                      blockcodec.Block
	offWh, feedWh              []int64
	offMiss, feedMiss, flagged []bool
	feed                       blockcodec.Channel
	buf                        []byte
}

// month returns the stored month data (nil for none) decoded into the
// buffers, with explicit missing bitmaps, an estimated bitmap when
// withEst and a feed-in channel when withFeedin or the month has one.
func (m *monthBuffers) month(data []byte, n int, withEst, withFeedin bool) (*blockcodec.Block, error) {
	b := &m.block
	*b = blockcodec.Block{
		Offtake:   blockcodec.Channel{Wh: m.offWh, Missing: m.offMiss},
		Estimated: m.flagged,
	}
	m.feed = blockcodec.Channel{Wh: m.feedWh, Missing: m.feedMiss}
	b.Feedin = &m.feed
	if data != nil {
		if err := blockcodec.DecodeInto(b, data); err != nil {
			return nil, err
		}
		if b.Len() != n {
			return nil, fmt.Errorf("has %d ISPs, want %d", b.Len(), n)
		}
	} else {
		b.Offtake.Wh, b.Offtake.Missing = nil, nil
		b.Feedin, b.Estimated = nil, nil
	}
	// Keep what DecodeInto grew for the next month.
	m.offWh = grown(m.offWh, b.Offtake.Wh)
	m.offMiss = grown(m.offMiss, b.Offtake.Missing)
	m.flagged = grown(m.flagged, b.Estimated)
	if b.Feedin != nil {
		m.feedWh, m.feedMiss = grown(m.feedWh, m.feed.Wh), grown(m.feedMiss, m.feed.Missing)
	}
	if b.Offtake.Wh == nil {
		m.offWh = resize(m.offWh, n)
		b.Offtake.Wh = m.offWh
	}
	if b.Offtake.Missing == nil {
		m.offMiss = resize(m.offMiss, n)
		if data == nil {
			setAll(m.offMiss)
		}
		b.Offtake.Missing = m.offMiss
	}
	if withEst && b.Estimated == nil {
		m.flagged = resize(m.flagged, n)
		b.Estimated = m.flagged
	}
	if withFeedin && b.Feedin == nil {
		m.feedWh, m.feedMiss = resize(m.feedWh, n), resize(m.feedMiss, n)
		setAll(m.feedMiss)
		m.feed = blockcodec.Channel{Wh: m.feedWh, Missing: m.feedMiss}
		b.Feedin = &m.feed
	} else if b.Feedin != nil && b.Feedin.Missing == nil {
		m.feedMiss = resize(m.feedMiss, n)
		b.Feedin.Missing = m.feedMiss
	}
	return b, nil
}

// grown returns next when it is a larger buffer than old.
func grown[T any](old, next []T) []T {
	if cap(next) > cap(old) {
		return next
	}
	return old
}

// resize returns s with length n, every element zero (the compiler turns
// the append of make into a clear when s has room).
func resize[T any](s []T, n int) []T { return append(s[:0], make([]T, n)...) }

func setAll(bs []bool) {
	for i := range bs {
		bs[i] = true
	}
}

// ImportMeter stores the readings of one file in one transaction. A file
// whose SHA256 was imported before changes nothing (Repeated). Every
// connection must be in the store. Per connection and local month, the
// file's readings replace the stored ones of the same ISPs; ISPs the file
// lacks keep their readings; a month that changes gets a new version and
// its previous version goes to meter_block_history.
func (db *DB) ImportMeter(ctx context.Context, who Actor, imp MeterImport) (ImportResult, error) {
	res := ImportResult{Connections: len(imp.Connections)}
	if len(imp.SHA256) != 64 || strings.Trim(imp.SHA256, "0123456789abcdef") != "" {
		return res, fmt.Errorf("meter import %s: sha256 %.70q: want 64 lower-case hex digits: %w", imp.FileName, imp.SHA256, ErrInvalid)
	}
	var bad []string
	for _, c := range imp.Connections {
		if err := ean.Validate(c.EAN); err != nil {
			bad = append(bad, err.Error())
		}
	}
	if len(bad) > 0 {
		return res, fmt.Errorf("meter import %s: %s: %w", imp.FileName, strings.Join(bad, "; "), ErrInvalid)
	}
	report, err := json.Marshal(imp.Report)
	if err != nil {
		return res, fmt.Errorf("meter import %s: report: %w", imp.FileName, err)
	}
	err = db.write(ctx, func(t *tx) error {
		err := t.queryRow(`SELECT id, connections, isps FROM meter_imports WHERE sha256 = ?`, imp.SHA256).Scan(&res.ID, &res.Connections, &res.ISPs)
		if err == nil {
			res.Repeated = true
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := t.knownConnections(imp); err != nil {
			return err
		}
		err = t.queryRow(`INSERT INTO meter_imports (sha256, file_name, actor, imported_us, connections, isps, changed_isps, report)
			VALUES (?, ?, ?, ?, ?, 0, 0, ?) RETURNING id`, imp.SHA256, imp.FileName, string(who), us(t.now), len(imp.Connections), string(report)).Scan(&res.ID)
		if err != nil {
			return err
		}
		w, err := t.blockWriter()
		if err != nil {
			return err
		}
		defer w.close()
		for _, c := range imp.Connections {
			if err := w.connection(c, res.ID, &res); err != nil {
				return fmt.Errorf("meter import %s: %w", imp.FileName, err)
			}
		}
		if _, err := t.exec(`UPDATE meter_imports SET isps = ?, changed_isps = ? WHERE id = ?`, res.ISPs, res.ChangedISPs, res.ID); err != nil {
			return err
		}
		return t.audit(who, "import", "meter", fmt.Sprint(res.ID), nil, map[string]any{
			"file": imp.FileName, "sha256": imp.SHA256, "connections": res.Connections,
			"isps": res.ISPs, "changed_isps": res.ChangedISPs, "blocks": res.Blocks})
	})
	return res, err
}

// knownConnections refuses an import naming connections the store lacks,
// naming all of them (up to ten).
func (t *tx) knownConnections(imp MeterImport) error {
	var unknown []string
	for _, c := range imp.Connections {
		var n int
		if err := t.queryRow(`SELECT COUNT(*) FROM connections WHERE ean = ?`, c.EAN).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			unknown = append(unknown, c.EAN)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	more := ""
	if len(unknown) > 10 {
		more = fmt.Sprintf(" and %d more", len(unknown)-10)
		unknown = unknown[:10]
	}
	return fmt.Errorf("meter import %s: connections not in the store: %s%s (add them first with `gridflex connection add`): %w",
		imp.FileName, strings.Join(unknown, ", "), more, ErrNotFound)
}

// blockWriter holds the prepared statements of one import.
type blockWriter struct {
	t                   *tx
	sel, ins, upd, hist *sql.Stmt
	monthBuffers
}

func (t *tx) blockWriter() (*blockWriter, error) {
	w := &blockWriter{t: t}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = t.Tx.Prepare(t.db.rebind(q))
		return s
	}
	w.sel = prep(`SELECT month_start_us, version, import_id, data FROM meter_blocks WHERE ean = ? AND month_start_us >= ? AND month_start_us < ?`)
	w.ins = prep(`INSERT INTO meter_blocks (ean, month_start_us, isps, version, import_id, data) VALUES (?, ?, ?, 1, ?, ?)`)
	w.upd = prep(`UPDATE meter_blocks SET version = ?, import_id = ?, data = ? WHERE ean = ? AND month_start_us = ?`)
	w.hist = prep(`INSERT INTO meter_block_history (ean, month_start_us, version, isps, import_id, data, superseded_us, superseded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *blockWriter) close() {
	for _, s := range []*sql.Stmt{w.sel, w.ins, w.upd, w.hist} {
		if s != nil {
			s.Close()
		}
	}
}

// span is the union of the periods of a connection's channels.
func span(c meter.Connection) (from, to time.Time, ok bool) {
	for _, s := range []series.Series{c.Offtake, c.Feedin} {
		if s.Len() == 0 {
			continue
		}
		if !ok || s.Start.Before(from) {
			from = s.Start
		}
		if !ok || s.End().After(to) {
			to = s.End()
		}
		ok = true
	}
	return from, to, ok
}

func (w *blockWriter) connection(c meter.Connection, importID int64, res *ImportResult) error {
	from, to, ok := span(c)
	if !ok {
		return nil
	}
	res.ISPs += readings(c)
	first := monthStart(from)
	stored := map[int64]*storedBlock{}
	rows, err := w.sel.Query(c.EAN, us(first), us(to))
	if err != nil {
		return err
	}
	for rows.Next() {
		var sb storedBlock
		var at int64
		if err := rows.Scan(&at, &sb.version, &sb.importN, &sb.data); err != nil {
			rows.Close()
			return err
		}
		sb.start = fromUS(at)
		stored[at] = &sb
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for m := first; m.Before(to); m = nextMonth(m) {
		n := int(nextMonth(m).Sub(m) / series.ISP)
		old := stored[us(m)]
		var data []byte
		if old != nil {
			data = old.data
		}
		b, err := w.month(data, n, c.Estimated != nil, c.Feedin.Len() > 0)
		if err != nil {
			return fmt.Errorf("connection %s: stored month %s: %w", c.EAN, m.Format(time.RFC3339), err)
		}
		changed, err := overlay(b, &b.Offtake, m, n, c.Offtake, c.Estimated, c.EAN)
		if err != nil {
			return err
		}
		if c.Feedin.Len() > 0 {
			c2, err := overlay(b, b.Feedin, m, n, c.Feedin, nil, c.EAN)
			if err != nil {
				return err
			}
			changed += c2
		}
		res.ChangedISPs += changed
		if changed == 0 {
			continue
		}
		w.buf = blockcodec.Encode(w.buf[:0], b)
		res.Blocks++
		if old == nil {
			_, err = w.ins.Exec(c.EAN, us(m), n, importID, w.buf)
		} else {
			_, err = w.hist.Exec(c.EAN, us(m), old.version, n, old.importN, old.data, us(w.t.now), importID)
			if err == nil {
				_, err = w.upd.Exec(old.version+1, importID, w.buf, c.EAN, us(m))
			}
		}
		if err != nil {
			return err
		}
		if h := w.t.db.hook; h != nil {
			h("block written")
		}
	}
	return nil
}

// readings counts the ISPs with a reading in either channel.
func readings(c meter.Connection) int {
	n := c.Offtake.Len() - c.Offtake.MissingCount()
	if c.Feedin.Start.Equal(c.Offtake.Start) && c.Feedin.Len() <= c.Offtake.Len() {
		// The usual layout: both channels over the same ISPs.
		for k, v := range c.Feedin.KW {
			if v == v && c.Offtake.KW[k] != c.Offtake.KW[k] {
				n++
			}
		}
		return n
	}
	for k := range c.Feedin.Len() {
		if c.Feedin.Missing(k) {
			continue
		}
		i, ok := c.Offtake.Index(c.Feedin.At(k))
		if !ok || c.Offtake.Missing(i) {
			n++
		}
	}
	return n
}

// fill copies a decoded month starting at start into the series of c
// (which cover [c.Offtake.Start, c.Offtake.End())), one channel at a time
// over the ISPs both share.
func fill(c *meter.Connection, b *blockcodec.Block, start time.Time) {
	off := int(start.Sub(c.Offtake.Start) / series.ISP)
	from, to := max(0, -off), min(b.Len(), c.Offtake.Len()-off)
	if from >= to {
		return
	}
	fillKW(c.Offtake.KW[from+off:to+off], &b.Offtake, from, to)
	if b.Feedin != nil {
		if c.Feedin.Len() == 0 {
			c.Feedin = series.New(c.Offtake.Start, c.Offtake.Len())
		}
		fillKW(c.Feedin.KW[from+off:to+off], b.Feedin, from, to)
	}
	if b.Estimated != nil {
		for i, e := range b.Estimated[from:to] {
			if e {
				if c.Estimated == nil {
					c.Estimated = make([]bool, c.Offtake.Len())
				}
				c.Estimated[from+off+i] = true
			}
		}
	}
}

// fillKW writes the present readings of ISPs [from, to) of ch into kw.
func fillKW(kw []float32, ch *blockcodec.Channel, from, to int) {
	wh := ch.Wh[from:to]
	wh = wh[:len(kw)]
	if ch.Missing == nil {
		for i, v := range wh {
			kw[i] = float32(float64(v) / WhPerKW)
		}
		return
	}
	miss := ch.Missing[from:to]
	miss = miss[:len(kw)]
	for i, v := range wh {
		if !miss[i] {
			kw[i] = float32(float64(v) / WhPerKW)
		}
	}
}

// decodeStored decodes a stored block into b, naming it in errors.
func decodeStored(b *blockcodec.Block, code string, start time.Time, data []byte) error {
	if err := blockcodec.DecodeInto(b, data); err != nil {
		return fmt.Errorf("connection %s: stored month %s: %w", code, start.Format(time.RFC3339), err)
	}
	return nil
}

// ReadMeter returns the stored readings of a connection in [from, to),
// both ISP-aligned; zero from or to means from the first or to the last
// stored month. Offtake always has the whole period (NaN where missing);
// Feedin has length 0 when no month has a feed-in channel.
func (db *DB) ReadMeter(ctx context.Context, scope Scope, code string, from, to time.Time) (meter.Connection, error) {
	c := meter.Connection{EAN: code, Resolution: series.ISP}
	if _, err := db.GetConnection(ctx, scope, code); err != nil {
		return c, err
	}
	if from.Truncate(series.ISP) != from || to.Truncate(series.ISP) != to {
		return c, fmt.Errorf("read meter %s: period %s–%s not aligned to 15 minutes: %w", code, from, to, ErrInvalid)
	}
	if from.IsZero() || to.IsZero() {
		var lo, hi sql.NullInt64
		if err := db.queryRow(ctx, `SELECT MIN(month_start_us), MAX(month_start_us) FROM meter_blocks WHERE ean = ?`, code).Scan(&lo, &hi); err != nil {
			return c, err
		}
		if !lo.Valid {
			return c, fmt.Errorf("meter data of %s: %w", code, ErrNotFound)
		}
		if from.IsZero() {
			from = fromUS(lo.Int64)
		}
		if to.IsZero() {
			to = nextMonth(fromUS(hi.Int64))
		}
	}
	if !from.Before(to) {
		return c, fmt.Errorf("read meter %s: period %s–%s is empty: %w", code, from, to, ErrInvalid)
	}
	c.Offtake = series.New(from.UTC(), int(to.Sub(from)/series.ISP))
	rows, err := db.query(ctx, `SELECT month_start_us, data FROM meter_blocks WHERE ean = ? AND month_start_us >= ? AND month_start_us < ? ORDER BY month_start_us`,
		code, us(monthStart(from)), us(to))
	if err != nil {
		return c, err
	}
	defer rows.Close()
	var b blockcodec.Block // one month's memory, reused for the next
	var data []byte
	for rows.Next() {
		var at int64
		if err := rows.Scan(&at, &data); err != nil {
			return c, err
		}
		if err := decodeStored(&b, code, fromUS(at), data); err != nil {
			return c, err
		}
		fill(&c, &b, fromUS(at))
	}
	return c, rows.Err()
}

// MeterHistory returns the superseded versions of a connection's months,
// by month and version, each with its readings as they were.
func (db *DB) MeterHistory(ctx context.Context, scope Scope, code string) ([]MeterRevision, error) {
	if _, err := db.GetConnection(ctx, scope, code); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT month_start_us, version, isps, import_id, data, superseded_us, superseded_by
		FROM meter_block_history WHERE ean = ? ORDER BY month_start_us, version`, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MeterRevision
	for rows.Next() {
		var r MeterRevision
		var at, sup int64
		var n int
		var data []byte
		if err := rows.Scan(&at, &r.Version, &n, &r.Import, &data, &sup, &r.SupersededBy); err != nil {
			return nil, err
		}
		r.MonthStart, r.Superseded = fromUS(at), fromUS(sup)
		var b blockcodec.Block
		if err := decodeStored(&b, code, r.MonthStart, data); err != nil {
			return nil, err
		}
		r.Data = meter.Connection{EAN: code, Resolution: series.ISP, Offtake: series.New(r.MonthStart, n)}
		fill(&r.Data, &b, r.MonthStart)
		out = append(out, r)
	}
	return out, rows.Err()
}
