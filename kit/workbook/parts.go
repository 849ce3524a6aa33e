package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"sexto/kit/i18n"
)

// This file decides, part by part, whether a package is a workbook and nothing else. Each part
// must be of a kind a spreadsheet needs (an allow-list by normalised name), declare a content
// type of that kind, and hold bytes of that kind: XML text with no picture in it or linked
// from it, or, for printer settings, a Windows DEVMODE. Whatever the name says, bytes that
// begin like a picture, a video, an archive, an OLE container or a PDF are refused. Each part
// is decompressed once, and the reader works on those bytes only.

// partKind is what a part may hold.
type partKind int

const (
	partUnknown partKind = iota
	partTypes            // [Content_Types].xml
	partRels             // relationships
	partXML              // workbook, sheets, strings, styles, theme, comments, drawings, charts…
	partVML              // the legacy drawing of cell comments
	partPrinter          // printer settings (a DEVMODE)
	partDir              // an empty folder entry
)

// Parts of a workbook, by exact (normalised) name.
var namedParts = map[string]bool{
	"docprops/core.xml": true, "docprops/app.xml": true, "docprops/custom.xml": true,
	"docmetadata/labelinfo.xml": true, // Microsoft 365 sensitivity labels
	"xl/workbook.xml":           true, "xl/styles.xml": true, "xl/sharedstrings.xml": true, "xl/calcchain.xml": true,
	"xl/metadata.xml": true, "xl/volatiledependencies.xml": true, "xl/connections.xml": true,
}

// Folders whose .xml parts a workbook may hold.
var xmlFolders = map[string]bool{
	"xl/worksheets/": true, "xl/chartsheets/": true, "xl/theme/": true,
	"xl/comments/": true, "xl/threadedcomments/": true, "xl/persons/": true,
	"xl/drawings/": true, "xl/charts/": true, "xl/tables/": true, "xl/querytables/": true,
	"xl/pivotcache/": true, "xl/pivottables/": true, "xl/externallinks/": true,
	"xl/slicers/": true, "xl/slicercaches/": true, "xl/timelines/": true, "xl/timelinecaches/": true,
	"xl/richdata/": true, "xl/ctrlprops/": true, "xl/featurepropertybag/": true, "xl/namedsheetviews/": true,
	"customxml/": true,
}

var (
	topComments = regexp.MustCompile(`^xl/comments\d*\.xml$`)
	printerPart = regexp.MustCompile(`^xl/printersettings/printersettings\d*\.bin$`)
)

// Names that are never a workbook's, whatever they hold.
var imageExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".jpe": true, ".gif": true, ".bmp": true, ".dib": true,
	".tif": true, ".tiff": true, ".emf": true, ".wmf": true, ".emz": true, ".wmz": true, ".svg": true, ".svgz": true, ".webp": true,
	".heic": true, ".heif": true, ".ico": true, ".jfif": true, ".avif": true, ".pict": true, ".pct": true, ".jp2": true, ".j2k": true,
	".jxr": true, ".wdp": true, ".hdp": true, ".psd": true, ".raw": true, ".dng": true,
	".mp4": true, ".mov": true, ".avi": true, ".m4v": true, ".3gp": true, ".webm": true, ".mkv": true, ".wmv": true,
	".mpg": true, ".mpeg": true, ".ogv": true, ".flv": true}

var embeddedExt = map[string]bool{".bin": true, ".ole": true, ".docx": true, ".docm": true, ".doc": true, ".xlsx": true,
	".xlsm": true, ".xls": true, ".pptx": true, ".ppt": true, ".zip": true, ".pdf": true, ".odt": true, ".ods": true,
	".7z": true, ".rar": true, ".gz": true, ".exe": true}

// normPart is the name under which a part is known: percent-decoded, forward slashes, lower
// case (part names compare without case), no leading slash. ok is false for names that
// leave the package or do not come out the same way twice.
func normPart(name string) (string, bool) {
	n := strings.ReplaceAll(name, "\\", "/")
	for i := 0; i < 3 && strings.Contains(n, "%"); i++ {
		d, err := url.PathUnescape(n)
		if err != nil {
			break
		}
		n = d
	}
	n = strings.ToLower(strings.TrimLeft(n, "/"))
	dir := strings.HasSuffix(n, "/")
	c := path.Clean(n)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") || strings.ContainsRune(c, 0) || !utf8.ValidString(c) {
		return c, false
	}
	if dir {
		c += "/"
	}
	return c, c == n
}

