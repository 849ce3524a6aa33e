package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"

	"sexto/kit/i18n"
)

// Limits on what is read. A filled incident workbook is a few dozen kilobytes; anything far
// larger is not one, and may be built to exhaust the machine.
const (
	MaxFileBytes     = 20 << 20  // the file itself
	MaxEntryBytes    = 50 << 20  // one part, uncompressed, as declared
	MaxTotalBytes    = 100 << 20 // all parts, uncompressed, as declared
	MaxEntries       = 2000      // parts in the archive
	MaxRatio         = 200       // declared uncompressed size over compressed size, per part
	maxContentTypes  = 1 << 20
	MaxTextRunes     = 4000 // one answer
	MaxRowsPerSheet  = 2000 // rows scanned on one sheet
	MaxStudentSheets = 200
)

// RefusalKind says why a file was refused before any cell was read.
type RefusalKind int

// The refusals.
const (
	NotFound RefusalKind = iota
	TooLarge
	Empty
	LegacyXLS
	Encrypted
	ODS
	CSV
	PDF
	OtherZip
	NotSpreadsheet
	Damaged
	Picture
	Embedded
	Macro
	Bomb
)

// Refusal is a file refused before parsing; it names the format and the way out.
type Refusal struct {
	Kind RefusalKind
	File string
	Part string // the offending part, for pictures, objects, macros and bombs
}

func (r *Refusal) Error() string { return r.Localize(i18n.FR) }

var saveAs = i18n.T("Ouvrez-le dans Excel ou LibreOffice et choisissez « Enregistrer sous… », type « Classeur Excel (.xlsx) ».",
	"Open it in Excel or LibreOffice and choose “Save as…”, type “Excel Workbook (.xlsx)”.")

var neverView = i18n.T("N'ouvrez pas ce fichier pour regarder ce qu'il contient et ne le transférez pas ; avisez la direction, la police dira quoi en faire. Saisissez les grilles dans un classeur vierge (« sexto template ») et n'y joignez jamais d'image.",
	"Do not open this file to look at what it holds and do not forward it; tell the principal, the police will say what to do with it. Type the grids into a blank workbook (“sexto template”) and never attach an image to it.")

// Localize renders the refusal with its remedy.
func (r *Refusal) Localize(l i18n.Lang) string {
	msg := map[RefusalKind]i18n.Text{
		NotFound:       i18n.T("%s : fichier introuvable", "%s: file not found"),
		TooLarge:       i18n.T("%s : fichier trop gros pour un classeur d'incident (plus de 20 Mo)", "%s: file too large for an incident workbook (over 20 MB)"),
		Empty:          i18n.T("%s : fichier vide", "%s: empty file"),
		LegacyXLS:      i18n.T("%s : ancien format Excel 97-2003 (.xls), non accepté", "%s: old Excel 97-2003 format (.xls), not accepted"),
		Encrypted:      i18n.T("%s : classeur protégé par un mot de passe ; sexto ne peut pas le lire", "%s: password-protected workbook; sexto cannot read it"),
		ODS:            i18n.T("%s : feuille de calcul OpenDocument (.ods), non acceptée", "%s: OpenDocument spreadsheet (.ods), not accepted"),
		CSV:            i18n.T("%s : fichier texte (CSV), non accepté : il a perdu les feuilles et les clés du classeur", "%s: text file (CSV), not accepted: it has lost the workbook's sheets and keys"),
		PDF:            i18n.T("%s : document PDF, pas un classeur", "%s: PDF document, not a workbook"),
		OtherZip:       i18n.T("%s : archive ZIP ou document Office qui n'est pas un classeur Excel", "%s: ZIP archive or Office document that is not an Excel workbook"),
		NotSpreadsheet: i18n.T("%s : ce n'est pas un classeur Excel (.xlsx)", "%s: not an Excel workbook (.xlsx)"),
		Damaged:        i18n.T("%s : classeur endommagé ou incomplet (copie interrompue ?)", "%s: damaged or incomplete workbook (interrupted copy?)"),
		Picture:        i18n.T("%s : le classeur contient une image (%s) ; il est refusé sans être lu", "%s: the workbook contains a picture (%s); it is refused without being read"),
		Embedded:       i18n.T("%s : le classeur contient un objet incorporé (%s) ; il est refusé sans être lu", "%s: the workbook contains an embedded object (%s); it is refused without being read"),
		Macro:          i18n.T("%s : le classeur contient des macros (%s) ; il est refusé sans être lu", "%s: the workbook contains macros (%s); it is refused without being read"),
		Bomb:           i18n.T("%s : le classeur déclare des tailles démesurées (%s) ; il est refusé sans être lu", "%s: the workbook declares outsized contents (%s); it is refused without being read"),
	}[r.Kind]
	s := (&i18n.Error{Msg: msg, Args: []any{r.File, r.Part}}).Localize(l)
	if r.Part == "" {
		s = (&i18n.Error{Msg: msg, Args: []any{r.File}}).Localize(l)
	}
	return s
}

