// Package wire holds the JSON documents gridflex writes: one design for
// `--format json` of every command and for the HTTP API, so that a client
// reads the same keys whichever door it comes in by.
//
// Domain results are not the wire format. Each document here is a plain
// struct with its keys spelled out and a From… function that builds it
// from a domain result; changing a domain struct does not change a key.
// Conventions shared by every document:
//
//   - keys are snake_case and carry their unit (min_mw, eur_per_mwh, kwh);
//   - instants are RFC 3339 in UTC; local days are YYYY-MM-DD;
//   - a figure the study does not give, or that does not apply, is null,
//     never 0 (eur_per_mwh of a measure without flex, max_kw of a
//     connection without readings);
//   - money and energy are rounded where float noise would otherwise show
//     (round2: cents and hundredths of kW and kWh);
//   - lists are [] when empty, never null.
//
// The keys are pinned by the CLI's golden tests (cmd/gridflex) and the
// usecase tests; they change only when a key is plainly inconsistent.
//
// A few documents still embed a domain value whose JSON tags are the wire
// format: the site report (report.Document, also under "report" of a
// charging scan, whose top level is charging.Result), the compensation
// reference's derivation (compensation.Explanation) and small leaves
// (compensation.DatacenterOption, meter.ColumnInfo, meter.DSTDay,
// contract.DataQuality). Their keys are pinned by tests like the rest;
// turning them into documents of their own is the next step.
package wire
