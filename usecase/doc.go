// Package usecase is gridflex's application layer: one function per job
// that the command line and the HTTP server both call, with a typed
// request and a typed result.
//
// Layers, from the outside in:
//
//	input    files, flags, uploads: scenario.Load, the site, meter and
//	         contract parsers (they read bytes, never paths)
//	domain   potential, compensation, charging, schedule, building, plant,
//	         datacenter, contract, meter, subsidy, area: pure models, no
//	         os, no net/http, no clock, no tables, charts or templates
//	         (layering_test.go lists them)
//	usecase  this package: resolves the files a request names, picks the
//	         sector, runs the models, joins their results
//	views    report (the site document and its renderers: md, html,
//	         json; it computes nothing – this package assembles every
//	         sector's document from its result in document_*.go),
//	         report/chargingview, area/areaview
//	CLI/API  cmd/gridflex (flags, terminal tables, file writes through
//	         outfile) and the server (decode, authorise, call, encode);
//	         both encode results with package wire
//
// Every request carries what a job may not read from globals: the
// context.Context (every long computation – Monte Carlo, sensitivity, bulk
// contract checks, the charging scheduler, the building optimiser – stops
// when it is cancelled or its deadline passes), the scenario, the clock
// (Now; only defaults such as "the first of next month" read it) and the
// files (an fs.FS: the CLI's opens paths as typed, the server's a store or
// an upload). Names in a request are names in that fs.FS; a file a site or
// contract refers to (weather_file, holidays_file) is resolved next to it
// in the same fs.FS.
//
// Results are domain values; wire turns them into JSON, cmd/gridflex into
// tables. Nothing here writes a file or prints.
//
// The sector registry (sector.go) lives here rather than in a package of
// its own: an entry is a use case – parse the site, run the sector's
// model, assemble its report – so it needs every sector package, which
// only this layer imports. Sector is a type, and the registry is the one
// list of sectors a site file may name.
package usecase
