package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteTablesReadsBack(t *testing.T) {
	tables := []Table{
		{Name: "Résumé", Title: "Statistiques SEXTO", Header: []string{"Catégorie", "Nombre"},
			Rows:  [][]any{{"dossiers", 42}, {"médiane (heures)", 2.5}, {"élèves avec une intervention antérieure", "< 5"}, {"=1+1", "masqué"}},
			Notes: []string{"« < 5 » : un nombre de 1 à 4."}},
		{Name: "Dossiers par mois du dévoilement: 2025/2026", Header: []string{"Catégorie", "Nombre"}, Rows: [][]any{{"mars 2026", 7}}},
		{Name: "dossiers par mois du dévoilement: 2025/2026", Notes: []string{"Répartition non présentée : moins de 5 cas."}},
	}
	b, err := WriteTables(tables)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := WriteTables(tables)
	if !bytes.Equal(b, again) {
		t.Error("the same tables give two different workbooks")
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) != 3 || names[0] != "Résumé" || len([]rune(names[1])) > 31 || strings.ContainsAny(names[1], "/:") ||
		strings.EqualFold(names[1], names[2]) {
		t.Fatalf("sheets %q", names)
	}
	rows, err := f.GetRows("Résumé")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Statistiques SEXTO"}, nil, {"Catégorie", "Nombre"}, {"dossiers", "42"}, {"médiane (heures)", "2.5"},
		{"élèves avec une intervention antérieure", "< 5"}, {"=1+1", "masqué"}, nil, {"« < 5 » : un nombre de 1 à 4."}}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %q, want %q", i+1, rows[i], want[i])
		}
	}
	// counts are numbers (Excel can add them), text stays text, never a formula
	if typ, _ := f.GetCellType("Résumé", "B4"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("B4 is of type %v, want a number", typ)
	}
	if fm, _ := f.GetCellFormula("Résumé", "A7"); fm != "" {
		t.Errorf("A7 became a formula: %q", fm)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Creator != "sexto" || props.Created != "2000-01-01T00:00:00Z" {
		t.Errorf("properties %+v, %v", props, err)
	}
	if rows, _ := f.GetRows(names[2]); len(rows) != 1 || rows[0][0] != "Répartition non présentée : moins de 5 cas." {
		t.Errorf("withheld sheet %q", rows)
	}
	if _, err := WriteTables(nil); err == nil {
		t.Error("a workbook of no table was written")
	}
}
