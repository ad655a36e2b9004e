package main

import (
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"gridflex/outfile"
)

// osFiles is the command line's file source for the use cases: names are
// paths as typed (relative to the working directory, or absolute), opened
// with package os. Unlike a strict fs.FS it accepts any OS path, since
// that is what a user types; the server passes a strict one.
type osFiles struct{}

func (osFiles) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFiles) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }

// Open opens name; the use cases check it is a regular file first
// (input.OpenFS), since opening a FIFO blocks and /dev/zero never ends.
func (osFiles) Open(name string) (fs.File, error) { return os.Open(name) }

var (
	_ fs.StatFS    = osFiles{}
	_ fs.ReadDirFS = osFiles{}
)

// writeOutput runs fn on stdout, or with -o on the file path through
// outfile: atomically, mode 0644, and never over one of inputs.
func writeOutput(cmd *cobra.Command, path string, inputs []string, fn func(io.Writer) error) error {
	if path == "" {
		return fn(cmd.OutOrStdout())
	}
	return outfile.Write(path, inputs, fn)
}

// scenarioInputs are the input files of the scenario flags.
func (f *scenarioFlags) inputs(more ...string) []string {
	return append(more, f.file)
}
