package meter

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
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
// same float32 (÷ 4 is exact in binary).
func appendKWh(b []byte, kw float32) []byte {
	if kw != kw {
		return b
	}
	return strconv.AppendFloat(b, float64(kw/series.ISPsPerHour), 'f', -1, 32)
}
