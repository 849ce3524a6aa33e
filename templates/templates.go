// Package templates embeds the document texts of the SEXTO kit, one set per language (fr/, en/).
// The markup they produce is described in README.md beside this file.
package templates

import "embed"

// FS holds fr/*.tmpl and en/*.tmpl.
//
//go:embed fr/*.tmpl en/*.tmpl
var FS embed.FS

// README is the markup reference, exported with the templates.
//
//go:embed README.md
var README []byte
