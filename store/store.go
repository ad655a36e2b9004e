package store

import (
	"context"
	"errors"
	"time"

	"gridflex/contract"
	"gridflex/meter"
)

// Errors of the store, matched with errors.Is.
var (
	// ErrNotFound: no such row, or not in the caller's scope.
	ErrNotFound = errors.New("not found")
	// ErrExists: a row with that key is already there.
	ErrExists = errors.New("already exists")
	// ErrInvalid: the input breaks a rule of the store (a bad EAN, an
	// unknown kind, a state change the life cycle does not allow).
	ErrInvalid = errors.New("invalid")
)

// Actor names who makes a change, as the audit log records it
// ("cli:alice", "user:u-17", "job:j-4").
type Actor string

// Scope limits what a read sees. The zero Scope sees everything; with Org
// set, only rows that organisation owns (a company's connections), operates
// (a grid operator's areas and the connections in them) or represents (a
// CSP's contracts and their connections).
type Scope struct {
	Org string
}

// All is the scope that sees everything.
var All = Scope{}

// OrgKind is the role of an organisation in congestion management.
type OrgKind string

// The organisation kinds.
const (
	GridOperator OrgKind = "grid-operator"
	CSP          OrgKind = "csp" // congestion service provider
	Company      OrgKind = "company"
)

// Organisation is a tenant: a grid operator, a CSP or a company.
type Organisation struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Kind    OrgKind   `json:"kind"`
	Created time.Time `json:"created"`
}

// AreaStatus is the congestion status of an area (study §6: pre-announced
// before the investigation ends, congested, lifted).
type AreaStatus string

// The area statuses.
const (
	AreaNone         AreaStatus = "none"
	AreaAnnounced    AreaStatus = "pre-announced"
	AreaCongested    AreaStatus = "congested"
	AreaLifted       AreaStatus = "lifted"
	defaultAreaState            = AreaCongested
)

// Area is a congestion area: the part of the grid behind one station whose
// offtake or feed-in capacity is exhausted.
type Area struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Operator  string     `json:"operator"` // organisation ID of the grid operator
	Station   string     `json:"station"`
	OfftakeKW float64    `json:"offtake_kw"` // transport capacity for offtake
	FeedinKW  float64    `json:"feedin_kw"`  // transport capacity for feed-in
	Status    AreaStatus `json:"status"`     // "" on create means congested
	Created   time.Time  `json:"created"`
	Updated   time.Time  `json:"updated"`
}

// Connection is a grid connection identified by its EAN.
type Connection struct {
	EAN       string    `json:"ean"`
	Area      string    `json:"area,omitempty"` // area ID, "" when outside any
	Owner     string    `json:"owner"`          // organisation ID of the company
	OfftakeKW float64   `json:"offtake_kw"`     // contracted transport capacity (GTV) offtake
	FeedinKW  float64   `json:"feedin_kw"`      // contracted transport capacity feed-in
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
}

// ContractState is where a contract is in its life cycle: proposed →
// signed → active → ended or opted-out.
type ContractState string

// The contract states.
const (
	Proposed ContractState = "proposed"
	Signed   ContractState = "signed"
	Active   ContractState = "active"
	Ended    ContractState = "ended"
	OptedOut ContractState = "opted-out"
)

// nextStates lists the allowed transitions.
var nextStates = map[ContractState][]ContractState{
	Proposed: {Signed, OptedOut},
	Signed:   {Active, OptedOut},
	Active:   {Ended, OptedOut},
}

// NewContract is a contract file to store. Parsed is the file parsed by
// the caller (contract.Load or contract.Parse); Attachments are the files
// it referenced (a holidays_file), by the name the contract uses.
type NewContract struct {
	Owner       string // organisation ID of the connection's owner
	CSP         string // organisation ID of the CSP that represents it; "" none
	FileName    string
	Source      []byte
	Attachments map[string][]byte
	Parsed      *contract.Contract
}

// Contract is one stored version of a contract.
type Contract struct {
	ID          string            `json:"id"` // connection EAN or group identifier
	Version     int               `json:"version"`
	Owner       string            `json:"owner"`
	CSP         string            `json:"csp,omitempty"`
	Connection  string            `json:"connection,omitempty"`
	State       ContractState     `json:"state"`
	TermStart   string            `json:"term_start"`
	TermEnd     string            `json:"term_end,omitempty"` // "" indefinite
	FileName    string            `json:"file_name"`
	Source      []byte            `json:"-"`
	Attachments map[string][]byte `json:"-"`
	Parsed      ContractSummary   `json:"parsed"`
	Created     time.Time         `json:"created"`
	Updated     time.Time         `json:"updated"`
}

// ContractSummary is the parsed form kept next to the file: what lists and
// scopes need without parsing again.
type ContractSummary struct {
	Name      string   `json:"name,omitempty"`
	Group     string   `json:"group,omitempty"`
	Members   []string `json:"members,omitempty"`
	BaseKW    float64  `json:"base_kw"`
	FeedinKW  *float64 `json:"feedin_kw,omitempty"` // nil: not limited
	Forms     []string `json:"forms"`
	TermStart string   `json:"term_start"`
	TermEnd   string   `json:"term_end,omitempty"`
}