// kindOf classifies a part by its normalised name.
func kindOf(n string) partKind {
	if n == "[content_types].xml" {
		return partTypes
	}
	if strings.HasSuffix(n, "/") {
		return partDir
	}
	if namedParts[n] || topComments.MatchString(n) {
		return partXML
	}
	if printerPart.MatchString(n) {
		return partPrinter
	}
	dir, file := path.Split(n)
	if path.Base(dir) == "_rels" && strings.HasSuffix(file, ".rels") {
		return partRels
	}
	switch {
	case dir == "xl/drawings/" && strings.HasSuffix(file, ".vml"):
		return partVML
	case xmlFolders[dir] && strings.HasSuffix(file, ".xml"):
		return partXML
	}
	return partUnknown
}

// forbiddenName refuses a part by its name alone.
func forbiddenName(n string) (RefusalKind, bool) {
	ext := path.Ext(n)
	base := path.Base(n)
	switch {
	case strings.HasPrefix(n, "xl/macrosheets/") || strings.HasPrefix(n, "xl/dialogsheets/") ||
		strings.HasPrefix(base, "vbaproject") || base == "vbadata.xml" || base == "attachedtoolbars.bin":
		return Macro, true
	case strings.HasPrefix(n, "xl/media/") || imageExt[ext] || strings.HasPrefix(base, "thumbnail."):
		return Picture, true
	case strings.HasPrefix(n, "xl/embeddings/") || strings.HasPrefix(n, "xl/activex/") ||
		embeddedExt[ext] && kindOf(n) != partPrinter:
		return Embedded, true
	}
	return 0, false
}

// normType is a content type as compared: no spaces, lower case, no parameters.
func normType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.ToLower(strings.Join(strings.Fields(ct), ""))
}

// forbiddenType refuses a part by its declared content type.
func forbiddenType(ct string) (RefusalKind, bool) {
	switch {
	case strings.HasPrefix(ct, "image/") || strings.HasPrefix(ct, "video/") || strings.HasPrefix(ct, "audio/") ||
		strings.Contains(ct, "hdphoto") || strings.Contains(ct, "jxr"):
		return Picture, true
	case strings.Contains(ct, "macroenabled") || strings.Contains(ct, "vbaproject") || strings.Contains(ct, "macrosheet") ||
		strings.Contains(ct, "dialogsheet") || strings.Contains(ct, "vbadata") || strings.Contains(ct, "addin"):
		return Macro, true
	case strings.Contains(ct, "oleobject") || strings.Contains(ct, "activex") || strings.Contains(ct, "package") &&
		!strings.HasPrefix(ct, "application/vnd.openxmlformats-package."):
		return Embedded, true
	}
	return 0, false
}

// typeFits reports whether a declared content type is one of the part's kind. A part with no
// declared type is judged by its name and bytes alone.
func typeFits(k partKind, ct string) bool {
	xmlType := ct == "" || ct == "application/xml" || ct == "text/xml" || strings.HasSuffix(ct, "+xml")
	switch k {
	case partTypes, partDir:
		return true
	case partRels, partXML:
		return xmlType
	case partVML:
		return xmlType || ct == "application/vnd.openxmlformats-officedocument.vmldrawing"
	case partPrinter:
		return ct == "" || ct == "application/vnd.openxmlformats-officedocument.spreadsheetml.printersettings"
	}
	return false
}

type fileSig struct {
	sig  string
	at   int
	kind RefusalKind
}

