// Command sexto prints the SEXTO kit and, in later commands, reads the incident workbooks of
// Quebec schools that run the SEXTO sexting-intervention protocol.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
