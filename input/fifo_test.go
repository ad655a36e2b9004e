//go:build unix

package input

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe would block Open forever (or stream without end); it is
// refused before it is opened.
func TestOpenRefusesFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "site.yaml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(p, YAML); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "a named pipe (FIFO), want a regular file") {
			t.Errorf("ReadFile(FIFO) = %v, want a named pipe (FIFO), want a regular file", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFile(FIFO) blocked")
	}
}
