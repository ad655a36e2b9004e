package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a stderr the server's logger and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommand: a token made by `token create` opens /api/v1/me on a
// `serve` started on a free loopback port; the end of the command's
// context (as SIGINT would) shuts it down cleanly.
func TestServeCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "gridflex.db")
	if _, _, err := runCLI(t, "org", "add", "a", "--kind", "company", "--db", db); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "token", "create", "--org", "a", "--role", "admin", "--db", db); err == nil || !strings.Contains(err.Error(), "grid-operator") {
		t.Errorf("admin token for a company: error %v, want a refusal naming grid-operator", err)
	}
	out, _, err := runCLI(t, "token", "create", "--org", "a", "--role", "company", "--db", db, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var tok tokenCreated
	if err := json.Unmarshal([]byte(out), &tok); err != nil || len(tok.Token) < 32 || tok.User != "a-company" {
		t.Fatalf("token create = %q (%v)", out, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	root := newRootCmd()
	var stderr syncBuffer
	root.SetOut(io.Discard)
	root.SetErr(&stderr)
	root.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--db", db})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	addrRe := regexp.MustCompile(`msg=serving addr=(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRe.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		cancel()
		t.Fatalf("serve did not log its address: %s", stderr.String())
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"kind": "company"`) {
		t.Errorf("GET /api/v1/me = %d %s", res.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stderr.String(), "shutting down") || !strings.Contains(stderr.String(), `route="GET /api/v1/me"`) {
		t.Errorf("log lacks the request or the shutdown:\n%s", stderr.String())
	}
}
