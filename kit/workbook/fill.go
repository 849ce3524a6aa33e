package workbook

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Fill types answers into a workbook as a person would: for each sheet, the answer of each
// item key goes in column C of the row whose column A holds the key. Sheet "Chronologie" or
// "Timeline" takes rows of "date|action|by"; sheet "Appareils" or "Devices" rows of
// "key=value|key=value…", one device a row. It serves tests and demonstrations; sexto itself
// never writes into a filled workbook.
func Fill(data []byte, answers map[string]map[string]string, events map[string][]string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// in a fixed order, so that the same answers give the same bytes (the shared strings
	// follow the order of writing)
	for _, sheet := range sortedKeys(answers) {
		kv := answers[sheet]
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			return nil, fmt.Errorf("workbook: no sheet %q", sheet)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, err
		}
		at := map[string]int{}
		for i, r := range rows {
			if len(r) > 0 {
				at[r[0]] = i + 1
			}
		}
		for _, key := range sortedKeys(kv) {
			v := kv[key]
			n, ok := at[key]
			if !ok {
				return nil, fmt.Errorf("workbook: sheet %q has no row for %s", sheet, key)
			}
			if err := f.SetCellValue(sheet, fmt.Sprintf("C%d", n), v); err != nil {
				return nil, err
			}
		}
	}
	for _, sheet := range sortedKeys(events) {
		lines := events[sheet]
		if a1, _ := f.GetCellValue(sheet, "A1"); a1 == "device.owner" {
			if err := fillTable(f, sheet, lines); err != nil {
				return nil, err
			}
			continue
		}
		for i, line := range lines {
			parts := strings.SplitN(line, "|", 3)
			for j, p := range parts {
				if err := f.SetCellValue(sheet, fmt.Sprintf("%s%d", colLetter(j+1), i+2), p); err != nil {
					return nil, err
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fillTable writes rows of "key=value|…" under a table whose row 1 holds the keys and row 2
// the labels.
func fillTable(f *excelize.File, sheet string, lines []string) error {
	keys, err := f.GetRows(sheet)
	if err != nil || len(keys) == 0 {
		return fmt.Errorf("workbook: sheet %q has no key row", sheet)
	}
	col := map[string]int{}
	for i, k := range keys[0] {
		col[k] = i + 1
	}
	// under the rows already filled, so that calls add up
	first := max(3, len(keys)+1)
	for i, line := range lines {
		for _, kv := range strings.Split(line, "|") {
			k, v, _ := strings.Cut(kv, "=")
			c, ok := col[k]
			if !ok {
				return fmt.Errorf("workbook: sheet %q has no column for %s", sheet, k)
			}
			if err := f.SetCellValue(sheet, fmt.Sprintf("%s%d", colLetter(c), first+i), v); err != nil {
				return err
			}
		}
	}
	return nil
}