// Leading bytes of files that are not a workbook's parts.
var leadingSigs = []fileSig{
	{"\x89PNG", 0, Picture}, {"\xff\xd8\xff", 0, Picture}, {"GIF87a", 0, Picture}, {"GIF89a", 0, Picture},
	{"II*\x00", 0, Picture}, {"MM\x00*", 0, Picture}, {"RIFF", 0, Picture}, {"ftyp", 4, Picture},
	{"II\xbc", 0, Picture}, {"WMPHOTO", 0, Picture}, {"\x1a\x45\xdf\xa3", 0, Picture}, {"\x00\x00\x01\x00", 0, Picture},
	{" EMF", 40, Picture}, {"\xd7\xcd\xc6\x9a", 0, Picture}, {"\x01\x00\x09\x00\x00\x03", 0, Picture}, {"8BPS", 0, Picture},
	{"\x00\x00\x00\x0cjP  ", 0, Picture}, {"\xff\x4f\xff\x51", 0, Picture}, {"<svg", 0, Picture}, {"OggS", 0, Picture},
	{"PK", 0, Embedded}, {"\xd0\xcf\x11\xe0", 0, Embedded}, {"%PDF", 0, Embedded}, {"\x1f\x8b", 0, Embedded},
	{"7z\xbc\xaf", 0, Embedded}, {"Rar!", 0, Embedded}, {"BZh", 0, Embedded}, {"\xfd7zXZ", 0, Embedded},
	{"{\\rtf", 0, Embedded}, {"MZ", 0, Embedded},
}

// leadingKind recognises a file by its first bytes.
func leadingKind(b []byte) (RefusalKind, bool) {
	for _, s := range leadingSigs {
		if len(b) >= s.at+len(s.sig) && string(b[s.at:s.at+len(s.sig)]) == s.sig {
			return s.kind, true
		}
	}
	if len(b) >= 2 && b[0] == 'B' && b[1] == 'M' && len(b) >= 14 && le32(b[6:]) == 0 {
		return Picture, true // BMP: its reserved field is zero
	}
	return 0, false
}

// Signatures that a file keeps wherever it is copied: looked for anywhere in binary bytes.
var innerSigs = []fileSig{
	{"\x89PNG\r\n\x1a\n", 0, Picture}, {"GIF87a", 0, Picture}, {"GIF89a", 0, Picture}, {"WEBPVP8", 0, Picture},
	{"WMPHOTO", 0, Picture}, {"\x1a\x45\xdf\xa3", 0, Picture}, {"II*\x00", 0, Picture}, {"MM\x00*", 0, Picture},
	{"8BPS\x00\x01", 0, Picture}, {"\x00\x00\x00\x0cjP  ", 0, Picture}, {"JFIF\x00", 0, Picture}, {"Exif\x00\x00", 0, Picture},
	{"PK\x03\x04", 0, Embedded}, {"PK\x05\x06", 0, Embedded}, {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, Embedded},
	{"%PDF-", 0, Embedded}, {"7z\xbc\xaf\x27\x1c", 0, Embedded}, {"Rar!\x1a\x07", 0, Embedded},
}

// hiddenFile finds a file of another kind in binary bytes: at their start, or inside.
func hiddenFile(b []byte) (RefusalKind, bool) {
	if k, ok := leadingKind(b); ok && len(b) >= 8 {
		return k, true
	}
	return innerFile(b)
}

// strongLeading recognises a file by a signature of four bytes or more at its start: what a
// run of base64 text that happens to be something else has no real chance to begin with
// (a password hash is 88 characters of base64).
func strongLeading(b []byte) (RefusalKind, bool) {
	for _, s := range leadingSigs {
		if len(s.sig) >= 4 && s.sig != "RIFF" && len(b) >= s.at+len(s.sig) && string(b[s.at:s.at+len(s.sig)]) == s.sig {
			return s.kind, true
		}
	}
	if len(b) >= 12 && string(b[:4]) == "RIFF" && (string(b[8:12]) == "WEBP" || string(b[8:12]) == "AVI ") {
		return Picture, true
	}
	return innerFile(b)
}

// innerFile finds the signature of a file anywhere in b.
func innerFile(b []byte) (RefusalKind, bool) {
	for _, s := range innerSigs {
		if bytes.Contains(b, []byte(s.sig)) {
			return s.kind, true
		}
	}
	// JPEG: start of image, then a marker segment
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("\xff\xd8\xff"))
		if j < 0 || i+j+3 >= len(b) {
			break
		}
		if m := b[i+j+3]; m >= 0xe0 && m <= 0xef || m == 0xdb || m == 0xfe || m == 0xc0 || m == 0xc4 {
			return Picture, true
		}
		i += j + 1
	}
	// ISO media (HEIC, AVIF, MP4, MOV): a box size, then "ftyp" and a brand
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("ftyp"))
		if j < 0 {
			break
		}
		at := i + j
		if at >= 4 && b[at-4] == 0 && at+8 <= len(b) && isBrand(b[at+4:at+8]) {
			return Picture, true
		}
		i = at + 1
	}
	return 0, false
}

