package usecase

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"

	"gridflex/contract"
	"gridflex/meter"
)

// CheckRequest asks for contracts to be checked against meter data.
type CheckRequest struct {
	Files    fs.FS
	Contract string // a contract file, or a directory of *.yaml / *.yml files
	Meter    string // a meter file (CSV, XLSX), or a directory of them
	Calls    string // calls file (CSV or YAML); "" for none
	// MeterOptions say how meter files are read. With one contract an
	// empty EAN names a single-column file after the contract's
	// connection, so that one contract and one such file match.
	MeterOptions meter.Options
	// Emit receives the rows of a bulk check (many contracts or many
	// connections) in the order read, then group contracts and contracts
	// without data. Nil asks for one contract only: a bulk check is then
	// ErrBulk.
	Emit func(contract.Summary) error
	// Progress, if set, is called as a bulk check reads its meter files:
	// bytes read so far of total.
	Progress func(done, total int64)
}

// CheckResult is what a check found besides its rows.
type CheckResult struct {
	// One is the full result of a check of one contract against one meter
	// file; nil for a bulk check.
	One *OneCheck
	// Notes say how the import read the files (read whole instead of
	// streamed); they come with an error too.
	Notes []string
	// Warnings are a bulk check's data-quality findings, one line per
	// connection, at most maxQualityLines and a count of the rest.
	Warnings []string
}

// OneCheck is a contract checked in full.
type OneCheck struct {
	Contract *contract.Contract
	Input    contract.Input // the connection's (or group's) load, with the calls
	Result   *contract.Result
	Quality  contract.DataQuality
}

// ErrBulk refuses a bulk check where one contract was asked for.
var ErrBulk = errors.New("want one contract file and one meter file")

// maxQualityLines bounds the bulk data-quality lines.
const maxQualityLines = 20

// CheckContracts checks one contract in full, or streams every connection
// of the meter data once and emits a summary row per connection (group
// contracts sum their members). ctx stops a bulk check between
// connections.
func CheckContracts(ctx context.Context, req CheckRequest) (CheckResult, error) {
	book, err := loadBook(req.Files, req.Contract)
	if err != nil {
		return CheckResult{}, err
	}
	var calls []contract.Call
	if req.Calls != "" {
		data, err := readFile(req.Files, req.Calls)
		if err != nil {
			return CheckResult{}, fmt.Errorf("calls file: %w", err)
		}
		if calls, err = contract.ParseCalls(req.Calls, data); err != nil {
			return CheckResult{}, err
		}
	}
	info, err := fs.Stat(req.Files, req.Meter)
	if err != nil {
		return CheckResult{}, fmt.Errorf("meter data: %w", err)
	}
	if c, single := book.Single(); single && !info.IsDir() {
		return checkOne(ctx, req, c, calls)
	}
	if req.Emit == nil {
		return CheckResult{}, ErrBulk
	}
	return checkBulk(ctx, req, book, calls)
}

// loadBook reads one contract file, which must parse, or every *.yaml /
// *.yml file of a directory, where a file that does not parse or repeats
// a connection becomes an error row and the others are checked
// (contract.BookOf). A holidays_file is read next to its contract.
func loadBook(fsys fs.FS, name string) (*contract.Book, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	load := func(f string) (*contract.Contract, error) {
		data, err := readFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("contract file: %w", err)
		}
		return contract.Parse(f, data, func(n string) ([]byte, error) { return readFile(fsys, beside(f, n)) })
	}
	if !info.IsDir() {
		c, err := load(name)
		if err != nil {
			return nil, err
		}
		return contract.NewBook([]*contract.Contract{c})
	}
	files, err := listDir(fsys, name, ".yaml", ".yml")
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("contracts: %s: no *.yaml contract files", name)
	}
	return contract.BookOf(files, load), nil
}

// checkOne reports one contract (a connection or a group) in full.
func checkOne(ctx context.Context, req CheckRequest, c *contract.Contract, calls []contract.Call) (CheckResult, error) {
	opts := req.MeterOptions
	if opts.EAN == "" {
		opts.EAN = c.Connection
	}
	var res CheckResult
	in, qs, err := inputFor(ctx, req.Files, c, req.Meter, opts, &res.Notes)
	if err != nil {
		return res, err
	}
	in.Calls = calls
	r, err := contract.Evaluate(c, in)
	if err != nil {
		return res, err
	}
	res.One = &OneCheck{Contract: c, Input: in, Result: r, Quality: contract.AssessData(qs)}
	return res, nil
}

