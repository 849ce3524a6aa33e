package workbook

import (
	"archive/zip"
	"bytes"
	"io"
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
	// MaxSheets bounds the sheets listed by the workbook: the student grids and a few more.
	MaxSheets = MaxStudentSheets + 50
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
	Ambiguous   // a package that two programs could read differently
	UnknownPart // a part that is none of those a workbook needs
	XLSB        // an Excel binary workbook
	TooManySheets
	ImageFile  // a picture or a video (a photo, a screenshot) given as the file itself
	NotRegular // a folder, a device or a pipe, not a file
)

// Refusal is a file refused before parsing; it names the format and the way out.
type Refusal struct {
	Kind RefusalKind
	File string
	Part string // the offending part, for pictures, objects, macros, bombs and unknown parts
	// Detail says what is ambiguous in an Ambiguous package, in both languages.
	Detail i18n.Localizer
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
		TooLarge:       i18n.T("%s : fichier trop gros pour un dossier d'incident (plus de 20 Mo)", "%s: file too large for an incident file (over 20 MB)"),
		Empty:          i18n.T("%s : fichier vide", "%s: empty file"),
		LegacyXLS:      i18n.T("%s : ancien format Excel 97-2003 (.xls), non accepté", "%s: old Excel 97-2003 format (.xls), not accepted"),
		Encrypted:      i18n.T("%s : classeur protégé par un mot de passe ; sexto ne peut pas le lire", "%s: password-protected workbook; sexto cannot read it"),
		ODS:            i18n.T("%s : feuille de calcul OpenDocument (.ods), non acceptée", "%s: OpenDocument spreadsheet (.ods), not accepted"),
		CSV:            i18n.T("%s : fichier texte (un CSV, par exemple), non accepté : il n'a ni les feuilles ni les clés du classeur", "%s: text file (a CSV, for example), not accepted: it has neither the workbook's sheets nor its keys"),
		NotRegular:     i18n.T("%s : ce n'est pas un fichier, mais un dossier, un périphérique ou un tube", "%s: this is not a file but a folder, a device or a pipe"),
		ImageFile:      i18n.T("%s : c'est une image ou une vidéo (%s), pas un classeur ; sexto n'accepte jamais d'image ni de vidéo et l'a refusée sans l'ouvrir", "%s: this is a picture or a video (%s), not a workbook; sexto never accepts pictures or videos and refused it without opening it"),
		PDF:            i18n.T("%s : document PDF, pas un classeur", "%s: PDF document, not a workbook"),
		OtherZip:       i18n.T("%s : archive ZIP ou document Office qui n'est pas un classeur Excel", "%s: ZIP archive or Office document that is not an Excel workbook"),
		NotSpreadsheet: i18n.T("%s : ce n'est pas un classeur Excel (.xlsx)", "%s: not an Excel workbook (.xlsx)"),
		Damaged:        i18n.T("%s : classeur endommagé ou incomplet (copie interrompue ?)", "%s: damaged or incomplete workbook (interrupted copy?)"),
		Picture:        i18n.T("%s : le classeur contient une image (%s) ; il est refusé sans être lu", "%s: the workbook contains a picture (%s); it is refused without being read"),
		Embedded:       i18n.T("%s : le classeur contient un objet incorporé (%s) ; il est refusé sans être lu", "%s: the workbook contains an embedded object (%s); it is refused without being read"),
		Macro:          i18n.T("%s : le classeur contient des macros (%s) ; il est refusé sans être lu", "%s: the workbook contains macros (%s); it is refused without being read"),
		Bomb:           i18n.T("%s : le classeur déclare des tailles démesurées (%s) ; il est refusé sans être lu", "%s: the workbook declares outsized contents (%s); it is refused without being read"),
		Ambiguous:      i18n.T("%s : structure de fichier ambiguë (deux programmes pourraient y lire des contenus différents) : %s ; il est refusé sans être lu", "%s: ambiguous file structure (two programs could read different contents from it): %s; it is refused without being read"),
		UnknownPart:    i18n.T("%s : le classeur contient une partie qui n'est pas celle d'un classeur ordinaire (%s) ; il est refusé sans être lu", "%s: the workbook holds a part that an ordinary workbook does not (%s); it is refused without being read"),
		XLSB:           i18n.T("%s : classeur binaire Excel (.xlsb), non accepté", "%s: Excel binary workbook (.xlsb), not accepted"),
		TooManySheets:  i18n.T("%s : le classeur compte %s feuilles ; un classeur d'incident en a au plus %d ; il est refusé sans être lu", "%s: the workbook has %s sheets; an incident workbook has at most %d; it is refused without being read"),
	}[r.Kind]
	args := []any{r.File}
	switch {
	case r.Kind == Ambiguous:
		var detail any = r.Part
		if r.Detail != nil {
			detail = r.Detail
		}
		args = append(args, detail)
	case r.Kind == TooManySheets:
		args = append(args, r.Part, MaxSheets)
	case r.Part != "":
		args = append(args, r.Part)
	}
	return (&i18n.Error{Msg: msg, Args: args}).Localize(l)
}

// HintIn gives the way out.
func (r *Refusal) HintIn(l i18n.Lang) string {
	switch r.Kind {
	case LegacyXLS, ODS, CSV, XLSB:
		return saveAs.In(l)
	case Encrypted:
		return i18n.T("Ouvrez-le avec son mot de passe, retirez la protection (Fichier › Informations › Protéger le classeur), enregistrez, puis réessayez.",
			"Open it with its password, remove the protection (File › Info › Protect Workbook), save, then try again.").In(l)
	case PDF, OtherZip, NotSpreadsheet, Empty, NotRegular:
		return i18n.T("Donnez le classeur .xlsx créé par « sexto template » et rempli.", "Give the .xlsx workbook made by “sexto template” and filled in.").In(l)
	case Damaged:
		return i18n.T("Copiez de nouveau le fichier depuis son original, ou ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx.",
			"Copy the file again from its original, or open it in Excel or LibreOffice and save it as .xlsx.").In(l)
	case Picture, Embedded, Macro, ImageFile:
		return neverView.In(l)
	case Ambiguous:
		return i18n.T("N'ouvrez pas ce fichier pour regarder ce qu'il contient : un autre programme qu'un tableur l'a modifié. Reprenez le classeur d'origine, ou saisissez les grilles dans un classeur vierge (« sexto template ») ; avisez la direction si vous ne savez pas d'où vient ce fichier.",
			"Do not open this file to look at what it holds: a program other than a spreadsheet has altered it. Go back to the original workbook, or type the grids into a blank workbook (“sexto template”); tell the principal if you do not know where this file comes from.").In(l)
	case UnknownPart:
		return i18n.T("Copiez les réponses dans un classeur vierge créé par « sexto template » (Collage spécial › Valeurs), sans rien y joindre, puis réessayez avec ce classeur.",
			"Copy the answers into a blank workbook made by “sexto template” (Paste Special › Values), attaching nothing, then try again with that workbook.").In(l)
	case TooManySheets:
		return i18n.T("Supprimez les feuilles ajoutées (il faut une feuille par élève, plus Dossier, Appareils, Chronologie et Listes), enregistrez, puis réessayez.",
			"Delete the added sheets (one sheet per student is needed, plus Incident, Devices, Timeline and Lists), save, then try again.").In(l)
	}
	return ""
}

// Sniff checks data before any cell is read: the format, then, for a zip, its layout, its
// sizes and each of its parts (see parts.go). It returns the opened archive.
func Sniff(name string, data []byte) (*zip.Reader, error) {
	zr, _, err := sniff(name, data)
	return zr, err
}

// sniff is Sniff, and also returns the bytes of every part, each decompressed once, by
// normalised name.
func sniff(name string, data []byte) (*zip.Reader, map[string][]byte, error) {
	refuse := func(k RefusalKind, part string) error { return &Refusal{Kind: k, File: name, Part: part} }
	if len(data) == 0 {
		return nil, nil, refuse(Empty, "")
	}
	if len(data) > MaxFileBytes {
		return nil, nil, refuse(TooLarge, "")
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		// An OLE compound file: an .xls, or an .xlsx encrypted with a password (its package
		// is stored as an "EncryptedPackage" stream).
		if bytes.Contains(data, utf16le("EncryptedPackage")) || bytes.Contains(data, utf16le("EncryptionInfo")) {
			return nil, nil, refuse(Encrypted, "")
		}
		return nil, nil, refuse(LegacyXLS, "")
	case bytes.HasPrefix(data, []byte("%PDF")):
		return nil, nil, refuse(PDF, "")
	case imageFormat(data) != "":
		return nil, nil, refuse(ImageFile, imageFormat(data))
	case bytes.HasPrefix(data, []byte("PK")):
	default:
		if looksLikeText(data) {
			return nil, nil, refuse(CSV, "")
		}
		return nil, nil, refuse(NotSpreadsheet, "")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, refuse(Damaged, "")
	}
	if len(zr.File) > MaxEntries {
		return nil, nil, refuse(Bomb, "parts")
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		switch {
		case f.UncompressedSize64 > MaxEntryBytes || total > MaxTotalBytes:
			return nil, nil, refuse(Bomb, f.Name)
		case f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > MaxRatio && f.UncompressedSize64 > 1<<20:
			return nil, nil, refuse(Bomb, f.Name)
		}
	}
	entries, r := zipLayout(data, zr)
	if r == nil {
		var parts map[string][]byte
		if parts, r = checkParts(data, zr, entries); r == nil {
			return zr, parts, nil
		}
	}
	r.File = name
	return nil, nil, r
}

// imageFormat names the picture or video format data starts with, or "".
func imageFormat(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "JPEG"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "GIF"
	case bytes.HasPrefix(data, []byte("BM")) && len(data) > 14 && data[6] == 0 && data[7] == 0 && data[8] == 0 && data[9] == 0:
		return "BMP"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "TIFF"
	case len(data) >= 12 && bytes.Equal(data[:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return "WebP"
	case len(data) >= 12 && bytes.Equal(data[4:8], []byte("ftyp")):
		switch string(data[8:12]) {
		case "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1":
			return "HEIC"
		case "avif", "avis":
			return "AVIF"
		case "isom", "iso2", "mp41", "mp42", "avc1", "M4V ", "3gp4", "3gp5":
			return "MP4"
		case "qt  ":
			return "QuickTime"
		}
	}
	return ""
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
