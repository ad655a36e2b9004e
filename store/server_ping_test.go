package store_test

import (
	"context"
	"testing"
	"time"
)

func TestPing(t *testing.T) {
	db := openSQLite(t, time.Now)
	if err := db.Ping(context.Background()); err != nil {
		t.Fatalf("Ping on an open store: %v", err)
	}
	db.Close()
	if err := db.Ping(context.Background()); err == nil {
		t.Error("Ping on a closed store: no error")
	}
}