func isBrand(b []byte) bool {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

// b64 marks the characters of base64 text (both alphabets).
var b64 = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_") {
		t[c] = true
	}
	return
}()

// minB64Run is the shortest run of base64 text decoded to look for a file: a one-pixel PNG
// takes 92 characters.
const minB64Run = 64

// checkText checks an XML part's bytes: UTF-8 text that XML allows (no control character
// but tab and line breaks, so no raw binary), with no file written in base64 and no data:
// URI of a picture, a video or a file.
func checkText(b []byte) (RefusalKind, bool, bool) {
	if !utf8.Valid(b) {
		return 0, false, false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return 0, false, false
		}
	}
	if k, bad := base64Files(b); bad {
		return k, true, true
	}
	if dataURI(b) {
		return Picture, true, true
	}
	if refersToText(b) {
		// characters written as references: look again at the text they make
		if k, bad, _ := checkDecoded(xmlUnescapeBytes(b)); bad {
			return k, true, true
		}
	}
	return 0, false, true
}

// refersToText reports whether b has a character reference to a character of base64 text or
// of a data: URI; other references (an apostrophe, a line break) break a run of base64 text
// as their '&' does, and need not be decoded.
func refersToText(b []byte) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("&#"))
		if j < 0 {
			return false
		}
		i += j + 2
		semi := bytes.IndexByte(b[i:min(len(b), i+10)], ';')
		if semi < 0 {
			continue
		}
		d := xmlUnescape(b[i-2 : i+semi+1])
		if r, _ := utf8.DecodeRuneInString(d); r < 0x80 && (b64[r] || r == ':' || r == ',' || r == ';' || r == '=') || r >= 0x80 {
			return true
		}
	}
}

// Folders of the parts that a spreadsheet draws pictures from: sheets, drawings, charts and
// themes (a fill can be a picture). Whatever the part, a picture comes through a
// relationship, and relationships are checked in every folder.
var drawnFolders = []string{"xl/worksheets/", "xl/chartsheets/", "xl/drawings/", "xl/charts/", "xl/theme/"}

// outsideCells returns what of a part may hold picture markup: nothing for parts that are
// not drawn, all of other parts but for a worksheet's cells (its pictures, objects and
// drawings are referenced after them).
func outsideCells(n string, b []byte) [][]byte {
	drawn := false
	for _, f := range drawnFolders {
		drawn = drawn || strings.HasPrefix(n, f)
	}
	if !drawn {
		return nil
	}
	if !strings.HasPrefix(n, "xl/worksheets/") {
		return [][]byte{b}
	}
	i := bytes.Index(b, []byte("sheetData"))
	if i < 0 {
		return [][]byte{b}
	}
	j := bytes.Index(b[i+9:], []byte("sheetData>"))
	if j < 0 {
		return [][]byte{b}
	}
	return [][]byte{b[:i], b[i+9+j:]}
}

func checkDecoded(b []byte) (RefusalKind, bool, bool) {
	if k, bad := base64Files(b); bad {
		return k, true, true
	}
	return Picture, dataURI(b), true
}

// base64Files looks at every run of base64 text long enough to hold a file, and says which
// kind of refused file one of them decodes to.
func base64Files(b []byte) (RefusalKind, bool) {
	run := 0
	for i, c := range b {
		if b64[c] {
			run++
			continue
		}
		if run >= minB64Run {
			if k, bad := b64File(b[i-run : i]); bad {
				return k, true
			}
		}
		run = 0
	}
	if run >= minB64Run {
		return b64File(b[len(b)-run:])
	}
	return 0, false
}

// b64File decodes the start of a run of base64 text and recognises a file there.
func b64File(run []byte) (RefusalKind, bool) {
	head := []byte(strings.NewReplacer("-", "+", "_", "/").Replace(string(run[:minB64Run])))
	out := make([]byte, base64.StdEncoding.DecodedLen(len(head)))
	n, err := base64.StdEncoding.Decode(out, head)
	if err != nil {
		return 0, false
	}
	return strongLeading(out[:n])
}

