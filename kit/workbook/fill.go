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
// "Timeline" takes rows of "date|action|by". It serves tests and demonstrations; sexto itself
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
