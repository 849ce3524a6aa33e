package printkit

import (
	"strings"
	"testing"

	"sexto/kit/i18n"
	"sexto/kit/pdftext"
)

// The custody form and the labels carry what the police need (SPEC §5, §7.3): the incident and
// police event numbers, a row per device with the items of the devices sheet, the transfers of
// custody until the police, and signatures with name, badge, date and time; each on one page.
func TestCustodyFormAndLabels(t *testing.T) {
	want := map[i18n.Lang]map[string][]string{
		i18n.FR: {
			"custody": {"N° de dossier (école)", "N° d’événement policier", "N° de série ou", "IMEI", "État", "N° du sac", "Témoin",
				"Transferts de possession jusqu’à la police", "Remis par (nom)", "Reçu par (nom,", "Signature — Policier ou policière",
				"Matricule (s’il y a lieu)", "Date et heure"},
			"labels": {"Dossier", "Événement", "N° de scellé", "Réf. élève", "Scellé par", "Témoin", "NE PAS OUVRIR", "REGARDER"},
		},
		i18n.EN: {
			"custody": {"School file no.", "Police event no.", "Serial no. or", "IMEI", "State", "Sealed bag", "Witness",
				"Transfers of custody until the police", "Handed over by", "Received by", "Signature — Police officer",
				"Badge (where relevant)", "Date and time"},
			"labels": {"School file", "Police event", "Seal no.", "Student ref", "Sealed by", "Witness", "DO NOT OPEN", "DO NOT VIEW"},
		},
	}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, paper := range []string{"letter", "a4"} {
			for _, id := range []string{"custody", "labels"} {
				o := options(l)
				o.Paper = paper
				b, err := Print(o, id)
				if err != nil {
					t.Fatal(err)
				}
				pages, _ := pdftext.Pages(b)
				if len(pages) != 1 {
					t.Errorf("%s %s %s: %d pages, want 1", l, paper, id, len(pages))
				}
				txt, _ := pdftext.Text(b)
				for _, w := range want[l][id] {
					if !strings.Contains(txt, w) {
						t.Errorf("%s %s %s lacks %q", l, paper, id, w)
					}
				}
			}
		}
	}
}