// dataURI finds a data: URI of a picture, a video, a sound or a file, or one in base64.
func dataURI(b []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], ':')
		if j < 0 {
			return false
		}
		at := i + j
		i = at + 1
		if at < 4 || !strings.EqualFold(string(b[at-4:at]), "data") {
			continue
		}
		rest := b[at+1:]
		if len(rest) > 200 {
			rest = rest[:200]
		}
		comma := bytes.IndexByte(rest, ',')
		if comma < 0 || bytes.ContainsAny(rest[:comma], " \t\r\n<>\"'") {
			continue
		}
		params := strings.Split(strings.ToLower(string(rest[:comma])), ";")
		mime := params[0]
		for _, p := range params[1:] {
			if p == "base64" {
				return true
			}
		}
		for _, family := range []string{"image/", "video/", "audio/", "application/"} {
			if strings.HasPrefix(mime, family) {
				return true
			}
		}
	}
}

// markupHints are the strings without which a part holds no picture markup: the prefilter
// that spares worksheets the tag scan.
var markupHints = func() (out [][]byte) {
	for _, h := range []string{"blip", "imagedata", "relid=", "embed=", "link=", "legacyDrawingHF", "oleObj",
		"pic>", "pic ", "pic/", "picture>", "picture ", "picture/", "ClientData", "src="} {
		out = append(out, []byte(h))
	}
	return
}()

// sheetHints are those of the picture markup a worksheet may hold: a background, header and
// footer pictures, OLE objects.
var sheetHints = [][]byte{[]byte("picture"), []byte("legacyDrawingHF"), []byte("oleObj")}

// checkMarkup finds, in XML or VML, what shows a picture or an object: picture elements
// (blip, pic, imagedata, a sheet background, header and footer pictures), links to picture
// data (r:embed, r:link, o:relid), OLE objects, and VML shapes that are not comment notes.
func checkMarkup(b []byte, vml, sheet bool) (RefusalKind, bool) {
	hints := markupHints
	if sheet {
		hints = sheetHints
	}
	hint := false
	for _, h := range hints {
		if bytes.Contains(b, h) {
			hint = true
			break
		}
	}
	if !hint {
		return 0, false
	}
	s := scanner{b: b}
	for {
		name, attrs, closing, _, ok := s.nextTag()
		if !ok {
			return 0, false
		}
		if closing {
			continue
		}
		switch name {
		case "blip", "svgBlip", "pic", "imagedata", "legacyDrawingHF", "picture":
			return Picture, true
		case "oleObject", "oleObj":
			return Embedded, true
		case "ClientData":
			if vml {
				switch t, _ := attr(attrs, "ObjectType"); strings.ToLower(strings.TrimSpace(t)) {
				case "note":
				case "pict", "movie":
					return Picture, true
				default:
					return Embedded, true // a button, a check box, a list: a control
				}
			}
		}
		var found RefusalKind
		bad := false
		eachAttr(attrs, func(key, val string) {
			local := key
			prefixed := false
			if c := strings.IndexByte(key, ':'); c >= 0 {
				local, prefixed = key[c+1:], true
			}
			switch {
			case prefixed && (local == "embed" || local == "link") && strings.TrimSpace(val) != "",
				strings.EqualFold(local, "relid"), vml && strings.EqualFold(local, "src"):
				found, bad = Picture, true
			}
		})
		if bad {
			return found, true
		}
	}
}

// eachAttr calls fn with each attribute of a tag, its key as written (with its prefix).
func eachAttr(attrs string, fn func(key, val string)) {
	for attrs != "" {
		attrs = strings.TrimLeft(attrs, " \t\r\n")
		eq := strings.IndexByte(attrs, '=')
		if eq < 0 {
			return
		}
		key := strings.TrimSpace(attrs[:eq])
		rest := strings.TrimLeft(attrs[eq+1:], " \t\r\n")
		if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
			return
		}
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return
		}
		fn(key, xmlUnescape([]byte(rest[1:1+end])))
		attrs = rest[end+2:]
	}
}