// Parse parses the stored file again with its attachments.
func (c *Contract) Parse() (*contract.Contract, error) {
	return contract.Parse(c.FileName, c.Source, func(name string) ([]byte, error) {
		if b, ok := c.Attachments[name]; ok {
			return b, nil
		}
		return nil, errors.New("not stored with the contract")
	})
}

// MeterImport is one meter-data file to store.
type MeterImport struct {
	FileName string
	// SHA256 of the file's bytes, hex: a file already imported is not
	// imported again.
	SHA256      string
	Connections []meter.Connection
	// Report is the import's quality report, kept as provenance (JSON).
	Report any
}

// ImportResult tells what an import changed.
type ImportResult struct {
	ID          int64 `json:"id"`
	Repeated    bool  `json:"repeated"` // the same file was imported before: nothing changed
	Connections int   `json:"connections"`
	ISPs        int   `json:"isps"`         // readings in the file
	ChangedISPs int   `json:"changed_isps"` // readings new or different from what was stored
	Blocks      int   `json:"blocks"`       // connection-months written
}

// MeterRevision is a superseded connection-month kept in history.
type MeterRevision struct {
	MonthStart   time.Time        `json:"month_start"`
	Version      int              `json:"version"`
	Import       int64            `json:"import"`        // the import that wrote it
	SupersededBy int64            `json:"superseded_by"` // the import that replaced it
	Superseded   time.Time        `json:"superseded"`
	Data         meter.Connection `json:"-"`
}

// Settlement is the check result and account of one contract month.
type Settlement struct {
	ContractID string              `json:"contract_id"`
	Version    int                 `json:"version"`
	Month      string              `json:"month"` // "2026-03"
	Owner      string              `json:"owner"`
	Detail     contract.Settlement `json:"detail"`
	Computed   time.Time           `json:"computed"`
}

// RequestStatus is where a waiting-list request stands.
type RequestStatus string

// The request statuses.
const (
	Waiting   RequestStatus = "waiting"
	Offered   RequestStatus = "offered"
	Granted   RequestStatus = "granted"
	Withdrawn RequestStatus = "withdrawn"
	Rejected  RequestStatus = "rejected"
)

// Request is a request for transport capacity on an area's waiting list.
type Request struct {
	ID         string        `json:"id"`
	Area       string        `json:"area"`
	Requester  string        `json:"requester"` // organisation ID
	Connection string        `json:"connection,omitempty"`
	Direction  string        `json:"direction"` // "offtake" or "feedin"
	CapacityKW float64       `json:"capacity_kw"`
	Status     RequestStatus `json:"status"` // "" on create means waiting
	Note       string        `json:"note,omitempty"`
	Requested  time.Time     `json:"requested"` // zero on create means now
	Updated    time.Time     `json:"updated"`
}

// Role is what a user may do within its organisation.
type Role string

// The roles.
const (
	RoleAdmin   Role = "admin"
	RoleAnalyst Role = "analyst"
	RoleCSP     Role = "csp"
	RoleCompany Role = "company"
)

// User is a person or system that signs in.
type User struct {
	ID       string    `json:"id"`
	Org      string    `json:"org"`
	Name     string    `json:"name"`
	Email    string    `json:"email"`
	Role     Role      `json:"role"`
	Created  time.Time `json:"created"`
	Disabled time.Time `json:"disabled,omitzero"`
}

// Token is an API token; only its SHA-256 is stored.
type Token struct {
	ID      string    `json:"id"`
	User    string    `json:"user"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires,omitzero"`
	Revoked time.Time `json:"revoked,omitzero"`
}

// JobState is where a persisted job stands.
type JobState string

