package store

import "context"

// Ping checks that the database answers (the server's readiness).
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }
