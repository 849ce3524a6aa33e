package secure

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"sexto/kit/i18n"
)

// This file reads a filled incident form back (SPEC §10). Before any field is read, the whole
// file is looked at and refused when it is not what sexto wrote and a reader filled in: scripts
// or actions that open, send or fetch something, embedded files, images (the form has none),
// XFA forms, encryption, sizes no form has, or no sexto mark.

// Limits of a filled form. A 200-student form is about 6 MB, 800 pages and 70,000 objects.
const (
	MaxFormBytes   = 20 << 20
	MaxFormPages   = 1500
	MaxFormObjects = 150_000
	MaxFormFields  = 60_000
	// maxDecoded bounds the bytes of one decoded stream, and maxDecodedTotal all of them.
	maxDecoded      = 16 << 20
	maxDecodedTotal = 64 << 20
	maxDepth        = 32
	readTimeout     = 20 * time.Second
)

// FormRefusalKind says why a PDF was refused before any field was read.
type FormRefusalKind int

// The refusals of a PDF form.
const (
	FormTooLarge FormRefusalKind = iota
	FormDamaged
	FormEncrypted
	FormScript
	FormAction
	FormEmbedded
	FormImage
	FormXFA
	FormLimits
	FormNotSexto
	FormTooNew
	FormDuplicateField
	FormHiddenField
)

// FormRefusal is a PDF refused before any field was read.
type FormRefusal struct {
	Kind   FormRefusalKind
	File   string
	Detail string // what was found: the action, the object
}

func (r *FormRefusal) Error() string { return r.Localize(i18n.FR) }

// Localize renders the refusal in l.
func (r *FormRefusal) Localize(l i18n.Lang) string {
	msg := map[FormRefusalKind]i18n.Text{
		FormTooLarge:  i18n.T("%s : fichier trop gros pour un formulaire d'incident (plus de 20 Mo)", "%s: file too large for an incident form (over 20 MB)"),
		FormDamaged:   i18n.T("%s : PDF endommagé ou illisible (copie interrompue ?)", "%s: damaged or unreadable PDF (interrupted copy?)"),
		FormEncrypted: i18n.T("%s : PDF chiffré ou protégé par un mot de passe ; sexto ne lit que le formulaire non chiffré", "%s: encrypted or password-protected PDF; sexto reads only the unencrypted form"),
		FormScript:    i18n.T("%s : le PDF contient du JavaScript (%s) ; il est refusé sans être lu", "%s: the PDF contains JavaScript (%s); it is refused without being read"),
		FormAction:    i18n.T("%s : le PDF contient une action qui ouvre, envoie ou va chercher quelque chose (%s) ; il est refusé sans être lu", "%s: the PDF contains an action that opens, sends or fetches something (%s); it is refused without being read"),
		FormEmbedded:  i18n.T("%s : le PDF contient un fichier ou un média joint (%s) ; il est refusé sans être lu", "%s: the PDF contains an attached file or media (%s); it is refused without being read"),
		FormImage:     i18n.T("%s : le PDF contient une image (%s) ; le formulaire n'en a aucune, il est refusé sans être lu", "%s: the PDF contains an image (%s); the form has none, so it is refused without being read"),
		FormXFA:       i18n.T("%s : formulaire XFA (%s), pas le formulaire de sexto ; il est refusé sans être lu", "%s: XFA form (%s), not sexto's form; it is refused without being read"),
		FormLimits:    i18n.T("%s : le PDF dépasse ce qu'un formulaire d'incident contient (%s) ; il est refusé sans être lu", "%s: the PDF exceeds what an incident form holds (%s); it is refused without being read"),
		FormNotSexto:  i18n.T("%s : ce PDF n'est pas un formulaire d'incident sexto : faites-en un avec « sexto template -o FICHIER.pdf »", "%s: this PDF is not a sexto incident form: make one with `sexto template -o FILE.pdf`"),
		FormTooNew:    i18n.T("%s : formulaire d'une version plus récente de sexto (%s)", "%s: form made by a newer version of sexto (%s)"),
		FormDuplicateField: i18n.T("%s : le formulaire contient deux champs « %s » ; il est refusé sans être lu",
			"%s: the form holds two fields “%s”; it is refused without being read"),
		FormHiddenField: i18n.T("%s : le formulaire contient un champ « %s » qui n'apparaît sur aucune page ; il est refusé sans être lu",
			"%s: the form holds a field “%s” shown on no page; it is refused without being read"),
	}[r.Kind]
	args := []any{r.File}
	if strings.Count(msg.FR, "%s") > 1 {
		args = append(args, shorten(r.Detail))
	}
	return (&i18n.Error{Msg: msg, Args: args}).Localize(l)
}