// Relationship types, by their last segment, that bring a picture, an object or macros.
var relKinds = map[string]RefusalKind{
	"image": Picture, "hdphoto": Picture, "video": Picture, "audio": Picture, "media": Picture, "thumbnail": Picture,
	"rdrichvaluewebimage": Picture, "oleobject": Embedded, "package": Embedded, "activexcontrol": Embedded,
	"activexcontrolbinary": Embedded, "vbaproject": Macro, "vbaprojectsignature": Macro, "xlmacrosheet": Macro,
	"xlintlmacrosheet": Macro, "dialogsheet": Macro, "attachedtoolbars": Macro,
}

// checkRels refuses relationships to pictures, objects and macros, even to a part that is
// not there or to an address outside the file.
func checkRels(b []byte) (RefusalKind, bool) {
	s := scanner{b: b}
	for {
		name, attrs, closing, _, ok := s.nextTag()
		if !ok {
			return 0, false
		}
		if closing || name != "Relationship" {
			continue
		}
		t, _ := attr(attrs, "Type")
		t = strings.ToLower(strings.TrimSpace(t))
		if k, bad := relKinds[t[strings.LastIndexByte(t, '/')+1:]]; bad {
			return k, true
		}
	}
}

// isDevmode reports whether b is a Windows DEVMODE structure, the printer settings Excel
// stores: a device name in UTF-16, a known version, and sizes that add up to the part.
func isDevmode(b []byte) bool {
	if len(b) < 76 {
		return false
	}
	spec, size, extra := le16(b[64:]), le16(b[68:]), le16(b[70:])
	if spec < 0x0300 || spec > 0x04ff || size < 72 || size+extra != uint64(len(b)) {
		return false
	}
	for i := 0; i < 64; i += 2 {
		c := le16(b[i:])
		if c == 0 {
			break
		}
		if c < 0x20 || c >= 0xd800 && c <= 0xdfff {
			return false
		}
	}
	return true
}

// contentTypes is [Content_Types].xml: overrides by normalised part name, defaults by
// extension, both normalised.
type contentTypes struct {
	defaults, overrides map[string]string
	macroPart           string // an override that declares macros, part or no part
}

func parseContentTypes(b []byte) (*contentTypes, *Refusal) {
	var types struct {
		Defaults []struct {
			Extension   string `xml:"Extension,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:"PartName,attr"`
			ContentType string `xml:"ContentType,attr"`
		} `xml:"Override"`
	}
	if err := xml.NewDecoder(bytes.NewReader(b)).Decode(&types); err != nil {
		return nil, &Refusal{Kind: Damaged}
	}
	ct := &contentTypes{defaults: map[string]string{}, overrides: map[string]string{}}
	twice := func(what string) *Refusal {
		return ambiguous(i18n.T("deux types de contenu différents pour « %s »", "two different content types for “%s”"), what)
	}
	for _, d := range types.Defaults {
		ext := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d.Extension), "."))
		t := normType(d.ContentType)
		if prev, ok := ct.defaults[ext]; ok && prev != t {
			return nil, twice("." + ext)
		}
		ct.defaults[ext] = t
	}
	for _, o := range types.Overrides {
		n, _ := normPart(strings.TrimSpace(o.PartName))
		t := normType(o.ContentType)
		if prev, ok := ct.overrides[n]; ok && prev != t {
			return nil, twice(o.PartName)
		}
		ct.overrides[n] = t
		if k, bad := forbiddenType(t); bad && k == Macro && ct.macroPart == "" {
			// the workbook's own type says whether it holds macros
			ct.macroPart = strings.TrimPrefix(o.PartName, "/")
		}
	}
	return ct, nil
}

// of returns the content type of a part: its override, else its extension's default.
func (c *contentTypes) of(n string) string {
	if t, ok := c.overrides[n]; ok {
		return t
	}
	return c.defaults[strings.TrimPrefix(path.Ext(n), ".")]
}

