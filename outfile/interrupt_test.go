package outfile

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestInterruptLeavesNothingBehind re-runs this test binary as a child that
// starts writing an output and blocks; SIGINT must remove the temporary
// file, leave no output and exit with 130.
func TestInterruptLeavesNothingBehind(t *testing.T) {
	if dir := os.Getenv("OUTFILE_CHILD_DIR"); dir != "" {
		CleanUpOnInterrupt()
		Write(filepath.Join(dir, "report.html"), nil, func(w io.Writer) error {
			io.WriteString(w, "<html>half")
			os.Stdout.WriteString("writing\n")
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptLeavesNothingBehind$")
	cmd.Env = append(os.Environ(), "OUTFILE_CHILD_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "writing\n" {
		cmd.Process.Kill()
		t.Fatalf("child said %q, %v", line, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("while writing the directory holds %d entries, want the temporary file", len(entries))
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Fatalf("child exit: %v, want status 130", err)
	}
	entries, _ = os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind after SIGINT: %s", e.Name())
	}
}
