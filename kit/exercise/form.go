package exercise

import (
	"fmt"

	"sexto/kit/doc"
	"sexto/kit/printkit"
	"sexto/kit/profile"
)

// Form is the case's blank fillable PDF incident form (SPEC §10), one grid per student of the
// case, headed as an exercise; marked SPÉCIMEN when the school has no agreement configured,
// as the kit's form is.
func Form(c *Case, o Options) ([]byte, error) {
	p := profile.Specimen()
	p.School.Name = t("Exercice SEXTO — cas fictif", "SEXTO exercise — fictional case").In(o.Lang)
	p.Agreement = o.Agreement
	return printkit.Form(printkit.Options{Context: doc.Context{Profile: p, Lang: o.Lang, Paper: o.Paper, Now: o.Now, Creator: o.Creator}, Students: len(c.Students)})
}

// FormValues is the key as a person would type it into the case's form: by field name
// (incident.id, E2.role.kept, D1.device.seal_no), coded answers as their codes.
func (c *Case) FormValues() map[string]string {
	out := map[string]string{}
	for k, v := range c.Incident {
		out[k] = v
	}
	for i, s := range c.Students {
		for k, v := range s.Answers {
			out[fmt.Sprintf("E%d.%s", i+1, k)] = v
		}
	}
	for i, d := range c.Devices {
		for k, v := range d {
			out[fmt.Sprintf("D%d.%s", i+1, k)] = v
		}
	}
	return out
}
