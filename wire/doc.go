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
// A few documents still embed a domain result whose JSON tags are the wire
// format (potential.Result, potential.MonteCarloResult,
// potential.Explanation, potential.Sensitivity, charging.Result and
// report.Document): their keys are stable and tested, and they are
// re-exported here as named types so that callers already depend on wire.
package wire