// HintIn gives the way out.
func (r *FormRefusal) HintIn(l i18n.Lang) string {
	switch r.Kind {
	case FormNotSexto:
		return i18n.T("Remplissez-le dans un lecteur PDF (Acrobat Reader, Edge, Chrome, Firefox, Aperçu) et enregistrez-le (Ctrl+S), puis réessayez avec ce fichier ; un formulaire « imprimé » en PDF ou numérisé a perdu ses champs. Ou remplissez le classeur (« sexto template -o FICHIER.xlsx »).",
			"Fill it in with a PDF reader (Acrobat Reader, Edge, Chrome, Firefox, Preview) and save it (Ctrl+S), then try again with that file; a form “printed” to PDF or scanned has lost its fields. Or fill in the workbook (`sexto template -o FILE.xlsx`).").In(l)
	case FormXFA:
		return i18n.T("Faites un formulaire avec « sexto template -o FICHIER.pdf », remplissez-le dans un lecteur PDF, puis réessayez avec ce fichier.",
			"Make a form with `sexto template -o FILE.pdf`, fill it in with a PDF reader, then try again with that file.").In(l)
	case FormTooNew:
		return i18n.T("Mettez sexto à jour, ou remplissez un formulaire fait par cette version (« sexto template -o FICHIER.pdf »).",
			"Update sexto, or fill in a form made by this version (`sexto template -o FILE.pdf`).").In(l)
	case FormEncrypted:
		return i18n.T("Ouvrez-le avec son mot de passe, enregistrez-en une copie sans protection (Fichier › Propriétés › Sécurité : aucune), puis réessayez.",
			"Open it with its password, save a copy without protection (File › Properties › Security: none), then try again.").In(l)
	case FormScript, FormAction, FormEmbedded, FormImage:
		return i18n.T("N'ouvrez pas ce fichier pour regarder ce qu'il contient et ne le transférez pas ; avisez la direction. Recopiez les réponses dans un formulaire vierge (« sexto template -o FICHIER.pdf ») et n'y joignez jamais rien.",
			"Do not open this file to look at what it holds and do not forward it; tell the principal. Copy the answers into a blank form (`sexto template -o FILE.pdf`) and never attach anything to it.").In(l)
	case FormDuplicateField, FormHiddenField:
		return i18n.T("Un autre programme que le lecteur PDF a ajouté ce champ au formulaire. Reprenez le formulaire d'origine, ou recopiez les réponses dans un formulaire vierge (« sexto template -o FICHIER.pdf »).",
			"A program other than the PDF reader added this field to the form. Go back to the original form, or copy the answers into a blank form (`sexto template -o FILE.pdf`).").In(l)
	case FormDamaged, FormTooLarge, FormLimits:
		return i18n.T("Reprenez le formulaire d'origine, ou recopiez les réponses dans un formulaire vierge (« sexto template -o FICHIER.pdf »).",
			"Go back to the original form, or copy the answers into a blank form (`sexto template -o FILE.pdf`).").In(l)
	}
	return ""
}

// FilledField is one field of a filled form: its fully qualified name, the page of its first
// widget (0 when it has none), the pages of all its widgets, and its value as text (a radio
// group's chosen state name).
type FilledField struct {
	Name    string
	Page    int
	Widgets []int
	Value   string
}

// FilledForm is what a filled form holds.
type FilledForm struct {
	Mark   FormMark
	Fields []FilledField
}

