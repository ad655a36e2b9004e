-- gridflex store, version 1 (SQLite). Times are UTC microseconds since
-- 1970 (columns *_us); capacities in kW; meter blocks are
-- store/blockcodec blocks of one connection and one Europe/Amsterdam month.

CREATE TABLE organisations (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('grid-operator', 'csp', 'company')),
	created_us INTEGER NOT NULL
);

CREATE TABLE areas (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	operator_org TEXT NOT NULL REFERENCES organisations (id),
	station      TEXT NOT NULL,
	offtake_kw   REAL NOT NULL,
	feedin_kw    REAL NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('none', 'pre-announced', 'congested', 'lifted')),
	created_us   INTEGER NOT NULL,
	updated_us   INTEGER NOT NULL
);
CREATE INDEX areas_operator ON areas (operator_org);

CREATE TABLE connections (
	ean        TEXT PRIMARY KEY,
	area_id    TEXT REFERENCES areas (id),
	owner_org  TEXT NOT NULL REFERENCES organisations (id),
	offtake_kw REAL NOT NULL,
	feedin_kw  REAL NOT NULL,
	created_us INTEGER NOT NULL,
	updated_us INTEGER NOT NULL
);
CREATE INDEX connections_owner ON connections (owner_org);
CREATE INDEX connections_area ON connections (area_id);

CREATE TABLE contracts (
	id             TEXT NOT NULL,
	version        INTEGER NOT NULL,
	owner_org      TEXT NOT NULL REFERENCES organisations (id),
	csp_org        TEXT REFERENCES organisations (id),
	connection_ean TEXT NOT NULL,
	state          TEXT NOT NULL CHECK (state IN ('proposed', 'signed', 'active', 'ended', 'opted-out')),
	term_start     TEXT NOT NULL,
	term_end       TEXT NOT NULL,
	file_name      TEXT NOT NULL,
	source         BLOB NOT NULL,
	attachments    TEXT NOT NULL,
	parsed         TEXT NOT NULL,
	created_us     INTEGER NOT NULL,
	updated_us     INTEGER NOT NULL,
	PRIMARY KEY (id, version)
);
CREATE INDEX contracts_owner ON contracts (owner_org);
CREATE INDEX contracts_csp ON contracts (csp_org);

CREATE TABLE meter_imports (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	sha256       TEXT NOT NULL UNIQUE,
	file_name    TEXT NOT NULL,
	actor        TEXT NOT NULL,
	imported_us  INTEGER NOT NULL,
	connections  INTEGER NOT NULL,
	isps         INTEGER NOT NULL,
	changed_isps INTEGER NOT NULL,
	report       TEXT NOT NULL
);

CREATE TABLE meter_blocks (
	ean            TEXT NOT NULL REFERENCES connections (ean),
	month_start_us INTEGER NOT NULL,
	isps           INTEGER NOT NULL,
	version        INTEGER NOT NULL,
	import_id      INTEGER NOT NULL REFERENCES meter_imports (id),
	data           BLOB NOT NULL,
	PRIMARY KEY (ean, month_start_us)
);

CREATE TABLE meter_block_history (
	ean            TEXT NOT NULL,
	month_start_us INTEGER NOT NULL,
	version        INTEGER NOT NULL,
	isps           INTEGER NOT NULL,
	import_id      INTEGER NOT NULL,
	data           BLOB NOT NULL,
	superseded_us  INTEGER NOT NULL,
	superseded_by  INTEGER NOT NULL REFERENCES meter_imports (id),
	PRIMARY KEY (ean, month_start_us, version)
);

CREATE TABLE settlements (
	contract_id      TEXT NOT NULL,
	version          INTEGER NOT NULL,
	month            TEXT NOT NULL,
	owner_org        TEXT NOT NULL REFERENCES organisations (id),
	violations       INTEGER NOT NULL,
	yellow_cards     INTEGER NOT NULL,
	missing_isps     INTEGER NOT NULL,
	compensation_eur REAL NOT NULL,
	penalty_eur      REAL NOT NULL,
	net_eur          REAL NOT NULL,
	detail           TEXT NOT NULL,
	computed_us      INTEGER NOT NULL,
	PRIMARY KEY (contract_id, version, month),
	FOREIGN KEY (contract_id, version) REFERENCES contracts (id, version)
);

CREATE TABLE requests (
	id             TEXT PRIMARY KEY,
	area_id        TEXT NOT NULL REFERENCES areas (id),
	requester_org  TEXT NOT NULL REFERENCES organisations (id),
	connection_ean TEXT NOT NULL,
	direction      TEXT NOT NULL CHECK (direction IN ('offtake', 'feedin')),
	capacity_kw    REAL NOT NULL,
	status         TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'granted', 'withdrawn', 'rejected')),
	note           TEXT NOT NULL,
	requested_us   INTEGER NOT NULL,
	updated_us     INTEGER NOT NULL
);
CREATE INDEX requests_area ON requests (area_id, requested_us);

CREATE TABLE users (
	id          TEXT PRIMARY KEY,
	org_id      TEXT NOT NULL REFERENCES organisations (id),
	name        TEXT NOT NULL,
	email       TEXT NOT NULL UNIQUE,
	role        TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'csp', 'company')),
	created_us  INTEGER NOT NULL,
	disabled_us INTEGER NOT NULL
);

CREATE TABLE api_tokens (
	id         TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id),
	hash       TEXT NOT NULL UNIQUE,
	created_us INTEGER NOT NULL,
	expires_us INTEGER NOT NULL,
	revoked_us INTEGER NOT NULL
);

CREATE TABLE jobs (
	id         TEXT PRIMARY KEY,
	owner_org  TEXT NOT NULL REFERENCES organisations (id),
	kind       TEXT NOT NULL,
	state      TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
	progress   REAL NOT NULL,
	result     TEXT NOT NULL,
	error      TEXT NOT NULL,
	attempts   INTEGER NOT NULL,
	created_us INTEGER NOT NULL,
	updated_us INTEGER NOT NULL
);
CREATE INDEX jobs_state ON jobs (state, created_us);

CREATE TABLE participants (
	domain     TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('DSO', 'AGR', 'CRO')),
	public_key BLOB NOT NULL,
	created_us INTEGER NOT NULL,
	PRIMARY KEY (domain, role)
);

CREATE TABLE audit_log (
	seq         INTEGER PRIMARY KEY,
	at_us       INTEGER NOT NULL,
	actor       TEXT NOT NULL,
	action      TEXT NOT NULL,
	entity      TEXT NOT NULL,
	entity_id   TEXT NOT NULL,
	before_json TEXT NOT NULL,
	after_json  TEXT NOT NULL,
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
