package contract

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gridflex/meter"
	"gridflex/series"
)

// writeCanonicalYears writes n connection-years (2026) in the canonical
// meter format (meter/FORMAT.md), deterministic, connection after
// connection; every third connection has a contract in book().
func writeCanonicalYears(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\n")
	start := Date{2026, 1, 1}.Start()
	isps := int(Date{2027, 1, 1}.Start().Sub(start) / series.ISP)
	stamps := make([]string, isps+1)
	for i := range stamps {
		stamps[i] = start.Add(time.Duration(i) * series.ISP).In(series.Amsterdam).Format(time.RFC3339)
	}
	data := genYear(1)[0].KW
	var buf []byte
	for c := range n {
		ean := bulkEAN(c)
		scale := 0.8 + 0.4*float64(c%7)/7
		for i := range isps {
			buf = append(buf[:0], ean...)
			buf = append(buf, ';')
			buf = append(buf, stamps[i]...)
			buf = append(buf, ';')
			buf = append(buf, stamps[i+1]...)
			buf = append(buf, ';')
			if v := data[(i+c*97)%isps]; v == v {
				buf = strconv.AppendFloat(buf, math.Round(float64(v)*scale*25)/100, 'f', -1, 64) // kWh = kW ÷ 4, to 0.01
			}
			buf = append(buf, ";;M\n"...)
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

func bulkEAN(c int) string { return fmt.Sprintf("8716871200%08d", c) }

// bulkBook has a contract for every third connection.
func bulkBook(tb testing.TB, n int) *Book {
	shapes := benchContracts(tb)
	var cs []*Contract
	for c := 0; c < n; c += 3 {
		k := *shapes[c%len(shapes)]
		k.Connection = bulkEAN(c)
		cs = append(cs, &k)
	}
	b, err := NewBook(cs)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// peakHeap samples the live heap until stop is closed and returns the
// largest value seen, in bytes.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// runBulk streams r through meter.Stream into a bulk check and returns the
// rows by status and the peak heap.
func runBulk(tb testing.TB, r io.Reader, n int) (map[string]int, uint64) {
	book := bulkBook(tb, n)
	rows := map[string]int{}
	var mu sync.Mutex
	runtime.GC()
	stop := make(chan struct{})
	peak := peakHeap(stop)
	bulk := Bulk{Book: book, Workers: 2, Emit: func(s Summary) error {
		mu.Lock()
		rows[string(s.Status)]++
		mu.Unlock()
		return nil
	}}
	err := bulk.Run(func(yield Yield) error {
		return meter.Stream(r, "bulk.csv", meter.Options{}, func(m meter.Connection) error {
			return yield(m.EAN, m.Offtake, m.Feedin)
		})
	})
	close(stop)
	if err != nil {
		tb.Fatal(err)
	}
	return rows, <-peak
}

func bulkConnections(def int) int {
	if s := os.Getenv("GRIDFLEX_BULK_CONNECTIONS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return n
		}
	}
	return def
}

// TestBulkFromDisk writes connection-years in the canonical format to a
// temporary file and checks them in one streaming pass. Small by default
// (go test stays fast); GRIDFLEX_BULK_CONNECTIONS=N scales it.
func TestBulkFromDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and streams a canonical meter file")
	}
	n := bulkConnections(12)
	path := filepath.Join(t.TempDir(), "bulk.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeCanonicalYears(f, n); err != nil {
		t.Fatal(err)
	}
	f.Close()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	rows, peak := runBulk(t, in, n)
	if want := (n + 2) / 3; rows["checked"] != want || rows["no contract"] != n-want || len(rows) != 2 {
		t.Errorf("rows = %v, want %d checked, %d without contract", rows, want, n-want)
	}
	t.Logf("%d connection-years, peak heap %.0f MB", n, float64(peak)/1e6)
	if peak > 1<<30 {
		t.Errorf("peak heap %d MB, want < 1 GB", peak>>20)
	}
}

// BenchmarkBulk streams connection-years of canonical CSV, generated on
// the fly through a pipe so that GRIDFLEX_BULK_CONNECTIONS=100000 (about
// 280 GB of CSV) runs without the disk space, and reports the peak heap,
// which must stay under 1 GB whatever the number of connections.
func BenchmarkBulk(b *testing.B) {
	n := bulkConnections(100)
	var peak uint64
	var done atomic.Int64
	b.ReportAllocs()
	for b.Loop() {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(writeCanonicalYears(pw, n)) }()
		rows, p := runBulk(b, pr, n)
		peak = max(peak, p)
		done.Add(int64(rows["checked"] + rows["no contract"]))
	}
	b.ReportMetric(float64(done.Load())/b.Elapsed().Seconds(), "connection-years/s")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

// Rows come in stream order, then groups, then contracts without data; a
// group member without its own contract has no row.
func TestBulkRows(t *testing.T) {
	a := mustParse(t, strings.Replace(minimal, "871687120000000001", "A", 1))
	z := mustParse(t, strings.Replace(minimal, "871687120000000001", "Z", 1))
	g := mustParse(t, "group: G\nmembers: [A, M]\nterm: {start: 2026-01-01}\nlimits:\n  - {form: group, max_kw: 500}\n")
	g2 := mustParse(t, "group: H\nmembers: [A, X]\nterm: {start: 2026-01-01}\nlimits:\n  - {form: group, max_kw: 500}\n")
	book, err := NewBook([]*Contract{a, z, g, g2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	bulk := Bulk{Book: book, Workers: 2, Emit: func(s Summary) error {
		got = append(got, s.Connection+":"+string(s.Status)+":"+fmt.Sprint(s.Violations))
		return nil
	}}
	load := flat(2026, 3, 2, 1, 350) // Monday: 350 > 300 from 16:00 to 21:00
	err = bulk.Run(func(y Yield) error {
		for _, ean := range []string{"A", "B", "M"} {
			if err := y(ean, load, series.Series{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "A:checked:1 B:no contract:0 G:checked:1 H:no meter data:0 Z:no meter data:0"
	if strings.Join(got, " ") != want {
		t.Errorf("rows = %v, want %s", got, want)
	}
	dup := Bulk{Book: bulkBook(t, 3), Emit: func(Summary) error { return nil }}
	err = dup.Run(func(y Yield) error {
		y("X", load, series.Series{})
		return y("X", load, series.Series{})
	})
	if err == nil || !strings.Contains(err.Error(), `"X" appears twice`) {
		t.Errorf("duplicate connection: err = %v, want appears twice", err)
	}
}

// Issue 9 item 15: one bad contract file, a dangling link or a repeated
// connection in a contract directory stopped the whole bulk check with
// nothing written; each becomes a row with status error and its message,
// and the other contracts are checked.
func TestBulkBadContractFileIsARow(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.yaml", strings.Replace(minimal, "871687120000000001", "A", 1))
	write("b.yaml", "connection: B\nbase_capacity_kw: lots\n")
	write("c.yaml", strings.Replace(minimal, "871687120000000001", "A", 1))
	if err := os.Symlink(filepath.Join(dir, "gone.yaml"), filepath.Join(dir, "d.yaml")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	book, err := LoadBook(dir)
	if err != nil {
		t.Fatalf("LoadBook = %v, want the bad files as rows", err)
	}
	if _, single := book.Single(); single {
		t.Error("Single() = true with bad files: their rows would be lost")
	}
	var got []string
	bulk := Bulk{Book: book, Emit: func(s Summary) error {
		got = append(got, filepath.Base(s.Connection)+":"+string(s.Status))
		if s.Status == "error" && s.Note == "" {
			t.Errorf("row %s: error without its message", s.Connection)
		}
		return nil
	}}
	if err := bulk.Run(func(y Yield) error { return y("A", flat(2026, 3, 2, 1, 350), series.Series{}) }); err != nil {
		t.Fatal(err)
	}
	want := "A:checked b.yaml:error d.yaml:error c.yaml:error"
	if strings.Join(got, " ") != want {
		t.Errorf("rows = %v, want %s", got, want)
	}
}
