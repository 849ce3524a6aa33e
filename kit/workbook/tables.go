package workbook

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Table is one sheet of a workbook of figures: a title, a header row, rows, and notes under
// them.
type Table struct {
	Name   string   // the sheet's name; cut to 31 characters, made valid and unique
	Title  string   // in A1, bold; none when ""
	Header []string // bold, under the title
	Rows   [][]any  // cells: string, int or float64 (numbers stay numbers, for sums)
	Notes  []string // one per row, after a blank row
}

// tableProps are the document properties of every workbook of figures: fixed, so that the
// same figures give the same bytes on any day and any machine.
var tableProps = excelize.DocProperties{
	Creator:        "sexto",
	LastModifiedBy: "sexto",
	Created:        "2000-01-01T00:00:00Z",
	Modified:       "2000-01-01T00:00:00Z",
}

// WriteTables writes tables as the sheets of an .xlsx workbook, in order.
func WriteTables(tables []Table) ([]byte, error) {
	if len(tables) == 0 {
		return nil, fmt.Errorf("workbook: no table to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for i, tb := range tables {
		name := sheetName(tb.Name, i, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		row := 1
		put := func(col int, v any, style int) error {
			cell, err := excelize.CoordinatesToCellName(col, row)
			if err != nil {
				return err
			}
			if err := f.SetCellValue(name, cell, v); err != nil {
				return err
			}
			if style != 0 {
				return f.SetCellStyle(name, cell, cell, style)
			}
			return nil
		}
		if tb.Title != "" {
			if err := put(1, tb.Title, title); err != nil {
				return nil, err
			}
			row += 2
		}
		if len(tb.Header) > 0 {
			for c, h := range tb.Header {
				if err := put(c+1, h, bold); err != nil {
					return nil, err
				}
			}
			row++
		}
		for _, r := range tb.Rows {
			for c, v := range r {
				if err := put(c+1, v, 0); err != nil {
					return nil, err
				}
			}
			row++
		}
		if len(tb.Notes) > 0 {
			if len(tb.Rows) > 0 || len(tb.Header) > 0 {
				row++
			}
			for _, n := range tb.Notes {
				if err := put(1, n, wrap); err != nil {
					return nil, err
				}
				row++
			}
		}
		if err := f.SetColWidth(name, "A", "A", 60); err != nil {
			return nil, err
		}
		if err := f.SetColWidth(name, "B", "B", 14); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	props := tableProps
	if err := f.SetDocProps(&props); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sheetName makes name a valid sheet name that is not yet used: no []:*?/\, no apostrophe
// at either end, at most 31 characters, and different from the others (Excel compares them
// without case).
func sheetName(name string, i int, used map[string]bool) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	name = strings.Trim(strings.TrimSpace(name), "'")
	if name == "" {
		name = fmt.Sprintf("Sheet%d", i+1)
	}
	for n := 1; ; n++ {
		suffix := ""
		if n > 1 {
			suffix = fmt.Sprintf(" (%d)", n)
		}
		cand := cutRunes(name, 31-len(suffix)) + suffix
		if !used[strings.ToLower(cand)] {
			used[strings.ToLower(cand)] = true
			return cand
		}
	}
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