// HintIn gives the way out.
func (r *Refusal) HintIn(l i18n.Lang) string {
	switch r.Kind {
	case LegacyXLS, ODS, CSV:
		return saveAs.In(l)
	case Encrypted:
		return i18n.T("Ouvrez-le avec son mot de passe, retirez la protection (Fichier › Informations › Protéger le classeur), enregistrez, puis réessayez.",
			"Open it with its password, remove the protection (File › Info › Protect Workbook), save, then try again.").In(l)
	case PDF, OtherZip, NotSpreadsheet, Empty:
		return i18n.T("Donnez le classeur .xlsx créé par « sexto template » et rempli.", "Give the .xlsx workbook made by “sexto template” and filled in.").In(l)
	case Damaged:
		return i18n.T("Copiez de nouveau le fichier depuis son original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx.",
			"Copy the file again from its original, or open it in Excel or LibreOffice and save it as .xlsx.").In(l)
	case Picture, Embedded, Macro:
		return neverView.In(l)
	}
	return ""
}

var imageExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".bmp": true, ".tif": true,
	".tiff": true, ".emf": true, ".wmf": true, ".svg": true, ".webp": true, ".heic": true, ".heif": true, ".ico": true,
	".jfif": true, ".avif": true, ".pict": true, ".mp4": true, ".mov": true, ".avi": true, ".m4v": true, ".3gp": true}

// Sniff checks data before any cell is read: the format, then, for a zip, its directory
// (sizes, pictures, embedded objects, macros) and its declared content types. It returns the
// opened archive for the reader.
func Sniff(name string, data []byte) (*zip.Reader, error) {
	refuse := func(k RefusalKind, part string) error { return &Refusal{Kind: k, File: name, Part: part} }
	if len(data) == 0 {
		return nil, refuse(Empty, "")
	}
	if len(data) > MaxFileBytes {
		return nil, refuse(TooLarge, "")
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		// An OLE compound file: an .xls, or an .xlsx encrypted with a password (its package
		// is stored as an "EncryptedPackage" stream).
		if bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, refuse(Encrypted, "")
		}
		return nil, refuse(LegacyXLS, "")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return nil, refuse(PDF, "")
	case bytes.HasPrefix(data, []byte("PK")):
	default:
		if looksLikeText(data) {
			return nil, refuse(CSV, "")
		}
		return nil, refuse(NotSpreadsheet, "")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refuse(Damaged, "")
	}
	if len(zr.File) > MaxEntries {
		return nil, refuse(Bomb, "parts")
	}
	var total uint64
	hasWorkbook, hasTypes := false, false
	var typesFile *zip.File
	for _, f := range zr.File {
		n := f.Name
		lower := strings.ToLower(n)
		total += f.UncompressedSize64
		switch {
		case f.UncompressedSize64 > MaxEntryBytes || total > MaxTotalBytes:
			return nil, refuse(Bomb, n)
		case f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > MaxRatio && f.UncompressedSize64 > 1<<20:
			return nil, refuse(Bomb, n)
		case strings.HasPrefix(lower, "xl/media/") || imageExt[path.Ext(lower)]:
			return nil, refuse(Picture, n)
		case strings.HasPrefix(lower, "xl/embeddings/") || strings.HasPrefix(lower, "xl/activex/") ||
			strings.HasSuffix(lower, ".bin") && !strings.HasSuffix(lower, "vbaproject.bin") && !strings.HasPrefix(lower, "xl/printersettings/"):
			return nil, refuse(Embedded, n)
		case strings.HasSuffix(lower, "vbaproject.bin") || strings.HasSuffix(lower, "vbadata.xml"):
			return nil, refuse(Macro, n)
		case lower == "xl/workbook.xml" || lower == "xl/workbook.bin":
			hasWorkbook = true
		case lower == "[content_types].xml":
			hasTypes, typesFile = true, f
		case lower == "mimetype" || lower == "content.xml":
			if isODS(f) {
				return nil, refuse(ODS, "")
			}
		}
	}
	if !hasWorkbook || !hasTypes {
		return nil, refuse(OtherZip, "")
	}
	parts := make([]string, 0, len(zr.File))
	for _, f := range zr.File {
		parts = append(parts, f.Name)
	}
	if k, part, err := checkContentTypes(typesFile, parts); err != nil {
		return nil, refuse(Damaged, "")
	} else if part != "" {
		return nil, refuse(k, part)
	}
	return zr, nil
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range []byte(s) {
		b = append(b, c, 0)
	}
	return b
}

