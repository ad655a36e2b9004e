package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"gridflex/ean"
)

// CreateOrganisation stores a new organisation.
func (db *DB) CreateOrganisation(ctx context.Context, who Actor, o Organisation) error {
	if err := checkID("organisation", o.ID); err != nil {
		return err
	}
	switch o.Kind {
	case GridOperator, CSP, Company:
	default:
		return fmt.Errorf("organisation %q: kind %q: want grid-operator, csp or company: %w", o.ID, o.Kind, ErrInvalid)
	}
	return db.write(ctx, func(t *tx) error {
		o.Created = t.now
		_, err := t.exec(`INSERT INTO organisations (id, name, kind, created_us) VALUES (?, ?, ?, ?)`, o.ID, o.Name, string(o.Kind), us(o.Created))
		if isUnique(err) {
			return fmt.Errorf("organisation %q: %w", o.ID, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "organisation", o.ID, nil, o)
	})
}

// GetOrganisation returns one organisation.
func (db *DB) GetOrganisation(ctx context.Context, id string) (Organisation, error) {
	var o Organisation
	var kind string
	var created int64
	err := db.queryRow(ctx, `SELECT id, name, kind, created_us FROM organisations WHERE id = ?`, id).Scan(&o.ID, &o.Name, &kind, &created)
	o.Kind, o.Created = OrgKind(kind), fromUS(created)
	return o, notFound(err, "organisation", id)
}

// ListOrganisations returns every organisation by ID.
func (db *DB) ListOrganisations(ctx context.Context) ([]Organisation, error) {
	rows, err := db.query(ctx, `SELECT id, name, kind, created_us FROM organisations ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Organisation
	for rows.Next() {
		var o Organisation
		var kind string
		var created int64
		if err := rows.Scan(&o.ID, &o.Name, &kind, &created); err != nil {
			return nil, err
		}
		o.Kind, o.Created = OrgKind(kind), fromUS(created)
		out = append(out, o)
	}
	return out, rows.Err()
}

// checkID refuses empty, overlong or unprintable identifiers.
func checkID(what, id string) error {
	if id == "" || len(id) > 200 || strings.ContainsFunc(id, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return fmt.Errorf("%s ID %.40q: want 1–200 printable characters: %w", what, id, ErrInvalid)
	}
	return nil
}

func checkKW(what string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return fmt.Errorf("%s %v: want a finite number ≥ 0: %w", what, v, ErrInvalid)
	}
	return nil
}

// orgKind returns the kind of an organisation within t.
func (t *tx) orgKind(id string) (OrgKind, error) {
	var k string
	err := t.queryRow(`SELECT kind FROM organisations WHERE id = ?`, id).Scan(&k)
	return OrgKind(k), notFound(err, "organisation", id)
}

// CreateArea stores a new congestion area; its operator must be a grid
// operator organisation. An empty Status means congested.
func (db *DB) CreateArea(ctx context.Context, who Actor, a Area) error {
	if err := checkID("area", a.ID); err != nil {
		return err
	}
	if a.Status == "" {
		a.Status = defaultAreaState
	}
	if err := checkAreaStatus(a.Status); err != nil {
		return err
	}
	if err := checkKW("area "+a.ID+": offtake capacity", a.OfftakeKW); err != nil {
		return err
	}
	if err := checkKW("area "+a.ID+": feed-in capacity", a.FeedinKW); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		kind, err := t.orgKind(a.Operator)
		if err != nil {
			return fmt.Errorf("area %q: operator: %w", a.ID, err)
		}
		if kind != GridOperator {
			return fmt.Errorf("area %q: operator %q is a %s: want a grid-operator: %w", a.ID, a.Operator, kind, ErrInvalid)
		}
		a.Created, a.Updated = t.now, t.now
		_, err = t.exec(`INSERT INTO areas (id, name, operator_org, station, offtake_kw, feedin_kw, status, created_us, updated_us)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, a.Name, a.Operator, a.Station, a.OfftakeKW, a.FeedinKW, string(a.Status), us(a.Created), us(a.Updated))
		if isUnique(err) {
			return fmt.Errorf("area %q: %w", a.ID, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "area", a.ID, nil, a)
	})
}

func checkAreaStatus(s AreaStatus) error {
	switch s {
	case AreaNone, AreaAnnounced, AreaCongested, AreaLifted:
		return nil
	}
	return fmt.Errorf("area status %q: want none, pre-announced, congested or lifted: %w", s, ErrInvalid)
}

const areaColumns = `id, name, operator_org, station, offtake_kw, feedin_kw, status, created_us, updated_us`

