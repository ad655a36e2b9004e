package usecase

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"gridflex/contract"
	"gridflex/meter"
	"gridflex/store"
	"gridflex/wire"
)

// AddContractsRequest stores contract files in the store.
type AddContractsRequest struct {
	Store store.Store
	Actor store.Actor
	Files fs.FS
	// Contract is a contract file or a directory of *.yaml / *.yml files.
	Contract string
	Owner    string // organisation that owns the connections
	CSP      string // organisation that represents them; "" none
}

// AddContracts parses every contract file first (all problems at once)
// and then stores each as the next version of its ID, with the files it
// refers to (holidays_file) as attachments.
func AddContracts(ctx context.Context, req AddContractsRequest) ([]store.Contract, error) {
	names, err := contractFiles(req.Files, req.Contract)
	if err != nil {
		return nil, err
	}
	var todo []store.NewContract
	var errs []error
	for _, name := range names {
		src, err := readFile(req.Files, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		att := map[string][]byte{}
		c, err := contract.Parse(name, src, func(ref string) ([]byte, error) {
			b, err := readFile(req.Files, beside(name, ref))
			if err == nil {
				att[ref] = b
			}
			return b, err
		})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		todo = append(todo, store.NewContract{Owner: req.Owner, CSP: req.CSP, FileName: path.Base(name), Source: src, Attachments: att, Parsed: c})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []store.Contract
	for _, nc := range todo {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		c, err := req.Store.AddContract(ctx, req.Actor, nc)
		if err != nil {
			return out, fmt.Errorf("%s: %w", nc.FileName, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// contractFiles lists a contract file, or the YAML files of a directory.
func contractFiles(fsys fs.FS, name string) ([]string, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	if !st.IsDir() {
		return []string{name}, nil
	}
	ents, err := fs.ReadDir(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	var out []string
	for _, e := range ents {
		if ext := strings.ToLower(path.Ext(e.Name())); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			out = append(out, path.Join(name, e.Name()))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("contracts: %s: no *.yaml contract files", name)
	}
	return out, nil
}

// ImportMeterRequest imports a meter file into the store.
type ImportMeterRequest struct {
	Store   store.Store
	Actor   store.Actor
	Files   fs.FS
	Meter   string // CSV or XLSX file in Files
	Options meter.Options
}

// ImportMeterResult is what the import read and what it changed.
type ImportMeterResult struct {
	Store  store.ImportResult
	Report meter.Report
}

// ImportMeter reads a meter file (meter/FORMAT.md) and stores its
// readings in one transaction. The file's SHA-256 makes a second import
// of the same file a no-op; its quality report is kept as provenance.
func ImportMeter(ctx context.Context, req ImportMeterRequest) (ImportMeterResult, error) {
	var res ImportMeterResult
	sum, err := fileSHA256(req.Files, req.Meter)
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	conns, rep, err := readMeter(req.Files, req.Meter, req.Options)
	if err != nil {
		return res, err
	}
	res.Report = rep
	res.Store, err = req.Store.ImportMeter(ctx, req.Actor, store.MeterImport{
		FileName: path.Base(req.Meter), SHA256: sum, Connections: conns, Report: wire.FromMeterReport(rep)})
	return res, err
}

func fileSHA256(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", fmt.Errorf("read meter data: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read meter data: %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// StoredCheckRequest checks stored contracts against stored meter data.
type StoredCheckRequest struct {
	Store store.Store
	Actor store.Actor
	Scope store.Scope
	// IDs are the contracts to check (latest versions); none means every
	// contract in scope that is signed or active.
	IDs []string
	// From and To bound the data (ISP-aligned); zero means all stored.
	From, To time.Time
}

// StoredCheck is one contract checked against the store.
type StoredCheck struct {
	Contract store.Contract
	Result   *contract.Result // nil when Err is set
	Err      error            // why the contract could not be checked
}

// CheckStored evaluates each contract against the meter data in the
// store and keeps its monthly settlement there, replacing the months it
// had. A contract without data or with a member missing is reported with
// its error; the others are still checked.
func CheckStored(ctx context.Context, req StoredCheckRequest) ([]StoredCheck, error) {
	var list []store.Contract
	if len(req.IDs) == 0 {
		all, err := req.Store.ListContracts(ctx, req.Scope)
		if err != nil {
			return nil, err
		}
		for _, c := range all {
			if c.State == store.Signed || c.State == store.Active {
				list = append(list, c)
			}
		}
	} else {
		for _, id := range req.IDs {
			c, err := req.Store.GetContract(ctx, req.Scope, id, 0)
			if err != nil {
				return nil, err
			}
			list = append(list, c)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	out := make([]StoredCheck, 0, len(list))
	for _, sc := range list {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		chk := StoredCheck{Contract: sc}
		chk.Result, chk.Err = checkStoredOne(ctx, req, sc)
		if chk.Err == nil {
			if err := req.Store.PutSettlements(ctx, req.Actor, sc.ID, sc.Version, chk.Result.Settlement); err != nil {
				return out, err
			}
		}
		out = append(out, chk)
	}
	return out, nil
}

func checkStoredOne(ctx context.Context, req StoredCheckRequest, sc store.Contract) (*contract.Result, error) {
	c, err := sc.Parse()
	if err != nil {
		return nil, err
	}
	if c.Group == "" {
		m, err := req.Store.ReadMeter(ctx, req.Scope, c.Connection, req.From, req.To)
		if err != nil {
			return nil, err
		}
		return contract.Evaluate(c, contract.Input{Offtake: m.Offtake, Feedin: m.Feedin})
	}
	book, err := contract.NewBook([]*contract.Contract{c})
	if err != nil {
		return nil, err
	}
	for _, code := range c.Members {
		m, err := req.Store.ReadMeter(ctx, req.Scope, code, req.From, req.To)
		if errors.Is(err, store.ErrNotFound) {
			continue // reported as a missing member below
		} else if err != nil {
			return nil, err
		}
		book.AddMember(code, m.Offtake, m.Feedin)
	}
	g := book.Groups()[0]
	if len(g.Missing) > 0 {
		return nil, fmt.Errorf("group %q: no stored data for members %s: a group limit cannot be checked on part of the group", c.Group, strings.Join(g.Missing, ", "))
	}
	return contract.Evaluate(c, g.Input)
}