// ReadForm checks data, the bytes of the PDF called name, and returns its fields. The error is
// a *FormRefusal when the file is refused.
func ReadForm(name string, data []byte) (f *FilledForm, err error) {
	refuse := func(k FormRefusalKind, detail string) error { return &FormRefusal{Kind: k, File: name, Detail: detail} }
	if len(data) > MaxFormBytes {
		return nil, refuse(FormTooLarge, "")
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, refuse(FormNotSexto, "")
	}
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, refuse(FormDamaged, "")
		}
	}()
	ctx, err := parseForm(data)
	if err != nil {
		if bytes.Contains(data, []byte("/Encrypt")) {
			return nil, refuse(FormEncrypted, "")
		}
		var lim *limitError
		if errors.As(err, &lim) {
			return nil, refuse(FormLimits, lim.what)
		}
		return nil, refuse(FormDamaged, "")
	}
	if ctx.Encrypt != nil || ctx.E != nil {
		return nil, refuse(FormEncrypted, "")
	}
	s := &scanner{ctx: ctx}
	// before anything decodes them: the page tree may be in object streams
	if k, detail, bad := s.measure(); bad {
		return nil, refuse(k, detail)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, refuse(FormDamaged, "")
	}
	if ctx.PageCount > MaxFormPages {
		return nil, refuse(FormLimits, fmt.Sprintf("%d pages", ctx.PageCount))
	}
	if len(ctx.Table) > MaxFormObjects {
		return nil, refuse(FormLimits, fmt.Sprintf("%d objets/objects", len(ctx.Table)))
	}
	if k, detail, bad := s.scan(); bad {
		return nil, refuse(k, detail)
	}
	if k, detail, bad := s.rawScan(data); bad {
		return nil, refuse(k, detail)
	}
	catalog, err := ctx.DereferenceDict(*ctx.Root)
	if err != nil || catalog == nil {
		return nil, refuse(FormDamaged, "")
	}
	mark, ok := s.mark(catalog)
	if !ok {
		return nil, refuse(FormNotSexto, "")
	}
	if mark.Version > FormVersion {
		return nil, refuse(FormTooNew, strconv.Itoa(mark.Version))
	}
	acro, err := ctx.DereferenceDict(catalog["AcroForm"])
	if err != nil || acro == nil {
		return nil, refuse(FormNotSexto, "")
	}
	fields, err := s.fields(acro)
	if err != nil {
		var fe *fieldError
		if errors.As(err, &fe) {
			return nil, refuse(fe.kind, fe.name)
		}
		var lim *limitError
		if errors.As(err, &lim) {
			return nil, refuse(FormLimits, lim.what)
		}
		return nil, refuse(FormDamaged, "")
	}
	return &FilledForm{Mark: mark, Fields: fields}, nil
}

// shorten cuts what a message quotes from the file (a field's name) to about 80 characters.
func shorten(s string) string {
	const most = 80
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	r := []rune(s)
	return string(r[:most-1]) + "…"
}

type limitError struct{ what string }

// fieldError is a field that refuses the form: two of one name, or one on no page.
type fieldError struct {
	kind FormRefusalKind
	name string
}

func (e *fieldError) Error() string { return "field: " + e.name }

func (e *limitError) Error() string { return "limit: " + e.what }

// parseForm reads the PDF's objects with the library, within the form's limits and a time
// bound.
func parseForm(data []byte) (*model.Context, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = MaxFormBytes
	conf.Limits.MaxDecodeBytes = maxDecoded
	conf.Limits.MaxImagePixels = 1
	conf.Limits.MaxImageBytes = 1
	conf.Limits.MaxObjectCount = MaxFormObjects
	conf.Limits.MaxObjectStreamCount = MaxFormObjects
	conf.Limits.MaxObjectStreamFirst = 1 << 20
	conf.Limits.MaxXRefEntries = MaxFormObjects
	conf.Limits.MaxRecursionDepth = maxDepth
	c, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	ctx, err := pdfcpu.ReadWithContext(c, bytes.NewReader(data), conf)
	if err != nil {
		if ctx := c.Err(); ctx != nil {
			return nil, &limitError{"time"}
		}
		// the library decodes some objects of object streams as it reads (the catalog)
		if errors.Is(err, filter.ErrDecodeLimitExceeded) {
			return nil, &limitError{"stream"}
		}
		if errors.Is(err, model.ErrMaxRecursionDepthExceeded) {
			return nil, &limitError{"depth"}
		}
		return nil, err
	}
	return ctx, nil
}

type scanner struct {
	ctx     *model.Context
	decoded int64
	damaged bool // an object that cannot be decoded, which another reader may read
}

