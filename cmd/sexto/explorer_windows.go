//go:build windows

package main

import (
	"os"
	"os/exec"

	"golang.org/x/sys/windows"

	"sexto/kit/i18n"
)

// openConsole turns the window Explorer opened into a Command Prompt in dir: cmd.exe /K runs
// in the same console and stays open.
func openConsole(dir string) error {
	c := exec.Command("cmd.exe", "/K")
	c.Dir = dir
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	return c.Run()
}

// systemLang is the language of the Windows user interface (GetUserPreferredUILanguages,
// else GetUserDefaultUILanguage): Windows seldom sets LANG.
func systemLang() (i18n.Lang, bool) {
	if names, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME); err == nil {
		for _, n := range names {
			if l, ok := i18n.Parse(n); ok {
				return l, true
			}
		}
		if len(names) > 0 {
			return i18n.FR, false
		}
	}
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetUserDefaultUILanguage")
	if proc.Find() != nil {
		return i18n.FR, false
	}
	id, _, _ := proc.Call()
	return langFromLANGID(uint16(id))
}
