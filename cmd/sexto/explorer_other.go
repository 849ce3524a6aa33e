//go:build !windows

package main

import "sexto/kit/i18n"

// openConsole is only offered on Windows, where a double-click opens a console window.
var openConsole func(dir string) error

// systemLang: elsewhere, the language comes from LANG, LC_ALL and LC_MESSAGES.
func systemLang() (i18n.Lang, bool) { return i18n.FR, false }
