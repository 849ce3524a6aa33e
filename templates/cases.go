package templates

import "embed"

// Cases holds the built-in training cases (SPEC §11), one TOML file per case and language:
// cases/fr/*.toml, cases/en/*.toml, and cases/README.md, their format, exported with them.
//
//go:embed cases/README.md cases/fr/*.toml cases/en/*.toml
var Cases embed.FS
