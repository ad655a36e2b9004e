package usecase

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// domainPackages are the packages (with their subpackages) that hold
// models and formats only (issue 10): they compute, and the application
// layer, the CLI and the view packages (report, report/chargingview,
// area/areaview) render.
var domainPackages = []string{
	"area", "building", "calendar", "compensation", "contract", "datacenter", "ean",
	"flexcall", "meter", "ocpp", "plant", "potential", "scenario", "schedule",
	"series", "sitefile", "subsidy", "uftp", "store", "charging",
}

// viewPackages live under a domain package but render it; they are the
// outer layer and may import what domain packages may not.
var viewPackages = map[string]bool{"area/areaview": true}

// renderingImports may appear in no domain package, also not in its tests:
// a golden test of a domain result compares values, not rendered text.
var renderingImports = []string{
	"gridflex/table", "gridflex/plot", "gridflex/report",
	"gonum.org/v1/plot", "html/template", "text/template", "net/http",
}

// assembledHere are the domain packages whose reports this layer
// assembles (document_*.go): report renders their documents and imports
// them no more, also not in its tests (issue 10).
var assembledHere = []string{
	"gridflex/building", "gridflex/charging", "gridflex/contract", "gridflex/datacenter",
	"gridflex/plant", "gridflex/scenario",
}

// TestDomainImportsNoRendering parses the import blocks of every Go file
// under the domain packages (go/parser, no build tooling) so that the
// layering holds for files behind build tags too.
func TestDomainImportsNoRendering(t *testing.T) {
	fset := token.NewFileSet()
	for _, pkg := range domainPackages {
		dir := filepath.Join("..", pkg)
		n := 0
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if rel, _ := filepath.Rel("..", path); d.IsDir() && viewPackages[filepath.ToSlash(rel)] {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			n++
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range renderingImports {
					if p == bad || strings.HasPrefix(p, bad+"/") {
						t.Errorf("%s imports %s: domain packages render nothing (issue 10)", fset.Position(imp.Pos()), p)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		if n == 0 {
			t.Errorf("%s: no Go files found; is the package list current?", pkg)
		}
	}
	reportFiles, err := filepath.Glob(filepath.Join("..", "report", "*.go"))
	if err != nil || len(reportFiles) == 0 {
		t.Fatalf("report: no Go files found (%v)", err)
	}
	for _, path := range reportFiles {
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, moved := range assembledHere {
				if p == moved {
					t.Errorf("%s imports %s: its document is assembled in usecase, report only renders (issue 10)", fset.Position(imp.Pos()), p)
				}
			}
		}
	}
}
