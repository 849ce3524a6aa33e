package workbook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"sexto/kit/i18n"
)

// This file reads the parts of an .xlsx package that the reader needs, without the
// spreadsheet library: the sheet list, the shared strings, and the first four columns of
// each worksheet, scanned as bytes. The library's XML decoding made reading a 30-student
// workbook take over 100 ms; the scanner takes a few. It reads what Excel, LibreOffice, Google
// Sheets and the common libraries write (prefixed elements, inline and shared strings, rich
// text, formulas with or without a cached value) and nothing else.

// maxSheetBytes bounds the part of a worksheet that is scanned: far more than the rows a grid
// has, whatever their text.
const maxSheetBytes = 8 << 20

var errPackage = errors.New("workbook: malformed package")

type pkg struct {
	// parts holds the bytes of every part, by normalised name (normPart): each was
	// decompressed once, when the file was sniffed, and is never read from the archive again
	parts    map[string][]byte
	sheets   []pkgSheet
	shared   []string
	date1904 bool
}

type pkgSheet struct {
	name, part string
	hidden     bool // hidden or very hidden: the user does not see it
}

// openPackage reads the sheet list and the shared strings. Its error is a *Refusal when the
// sheet list is ambiguous or too long, errPackage when it is malformed.
func openPackage(parts map[string][]byte) (*pkg, error) {
	p := &pkg{parts: parts}
	if err := p.workbook(); err != nil {
		return nil, err
	}
	if err := p.sharedStrings(); err != nil {
		return nil, err
	}
	return p, nil
}

// read returns the bytes of a part, at most limit of them, and whether it was cut.
func (p *pkg) read(name string, limit int64) ([]byte, bool, error) {
	n, _ := normPart(name)
	b, ok := p.parts[n]
	if !ok {
		return nil, false, errPackage
	}
	if int64(len(b)) > limit {
		return b[:limit], true, nil
	}
	return b, false, nil
}

func local(n xml.Name) string { return n.Local }

// workbook reads the sheet names, in order, and where each is stored.
func (p *pkg) workbook() error {
	wb, _, err := p.read("xl/workbook.xml", 4<<20)
	if err != nil {
		return err
	}
	rels := map[string]string{}
	if rb, _, err := p.read("xl/_rels/workbook.xml.rels", 4<<20); err == nil {
		d := xml.NewDecoder(bytes.NewReader(rb))
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok && local(se.Name) == "Relationship" {
				var id, target string
				for _, a := range se.Attr {
					switch a.Name.Local {
					case "Id":
						id = a.Value
					case "Target":
						target = a.Value
					}
				}
				if prev, dup := rels[id]; dup && prev != target {
					return ambiguous(i18n.T("deux relations « %s » du classeur", "two workbook relationships “%s”"), id)
				}
				rels[id] = target
			}
		}
	}
	d := xml.NewDecoder(bytes.NewReader(wb))
	count := 0
	byPart, byName := map[string]string{}, map[string]string{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return errPackage
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch local(se.Name) {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" && (a.Value == "1" || a.Value == "true") {
					p.date1904 = true
				}
			}
		case "sheet":
			var name, rid string
			hidden := false
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					rid = a.Value
				case a.Name.Local == "state":
					hidden = strings.EqualFold(strings.TrimSpace(a.Value), "hidden") || strings.EqualFold(strings.TrimSpace(a.Value), "veryHidden")
				}
			}
			if count++; count > MaxSheets {
				continue // counted, to be named in the refusal
			}
			folded := strings.ToLower(strings.TrimSpace(name))
			if _, dup := byName[folded]; dup {
				return ambiguous(i18n.T("deux feuilles s'appellent « %s »", "two sheets are named “%s”"), name)
			}
			byName[folded] = name
			target, ok := rels[rid]
			if !ok {
				continue // a chart sheet or a broken entry: no cells to read
			}
			part := target
			if strings.HasPrefix(part, "/") {
				part = strings.TrimPrefix(part, "/")
			} else {
				part = path.Join("xl", part)
			}
			n, _ := normPart(part)
			if other, dup := byPart[n]; dup {
				// read once, a part would still be scanned once per entry: thousands of
				// entries for one large part take minutes
				return ambiguous(i18n.T("les feuilles « %s » et « %s » désignent la même partie, %s",
					"the sheets “%s” and “%s” point at the same part, %s"), other, name, part)
			}
			byPart[n] = name
			p.sheets = append(p.sheets, pkgSheet{name: name, part: part, hidden: hidden})
		}
	}
	if count > MaxSheets {
		return &Refusal{Kind: TooManySheets, Part: strconv.Itoa(count)}
	}
	return nil
}

