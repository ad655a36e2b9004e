// Package store keeps the operator side's data: organisations, congestion
// areas, connections, contracts (the file as written, its parsed form,
// versions and state), quarter-hour meter data with quality flags and
// import provenance, monthly settlements, waiting-list requests, users
// and API tokens, persisted jobs, UFTP participants, and a hash-chained
// append-only audit log.
//
// One interface (Store, composed of one small interface per need) has two
// back-ends behind Open: SQLite through the pure-Go driver
// modernc.org/sqlite (a file, the embedded default) and PostgreSQL through
// pgx (a postgres:// URL). Both run the same SQL, written once with ?
// placeholders; the schema is embedded as one numbered SQL file per
// dialect and version (migrations/), applied by Migrate and recorded in
// schema_migrations. Package storetest is the conformance suite both pass.
//
// Every mutating method runs in one transaction that also appends its
// audit row (actor, action, entity, before and after as JSON, time,
// prev_hash, hash); VerifyAudit walks the chain and names the first row
// that does not match. Time comes from Options.Clock only.
//
// Read and list methods take a Scope: the zero Scope sees everything (the
// CLI, an operator's admin), Scope{Org: id} only what that organisation
// owns, operates or represents. Out-of-scope rows are reported as
// ErrNotFound, so a scope never learns that another's data exists.
//
// Meter data is stored as compact blocks, one per connection and
// Europe/Amsterdam month (package blockcodec); DESIGN.md explains the
// layout and the measured sizes and rates.
package store
