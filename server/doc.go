// Package server is gridflex's operator service: a versioned JSON API
// under /api/v1 over net/http (Go 1.22 method-and-wildcard patterns), for
// grid operators, congestion service providers and companies.
//
// It is a thin layer: a handler decodes the request, authorises the
// caller, calls the store or package usecase, and encodes the result with
// package wire or the store's own JSON. Every read goes through the
// caller's store.Scope, so what a company may not see is 404 (it cannot
// learn that it exists); what it may see but not change is 403.
//
// Callers authenticate with `Authorization: Bearer TOKEN`. The store keeps
// only the SHA-256 of each token and looks it up by that hash, so the
// secret is never compared byte by byte and its timing tells nothing; the
// token resolves to a user, its organisation and its role (operator admin
// or analyst, CSP, company). Role and organisation kind must agree.
//
// Every route is one entry of the table in routes.go: its pattern, body
// limit and handler. The OpenAPI 3.1 document (openapi.json, served at
// /api/v1/openapi.json) describes each; a test fails when a route is
// missing from it or a response does not match its schema, and the
// authorisation matrix test walks every route for every role and owner.
//
// Measured (BenchmarkMeterReadBack, `go test -run '^$' -bench
// MeterReadBack -benchtime 10x ./server`, the shared 2-core machine under
// load): a connection-year read back over loopback from SQLite, token
// and scope included, in about 30 ms as JSON (316 KB) or CSV (2.5 MB),
// some 1.1 million ISPs per second.
//
// Operational endpoints: /healthz (the process runs), /readyz (the store
// answers), /metrics (Prometheus: requests and latency per route pattern).
package server