// sharedStrings reads the shared string table: each entry is the text of its t elements,
// phonetic runs (rPh) excluded.
func (p *pkg) sharedStrings() error {
	name := "xl/sharedStrings.xml"
	if _, ok := p.parts["xl/sharedstrings.xml"]; !ok {
		return nil
	}
	b, cut, err := p.read(name, 32<<20)
	if err != nil || cut {
		return errPackage
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var cur strings.Builder
	inT, inPh, inSI := false, 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return errPackage
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch local(t.Name) {
			case "si":
				inSI = true
				cur.Reset()
			case "rPh":
				inPh++
			case "t":
				inT = true
			}
		case xml.EndElement:
			switch local(t.Name) {
			case "si":
				if inSI {
					p.shared = append(p.shared, unescapeOOXML(cur.String()))
				}
				inSI = false
			case "rPh":
				inPh--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inSI && inT && inPh == 0 && cur.Len() < 1<<20 {
				cur.Write(t)
			}
		}
		if len(p.shared) > 1<<20 {
			return errPackage
		}
	}
	return nil
}

// maxCols is how many columns are read: A to D on item sheets, A to L on the devices sheet.
const maxCols = 12

// sheetRow is one row: its number and columns A to L.
type sheetRow struct {
	n     int
	cells [maxCols]string
	// noValue holds the formula of cells whose formula has no cached value
	noValue [maxCols]string
}

// scanRows scans a worksheet and calls fn for each row that has something in columns A-L,
// in order, until fn returns false. It reports whether the part was cut at maxSheetBytes.
func (p *pkg) scanRows(part string, fn func(sheetRow) bool) (cut bool, err error) {
	b, cut, err := p.read(part, maxSheetBytes)
	if err != nil {
		return false, err
	}
	p.scanBytes(b, fn)
	return cut, nil
}

// scanBytes scans worksheet XML; see scanRows.
func (p *pkg) scanBytes(b []byte, fn func(sheetRow) bool) {
	i := bytes.Index(b, []byte("sheetData"))
	if i < 0 {
		return
	}
	s := scanner{b: b, i: i}
	rowNum := 0
	var cur sheetRow
	have := false
	flush := func() bool {
		if have {
			have = false
			return fn(cur)
		}
		return true
	}
	col := 0
	for {
		name, attrs, closing, selfClose, ok := s.nextTagBytes()
		if !ok {
			break
		}
		switch name {
		case "row":
			if closing {
				if !flush() {
					return
				}
				continue
			}
			if !flush() {
				return
			}
			n := rowNum + 1
			if r, ok := attrBytes(attrs, "r"); ok {
				if v, err := strconv.Atoi(r); err == nil && v > 0 {
					n = v
				}
			}
			rowNum, col = n, 0
			cur = sheetRow{n: n}
			if selfClose {
				continue
			}
		case "c":
			if closing {
				continue
			}
			col++
			if r, ok := attrBytes(attrs, "r"); ok {
				if c := refColumn(r); c > 0 {
					col = c
				}
			}
			typ, _ := attrBytes(attrs, "t")
			if selfClose {
				continue
			}
			val, hasV, formula, hasF, text := s.cellBody()
			if col < 1 || col > maxCols || cur.n == 0 {
				continue // outside the grid's columns, or (malformed) outside any row
			}
			v := ""
			switch typ {
			case "s":
				if idx, err := strconv.Atoi(strings.TrimSpace(val)); err == nil && idx >= 0 && idx < len(p.shared) {
					v = p.shared[idx]
				}
			case "inlineStr":
				v = unescapeOOXML(text)
			case "b":
				v = map[string]string{"1": "TRUE", "0": "FALSE"}[strings.TrimSpace(val)]
			default:
				v = unescapeOOXML(val)
			}
			cur.cells[col-1] = v
			// openpyxl writes an empty <v/> for a formula it did not compute
			if hasF && (!hasV || (strings.TrimSpace(val) == "" && typ != "str")) {
				cur.noValue[col-1] = "=" + formula
				if formula == "" {
					cur.noValue[col-1] = "="
				}
			}
			if strings.TrimSpace(v) != "" || hasF {
				have = true
			}
		case "sheetData":
			if closing {
				flush()
				return
			}
		}
	}
	flush()
	return
}

