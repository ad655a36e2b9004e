package meter

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"gridflex/series"
)

// canonicalHeader is the header of the canonical format (FORMAT.md).
const canonicalHeader = "ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality"

// WriteCanonical writes connections in the canonical format: one row per
// ISP, timestamps with the Europe/Amsterdam UTC offset, energy in kWh per
// ISP, blank values for missing ISPs. Reading the output back gives the
// same series (float32 values are written in their shortest exact form).
// A connection without feed-in series writes a blank feedin_kwh.
func WriteCanonical(w io.Writer, conns []Connection) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(canonicalHeader + "\n")
	var buf []byte
	for _, c := range conns {
		s := c.Offtake
		if c.Feedin.Len() > 0 && (!c.Feedin.Start.Equal(s.Start) || c.Feedin.Len() != s.Len()) {
			return fmt.Errorf("write connection %s: feed-in series not aligned with offtake", c.EAN)
		}
		if strings.ContainsAny(c.EAN, ";\"\r\n") || strings.TrimSpace(c.EAN) != c.EAN || c.EAN == "" {
			return fmt.Errorf("write connection %q: want an EAN without separators, quotes, line breaks or outer blanks", c.EAN)
		}
		if c.Estimated != nil && len(c.Estimated) != s.Len() {
			return fmt.Errorf("write connection %s: %d quality flags for %d ISPs", c.EAN, len(c.Estimated), s.Len())
		}
		for i := range s.KW {
			t := s.At(i)
			buf = append(buf[:0], c.EAN...)
			buf = append(buf, ';')
			buf = appendStamp(buf, t)
			buf = append(buf, ';')
			buf = appendStamp(buf, t.Add(series.ISP))
			buf = append(buf, ';')
			buf = appendKWh(buf, s.KW[i])
			buf = append(buf, ';')
			if c.Feedin.Len() > 0 {
				buf = appendKWh(buf, c.Feedin.KW[i])
			}
			buf = append(buf, ';')
			if c.Estimated != nil && c.Estimated[i] {
				buf = append(buf, 'E')
			} else if s.KW[i] == s.KW[i] {
				buf = append(buf, 'M')
			}
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// appendStamp writes t in Europe/Amsterdam with its offset, the form
// people check against their own clock.
func appendStamp(b []byte, t time.Time) []byte {
	return t.In(series.Amsterdam).AppendFormat(b, "2006-01-02T15:04:05-07:00")
}

// appendKWh writes kW ÷ 4 as the shortest decimal that reads back to the
// same float32: the float32 form when the importer's float64 arithmetic
// returns kw from it, else the exact float64 quotient.
func appendKWh(b []byte, kw float32) []byte {
	if kw != kw {
		return b
	}
	n := len(b)
	b = strconv.AppendFloat(b, float64(kw/series.ISPsPerHour), 'f', -1, 32)
	if x, err := strconv.ParseFloat(string(b[n:]), 64); err == nil && float32(x*series.ISPsPerHour) == kw {
		return b
	}
	return strconv.AppendFloat(b[:n], float64(kw)/series.ISPsPerHour, 'g', -1, 64)
}