// checkParts checks every entry of an archive already known to be laid out plainly and reads
// each once. It returns the parts' bytes by normalised name.
func checkParts(data []byte, zr *zip.Reader, entries []zipEntry) (map[string][]byte, *Refusal) {
	norms := make([]string, len(entries))
	seen := map[string]string{}
	var typesAt = -1
	hasWorkbook, xlsb := false, false
	for i, e := range entries {
		n, ok := normPart(e.name)
		if !ok {
			return nil, ambiguous(i18n.T("nom d'entrée « %s » qui ne désigne pas une seule partie", "an entry name, “%s”, that does not name one part"), e.name)
		}
		if prev, dup := seen[n]; dup {
			return nil, ambiguous(i18n.T("deux entrées pour une même partie : « %s » et « %s »", "two entries for one part: “%s” and “%s”"), prev, e.name)
		}
		seen[n] = e.name
		norms[i] = n
		switch n {
		case "xl/workbook.xml":
			hasWorkbook = true
		case "xl/workbook.bin":
			xlsb = true
		case "[content_types].xml":
			typesAt = i
		case "mimetype", "content.xml":
			if isODS(zr.File[i]) {
				return nil, &Refusal{Kind: ODS}
			}
		}
	}
	// by name, before anything is decompressed (a document of another kind with a picture
	// is refused for its picture)
	for i, n := range norms {
		k, bad := forbiddenName(n)
		if bad && xlsb && !hasWorkbook && k == Embedded && path.Ext(n) == ".bin" &&
			!strings.HasPrefix(n, "xl/embeddings/") && !strings.HasPrefix(n, "xl/activex/") {
			continue // the parts of an .xlsb
		}
		if bad {
			return nil, &Refusal{Kind: k, Part: entries[i].name}
		}
	}
	if xlsb && !hasWorkbook {
		return nil, &Refusal{Kind: XLSB}
	}
	if !hasWorkbook || typesAt < 0 {
		return nil, &Refusal{Kind: OtherZip}
	}
	for i, n := range norms {
		if kindOf(n) == partDir && entries[i].usize != 0 {
			return nil, &Refusal{Kind: UnknownPart, Part: entries[i].name}
		}
	}
	// by declared content type
	if entries[typesAt].usize > maxContentTypes {
		return nil, &Refusal{Kind: Bomb, Part: entries[typesAt].name}
	}
	inf := &inflater{data: data}
	tb, r := inf.inflate(&entries[typesAt])
	if r != nil {
		return nil, r
	}
	types, r := parseContentTypes(tb)
	if r != nil {
		return nil, r
	}
	if types.macroPart != "" {
		return nil, &Refusal{Kind: Macro, Part: types.macroPart}
	}
	for i, n := range norms {
		if k, bad := forbiddenType(types.of(n)); bad {
			return nil, &Refusal{Kind: k, Part: entries[i].name}
		}
	}
	// by content: each part decompressed once, within the budget
	parts := make(map[string][]byte, len(entries))
	var total uint64
	for i, n := range norms {
		e := &entries[i]
		refuse := func(k RefusalKind) (map[string][]byte, *Refusal) { return nil, &Refusal{Kind: k, Part: e.name} }
		b := tb
		if i != typesAt {
			if total += e.usize; total > MaxTotalBytes {
				return refuse(Bomb)
			}
			if b, r = inf.inflate(e); r != nil {
				return nil, r
			}
		}
		kind := kindOf(n)
		if k, bad := leadingKind(bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")); bad {
			return refuse(k)
		}
		if kind != partXML && kind != partVML && kind != partRels && kind != partTypes {
			if k, bad := hiddenFile(b); bad {
				return refuse(k)
			}
		}
		if kind == partUnknown || !typeFits(kind, types.of(n)) {
			return refuse(UnknownPart)
		}
		switch kind {
		case partPrinter:
			if !isDevmode(b) {
				return refuse(UnknownPart)
			}
		case partTypes, partRels, partXML, partVML:
			x := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
			if len(x) == 0 && kind == partVML || len(x) > 0 && x[0] != '<' {
				return refuse(UnknownPart)
			}
			k, bad, text := checkText(b)
			switch {
			case !text:
				if k, bad := hiddenFile(b); bad {
					return refuse(k)
				}
				return refuse(UnknownPart)
			case bad:
				return refuse(k)
			}
			if kind == partRels {
				k, bad = checkRels(b)
			} else {
				for _, seg := range outsideCells(n, b) {
					if k, bad = checkMarkup(seg, kind == partVML, strings.HasPrefix(n, "xl/worksheets/")); bad {
						break
					}
				}
			}
			if bad {
				return refuse(k)
			}
		}
		parts[n] = b
	}
	return parts, nil
}
