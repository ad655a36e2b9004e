package outfile

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// pending holds the temporary files and directories of writes under way, so
// that an interrupted run removes them instead of leaving ".x.123.tmp"
// files next to the user's outputs.
var pending = struct {
	sync.Mutex
	paths map[string]bool
}{paths: map[string]bool{}}

func track(path string) {
	pending.Lock()
	pending.paths[path] = true
	pending.Unlock()
}

func untrack(path string) {
	pending.Lock()
	delete(pending.paths, path)
	pending.Unlock()
}

// RemovePending removes every temporary file or directory of a write that
// has not finished. It is what an interrupt handler calls before exiting.
func RemovePending() {
	pending.Lock()
	defer pending.Unlock()
	for p := range pending.paths {
		os.RemoveAll(p)
		delete(pending.paths, p)
	}
}

// CleanUpOnInterrupt makes SIGINT and SIGTERM remove the temporary files of
// unfinished writes and exit with status 130 (SIGINT) or 143 (SIGTERM), as a
// shell reports a killed command. A command line program calls it once at
// start; a server handles its own signals.
func CleanUpOnInterrupt() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			RemovePending()
			code := 130
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
