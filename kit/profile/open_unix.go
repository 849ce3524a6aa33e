//go:build unix

package profile

import (
	"os"
	"syscall"
)

// openNoWait opens path for reading without waiting for a writer when it is a named pipe
// (FIFO): the caller then refuses it, as anything that is not a regular file.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
