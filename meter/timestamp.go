package meter

import (
	"errors"
	"time"
)

// stamp is a parsed timestamp: wall-clock seconds since 1970-01-01 00:00
// as if the wall clock were UTC, plus the offset when the text had one.
type stamp struct {
	wall   int64
	off    int64 // seconds east of UTC
	hasOff bool
}

var errStamp = errors.New("bad timestamp")

// parseStamp reads YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH[:MM]| UTC] and the
// day-first DD-MM-YYYY or DD/MM/YYYY forms, byte by byte: time.Parse per
// reading would cost more than the rest of the import together.
func parseStamp(b []byte) (stamp, error) {
	var y, mo, d int
	var ok bool
	switch {
	case len(b) >= 10 && b[4] == '-' && b[7] == '-':
		y, ok = digitsN(b[0:4])
		mo, ok = digits2(b[5:7], ok)
		d, ok = digits2(b[8:10], ok)
	case len(b) >= 10 && (b[2] == '-' || b[2] == '/') && b[5] == b[2]:
		d, ok = digits2(b[0:2], true)
		mo, ok = digits2(b[3:5], ok)
		var yok bool
		y, yok = digitsN(b[6:10])
		ok = ok && yok
	default:
		return stamp{}, errStamp
	}
	if !ok || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return stamp{}, errStamp
	}
	b = b[10:]
	var h, mi, sec int
	if len(b) > 0 {
		if len(b) < 6 || (b[0] != 'T' && b[0] != ' ') || b[3] != ':' {
			return stamp{}, errStamp
		}
		h, ok = digits2(b[1:3], true)
		mi, ok = digits2(b[4:6], ok)
		b = b[6:]
		if len(b) >= 3 && b[0] == ':' {
			sec, ok = digits2(b[1:3], ok)
			b = b[3:]
			if len(b) > 0 && b[0] == '.' {
				// Fractions of a second must be zero: readings are on ISP
				// boundaries.
				i := 1
				for i < len(b) && b[i] == '0' {
					i++
				}
				if i == 1 || (i < len(b) && b[i] >= '0' && b[i] <= '9') {
					return stamp{}, errStamp
				}
				b = b[i:]
			}
		}
		if !ok || h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi != 0 || sec != 0)) {
			return stamp{}, errStamp
		}
	}
	st := stamp{wall: (daysFromCivil(y, mo, d)*24+int64(h))*3600 + int64(mi)*60 + int64(sec)}
	if len(b) == 0 {
		return st, nil
	}
	if b[0] == ' ' {
		b = b[1:]
	}
	switch {
	case len(b) == 1 && b[0] == 'Z', string(b) == "UTC", string(b) == "+00", string(b) == "+0000":
		st.hasOff = true
		return st, nil
	case len(b) >= 3 && (b[0] == '+' || b[0] == '-'):
		oh, ok := digits2(b[1:3], true)
		om := 0
		switch {
		case len(b) == 3:
		case len(b) == 6 && b[3] == ':':
			om, ok = digits2(b[4:6], ok)
		case len(b) == 5:
			om, ok = digits2(b[3:5], ok)
		default:
			ok = false
		}
		if !ok || oh > 14 || om > 59 {
			return stamp{}, errStamp
		}
		st.off = int64(oh*3600 + om*60)
		if b[0] == '-' {
			st.off = -st.off
		}
		st.hasOff = true
		return st, nil
	}
	return stamp{}, errStamp
}

func digits2(b []byte, ok bool) (int, bool) {
	if !ok || b[0] < '0' || b[0] > '9' || b[1] < '0' || b[1] > '9' {
		return 0, false
	}
	return int(b[0]-'0')*10 + int(b[1]-'0'), true
}

func digitsN(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the day number of a proleptic Gregorian date, 0 on
// 1970-01-01 (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// zoneResolver turns wall-clock times without offset into instants in a
// zone, remembering the current zone period so that most look-ups are two
// comparisons.
type zoneResolver struct {
	loc    *time.Location
	lo, hi int64 // current period [lo, hi) in Unix seconds
	off    int64
	valid  bool
}

func (z *zoneResolver) offset(u int64) int64 {
	if z.valid && u >= z.lo && u < z.hi {
		return z.off
	}
	t := time.Unix(u, 0).In(z.loc)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	z.lo, z.hi, z.off, z.valid = -1<<62, 1<<62, int64(off), true
	if !start.IsZero() {
		z.lo = start.Unix()
	}
	if !end.IsZero() {
		z.hi = end.Unix()
	}
	return z.off
}

// candidates returns the instants whose wall clock in the zone is wall,
// earliest first: none in a spring-forward gap, two in the repeated autumn
// hour.
func (z *zoneResolver) candidates(wall int64) (c [2]int64, n int) {
	const day = 12 * 3600
	for _, probe := range [2]int64{wall - day, wall + day} {
		off := z.offset(probe)
		u := wall - off
		if z.offset(u) != off || (n == 1 && c[0] == u) {
			continue
		}
		c[n] = u
		n++
	}
	if n == 2 && c[1] < c[0] {
		c[0], c[1] = c[1], c[0]
	}
	return c, n
}

// resolve picks the instant of a wall-clock time: the earliest candidate
// after prev (the previous reading of the same series, by order), else the
// latest, which then shows as a duplicate.
func (z *zoneResolver) resolve(wall int64, prev int64, hasPrev bool) (u int64, ambiguous bool, ok bool) {
	c, n := z.candidates(wall)
	switch n {
	case 0:
		return 0, false, false
	case 1:
		return c[0], false, true
	}
	if !hasPrev || c[0] > prev {
		return c[0], true, true
	}
	return c[1], true, true
}