// forbiddenActions are the action types that open, send or fetch something, with the refusal.
var forbiddenActions = map[string]FormRefusalKind{
	"JavaScript": FormScript, "Launch": FormAction, "SubmitForm": FormAction, "ImportData": FormAction,
	"GoToR": FormAction, "GoToE": FormAction, "URI": FormAction, "Rendition": FormAction, "Sound": FormEmbedded,
	"Movie": FormEmbedded, "RichMediaExecute": FormAction, "GoTo3DView": FormAction,
}

// forbiddenSubtypes are the kinds of objects a form never holds.
var forbiddenSubtypes = map[string]FormRefusalKind{
	"Image": FormImage, "FileAttachment": FormEmbedded, "Movie": FormEmbedded, "Sound": FormEmbedded,
	"Screen": FormEmbedded, "RichMedia": FormEmbedded, "3D": FormEmbedded, "Type3": FormImage,
}

// scan looks at every object of the file, in object order, for what a form never holds: the
// objects kept in object streams too, and those the library could not read.
func (s *scanner) scan() (FormRefusalKind, string, bool) {
	c, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	nums := make([]int, 0, len(s.ctx.Table))
	for n, e := range s.ctx.Table {
		if e != nil && !e.Free {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	if k, detail, bad := s.load(c, nums); bad {
		return k, detail, true
	}
	fontFiles := map[int]bool{}
	for _, n := range nums {
		if d, ok := dictOf(s.ctx.Table[n].Object); ok {
			for _, k := range []string{"FontFile", "FontFile2", "FontFile3"} {
				if r, ok := d[k].(types.IndirectRef); ok {
					fontFiles[r.ObjectNumber.Value()] = true
				}
			}
		}
	}
	for _, n := range nums {
		if c.Err() != nil {
			return FormLimits, "time", true
		}
		obj := s.ctx.Table[n].Object
		if obj == nil {
			continue
		}
		if k, detail, bad := inspect(obj, 0); bad {
			return k, fmt.Sprintf("%s, %s %d", detail, objWord, n), true
		}
		sd, ok := obj.(types.StreamDict)
		if !ok || fontFiles[n] || !maybeContent(sd) {
			continue
		}
		content, err := s.decode(&sd)
		if err != nil {
			var lim *limitError
			if errors.As(err, &lim) {
				return FormLimits, lim.what, true
			}
			// a stream the library cannot decode may still be drawn, in part, by a lenient viewer
			s.damaged = true
			continue
		}
		if inlineImage(content) {
			return FormImage, fmt.Sprintf("BI … ID … EI, %s %d", objWord, n), true
		}
	}
	if k, detail, bad := s.unread(c, nums); bad {
		return k, detail, true
	}
	if s.damaged {
		return FormDamaged, "", true
	}
	return 0, "", false
}

const objWord = "objet/object"

// measure decodes each object stream (PDF 1.5: Acrobat and qpdf save forms so) once, to
// count its bytes with the other streams' towards the limits of decoded bytes (one stream, all
// of them), before the library decodes them as it is asked for objects.
func (s *scanner) measure() (FormRefusalKind, string, bool) {
	nums := make([]int, 0, len(s.ctx.Read.ObjectStreams))
	for n, e := range s.ctx.Table {
		if _, ok := e.Object.(types.ObjectStreamDict); ok && !e.Free {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	for _, n := range nums {
		osd := s.ctx.Table[n].Object.(types.ObjectStreamDict)
		if k, detail, bad := inspect(osd.Dict, 0); bad {
			return k, fmt.Sprintf("%s, %s %d", detail, objWord, n), true
		}
		// a copy, decoded here only to be measured: the objects decode the library's own
		sd := osd.StreamDict
		if _, err := s.decode(&sd); err != nil {
			var lim *limitError
			if errors.As(err, &lim) {
				return FormLimits, lim.what, true
			}
			s.damaged = true
		}
	}
	return 0, "", false
}

// load decodes the objects kept in object streams, which the library leaves undecoded until
// something refers to them, so that scan sees them, and the fields are then read from the very
// objects it saw. The bytes they are parsed from count towards the limit of all streams
// (several objects may claim the same bytes). An object that cannot be decoded is noted: scan
// refuses the file.
func (s *scanner) load(c context.Context, nums []int) (FormRefusalKind, string, bool) {
	var parsed int64
	for _, n := range nums {
		e := s.ctx.Table[n]
		l, ok := e.Object.(types.LazyObjectStreamObject)
		if !ok {
			continue
		}
		if c.Err() != nil {
			return FormLimits, "time", true
		}
		data, err := l.GetData()
		if err != nil {
			s.damaged = true
			continue
		}
		if parsed += int64(len(data)); parsed > maxDecodedTotal {
			return FormLimits, "streams", true
		}
		o, err := l.DecodedObject(c)
		switch {
		case c.Err() != nil:
			return FormLimits, "time", true
		case errors.Is(err, model.ErrMaxRecursionDepthExceeded):
			return FormLimits, "depth", true
		case err != nil:
			s.damaged = true
		default:
			e.Object = o
		}
	}
	return 0, "", false
}

// unread looks at the objects in use that the library left unloaded: a null object, or one it
// could not parse and skipped, which another reader may parse. Those are refused as damaged.
func (s *scanner) unread(c context.Context, nums []int) (FormRefusalKind, string, bool) {
	for _, n := range nums {
		e := s.ctx.Table[n]
		if e.Object != nil || e.Compressed || e.Offset == nil {
			continue
		}
		if c.Err() != nil {
			return FormLimits, "time", true
		}
		gen := 0
		if e.Generation != nil {
			gen = *e.Generation
		}
		o, err := pdfcpu.ParseObjectWithContext(c, s.ctx, *e.Offset, n, gen)
		if err != nil {
			if c.Err() != nil {
				return FormLimits, "time", true
			}
			return FormDamaged, "", true
		}
		if k, detail, bad := inspect(o, 0); bad {
			return k, fmt.Sprintf("%s, %s %d", detail, objWord, n), true
		}
	}
	return 0, "", false
}

func dictOf(o types.Object) (types.Dict, bool) {
	switch v := o.(type) {
	case types.Dict:
		return v, true
	case types.StreamDict:
		return v.Dict, true
	}
	return nil, false
}

// inspect looks inside one object (not following references) for scripts, actions, files,
// images and XFA.
func inspect(o types.Object, depth int) (FormRefusalKind, string, bool) {
	if depth > maxDepth {
		return FormLimits, "depth", true
	}
	switch v := o.(type) {
	case types.StreamDict:
		return inspect(v.Dict, depth+1)
	case types.Dict:
		for _, k := range sortedKeys(v) {
			val := v[k]
			switch k {
			case "JS", "JavaScript":
				return FormScript, "/" + k, true
			case "EF", "EmbeddedFile":
				return FormEmbedded, "/" + k, true
			case "EmbeddedFiles":
				// the PDF library writes an empty tree: only a tree with entries holds a file
				if d, ok := val.(types.Dict); !ok || len(arrayOf(d["Names"])) > 0 || d["Kids"] != nil {
					return FormEmbedded, "/" + k, true
				}
			case "XFA":
				return FormXFA, "/XFA", true
			case "S":
				if n, ok := val.(types.Name); ok {
					if kind, bad := forbiddenActions[string(n)]; bad {
						return kind, "/S /" + string(n), true
					}
				}
			case "Subtype", "Type":
				if n, ok := val.(types.Name); ok {
					if kind, bad := forbiddenSubtypes[string(n)]; bad && (k == "Subtype" || n != "Image") {
						return kind, "/" + k + " /" + string(n), true
					}
					if n == "EmbeddedFile" {
						return FormEmbedded, "/Type /EmbeddedFile", true
					}
				}
			}
			if kind, detail, bad := inspect(val, depth+1); bad {
				return kind, detail, true
			}
		}
	case types.Array:
		for _, e := range v {
			if kind, detail, bad := inspect(e, depth+1); bad {
				return kind, detail, true
			}
		}
	}
	return 0, "", false
}

func arrayOf(o types.Object) types.Array {
	a, _ := o.(types.Array)
	return a
}

func sortedKeys(d types.Dict) []string {
	ks := make([]string, 0, len(d))
	for k := range d {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// maybeContent reports whether a stream may hold drawing operators (a page's contents, a form
// XObject, an appearance, a pattern, a glyph): not a font program, cross-reference or object
// stream, metadata or colour profile.
func maybeContent(sd types.StreamDict) bool {
	if t, ok := sd.Dict["Type"].(types.Name); ok && (t == "XRef" || t == "ObjStm" || t == "Metadata" || t == "EmbeddedFile") {
		return false
	}
	if st, ok := sd.Dict["Subtype"].(types.Name); ok && (st == "Type1C" || st == "CIDFontType0C" || st == "OpenType" || st == "XML") {
		return false
	}
	for _, k := range []string{"Length1", "Length2", "Length3", "N"} {
		if _, ok := sd.Dict[k]; ok {
			return false
		}
	}
	return true
}

func (s *scanner) decode(sd *types.StreamDict) ([]byte, error) {
	if len(sd.FilterPipeline) == 0 {
		return sd.Raw, nil
	}
	if err := sd.DecodeWithLimit(maxDecoded); err != nil {
		if int64(len(sd.Raw)) > 0 && strings.Contains(err.Error(), "limit") {
			return nil, &limitError{"stream"}
		}
		return nil, err
	}
	s.decoded += int64(len(sd.Content))
	if s.decoded > maxDecodedTotal {
		return nil, &limitError{"streams"}
	}
	return sd.Content, nil
}

// inlineImage reports whether content streams b draw an inline image: a BI operator outside
// strings and comments.
func inlineImage(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '(':
			i = skipString(b, i)
		case c == '<' && i+1 < len(b) && b[i+1] != '<':
			for i < len(b) && b[i] != '>' {
				i++
			}
			i++
		case c == '/': // a name, not an operator
			i++
			for i < len(b) && isRegular(b[i]) {
				i++
			}
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case isRegular(c):
			j := i
			for j < len(b) && isRegular(b[j]) {
				j++
			}
			if j-i == 2 && b[i] == 'B' && b[i+1] == 'I' {
				return true
			}
			i = j
		default:
			i++
		}
	}
	return false
}

// skipString returns the index after the literal string that starts at b[i], nested
// parentheses and escapes included.
func skipString(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
		}
		i++
		if depth == 0 {
			return i
		}
	}
	return i
}

func isRegular(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', 0, '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return false
	}
	return true
}

// mark reads the sexto mark: the catalog's, else the document information's.
func (s *scanner) mark(catalog types.Dict) (FormMark, bool) {
	if d, err := s.ctx.DereferenceDict(catalog[markKey]); err == nil && d != nil {
		v, _ := s.ctx.DereferenceInteger(d["Version"])
		l, ok := s.text(d["Lang"])
		if v != nil && ok {
			if lang, ok := i18n.Parse(l); ok {
				return FormMark{Version: v.Value(), Lang: lang}, v.Value() >= 1
			}
		}
	}
	if s.ctx.Info != nil {
		if info, err := s.ctx.DereferenceDict(*s.ctx.Info); err == nil && info != nil {
			if t, ok := s.text(info[markKey]); ok {
				var v int
				var l string
				if n, _ := fmt.Sscanf(t, "%d %s", &v, &l); n == 2 {
					if lang, ok := i18n.Parse(l); ok && v >= 1 {
						return FormMark{Version: v, Lang: lang}, true
					}
				}
			}
		}
	}
	return FormMark{}, false
}

// text returns a text string, a name or a number as text.
func (s *scanner) text(o types.Object) (string, bool) {
	o, err := s.ctx.Dereference(o)
	if err != nil || o == nil {
		return "", false
	}
	switch v := o.(type) {
	case types.Name:
		return string(v), true
	case types.StringLiteral, types.HexLiteral:
		t, err := types.StringOrHexLiteral(v)
		if err != nil || t == nil {
			return "", false
		}
		return *t, true
	case types.Integer:
		return strconv.Itoa(v.Value()), true
	}
	return "", false
}

// fields walks the field tree from the AcroForm's /Fields and returns every terminal field.
func (s *scanner) fields(acro types.Dict) ([]FilledField, error) {
	pages, err := s.widgetPages()
	if err != nil {
		return nil, err
	}
	top, err := s.ctx.DereferenceArray(acro["Fields"])
	if err != nil {
		return nil, err
	}
	w := &fieldWalk{s: s, pages: pages, seen: map[int]bool{}}
	for _, o := range top {
		if err := w.walk(o, "", nil, 0); err != nil {
			return nil, err
		}
	}
	// A field another program added, that no reader shows, must not answer in place of the
	// one the user filled in (SPEC §10): two fields of one name, or a field on no page, refuse
	// the form. Every field sexto writes has its widgets on the pages.
	names := make(map[string]bool, len(w.out))
	for _, f := range w.out {
		if names[f.Name] {
			return nil, &fieldError{FormDuplicateField, f.Name}
		}
		names[f.Name] = true
	}
	for _, f := range w.out {
		if len(f.Widgets) == 0 {
			return nil, &fieldError{FormHiddenField, f.Name}
		}
	}
	return w.out, nil
}

// widgetPages maps each annotation's object number to its page.
func (s *scanner) widgetPages() (map[int]int, error) {
	out := map[int]int{}
	for p := 1; p <= s.ctx.PageCount; p++ {
		pd, _, _, err := s.ctx.PageDict(p, false)
		if err != nil {
			return nil, err
		}
		annots, err := s.ctx.DereferenceArray(pd["Annots"])
		if err != nil {
			continue
		}
		for _, a := range annots {
			if r, ok := a.(types.IndirectRef); ok {
				if _, dup := out[r.ObjectNumber.Value()]; !dup {
					out[r.ObjectNumber.Value()] = p
				}
			}
		}
	}
	return out, nil
}

type fieldWalk struct {
	s     *scanner
	pages map[int]int
	seen  map[int]bool
	out   []FilledField
	count int
}

// inherited are the values a field takes from its ancestors.
type inherited struct {
	ft types.Object
	v  types.Object
}

func (w *fieldWalk) walk(o types.Object, parent string, inh *inherited, depth int) error {
	if depth > maxDepth {
		return &limitError{"depth"}
	}
	num := 0
	if r, ok := o.(types.IndirectRef); ok {
		num = r.ObjectNumber.Value()
		if w.seen[num] {
			return nil // a field listed twice, or a loop
		}
		w.seen[num] = true
	}
	d, err := w.s.ctx.DereferenceDict(o)
	if err != nil || d == nil {
		return nil
	}
	w.count++
	if w.count > MaxFormFields {
		return &limitError{fmt.Sprintf("%d+ champs/fields", MaxFormFields)}
	}
	name := parent
	if t, ok := w.s.text(d["T"]); ok {
		if name != "" {
			name += "."
		}
		name += t
	}
	here := inherited{}
	if inh != nil {
		here = *inh
	}
	if ft, ok := d["FT"]; ok {
		here.ft = ft
	}
	if v, ok := d["V"]; ok {
		here.v = v
	}
	kids, _ := w.s.ctx.DereferenceArray(d["Kids"])
	var widgets []types.Object
	fieldKids := false
	for _, k := range kids {
		kd, err := w.s.ctx.DereferenceDict(k)
		if err != nil || kd == nil {
			continue
		}
		if _, isField := kd["T"]; isField {
			fieldKids = true
			if err := w.walk(k, name, &here, depth+1); err != nil {
				return err
			}
		} else {
			widgets = append(widgets, k)
		}
	}
	if fieldKids || name == "" {
		return nil
	}
	var pages []int
	if p := w.pages[num]; num > 0 && p > 0 {
		pages = append(pages, p) // a field that is its own widget
	}
	value, _ := w.s.text(here.v)
	ft, _ := w.s.ctx.DereferenceName(here.ft, model.V10, nil)
	for _, k := range widgets {
		if r, ok := k.(types.IndirectRef); ok && w.pages[r.ObjectNumber.Value()] > 0 {
			pages = append(pages, w.pages[r.ObjectNumber.Value()])
		}
		// a radio group whose value a program left only on the button it turned on
		if ft == "Btn" && (value == "" || value == "Off" || value == "/Off") {
			if kd, err := w.s.ctx.DereferenceDict(k); err == nil && kd != nil {
				if as, ok := kd["AS"].(types.Name); ok && as != "Off" {
					value = string(as)
				}
			}
		}
	}
	// "Off" turns every button of a group off; some programs write it as the text "/Off"
	if ft == "Btn" && (value == "Off" || value == "/Off") {
		value = ""
	}
	page := 0
	if len(pages) > 0 {
		page = pages[0]
	}
	w.out = append(w.out, FilledField{Name: name, Page: page, Widgets: pages, Value: value})
	return nil
}
