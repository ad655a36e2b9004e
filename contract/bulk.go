package contract

import (
	"fmt"
	"strings"

	"gridflex/series"
)

// Bulk checks many connections in one streaming pass: each connection's
// data is evaluated on a few workers as it arrives and then dropped, so
// memory is bounded by the workers in flight, not by the number of
// connections. Group contracts keep one summed series per group.
type Bulk struct {
	Book    *Book
	Calls   func(id string) []Call // calls for a connection or group; nil for none
	Workers int                    // 0 means 1
	// Emit receives one row per connection in the order read, then one per
	// group contract, per contract without data and per contract file that
	// could not be used (status "error"). It is called from one
	// goroutine at a time; an error stops the run.
	Emit func(Summary) error
}

// Yield hands one connection's data to a bulk check.
type Yield func(ean string, offtake, feedin series.Series) error

// Run reads every connection from stream and emits the summaries.
func (b *Bulk) Run(stream func(Yield) error) error {
	calls := b.Calls
	if calls == nil {
		calls = func(string) []Call { return nil }
	}
	p := newPipeline(max(1, b.Workers), b.Emit)
	seen := map[string]bool{}
	err := stream(func(ean string, off, feed series.Series) error {
		if seen[ean] {
			return fmt.Errorf("connection %q appears twice: want each connection once", ean)
		}
		seen[ean] = true
		b.Book.Seen(ean)
		member := b.Book.IsMember(ean)
		if member {
			b.Book.AddMember(ean, off, feed)
		}
		c, ok := b.Book.Contract(ean)
		switch {
		case ok:
			p.submit(c, Input{Offtake: off, Feedin: feed, Calls: calls(ean)})
		case !member:
			p.done(Summary{Connection: ean, Status: NoContract})
		}
		return p.failed()
	})
	if perr := p.close(); err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	for _, g := range b.Book.Groups() {
		row := Summary{Connection: g.Contract.ID(), Status: NoMeterData,
			Note: "group members without data: " + strings.Join(g.Missing, " ")}
		if len(g.Missing) == 0 {
			g.Input.Calls = calls(g.Contract.ID())
			row = EvaluateSummary(g.Contract, g.Input)
		}
		if err := b.Emit(row); err != nil {
			return err
		}
	}
	for _, ean := range b.Book.Unseen() {
		if err := b.Emit(Summary{Connection: ean, Status: NoMeterData}); err != nil {
			return err
		}
	}
	for _, row := range b.Book.Bad() {
		if err := b.Emit(row); err != nil {
			return err
		}
	}
	return nil
}

// EvaluateSummary evaluates and condenses; an error becomes a row with
// status "error", so one bad connection does not stop a bulk run.
func EvaluateSummary(c *Contract, in Input) Summary {
	r, err := Evaluate(c, in)
	if err != nil {
		return Summary{Connection: c.ID(), Status: Failed, Note: err.Error()}
	}
	return Summarise(r)
}

// pipeline evaluates on workers and emits in submission order; at most
// 2 × workers connections are in flight.
type pipeline struct {
	jobs     chan job
	order    chan chan Summary
	finished chan struct{}
	errc     chan error
	err      error
}

type job struct {
	c   *Contract
	in  Input
	out chan Summary
}

func newPipeline(workers int, emit func(Summary) error) *pipeline {
	p := &pipeline{jobs: make(chan job), order: make(chan chan Summary, 2*workers),
		finished: make(chan struct{}), errc: make(chan error, 1)}
	for range workers {
		go func() {
			for j := range p.jobs {
				j.out <- EvaluateSummary(j.c, j.in)
			}
		}()
	}
	go func() {
		defer close(p.finished)
		failed := false
		for ch := range p.order {
			s := <-ch
			if failed {
				continue // drain
			}
			if err := emit(s); err != nil {
				failed = true
				p.errc <- err
			}
		}
	}()
	return p
}

func (p *pipeline) submit(c *Contract, in Input) {
	ch := make(chan Summary, 1)
	p.order <- ch
	p.jobs <- job{c, in, ch}
}

// done queues a row that needs no evaluation, keeping the order.
func (p *pipeline) done(s Summary) {
	ch := make(chan Summary, 1)
	ch <- s
	p.order <- ch
}

// failed returns the writer's error, if any, so the stream stops early.
func (p *pipeline) failed() error {
	if p.err == nil {
		select {
		case p.err = <-p.errc:
		default:
		}
	}
	return p.err
}

func (p *pipeline) close() error {
	close(p.jobs)
	close(p.order)
	<-p.finished
	return p.failed()
}
