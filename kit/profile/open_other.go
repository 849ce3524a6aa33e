//go:build !unix

package profile

import "os"

// openNoWait opens path for reading (named pipes are not files on this system).
func openNoWait(path string) (*os.File, error) { return os.Open(path) }
