package store

import (
	"context"
	"fmt"
	"math"
)

func checkJob(j Job) error {
	switch j.State {
	case JobQueued, JobRunning, JobDone, JobFailed, JobCancelled:
	default:
		return fmt.Errorf("job %q: state %q: want queued, running, done, failed or cancelled: %w", j.ID, j.State, ErrInvalid)
	}
	if math.IsNaN(j.Progress) || j.Progress < 0 || j.Progress > 1 {
		return fmt.Errorf("job %q: progress %v: want 0–1: %w", j.ID, j.Progress, ErrInvalid)
	}
	return nil
}

// CreateJob stores a new job; an empty State means queued.
func (db *DB) CreateJob(ctx context.Context, who Actor, j Job) error {
	if err := checkID("job", j.ID); err != nil {
		return err
	}
	if j.State == "" {
		j.State = JobQueued
	}
	if err := checkJob(j); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		if _, err := t.orgKind(j.Owner); err != nil {
			return fmt.Errorf("job %q: owner: %w", j.ID, err)
		}
		j.Created, j.Updated = t.now, t.now
		_, err := t.exec(`INSERT INTO jobs (id, owner_org, kind, state, progress, result, error, attempts, created_us, updated_us)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, j.ID, j.Owner, j.Kind, string(j.State), j.Progress, j.Result, j.Error, j.Attempts, us(j.Created), us(j.Updated))
		if isUnique(err) {
			return fmt.Errorf("job %q: %w", j.ID, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "job", j.ID, nil, j)
	})
}

const jobColumns = `id, owner_org, kind, state, progress, result, error, attempts, created_us, updated_us`

func scanJob(s scanner) (Job, error) {
	var j Job
	var state string
	var cr, up int64
	err := s.Scan(&j.ID, &j.Owner, &j.Kind, &state, &j.Progress, &j.Result, &j.Error, &j.Attempts, &cr, &up)
	j.State, j.Created, j.Updated = JobState(state), fromUS(cr), fromUS(up)
	return j, err
}

// GetJob returns a job when scope sees it.
func (db *DB) GetJob(ctx context.Context, scope Scope, id string) (Job, error) {
	cond, args := scope.where(jobVisible)
	j, err := scanJob(db.queryRow(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = ?`+cond, append([]any{id}, args...)...))
	return j, notFound(err, "job", id)
}

// UpdateJob stores a job's state, progress, result, error and attempts.
func (db *DB) UpdateJob(ctx context.Context, who Actor, j Job) error {
	if err := checkJob(j); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		before, err := scanJob(t.queryRow(`SELECT `+jobColumns+` FROM jobs WHERE id = ?`, j.ID))
		if err != nil {
			return notFound(err, "job", j.ID)
		}
		after := before
		after.State, after.Progress, after.Result, after.Error, after.Attempts, after.Updated = j.State, j.Progress, j.Result, j.Error, j.Attempts, t.now
		if _, err := t.exec(`UPDATE jobs SET state = ?, progress = ?, result = ?, error = ?, attempts = ?, updated_us = ? WHERE id = ?`,
			string(j.State), j.Progress, j.Result, j.Error, j.Attempts, us(t.now), j.ID); err != nil {
			return err
		}
		return t.audit(who, "update", "job", j.ID, before, after)
	})
}

// ListJobs returns the jobs scope sees, oldest first; state "" lists all.
func (db *DB) ListJobs(ctx context.Context, scope Scope, state JobState) ([]Job, error) {
	cond, args := scope.where(jobVisible)
	q := `SELECT ` + jobColumns + ` FROM jobs WHERE 1 = 1`
	var all []any
	if state != "" {
		q += ` AND state = ?`
		all = append(all, string(state))
	}
	rows, err := db.query(ctx, q+cond+` ORDER BY created_us, id`, append(all, args...)...)
	return collect(rows, err, scanJob)
}