// refColumn returns the column number of a reference such as "C12".
func refColumn(ref string) int {
	n := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		default:
			return n
		}
		if n > 16384 {
			return 0
		}
	}
	return n
}

type scanner struct {
	b []byte
	i int
}

// nextTag moves past the next tag and returns its local name and raw attributes. Comments,
// processing instructions and declarations are skipped.
func (s *scanner) nextTag() (name, attrs string, closing, selfClose, ok bool) {
	name, a, closing, selfClose, ok := s.nextTagBytes()
	return name, string(a), closing, selfClose, ok
}

// nextTagBytes is nextTag with the attributes left in the part's bytes: the worksheet
// scanner reads two of them per cell, and copying every tag's would be most of its work.
func (s *scanner) nextTagBytes() (name string, attrs []byte, closing, selfClose, ok bool) {
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			return "", nil, false, false, false
		}
		s.i += j + 1
		if s.i >= len(s.b) {
			return "", nil, false, false, false
		}
		switch s.b[s.i] {
		case '!', '?':
			end := []byte(">")
			if bytes.HasPrefix(s.b[s.i:], []byte("!--")) {
				end = []byte("-->")
			} else if bytes.HasPrefix(s.b[s.i:], []byte("![CDATA[")) {
				end = []byte("]]>")
			}
			k := bytes.Index(s.b[s.i:], end)
			if k < 0 {
				return "", nil, false, false, false
			}
			s.i += k + len(end)
			continue
		}
		k := bytes.IndexByte(s.b[s.i:], '>')
		if k < 0 {
			return "", nil, false, false, false
		}
		tag := s.b[s.i : s.i+k]
		s.i += k + 1
		if len(tag) > 0 && tag[0] == '/' {
			closing = true
			tag = tag[1:]
		}
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			selfClose = true
			tag = tag[:len(tag)-1]
		}
		n := tag
		if sp := bytes.IndexAny(tag, " \t\r\n"); sp >= 0 {
			n, attrs = tag[:sp], tag[sp:]
		}
		if c := bytes.IndexByte(n, ':'); c >= 0 {
			n = n[c+1:]
		}
		return tagName(n), attrs, closing, selfClose, true
	}
}

// tagName returns the name of a tag, without allocating for the names a worksheet is made of.
func tagName(n []byte) string {
	switch string(n) { // compiled without a conversion
	case "c":
		return "c"
	case "v":
		return "v"
	case "t":
		return "t"
	case "f":
		return "f"
	case "is":
		return "is"
	case "r":
		return "r"
	case "rPr":
		return "rPr"
	case "rPh":
		return "rPh"
	case "row":
		return "row"
	case "sheetData":
		return "sheetData"
	}
	return string(n)
}

// cellBody reads a cell's children up to </c>: the v text, whether v and f are present, and
// the text of an inline string (its t elements, phonetic runs excluded).
func (s *scanner) cellBody() (v string, hasV bool, formula string, hasF bool, inline string) {
	var ib strings.Builder
	ph, texts := 0, 0
	for {
		name, _, closing, selfClose, ok := s.nextTagBytes()
		if !ok {
			return
		}
		switch name {
		case "c":
			// the end of this cell, or (malformed) the start of another: stop here
			if texts > 1 {
				inline = ib.String()
			}
			return
		case "f":
			hasF = true
			if !closing && !selfClose {
				formula = s.textUntil("f")
			}
		case "v":
			if !closing && !selfClose {
				hasV = true
				v = s.textUntil("v")
			}
		case "rPh":
			if selfClose {
				continue
			}
			if closing {
				ph--
			} else {
				ph++
			}
		case "t":
			if !closing && !selfClose {
				t := s.textUntil("t")
				if ph == 0 && ib.Len() < 1<<20 {
					// one text, as most cells have: no copy; rich text: its runs joined
					switch texts++; texts {
					case 1:
						inline = t
					case 2:
						ib.WriteString(inline)
						fallthrough
					default:
						ib.WriteString(t)
					}
				}
			}
		case "row", "sheetData":
			if texts > 1 {
				inline = ib.String()
			}
			return
		}
	}
}