func scanArea(s scanner) (Area, error) {
	var a Area
	var status string
	var c, u int64
	err := s.Scan(&a.ID, &a.Name, &a.Operator, &a.Station, &a.OfftakeKW, &a.FeedinKW, &status, &c, &u)
	a.Status, a.Created, a.Updated = AreaStatus(status), fromUS(c), fromUS(u)
	return a, err
}

// GetArea returns the area id when scope sees it.
func (db *DB) GetArea(ctx context.Context, scope Scope, id string) (Area, error) {
	cond, args := scope.where(areaVisible)
	a, err := scanArea(db.queryRow(ctx, `SELECT `+areaColumns+` FROM areas WHERE id = ?`+cond, append([]any{id}, args...)...))
	return a, notFound(err, "area", id)
}

// ListAreas returns the areas scope sees, by ID.
func (db *DB) ListAreas(ctx context.Context, scope Scope) ([]Area, error) {
	cond, args := scope.where(areaVisible)
	rows, err := db.query(ctx, `SELECT `+areaColumns+` FROM areas WHERE 1 = 1`+cond+` ORDER BY id`, args...)
	return collect(rows, err, scanArea)
}

// SetAreaStatus changes the congestion status of an area.
func (db *DB) SetAreaStatus(ctx context.Context, who Actor, id string, status AreaStatus) error {
	if err := checkAreaStatus(status); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		before, err := scanArea(t.queryRow(`SELECT `+areaColumns+` FROM areas WHERE id = ?`, id))
		if err != nil {
			return notFound(err, "area", id)
		}
		after := before
		after.Status, after.Updated = status, t.now
		if _, err := t.exec(`UPDATE areas SET status = ?, updated_us = ? WHERE id = ?`, string(status), us(t.now), id); err != nil {
			return err
		}
		return t.audit(who, "set-status", "area", id, before, after)
	})
}

// CreateConnection stores a connection; the EAN must carry a valid check
// digit, the owner must exist and the area, when given, too.
func (db *DB) CreateConnection(ctx context.Context, who Actor, c Connection) error {
	if err := ean.Validate(c.EAN); err != nil {
		return fmt.Errorf("connection: %v: %w", err, ErrInvalid)
	}
	if err := checkKW("connection "+c.EAN+": offtake capacity", c.OfftakeKW); err != nil {
		return err
	}
	if err := checkKW("connection "+c.EAN+": feed-in capacity", c.FeedinKW); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		if _, err := t.orgKind(c.Owner); err != nil {
			return fmt.Errorf("connection %s: owner: %w", c.EAN, err)
		}
		var area any
		if c.Area != "" {
			area = c.Area
			var n int
			if err := t.queryRow(`SELECT COUNT(*) FROM areas WHERE id = ?`, c.Area).Scan(&n); err != nil {
				return err
			} else if n == 0 {
				return fmt.Errorf("connection %s: area %q: %w", c.EAN, c.Area, ErrNotFound)
			}
		}
		c.Created, c.Updated = t.now, t.now
		_, err := t.exec(`INSERT INTO connections (ean, area_id, owner_org, offtake_kw, feedin_kw, created_us, updated_us)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.EAN, area, c.Owner, c.OfftakeKW, c.FeedinKW, us(c.Created), us(c.Updated))
		if isUnique(err) {
			return fmt.Errorf("connection %s: %w", c.EAN, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "connection", c.EAN, nil, c)
	})
}

const connectionColumns = `ean, area_id, owner_org, offtake_kw, feedin_kw, created_us, updated_us`

func scanConnection(s scanner) (Connection, error) {
	var c Connection
	var area sql.NullString
	var cr, up int64
	err := s.Scan(&c.EAN, &area, &c.Owner, &c.OfftakeKW, &c.FeedinKW, &cr, &up)
	c.Area, c.Created, c.Updated = area.String, fromUS(cr), fromUS(up)
	return c, err
}

// GetConnection returns a connection when scope sees it.
func (db *DB) GetConnection(ctx context.Context, scope Scope, code string) (Connection, error) {
	cond, args := scope.where(connectionVisible)
	c, err := scanConnection(db.queryRow(ctx, `SELECT `+connectionColumns+` FROM connections WHERE ean = ?`+cond, append([]any{code}, args...)...))
	return c, notFound(err, "connection", code)
}

// ListConnections returns the connections scope sees, by EAN.
func (db *DB) ListConnections(ctx context.Context, scope Scope) ([]Connection, error) {
	cond, args := scope.where(connectionVisible)
	rows, err := db.query(ctx, `SELECT `+connectionColumns+` FROM connections WHERE 1 = 1`+cond+` ORDER BY ean`, args...)
	return collect(rows, err, scanConnection)
}

// AddRequest puts a capacity request on an area's waiting list. Empty
// Status means waiting; a zero Requested time means now.
func (db *DB) AddRequest(ctx context.Context, who Actor, r Request) error {
	if err := checkID("request", r.ID); err != nil {
		return err
	}
	if r.Direction != "offtake" && r.Direction != "feedin" {
		return fmt.Errorf("request %q: direction %q: want offtake or feedin: %w", r.ID, r.Direction, ErrInvalid)
	}
	if err := checkKW("request "+r.ID+": capacity", r.CapacityKW); err != nil {
		return err
	}
	if r.Connection != "" {
		if err := ean.Validate(r.Connection); err != nil {
			return fmt.Errorf("request %q: %v: %w", r.ID, err, ErrInvalid)
		}
	}
	if r.Status == "" {
		r.Status = Waiting
	}
	if err := checkRequestStatus(r.Status); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		if _, err := t.orgKind(r.Requester); err != nil {
			return fmt.Errorf("request %q: requester: %w", r.ID, err)
		}
		var n int
		if err := t.queryRow(`SELECT COUNT(*) FROM areas WHERE id = ?`, r.Area).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("request %q: area %q: %w", r.ID, r.Area, ErrNotFound)
		}
		if r.Requested.IsZero() {
			r.Requested = t.now
		}
		r.Requested = r.Requested.UTC().Truncate(time.Microsecond)
		r.Updated = t.now
		_, err := t.exec(`INSERT INTO requests (id, area_id, requester_org, connection_ean, direction, capacity_kw, status, note, requested_us, updated_us)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.Area, r.Requester, r.Connection, r.Direction, r.CapacityKW, string(r.Status), r.Note, us(r.Requested), us(r.Updated))
		if isUnique(err) {
			return fmt.Errorf("request %q: %w", r.ID, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "request", r.ID, nil, r)
	})
}

