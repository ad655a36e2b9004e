// Package ocpp turns charging schedules into OCPP 2.0.1 messages a
// charge-point operator can send: one SetChargingProfileRequest per charger
// (TxDefaultProfile, kind Absolute, rate unit W, periods in seconds from
// startSchedule, one value per real quarter-hour of the local day: 92, 96
// or 100), a manifest mapping every charger to its file, and the site's
// quarter-hour grid limit as CSV.
//
// The request's JSON follows the OCPP 2.0.1 FINAL schema
// SetChargingProfileRequest.json (Open Charge Alliance); the tests validate
// every export against that schema file when ../shared is present.
package ocpp
