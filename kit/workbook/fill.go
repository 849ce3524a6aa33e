package workbook

import (
	"bytes"
	"fmt"
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
	for sheet, kv := range answers {
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
		for key, v := range kv {
			n, ok := at[key]
			if !ok {
				return nil, fmt.Errorf("workbook: sheet %q has no row for %s", sheet, key)
			}
			if err := f.SetCellValue(sheet, fmt.Sprintf("C%d", n), v); err != nil {
				return nil, err
			}
		}
	}
	for sheet, lines := range events {
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