// textUntil returns the unescaped text up to the closing tag of name.
func (s *scanner) textUntil(name string) string {
	start := s.i
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			s.i = len(s.b)
			return ""
		}
		end := s.i + j
		s.i = end
		n, _, closing, _, ok := s.nextTagBytes()
		if !ok {
			return ""
		}
		if closing && n == name {
			return xmlUnescape(s.b[start:end])
		}
	}
}

func attr(attrs, name string) (string, bool) { return attrBytes([]byte(attrs), name) }

// attrBytes is attr on the bytes of a tag.
func attrBytes(attrs []byte, name string) (string, bool) {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return "", false
		}
		key := bytes.TrimSpace(attrs[:eq])
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return "", false
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return "", false
		}
		val := rest[1 : 1+end]
		if c := bytes.IndexByte(key, ':'); c >= 0 && string(key[:c]) != "xmlns" {
			key = key[c+1:]
		}
		if string(key) == name {
			return xmlUnescape(val), true
		}
		attrs = rest[end+2:]
	}
	return "", false
}

// xmlUnescape decodes the five named entities and numeric character references.
func xmlUnescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b)) // text never grows when unescaped: one allocation, whatever its entities
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:i])
		r, n := reference(b[i:])
		switch {
		case r == notReference:
			out.WriteByte('&')
		case r == unknownEntity:
			out.Write(b[i : i+n])
		case r >= 0:
			out.WriteRune(r)
		}
		b = b[i+n:]
	}
	return out.String()
}

// xmlUnescapeBytes is xmlUnescape for a caller that reads bytes: a whole part is decoded
// without a second copy; b itself when it has nothing to decode.
func xmlUnescapeBytes(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		r, n := reference(b[i:])
		switch {
		case r == notReference:
			out = append(out, '&')
		case r == unknownEntity:
			out = append(out, b[i:i+n]...)
		case r >= 0:
			out = utf8.AppendRune(out, r)
		}
		b = b[i+n:]
	}
	return out
}

// What reference returns instead of a character.
const (
	notReference  = -1 // a lone '&': kept
	unknownEntity = -2 // an entity XML does not define: kept as written
	invalidChar   = -3 // a numeric reference to no character: dropped
)

// reference decodes the reference at the start of b, which starts with '&': the character
// it stands for and its length.
func reference(b []byte) (rune, int) {
	semi := bytes.IndexByte(b, ';')
	if semi < 0 || semi > 12 {
		return notReference, 1
	}
	ent := string(b[1:semi])
	switch {
	case ent == "lt":
		return '<', semi + 1
	case ent == "gt":
		return '>', semi + 1
	case ent == "amp":
		return '&', semi + 1
	case ent == "quot":
		return '"', semi + 1
	case ent == "apos":
		return '\'', semi + 1
	case strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X"):
		if n, err := strconv.ParseUint(ent[2:], 16, 32); err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), semi + 1
		}
		return invalidChar, semi + 1
	case strings.HasPrefix(ent, "#"):
		if n, err := strconv.ParseUint(ent[1:], 10, 32); err == nil && utf8.ValidRune(rune(n)) {
			return rune(n), semi + 1
		}
		return invalidChar, semi + 1
	}
	return unknownEntity, semi + 1
}

// unescapeOOXML decodes the _xHHHH_ escapes that spreadsheets use for characters XML cannot
// hold (a line break is written _x000D_).
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) || s[i+6] != '_' {
			if i < 0 {
				out.WriteString(s)
				return out.String()
			}
			out.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			out.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		out.WriteString(s[:i])
		out.WriteRune(rune(n))
		s = s[i+7:]
	}
}