// The job states.
const (
	JobQueued    JobState = "queued"
	JobRunning   JobState = "running"
	JobDone      JobState = "done"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

// Job is a long-running task the server persists so it survives a restart.
type Job struct {
	ID       string    `json:"id"`
	Owner    string    `json:"owner"`
	Kind     string    `json:"kind"`
	State    JobState  `json:"state"`
	Progress float64   `json:"progress"` // 0–1
	Result   string    `json:"result,omitempty"`
	Error    string    `json:"error,omitempty"`
	Attempts int       `json:"attempts"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Participant is a UFTP peer: a domain in a role with its Ed25519 signing key.
type Participant struct {
	Domain    string    `json:"domain"`
	Role      string    `json:"role"` // DSO, AGR or CRO
	PublicKey []byte    `json:"public_key"`
	Created   time.Time `json:"created"`
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Actor    Actor     `json:"actor"`
	Action   string    `json:"action"`
	Entity   string    `json:"entity"`
	EntityID string    `json:"entity_id"`
	Before   string    `json:"before"` // JSON, "null" on create
	After    string    `json:"after"`  // JSON, "null" on delete
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// Organisations keeps the tenants.
type Organisations interface {
	CreateOrganisation(ctx context.Context, who Actor, o Organisation) error
	GetOrganisation(ctx context.Context, id string) (Organisation, error)
	ListOrganisations(ctx context.Context) ([]Organisation, error)
}

// Areas keeps congestion areas and their waiting lists.
type Areas interface {
	// CreateArea stores a new area; its ID must be new and its operator a
	// grid operator.
	CreateArea(ctx context.Context, who Actor, a Area) error
	// GetArea returns one area visible in scope.
	GetArea(ctx context.Context, scope Scope, id string) (Area, error)
	// ListAreas returns the areas visible in scope by ID; a grid operator
	// sees the areas it operates, others those with a connection or
	// request of theirs.
	ListAreas(ctx context.Context, scope Scope) ([]Area, error)
	// SetAreaStatus changes an area's congestion status.
	SetAreaStatus(ctx context.Context, who Actor, id string, status AreaStatus) error
	// AddRequest puts a capacity request on an area's waiting list.
	AddRequest(ctx context.Context, who Actor, r Request) error
	// ListRequests returns an area's requests in waiting-list order
	// (requested time, then ID), as far as scope sees them.
	ListRequests(ctx context.Context, scope Scope, area string) ([]Request, error)
	// SetRequestStatus moves a request (waiting → offered → granted, or
	// withdrawn/rejected).
	SetRequestStatus(ctx context.Context, who Actor, id string, status RequestStatus) error
}

// Connections keeps grid connections.
type Connections interface {
	CreateConnection(ctx context.Context, who Actor, c Connection) error
	GetConnection(ctx context.Context, scope Scope, ean string) (Connection, error)
	ListConnections(ctx context.Context, scope Scope) ([]Connection, error)
}

// Contracts keeps contract files, their versions and states.
type Contracts interface {
	// AddContract stores a contract as a new version of its ID, proposed.
	AddContract(ctx context.Context, who Actor, c NewContract) (Contract, error)
	// GetContract returns one version; version 0 means the latest.
	GetContract(ctx context.Context, scope Scope, id string, version int) (Contract, error)
	// ListContracts returns the latest version of each contract in scope.
	ListContracts(ctx context.Context, scope Scope) ([]Contract, error)
	SetContractState(ctx context.Context, who Actor, id string, version int, state ContractState) error
	// PutSettlements stores a contract version's monthly results,
	// replacing those of the same months.
	PutSettlements(ctx context.Context, who Actor, id string, version int, months []contract.Settlement) error
	ListSettlements(ctx context.Context, scope Scope, id string) ([]Settlement, error)
}

// MeterData keeps quarter-hour meter data.
type MeterData interface {
	// ImportMeter stores a file's readings in one transaction: readings
	// replace the stored ones of the same ISPs (the replaced blocks go to
	// history), ISPs the file lacks keep what they had.
	ImportMeter(ctx context.Context, who Actor, imp MeterImport) (ImportResult, error)
	// ReadMeter returns a connection's readings in [from, to) (zero: all
	// stored), in kW per ISP with NaN where missing.
	ReadMeter(ctx context.Context, scope Scope, ean string, from, to time.Time) (meter.Connection, error)
	// MeterHistory returns the superseded versions of a connection's months.
	MeterHistory(ctx context.Context, scope Scope, ean string) ([]MeterRevision, error)
}

// Accounts keeps users, API tokens and UFTP participants.
type Accounts interface {
	CreateUser(ctx context.Context, who Actor, u User) error
	GetUser(ctx context.Context, id string) (User, error)
	// CreateToken stores the SHA-256 of secret for user and returns its record.
	CreateToken(ctx context.Context, who Actor, t Token, secret string) error
	// TokenUser returns the user of a valid (known, unrevoked, unexpired) token.
	TokenUser(ctx context.Context, secret string) (User, error)
	RevokeToken(ctx context.Context, who Actor, id string) error
	PutParticipant(ctx context.Context, who Actor, p Participant) error
	ListParticipants(ctx context.Context) ([]Participant, error)
}

// Jobs keeps persisted jobs.
type Jobs interface {
	CreateJob(ctx context.Context, who Actor, j Job) error
	GetJob(ctx context.Context, scope Scope, id string) (Job, error)
	// UpdateJob stores a job's state, progress, result, error and attempts.
	UpdateJob(ctx context.Context, who Actor, j Job) error
	ListJobs(ctx context.Context, scope Scope, state JobState) ([]Job, error)
}

// Audit reads the audit log.
type Audit interface {
	ListAudit(ctx context.Context, afterSeq int64, limit int) ([]AuditEntry, error)
	// VerifyAudit recomputes the hash chain; it returns the sequence
	// number of the first row whose hash or link does not match (0 when
	// the chain is intact) and the number of rows checked.
	VerifyAudit(ctx context.Context) (firstBad int64, rows int64, err error)
}

// Store is everything the application layer needs.
type Store interface {
	Organisations
	Areas
	Connections
	Contracts
	MeterData
	Accounts
	Jobs
	Audit
	// Migrate applies the embedded migrations not yet applied.
	Migrate(ctx context.Context) ([]Migration, error)
	// Status lists every embedded migration and whether it is applied.
	Status(ctx context.Context) ([]Migration, error)
	// Dialect is "sqlite" or "postgres".
	Dialect() string
	Close() error
}

var _ Store = (*DB)(nil)
