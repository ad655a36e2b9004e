// Package scenario holds every assumption of the gridflex models as data.
//
// A scenario is a flat set of named parameters. Each parameter carries its
// value, unit, the study section it comes from (study-model.md), a one-line
// description, the domain of values it may take, and optionally a range with
// a distribution for the uncertainty analysis. The built-in scenario
// "nl-2026" is embedded from nl-2026/*.yaml: one file per model, so that a
// new model adds its parameters without touching the others. Listings
// (`gridflex params`), validation and documentation all come from that one
// table.
//
// Users override any subset of the parameters with a scenario file (YAML,
// decoded strictly, naming an optional base scenario) and with
// `--set KEY=VALUE` / `--set KEY=LOW..HIGH` on the command line. Every
// problem in an override is reported at once, with file, line and key, and a
// scenario with any problem is never returned: models only ever see a fully
// valid scenario.
//
// Models read values by key. Reading an unknown key is a programming error
// and panics; tests in each model package check that every key it reads
// exists in the default scenario.
package scenario
