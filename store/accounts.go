package store

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// CreateUser stores a user of an existing organisation.
func (db *DB) CreateUser(ctx context.Context, who Actor, u User) error {
	if err := checkID("user", u.ID); err != nil {
		return err
	}
	switch u.Role {
	case RoleAdmin, RoleAnalyst, RoleCSP, RoleCompany:
	default:
		return fmt.Errorf("user %q: role %q: want admin, analyst, csp or company: %w", u.ID, u.Role, ErrInvalid)
	}
	return db.write(ctx, func(t *tx) error {
		if _, err := t.orgKind(u.Org); err != nil {
			return fmt.Errorf("user %q: %w", u.ID, err)
		}
		u.Created = t.now
		_, err := t.exec(`INSERT INTO users (id, org_id, name, email, role, created_us, disabled_us) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			u.ID, u.Org, u.Name, u.Email, string(u.Role), us(u.Created), us(u.Disabled))
		if isUnique(err) {
			return fmt.Errorf("user %q or e-mail %q: %w", u.ID, u.Email, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "user", u.ID, nil, u)
	})
}

const userColumns = `u.id, u.org_id, u.name, u.email, u.role, u.created_us, u.disabled_us`

func scanUser(s scanner) (User, error) {
	var u User
	var role string
	var cr, dis int64
	err := s.Scan(&u.ID, &u.Org, &u.Name, &u.Email, &role, &cr, &dis)
	u.Role, u.Created, u.Disabled = Role(role), fromUS(cr), fromUS(dis)
	return u, err
}

// GetUser returns one user.
func (db *DB) GetUser(ctx context.Context, id string) (User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE id = ?`, id))
	return u, notFound(err, "user", id)
}

func tokenHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// CreateToken stores the SHA-256 of secret as token t of t.User; the
// secret itself is never stored. Secrets must be long random strings
// (at least 32 bytes), so a fast hash is enough.
func (db *DB) CreateToken(ctx context.Context, who Actor, tk Token, secret string) error {
	if err := checkID("token", tk.ID); err != nil {
		return err
	}
	if len(secret) < 32 {
		return fmt.Errorf("token %q: secret of %d bytes: want at least 32: %w", tk.ID, len(secret), ErrInvalid)
	}
	return db.write(ctx, func(t *tx) error {
		if _, err := scanUser(t.queryRow(`SELECT `+userColumns+` FROM users u WHERE id = ?`, tk.User)); err != nil {
			return notFound(err, "user", tk.User)
		}
		tk.Created = t.now
		_, err := t.exec(`INSERT INTO api_tokens (id, user_id, hash, created_us, expires_us, revoked_us) VALUES (?, ?, ?, ?, ?, 0)`,
			tk.ID, tk.User, tokenHash(secret), us(tk.Created), us(tk.Expires))
		if isUnique(err) {
			return fmt.Errorf("token %q: %w", tk.ID, ErrExists)
		} else if err != nil {
			return err
		}
		return t.audit(who, "create", "token", tk.ID, nil, tk)
	})
}

// TokenUser returns the enabled user of a known, unrevoked, unexpired
// token, and ErrNotFound otherwise (without saying which).
func (db *DB) TokenUser(ctx context.Context, secret string) (User, error) {
	now := us(db.now())
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND t.revoked_us = 0 AND (t.expires_us = 0 OR t.expires_us > ?) AND u.disabled_us = 0`, tokenHash(secret), now))
	return u, notFound(err, "token", "…")
}

// RevokeToken revokes a token from now on.
func (db *DB) RevokeToken(ctx context.Context, who Actor, id string) error {
	return db.write(ctx, func(t *tx) error {
		res, err := t.exec(`UPDATE api_tokens SET revoked_us = ? WHERE id = ? AND revoked_us = 0`, us(t.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("token %q: %w", id, ErrNotFound)
		}
		return t.audit(who, "revoke", "token", id, nil, map[string]any{"revoked": t.now})
	})
}

// PutParticipant stores or replaces a UFTP peer's key.
func (db *DB) PutParticipant(ctx context.Context, who Actor, p Participant) error {
	if err := checkID("participant", p.Domain); err != nil {
		return err
	}
	switch p.Role {
	case "DSO", "AGR", "CRO":
	default:
		return fmt.Errorf("participant %q: role %q: want DSO, AGR or CRO: %w", p.Domain, p.Role, ErrInvalid)
	}
	if len(p.PublicKey) != ed25519.PublicKeySize {
		return fmt.Errorf("participant %q: public key of %d bytes: want %d (Ed25519): %w", p.Domain, len(p.PublicKey), ed25519.PublicKeySize, ErrInvalid)
	}
	return db.write(ctx, func(t *tx) error {
		var before *Participant
		var old Participant
		var cr int64
		err := t.queryRow(`SELECT domain, role, public_key, created_us FROM participants WHERE domain = ? AND role = ?`, p.Domain, p.Role).
			Scan(&old.Domain, &old.Role, &old.PublicKey, &cr)
		if err == nil {
			old.Created = fromUS(cr)
			before = &old
			if _, err := t.exec(`DELETE FROM participants WHERE domain = ? AND role = ?`, p.Domain, p.Role); err != nil {
				return err
			}
		}
		p.Created = t.now
		if _, err := t.exec(`INSERT INTO participants (domain, role, public_key, created_us) VALUES (?, ?, ?, ?)`,
			p.Domain, p.Role, p.PublicKey, us(p.Created)); err != nil {
			return err
		}
		return t.audit(who, "put", "participant", p.Domain+"/"+p.Role, before, p)
	})
}

// ListParticipants returns every UFTP peer by domain and role.
func (db *DB) ListParticipants(ctx context.Context) ([]Participant, error) {
	rows, err := db.query(ctx, `SELECT domain, role, public_key, created_us FROM participants ORDER BY domain, role`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Participant
	for rows.Next() {
		var p Participant
		var cr int64
		if err := rows.Scan(&p.Domain, &p.Role, &p.PublicKey, &cr); err != nil {
			return nil, err
		}
		p.Created = fromUS(cr)
		out = append(out, p)
	}
	return out, rows.Err()
}
