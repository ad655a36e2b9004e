package meter

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
)

// block is the raw lines of one connection (of a long layout), cut by the
// reading goroutine and decoded by a worker.
type block struct {
	seq   int
	first int    // line number of the first line
	data  []byte // lines joined by '\n'
}

// decoded is a worker's result for one block.
type decoded struct {
	seq  int
	conn []Connection
	mark byte // decimal mark the block used, 0 if none
	err  error
	line int
}

// streamParallel decodes a long layout one connection per block on
// several workers and hands connections to emit in file order. Memory
// stays bounded: at most 2 × workers blocks are in flight. Semantics are
// those of the sequential decoder: the repeated autumn hour is resolved by
// order within a connection, an EAN may not come back, one decimal mark
// per file.
func streamParallel(lr *lineReader, name string, opts Options, lay *layout, sep byte, emit func(Connection) error) error {
	workers := opts.workers()
	blocks := make(chan block, workers)
	results := make(chan decoded, workers)
	slots := make(chan struct{}, 2*workers) // blocks read but not yet emitted
	quit := make(chan struct{})
	var wg sync.WaitGroup
	// Block buffers go round: splitter → worker → free list → splitter.
	free := make(chan []byte, 2*workers+1)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var spare *acc
			for b := range blocks {
				var r decoded
				r, spare = decodeBlock(b, name, opts, lay, sep, spare)
				select {
				case free <- b.data[:0]:
				default:
				}
				results <- r
			}
		}()
	}

	var readErr error
	go func() {
		defer func() {
			close(blocks)
			wg.Wait()
			close(results)
		}()
		readErr = splitBlocks(lr, name, lay, sep, blocks, slots, free, quit)
	}()

	var errs []error
	maxErrs := opts.maxErrors()
	pending := map[int]decoded{}
	next := 0
	var mark byte = opts.Decimal
	markLine := 0
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			close(quit)
		}
	}
	for r := range results {
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-slots
			if stopped {
				continue
			}
			if r.err != nil {
				errs = append(errs, r.err)
			} else if r.mark != 0 {
				if mark != 0 && mark != r.mark {
					errs = append(errs, &Error{File: name, Line: r.line, Found: fmt.Sprintf("decimal mark %q in this connection", r.mark),
						Want: fmt.Sprintf("%q as before (line %d)", mark, markLine)})
				} else if mark == 0 {
					mark, markLine = r.mark, r.line
				}
			}
			if len(errs) > 0 {
				if len(errs) >= maxErrs {
					stop()
				}
				continue
			}
			for _, c := range r.conn {
				if err := emit(c); err != nil {
					stop()
					for range results { // let the workers finish
					}
					return err
				}
			}
		}
	}
	if readErr != nil && !errors.Is(readErr, errQuit) {
		errs = append(errs, readErr)
	}
	if len(errs) >= maxErrs {
		errs = append(errs, ErrTooManyErrors)
	}
	return errors.Join(errs...)
}

var errQuit = errors.New("stopped")

// splitBlocks reads lines and cuts them into one block per connection.
func splitBlocks(lr *lineReader, name string, lay *layout, sep byte, out chan<- block, slots chan struct{}, free chan []byte, quit <-chan struct{}) error {
	sp := splitter{sep: sep}
	done := map[string]int{} // EAN → line where its block began
	var cur block
	var curEAN []byte
	seq := 0
	send := func() error {
		if len(cur.data) == 0 {
			return nil
		}
		select {
		case slots <- struct{}{}:
		case <-quit:
			return errQuit
		}
		cur.seq = seq
		seq++
		select {
		case out <- cur:
		case <-quit:
			return errQuit
		}
		cur = block{}
		select {
		case cur.data = <-free:
		default:
		}
		return nil
	}
	for {
		b, err := lr.next()
		if err == io.EOF {
			return send()
		}
		if err != nil {
			send()
			return fmt.Errorf("%s:%d: %w", name, lr.line+1, err)
		}
		ean, ok := eanOf(&sp, b, lay.ean)
		if ok && !bytes.Equal(ean, curEAN) {
			if first, seen := done[string(ean)]; seen {
				if err := send(); err != nil {
					return err
				}
				return &Error{File: name, Line: lr.line, Column: lay.ean + 1, Name: lay.cols[lay.ean].head,
					Found: fmt.Sprintf("EAN %s again after its rows ended (they began on line %d)", ean, first),
					Want:  "the rows of each connection together (streaming)", Err: ErrNotContiguous}
			}
			if err := send(); err != nil {
				return err
			}
			curEAN = append(curEAN[:0], ean...)
			done[string(ean)] = lr.line
		}
		if len(cur.data) == 0 && cur.first == 0 {
			cur.first = lr.line
		} else {
			cur.data = append(cur.data, '\n')
		}
		cur.data = append(cur.data, b...)
	}
}

// eanOf returns the trimmed EAN field of a line, false for a line the
// decoder must judge (blank, unsplittable, too short).
func eanOf(sp *splitter, line []byte, col int) ([]byte, bool) {
	if bytes.IndexByte(line, '"') < 0 {
		for i := 0; i < col; i++ {
			j := bytes.IndexByte(line, sp.sep)
			if j < 0 {
				return nil, false
			}
			line = line[j+1:]
		}
		if j := bytes.IndexByte(line, sp.sep); j >= 0 {
			line = line[:j]
		}
		e := trim(line)
		return e, len(e) > 0
	}
	f, err := sp.split(line)
	if err != nil || len(f) <= col || len(trim(f[col])) == 0 {
		return nil, false
	}
	return trim(f[col]), true
}

// decodeBlock decodes one connection's lines with a fresh decoder, reusing
// the reading buffers of the worker's previous block.
func decodeBlock(b block, name string, opts Options, lay *layout, sep byte, spare *acc) (decoded, *acc) {
	r := decoded{seq: b.seq, line: b.first}
	d := newDecoder(name, opts, lay, false, func(c Connection) error {
		r.conn = append(r.conn, c)
		return nil
	})
	d.sep = sep
	d.spare = spare
	sp := splitter{sep: sep}
	line := b.first
	for data := b.data; ; line++ {
		i := bytes.IndexByte(data, '\n')
		l := data
		if i >= 0 {
			l = data[:i]
		}
		if !d.line(&sp, l, line) || i < 0 {
			break
		}
		data = data[i+1:]
	}
	_, r.err = d.end()
	r.mark = d.nums.mark
	if r.err != nil {
		r.conn = nil
	}
	if len(d.order) > 0 {
		spare = d.order[0]
	}
	return r, spare
}