func checkRequestStatus(s RequestStatus) error {
	switch s {
	case Waiting, Offered, Granted, Withdrawn, Rejected:
		return nil
	}
	return fmt.Errorf("request status %q: want waiting, offered, granted, withdrawn or rejected: %w", s, ErrInvalid)
}

const requestColumns = `id, area_id, requester_org, connection_ean, direction, capacity_kw, status, note, requested_us, updated_us`

func scanRequest(s scanner) (Request, error) {
	var r Request
	var status string
	var rq, up int64
	err := s.Scan(&r.ID, &r.Area, &r.Requester, &r.Connection, &r.Direction, &r.CapacityKW, &status, &r.Note, &rq, &up)
	r.Status, r.Requested, r.Updated = RequestStatus(status), fromUS(rq), fromUS(up)
	return r, err
}

// ListRequests returns an area's requests that scope sees, in
// waiting-list order (requested time, then ID); area "" lists every area's.
func (db *DB) ListRequests(ctx context.Context, scope Scope, area string) ([]Request, error) {
	cond, args := scope.where(requestVisible)
	q := `SELECT ` + requestColumns + ` FROM requests WHERE 1 = 1`
	var all []any
	if area != "" {
		q += ` AND area_id = ?`
		all = append(all, area)
	}
	rows, err := db.query(ctx, q+cond+` ORDER BY requested_us, id`, append(all, args...)...)
	return collect(rows, err, scanRequest)
}

// requestNext lists the allowed status changes of a request.
var requestNext = map[RequestStatus][]RequestStatus{
	Waiting: {Offered, Withdrawn, Rejected},
	Offered: {Granted, Waiting, Withdrawn, Rejected},
}

// SetRequestStatus moves a request along waiting → offered → granted (an
// offer declined goes back to waiting), or to withdrawn or rejected.
func (db *DB) SetRequestStatus(ctx context.Context, who Actor, id string, status RequestStatus) error {
	if err := checkRequestStatus(status); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		before, err := scanRequest(t.queryRow(`SELECT `+requestColumns+` FROM requests WHERE id = ?`, id))
		if err != nil {
			return notFound(err, "request", id)
		}
		if !slices.Contains(requestNext[before.Status], status) {
			return fmt.Errorf("request %q: %s → %s: want one of %v: %w", id, before.Status, status, requestNext[before.Status], ErrInvalid)
		}
		after := before
		after.Status, after.Updated = status, t.now
		if _, err := t.exec(`UPDATE requests SET status = ?, updated_us = ? WHERE id = ?`, string(status), us(t.now), id); err != nil {
			return err
		}
		return t.audit(who, "set-status", "request", id, before, after)
	})
}