// inputFor streams the meter file and keeps only the contract's
// connection, or the sum of a group's members, with the import's quality
// report of each connection used.
func inputFor(ctx context.Context, fsys fs.FS, c *contract.Contract, file string, opts meter.Options, notes *[]string) (contract.Input, []meter.Quality, error) {
	book, err := contract.NewBook([]*contract.Contract{c})
	if err != nil {
		return contract.Input{}, nil, err
	}
	var (
		in    contract.Input
		found bool
		eans  []string
		qs    []meter.Quality
	)
	ms := meterStream{files: fsys, opts: opts, notes: notes}
	err = ms.each(ctx, file, func(m meter.Connection) error {
		if len(eans) < 10 {
			eans = append(eans, m.EAN)
		}
		if c.Group == "" && m.EAN == c.Connection {
			in, found = contract.Input{Offtake: m.Offtake, Feedin: m.Feedin}, true
			qs = append(qs, withResolution(m))
		}
		if book.IsMember(m.EAN) {
			book.AddMember(m.EAN, m.Offtake, m.Feedin)
			qs = append(qs, withResolution(m))
		}
		return nil
	})
	if err != nil {
		return contract.Input{}, nil, err
	}
	if c.Group == "" {
		if !found {
			return contract.Input{}, nil, fmt.Errorf("%s: no data for connection %q of %s: the file has %s", file, c.Connection, c.File, strings.Join(eans, ", "))
		}
		return in, qs, nil
	}
	g := book.Groups()[0]
	if len(g.Missing) > 0 {
		return contract.Input{}, nil, fmt.Errorf("%s: group %q: no data for members %s: a group limit cannot be checked on part of the group",
			file, c.Group, strings.Join(g.Missing, ", "))
	}
	return g.Input, qs, nil
}

// checkBulk streams every connection of the meter data once and checks
// the ones with a contract on two workers.
func checkBulk(ctx context.Context, req CheckRequest, book *contract.Book, calls []contract.Call) (CheckResult, error) {
	var res CheckResult
	files, total, err := meterFiles(req.Files, req.Meter)
	if err != nil {
		return res, err
	}
	ms := meterStream{files: req.Files, opts: req.MeterOptions, notes: &res.Notes}
	if req.Progress != nil {
		var done int64
		ms.read = func(n int) {
			done += int64(n)
			req.Progress(done, total)
		}
	}
	bulk := contract.Bulk{Book: book, Calls: indexCalls(calls), Workers: min(2, runtime.GOMAXPROCS(0)), Emit: req.Emit}
	// Quality warnings are collected per connection and returned after the
	// run, so a bulk summary does not hide what the import found.
	warnedConns := 0
	err = bulk.Run(func(yield contract.Yield) error {
		for _, file := range files {
			err := ms.each(ctx, file, func(m meter.Connection) error {
				if dq := contract.AssessData([]meter.Quality{withResolution(m)}); len(dq.Warnings) > 0 {
					warnedConns++
					if len(res.Warnings) < maxQualityLines {
						res.Warnings = append(res.Warnings, m.EAN+": "+strings.Join(dq.Warnings, "; "))
					}
				}
				if err := yield(m.EAN, m.Offtake, m.Feedin); err != nil {
					return fmt.Errorf("%s: %w", file, err)
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	if warnedConns > len(res.Warnings) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("… and %d more connections", warnedConns-len(res.Warnings)))
	}
	return res, nil
}

// indexCalls groups calls by connection; calls without one apply to all.
func indexCalls(calls []contract.Call) func(string) []contract.Call {
	by := map[string][]contract.Call{}
	var all []contract.Call
	for _, c := range calls {
		if c.Connection == "" {
			all = append(all, c)
		} else {
			by[c.Connection] = append(by[c.Connection], c)
		}
	}
	return func(ean string) []contract.Call {
		if len(all) == 0 {
			return by[ean]
		}
		return append(append([]contract.Call(nil), all...), by[ean]...)
	}
}

// withResolution is m's quality report with the connection's resolution
// and EAN, should the report leave them unset.
func withResolution(m meter.Connection) meter.Quality {
	q := m.Quality
	if q.Resolution == 0 {
		q.Resolution = m.Resolution
	}
	if q.EAN == "" {
		q.EAN = m.EAN
	}
	return q
}
