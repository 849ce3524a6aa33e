package exercise

import (
	"strconv"
	"strings"
	"time"

	"sexto/kit/clock"
	"sexto/kit/grid"
	"sexto/kit/i18n"
	"sexto/kit/workbook"
)

// Sheet names of the workbook, as sexto template writes them.
var (
	dossierSheet = i18n.T("Dossier", "Incident")
	devicesSheet = i18n.T("Appareils", "Devices")
)

// Key is the case's answer key as an incident, the same model as a filled workbook read by
// sexto, so that the key and the trainee's answers go through the same classifier.
func (c *Case) Key() *workbook.Incident {
	l := c.Lang
	in := &workbook.Incident{File: c.File, Lang: l, Dossier: sheet(dossierSheet.In(l), c.Incident)}
	for i, s := range c.Students {
		in.Students = append(in.Students, workbook.Student{Sheet: sheet(workbook.StudentSheetName(l, i+1), s.Answers)})
	}
	for i, d := range c.Devices {
		in.Devices = append(in.Devices, workbook.Device{Sheet: sheet(devicesSheet.In(l), d), Row: i + 3})
	}
	return in
}

func sheet(name string, answers map[string]string) workbook.Sheet {
	sh := workbook.Sheet{Name: name, Answers: map[string]workbook.Answer{}}
	for k, v := range answers {
		if v != "" {
			sh.Answers[k] = answer(k, v)
		}
	}
	return sh
}

// answer turns a key's canonical value into an answer as the workbook reader makes it.
func answer(key, v string) workbook.Answer {
	it := grid.MustLookup(key)
	a := workbook.Answer{Key: key, Text: v}
	switch it.Kind {
	case grid.Choice:
		a.Code = v
	case grid.Int:
		a.Int, _ = strconv.Atoi(v)
	case grid.Date, grid.DateTime:
		t, _ := parseTime(v)
		a.Time = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, clock.Zone)
	}
	return a
}

// Filled is the key as a person would type it into the case's blank workbook in language l,
// ready for workbook.Fill: answers by sheet and item key (coded answers as their labels),
// and the devices sheet's rows.
func (c *Case) Filled(l i18n.Lang) (map[string]map[string]string, map[string][]string) {
	shown := func(key, v string) string {
		it := grid.MustLookup(key)
		if o, ok := it.Option(v); ok && it.Kind == grid.Choice {
			return o.Label.In(l)
		}
		return v
	}
	answers := map[string]map[string]string{dossierSheet.In(l): {}}
	for k, v := range c.Incident {
		answers[dossierSheet.In(l)][k] = shown(k, v)
	}
	for i, s := range c.Students {
		m := map[string]string{}
		for k, v := range s.Answers {
			m[k] = shown(k, v)
		}
		answers[workbook.StudentSheetName(l, i+1)] = m
	}
	var rows []string
	for _, d := range c.Devices {
		var cells []string
		for _, it := range grid.Devices.Items {
			if v := d[it.Key]; v != "" {
				cells = append(cells, it.Key+"="+shown(it.Key, v))
			}
		}
		rows = append(rows, strings.Join(cells, "|"))
	}
	return answers, map[string][]string{devicesSheet.In(l): rows}
}
