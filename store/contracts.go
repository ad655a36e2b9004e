package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"

	"gridflex/contract"
	"gridflex/ean"
)

// summarise is the parsed form stored beside a contract file.
func summarise(c *contract.Contract) ContractSummary {
	s := ContractSummary{Name: c.Name, Group: c.Group, Members: c.Members, BaseKW: c.BaseKW,
		TermStart: c.Term.Start.String(), Forms: []string{}}
	if !c.Term.Indefinite() {
		s.TermEnd = c.Term.End.String()
	}
	if !math.IsInf(c.FeedinKW, 1) && !math.IsNaN(c.FeedinKW) {
		v := c.FeedinKW
		s.FeedinKW = &v
	}
	for _, cl := range c.Clauses {
		if !slices.Contains(s.Forms, string(cl.Form)) {
			s.Forms = append(s.Forms, string(cl.Form))
		}
	}
	return s
}

// AddContract stores a parsed contract file as the next version of its ID
// (the connection EAN or the group), in state proposed. A connection
// contract's EAN must be valid.
func (db *DB) AddContract(ctx context.Context, who Actor, nc NewContract) (Contract, error) {
	if nc.Parsed == nil {
		return Contract{}, fmt.Errorf("contract %s: not parsed: %w", nc.FileName, ErrInvalid)
	}
	p := nc.Parsed
	if p.Connection != "" {
		if err := ean.Validate(p.Connection); err != nil {
			return Contract{}, fmt.Errorf("contract %s: %v: %w", nc.FileName, err, ErrInvalid)
		}
	}
	if err := checkID("contract", p.ID()); err != nil {
		return Contract{}, err
	}
	c := Contract{ID: p.ID(), Owner: nc.Owner, CSP: nc.CSP, Connection: p.Connection, State: Proposed,
		FileName: nc.FileName, Source: nc.Source, Attachments: nc.Attachments, Parsed: summarise(p)}
	c.TermStart, c.TermEnd = c.Parsed.TermStart, c.Parsed.TermEnd
	if c.Attachments == nil {
		c.Attachments = map[string][]byte{}
	}
	att, err := json.Marshal(c.Attachments)
	if err != nil {
		return Contract{}, err
	}
	parsed, err := json.Marshal(c.Parsed)
	if err != nil {
		return Contract{}, err
	}
	err = db.write(ctx, func(t *tx) error {
		if _, err := t.orgKind(c.Owner); err != nil {
			return fmt.Errorf("contract %s: owner: %w", c.ID, err)
		}
		var csp any
		if c.CSP != "" {
			csp = c.CSP
			if k, err := t.orgKind(c.CSP); err != nil {
				return fmt.Errorf("contract %s: csp: %w", c.ID, err)
			} else if k != CSP {
				return fmt.Errorf("contract %s: csp %q is a %s: want a csp: %w", c.ID, c.CSP, k, ErrInvalid)
			}
		}
		if err := t.queryRow(`SELECT COALESCE(MAX(version), 0) + 1 FROM contracts WHERE id = ?`, c.ID).Scan(&c.Version); err != nil {
			return err
		}
		c.Created, c.Updated = t.now, t.now
		_, err := t.exec(`INSERT INTO contracts (id, version, owner_org, csp_org, connection_ean, state, term_start, term_end,
			file_name, source, attachments, parsed, created_us, updated_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.Version, c.Owner, csp, c.Connection, string(c.State), c.TermStart, c.TermEnd,
			c.FileName, c.Source, string(att), string(parsed), us(c.Created), us(c.Updated))
		if err != nil {
			return err
		}
		return t.audit(who, "create", "contract", fmt.Sprintf("%s@%d", c.ID, c.Version), nil, c)
	})
	if err != nil {
		return Contract{}, err
	}
	return c, nil
}

const contractColumns = `id, version, owner_org, csp_org, connection_ean, state, term_start, term_end, file_name, source, attachments, parsed, created_us, updated_us`

func scanContract(s scanner) (Contract, error) {
	var c Contract
	var csp sql.NullString
	var state, att, parsed string
	var cr, up int64
	if err := s.Scan(&c.ID, &c.Version, &c.Owner, &csp, &c.Connection, &state, &c.TermStart, &c.TermEnd,
		&c.FileName, &c.Source, &att, &parsed, &cr, &up); err != nil {
		return c, err
	}
	c.CSP, c.State, c.Created, c.Updated = csp.String, ContractState(state), fromUS(cr), fromUS(up)
	if err := json.Unmarshal([]byte(att), &c.Attachments); err != nil {
		return c, fmt.Errorf("contract %s@%d: attachments: %w", c.ID, c.Version, err)
	}
	if err := json.Unmarshal([]byte(parsed), &c.Parsed); err != nil {
		return c, fmt.Errorf("contract %s@%d: parsed form: %w", c.ID, c.Version, err)
	}
	return c, nil
}

// GetContract returns one version of a contract (0: the latest) when
// scope sees it.
func (db *DB) GetContract(ctx context.Context, scope Scope, id string, version int) (Contract, error) {
	cond, args := scope.where(contractVisible)
	q := `SELECT ` + contractColumns + ` FROM contracts WHERE id = ?`
	all := []any{id}
	if version > 0 {
		q += ` AND version = ?`
		all = append(all, version)
	}
	c, err := scanContract(db.queryRow(ctx, q+cond+` ORDER BY version DESC LIMIT 1`, append(all, args...)...))
	return c, notFound(err, "contract", id)
}

// ListContracts returns the latest version of every contract scope sees,
// by ID.
func (db *DB) ListContracts(ctx context.Context, scope Scope) ([]Contract, error) {
	cond, args := scope.where(contractVisible)
	rows, err := db.query(ctx, `SELECT `+contractColumns+` FROM contracts k WHERE version =
		(SELECT MAX(version) FROM contracts l WHERE l.id = k.id)`+cond+` ORDER BY id`, args...)
	return collect(rows, err, scanContract)
}

// SetContractState moves a contract version along proposed → signed →
// active → ended, or to opted-out from any of the first three.
func (db *DB) SetContractState(ctx context.Context, who Actor, id string, version int, state ContractState) error {
	return db.write(ctx, func(t *tx) error {
		before, err := scanContract(t.queryRow(`SELECT `+contractColumns+` FROM contracts WHERE id = ? AND version = ?`, id, version))
		if err != nil {
			return notFound(err, "contract", fmt.Sprintf("%s@%d", id, version))
		}
		if !slices.Contains(nextStates[before.State], state) {
			return fmt.Errorf("contract %s@%d: %s → %s: want one of %v: %w", id, version, before.State, state, nextStates[before.State], ErrInvalid)
		}
		after := before
		after.State, after.Updated = state, t.now
		if _, err := t.exec(`UPDATE contracts SET state = ?, updated_us = ? WHERE id = ? AND version = ?`, string(state), us(t.now), id, version); err != nil {
			return err
		}
		return t.audit(who, "set-state", "contract", fmt.Sprintf("%s@%d", id, version), before, after)
	})
}

// PutSettlements stores the monthly results of a contract version,
// replacing earlier results of the same months; contract-year rows are
// ignored (they are sums of the months).
func (db *DB) PutSettlements(ctx context.Context, who Actor, id string, version int, months []contract.Settlement) error {
	return db.write(ctx, func(t *tx) error {
		var owner string
		if err := t.queryRow(`SELECT owner_org FROM contracts WHERE id = ? AND version = ?`, id, version).Scan(&owner); err != nil {
			return notFound(err, "contract", fmt.Sprintf("%s@%d", id, version))
		}
		var stored []contract.Settlement
		for _, m := range months {
			if m.Kind != "month" {
				continue
			}
			detail, err := json.Marshal(m)
			if err != nil {
				return err
			}
			if _, err := t.exec(`DELETE FROM settlements WHERE contract_id = ? AND version = ? AND month = ?`, id, version, m.Period); err != nil {
				return err
			}
			if _, err := t.exec(`INSERT INTO settlements (contract_id, version, month, owner_org, violations, yellow_cards, missing_isps,
				compensation_eur, penalty_eur, net_eur, detail, computed_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, version, m.Period, owner, m.Violations, m.YellowCards, m.MissingISPs, m.CompensationEUR, m.PenaltyEUR, m.NetEUR,
				string(detail), us(t.now)); err != nil {
				return err
			}
			stored = append(stored, m)
		}
		return t.audit(who, "settle", "contract", fmt.Sprintf("%s@%d", id, version), nil, stored)
	})
}

// ListSettlements returns the stored months of a contract (every
// version), by version and month, when scope sees the contract.
func (db *DB) ListSettlements(ctx context.Context, scope Scope, id string) ([]Settlement, error) {
	cond, args := scope.where(contractVisible)
	rows, err := db.query(ctx, `SELECT contract_id, version, month, owner_org, detail, computed_us FROM settlements s
		WHERE contract_id = ? AND EXISTS (SELECT 1 FROM contracts WHERE id = s.contract_id AND version = s.version`+cond+`)
		ORDER BY version, month`, append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Settlement
	for rows.Next() {
		var s Settlement
		var detail string
		var at int64
		if err := rows.Scan(&s.ContractID, &s.Version, &s.Month, &s.Owner, &detail, &at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(detail), &s.Detail); err != nil {
			return nil, fmt.Errorf("settlement %s@%d %s: %w", s.ContractID, s.Version, s.Month, err)
		}
		s.Computed = fromUS(at)
		out = append(out, s)
	}
	return out, rows.Err()
}
