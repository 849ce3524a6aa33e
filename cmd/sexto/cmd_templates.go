package main

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"sexto/kit/i18n"
	"sexto/templates"
)

func (a *app) cmdTemplates() *cobra.Command {
	c := &cobra.Command{
		Use:   "templates",
		Short: a.tr("Gabarits des textes de la trousse", "Templates of the kit's texts"),
		Long: a.tr(`Les textes de chaque document de la trousse sont des gabarits, en français (fr/) et en
anglais (en/). « sexto templates export DOSSIER » les écrit dans un dossier pour que l'école
les adapte ; « --templates DOSSIER » les utilise ensuite à la place des textes intégrés.

`, `The texts of every document of the kit are templates, in French (fr/) and English (en/).
“sexto templates export FOLDER” writes them to a folder for the school to adapt; “--templates
FOLDER” then uses them instead of the built-in texts.

`) + a.exitStatus(),
		Example: a.tr(`  sexto templates export mes-gabarits
  sexto kit --templates mes-gabarits`,
			`  sexto templates export my-templates
  sexto kit --templates my-templates`),
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	c.AddCommand(a.cmdTemplatesExport())
	return c
}

func (a *app) cmdTemplatesExport() *cobra.Command {
	return &cobra.Command{
		Use:   a.tr("export DOSSIER", "export FOLDER"),
		Short: a.tr("Écrire les gabarits intégrés dans un dossier, pour les modifier", "Write the built-in templates to a folder, to edit them"),
		Long: a.tr(`Écrit DOSSIER/fr/*.tmpl, DOSSIER/en/*.tmpl et DOSSIER/README.md (la syntaxe des gabarits).
Le dossier est créé au besoin ; aucun fichier existant n'est remplacé sans --force.

`, `Writes FOLDER/fr/*.tmpl, FOLDER/en/*.tmpl and FOLDER/README.md (the template syntax). The
folder is created if needed; no existing file is replaced without --force.

`) + a.exitStatus(),
		Example: a.tr("  sexto templates export mes-gabarits", "  sexto templates export my-templates"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(i18n.T("« sexto templates export » attend un DOSSIER", "“sexto templates export” needs a FOLDER"))
			}
			return nil
		},
		Annotations: needs(needsLang),
		RunE: func(cmd *cobra.Command, args []string) error {
			return work(a.runs.templatesExport, a.exportTemplates, args[0])
		},
	}
}

func (a *app) exportTemplates(dir string) error {
	type file struct {
		path string
		data []byte
	}
	var files []file
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templates.FS.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, file{filepath.Join(dir, filepath.FromSlash(p)), b})
		return nil
	})
	if err != nil {
		return err
	}
	files = append(files, file{filepath.Join(dir, "README.md"), templates.README})
	// Refuse before writing anything, so that a refusal leaves the folder as it was.
	if !a.flags.force {
		for _, f := range files {
			if _, err := os.Stat(f.path); err == nil {
				return i18n.Errorf(i18n.T("%s existe déjà ; rien n'a été écrit", "%s already exists; nothing was written"), f.path).
					WithHint(i18n.T("Ajoutez --force pour remplacer les gabarits, ou choisissez un autre DOSSIER.",
						"Add --force to replace the templates, or choose another FOLDER."))
			}
		}
	}
	var made []string
	for _, sub := range []string{"", "fr", "en"} {
		p := filepath.Join(dir, sub)
		if _, err := os.Stat(p); err != nil {
			if err := os.MkdirAll(p, 0o755); err != nil {
				return i18n.Wrap(err, i18n.T("%s : création du dossier impossible", "%s: cannot create the folder"), p)
			}
			made = append(made, p)
		}
	}
	var written []string
	for _, f := range files {
		if err := writeFileAtomic(f.path, f.data, permPublic, a.flags.force); err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i])
			}
			return err
		}
		written = append(written, f.path)
	}
	a.notice(i18n.T("%d gabarits écrits dans %s ; utilisez-les avec « --templates %s ».",
		"%d templates written to %s; use them with “--templates %s”."), len(files)-1, dir, dir)
	return nil
}
