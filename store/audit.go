package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// genesis is the prev_hash of the first audit row.
const genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// canonicalRow is what an audit row's hash covers, in this field order,
// encoded by encoding/json (times as UTC microseconds): the row minus its
// own hash, plus the previous row's hash.
type canonicalRow struct {
	Seq      int64  `json:"seq"`
	AtUS     int64  `json:"at_us"`
	Actor    string `json:"actor"`
	Action   string `json:"action"`
	Entity   string `json:"entity"`
	EntityID string `json:"entity_id"`
	Before   string `json:"before"`
	After    string `json:"after"`
	PrevHash string `json:"prev_hash"`
}

func rowHash(e AuditEntry) string {
	b, err := json.Marshal(canonicalRow{e.Seq, e.At.UnixMicro(), string(e.Actor), e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash})
	if err != nil {
		panic("store: audit row does not encode: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// jsonOf encodes v for the audit log; nil is "null".
func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

// audit appends a row to the log within t. Writers are serialised (see
// write), so the head read here is the head the row links to.
func (t *tx) audit(who Actor, action, entity, id string, before, after any) error {
	if who == "" {
		return fmt.Errorf("%s %s %q: no actor: %w", action, entity, id, ErrInvalid)
	}
	e := AuditEntry{At: t.now, Actor: who, Action: action, Entity: entity, EntityID: id}
	var err error
	if e.Before, err = jsonOf(before); err != nil {
		return err
	}
	if e.After, err = jsonOf(after); err != nil {
		return err
	}
	err = t.queryRow(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&e.Seq, &e.PrevHash)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		e.Seq, e.PrevHash = 0, genesis
	case err != nil:
		return fmt.Errorf("audit: %w", err)
	}
	e.Seq++
	e.Hash = rowHash(e)
	_, err = t.exec(`INSERT INTO audit_log (seq, at_us, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, us(e.At), string(e.Actor), e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

func scanAudit(rows *sql.Rows) (AuditEntry, error) {
	var e AuditEntry
	var at int64
	var actor string
	err := rows.Scan(&e.Seq, &at, &actor, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.PrevHash, &e.Hash)
	e.At, e.Actor = time.UnixMicro(at).UTC(), Actor(actor)
	return e, err
}

const auditColumns = `seq, at_us, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash`

// ListAudit returns up to limit rows after sequence number afterSeq.
func (db *DB) ListAudit(ctx context.Context, afterSeq int64, limit int) ([]AuditEntry, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// VerifyAudit walks the whole log in order and returns the first row
// whose sequence number, link to the previous row or own hash is wrong
// (0 when none is) and the number of rows it read. Editing any field of a
// row, deleting a row or inserting one breaks the chain at that row.
func (db *DB) VerifyAudit(ctx context.Context) (firstBad, rows int64, err error) {
	r, err := db.query(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	prev, want := genesis, int64(1)
	for r.Next() {
		e, err := scanAudit(r)
		if err != nil {
			return 0, rows, err
		}
		rows++
		if firstBad == 0 && (e.Seq != want || e.PrevHash != prev || rowHash(e) != e.Hash) {
			firstBad = e.Seq
		}
		prev, want = e.Hash, e.Seq+1
	}
	return firstBad, rows, r.Err()
}
