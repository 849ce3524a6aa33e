// Package doc is the context every document is made in: the school's profile, the language,
// the paper, the one clock, the program that made it and the templates in force. The command
// line builds it once, checked, before any command runs; each document package takes it with
// its own input and turns it into PDF options here, in one place. It also holds what every
// document that shows a classification draws the same way: the page words, the mark of each
// orientation and the lines of facts.
package doc

import (
	"time"

	"sexto/kit/classify"
	"sexto/kit/i18n"
	"sexto/kit/pdf"
	"sexto/kit/profile"
)

// Context is what every document is made with.
type Context struct {
	Profile   *profile.Profile
	Lang      i18n.Lang
	Paper     string    // pdf.Letter or pdf.A4
	Now       time.Time // the one clock (SOURCE_DATE_EPOCH when set)
	Creator   string    // the program, e.g. "sexto 1.2.0"
	Templates string    // a folder overriding the built-in templates, or ""
}

// Check completes a context (the specimen profile when none, French, US Letter) and refuses
// values no document can be made with.
func (c *Context) Check() error {
	if c.Profile == nil {
		c.Profile = profile.Specimen()
	}
	switch c.Lang {
	case "":
		c.Lang = i18n.FR
	case i18n.FR, i18n.EN:
	default:
		return i18n.Errorf(i18n.T("langue « %s » inconnue : fr ou en", "unknown language “%s”: fr or en"), string(c.Lang))
	}
	switch c.Paper {
	case "":
		c.Paper = pdf.Letter
	case pdf.Letter, pdf.A4:
	default:
		return i18n.Errorf(i18n.T("format de papier « %s » inconnu : letter ou a4", "unknown paper size “%s”: letter or a4"), c.Paper)
	}
	return nil
}

// PDF gives the options of a document titled title, about subject, in the context's language:
// its paper, language tag, author (the school), creator and clock, the page words, and the
// SPÉCIMEN mark on every page when no agreement is configured.
func (c Context) PDF(title, subject string) pdf.Options {
	return pdf.Options{
		Paper: c.Paper, Lang: string(c.Lang) + "-CA", Title: title, Author: c.Profile.School.Name,
		Subject: subject, Creator: c.Creator, Now: c.Now, Specimen: !c.Profile.Agreement.Configured(),
		Words: Words(c.Lang),
	}
}

// Words are the page furniture's words in l.
func Words(l i18n.Lang) pdf.Words {
	if l == i18n.EN {
		return pdf.Words{
			Page: "Page %d of %d", Confidential: "CONFIDENTIAL", Specimen: "SPECIMEN",
			SpecimenNote: "SPECIMEN — no agreement configured", Signature: "Signature",
			Name: "Name", Date: "Date", Continued: "page %d",
		}
	}
	return pdf.Words{
		Page: "Page %d de %d", Confidential: "CONFIDENTIEL", Specimen: "SPÉCIMEN",
		SpecimenNote: "SPÉCIMEN — aucune entente configurée", Signature: "Signature",
		Name: "Nom", Date: "Date", Continued: "page %d",
	}
}

// Mark returns the shape that stands for an orientation, the same in every document; each
// survives black-and-white printing.
func Mark(o classify.Orientation) pdf.Mark {
	switch o {
	case classify.UrgentCall:
		return pdf.MarkTriangle
	case classify.Malicious:
		return pdf.MarkSquare
	case classify.Impulsive:
		return pdf.MarkCircle
	case classify.Support:
		return pdf.MarkDiamond
	case classify.Witness:
		return pdf.MarkDot
	}
	return pdf.MarkQuestion
}

var t = i18n.T

// FactRuns are the paragraphs of a student's facts, in their own words, and of the rules that
// could not be evaluated: the same lines wherever a classification is printed.
func FactRuns(sr classify.StudentResult, l i18n.Lang) [][]pdf.Run {
	var ps [][]pdf.Run
	if s := classify.FactList(sr.Facts, true, l); s != "" {
		ps = append(ps, []pdf.Run{{Text: t("Faits atténuants : ", "Mitigating facts: ").In(l), Bold: true}, {Text: s}})
	}
	if s := classify.FactList(sr.Facts, false, l); s != "" {
		ps = append(ps, []pdf.Run{{Text: t("Faits aggravants : ", "Aggravating facts: ").In(l), Bold: true}, {Text: s}})
	}
	if note := classify.UnevaluatedNote(sr.Unevaluated, l); note != "" {
		ps = append(ps, pdf.Plain(note))
	}
	if note := sr.AgeNote(l); note != "" {
		ps = append(ps, []pdf.Run{{Text: note, Bold: true}})
	}
	return ps
}