func looksLikeText(b []byte) bool {
	if len(b) > 4096 {
		b = b[:4096]
	}
	for _, c := range b {
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			return false
		}
	}
	return true
}

func isODS(f *zip.File) bool {
	if f.Name != "mimetype" || f.UncompressedSize64 > 200 {
		return f.Name == "content.xml"
	}
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 200))
	return strings.Contains(string(b), "opendocument")
}

// checkContentTypes reads [Content_Types].xml and refuses any part whose content type (its
// override, else its extension's default) is an image, a video, an embedded object or macros.
// A default declared for an extension that no part uses is harmless: programs declare them
// for every file.
func checkContentTypes(f *zip.File, parts []string) (RefusalKind, string, error) {
	if f.UncompressedSize64 > maxContentTypes {
		return Bomb, f.Name, nil
	}
	rc, err := f.Open()
	if err != nil {
		return 0, "", err
	}
	defer rc.Close()
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
	if err := xml.NewDecoder(io.LimitReader(rc, maxContentTypes)).Decode(&types); err != nil {
		return 0, "", err
	}
	kind := func(ct string) (RefusalKind, bool) {
		ct = strings.ToLower(ct)
		switch {
		case strings.HasPrefix(ct, "image/") || strings.HasPrefix(ct, "video/"):
			return Picture, true
		case strings.Contains(ct, "macroenabled") || strings.Contains(ct, "vbaproject"):
			return Macro, true
		case strings.Contains(ct, "oleobject") || strings.Contains(ct, "activex"):
			return Embedded, true
		}
		return 0, false
	}
	defaults := map[string]string{}
	for _, d := range types.Defaults {
		defaults[strings.ToLower(d.Extension)] = d.ContentType
	}
	overrides := map[string]string{}
	for _, o := range types.Overrides {
		overrides[strings.ToLower(strings.TrimPrefix(o.PartName, "/"))] = o.ContentType
		// the workbook's own type says whether it holds macros
		if k, bad := kind(o.ContentType); bad && k == Macro {
			return k, strings.TrimPrefix(o.PartName, "/"), nil
		}
	}
	for _, p := range parts {
		lower := strings.ToLower(p)
		ct, ok := overrides[lower]
		if !ok {
			ct = defaults[strings.TrimPrefix(path.Ext(lower), ".")]
		}
		if k, bad := kind(ct); bad {
			return k, p, nil
		}
	}
	return 0, "", nil
}
