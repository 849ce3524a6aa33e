package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
)

// Exit statuses (SPEC §2).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitInput   = 3
)

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(msg i18n.Text, args ...any) error { return usageError{i18n.Errorf(msg, args...)} }

// inputError means the input file has problems, all listed: exit status 3.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// Localize renders the wrapped error (its hints are found through Unwrap).
func (e inputError) Localize(l i18n.Lang) string { return i18n.Message(e.err, l) }

// report prints err once, in the user's language, with its hints, and returns the exit status.
// It is the only place where errors reach the user, and it shows control characters escaped.
func report(w io.Writer, l i18n.Lang, err error) int {
	if err == nil {
		return exitOK
	}
	w = terminalWriter(w) // a cell, sheet or file name in a message is shown, never obeyed
	code := exitFailure
	var ue usageError
	var ie inputError
	switch {
	case errors.As(err, &ue):
		code = exitUsage
	case errors.As(err, &ie):
		code = exitInput
	}
	label := "erreur"
	if l == i18n.EN {
		label = "error"
	}
	msg := i18n.Message(err, l)
	var list i18n.List
	var ie2 inputError
	if !errors.As(err, &ie2) && errors.As(err, &list) && len(list) > 1 {
		fmt.Fprintln(w, prefix(l, label))
		for _, e := range list {
			fmt.Fprintf(w, "  - %s\n", i18n.Message(e, l))
		}
	} else {
		for i, line := range strings.Split(msg, "\n") {
			if i == 0 {
				fmt.Fprintf(w, "%s %s\n", prefix(l, label), line)
			} else {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
	}
	for _, h := range i18n.Hints(err, l) {
		fmt.Fprintf(w, "%s %s\n", prefix(l, hintWord(l)), h)
	}
	if code == exitUsage {
		fmt.Fprintf(w, "%s %s\n", prefix(l, hintWord(l)), i18n.T("« sexto help » ou « sexto COMMANDE --help » donne l'aide.",
			"“sexto help” or “sexto COMMAND --help” shows the help.").In(l))
	}
	return code
}

func hintWord(l i18n.Lang) string {
	if l == i18n.EN {
		return "hint"
	}
	return "conseil"
}

// prefix writes "sexto : erreur :" with French spacing, "sexto: error:" in English.
func prefix(l i18n.Lang, word string) string {
	if l == i18n.EN {
		return "sexto: " + word + ":"
	}
	return "sexto : " + word + " :"
}

// oneWorkbook is the argument check of the commands that read one filled workbook.
func oneWorkbook(name string) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error { return workbookArgs(name, args) }
}
