package secure

import (
	"context"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// This file looks at the file's bytes as they are, beside the objects the library read: a
// reader that rebuilds a damaged file's cross-reference table finds the objects of older
// revisions, and those written after the last %%EOF in no table, which the library does not
// read. A forbidden name anywhere in the file refuses it, except inside the strings and the
// stream data of the objects the library read (a typed answer may hold "/JS").

// rawForbidden are the names a form never holds, with the refusal.
var rawForbidden = map[string]FormRefusalKind{
	"JavaScript": FormScript, "JS": FormScript, "Launch": FormAction, "SubmitForm": FormAction,
	"ImportData": FormAction, "GoToR": FormAction, "GoToE": FormAction, "EmbeddedFile": FormEmbedded,
	"EmbeddedFiles": FormEmbedded, "XFA": FormXFA, "RichMedia": FormEmbedded, "RichMediaExecute": FormAction,
	"FileAttachment": FormEmbedded, "Image": FormImage,
}

// knownObject is an object the library read: where it starts, and its stream data.
type knownObject struct {
	start, dataStart, dataEnd int64
}

// rawScan scans data, the whole file, for forbidden names (see above).
func (s *scanner) rawScan(data []byte) (FormRefusalKind, string, bool) {
	c, cancel := context.WithTimeout(context.Background(), readTimeout)
	defer cancel()
	var known []knownObject
	for _, e := range s.ctx.Table {
		if e == nil || e.Free || e.Compressed || e.Offset == nil || *e.Offset < 0 || *e.Offset >= int64(len(data)) {
			continue
		}
		k := knownObject{start: *e.Offset, dataStart: -1, dataEnd: -1}
		var sd *types.StreamDict
		switch v := e.Object.(type) {
		case types.StreamDict:
			sd = &v
		case types.ObjectStreamDict:
			sd = &v.StreamDict
		case types.XRefStreamDict:
			sd = &v.StreamDict
		}
		if sd != nil && sd.StreamOffset > k.start {
			k.dataStart, k.dataEnd = sd.StreamOffset, sd.StreamOffset+int64(len(sd.Raw))
		}
		known = append(known, k)
	}
	sort.Slice(known, func(i, j int) bool { return known[i].start < known[j].start })
	pos := int64(0)
	for i := 0; i <= len(known); i++ {
		end := int64(len(data))
		if i < len(known) {
			end = known[i].start
		}
		if c.Err() != nil {
			return FormLimits, "time", true
		}
		// between the objects read: every byte is looked at
		if pos < end {
			if k, d, bad := rawNames(data[pos:end]); bad {
				return k, d, true
			}
			pos = end
		}
		if i == len(known) {
			break
		}
		next := int64(len(data))
		if i+1 < len(known) {
			next = known[i+1].start
		}
		if pos > known[i].start {
			continue // two entries at one offset
		}
		k := known[i]
		ds, de := k.dataStart-k.start, k.dataEnd-k.start
		if k.dataEnd > next {
			ds, de = -1, -1
		}
		kind, d, bad, stop := rawObject(data[k.start:next], ds, de)
		if bad {
			return kind, d, true
		}
		pos = k.start + stop
	}
	return 0, "", false
}

// rawObject tokenizes the object the library read at the start of b up to its endobj:
// strings and comments skipped, and its stream data [ds, de) if it has some. It returns where
// it stopped.
func rawObject(b []byte, ds, de int64) (FormRefusalKind, string, bool, int64) {
	skipped := ds < 0 || de > int64(len(b)) || de < ds
	for i := int64(0); i < int64(len(b)); {
		if !skipped && i >= ds {
			i, skipped = max(i, de), true // the stream data, and a token that ran into it
			continue
		}
		ch := b[i]
		switch {
		case ch == '(':
			j := int64(skipString(b, int(i)))
			if j >= int64(len(b)) || (ds >= 0 && i < ds && j > ds) {
				// a string that runs off the object: looked at as bytes
				k, d, bad := rawNames(b[i:])
				return k, d, bad, int64(len(b))
			}
			i = j
		case ch == '<' && i+1 < int64(len(b)) && b[i+1] != '<':
			// a hex string holds hex digits and spaces only: anything else is looked at
			j := i + 1
			for j < int64(len(b)) && b[j] != '>' && (isHex(b[j]) || !isRegular(b[j]) && b[j] != '/' && b[j] != '(' && b[j] != '<') {
				j++
			}
			i = j
		case ch == '%':
			for i < int64(len(b)) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case ch == '/':
			j := i + 1
			for j < int64(len(b)) && isRegular(b[j]) {
				j++
			}
			if k, d, bad := forbiddenName(b, i, j); bad {
				return k, d, true, j
			}
			i = j
		case isRegular(ch):
			j := i
			for j < int64(len(b)) && isRegular(b[j]) {
				j++
			}
			if string(b[i:j]) == "endobj" {
				return 0, "", false, j
			}
			i = j
		default:
			i++
		}
	}
	return 0, "", false, int64(len(b))
}

// rawNames looks at every name in b, strings and comments included.
func rawNames(b []byte) (FormRefusalKind, string, bool) {
	for i := 0; i < len(b); i++ {
		if b[i] != '/' {
			continue
		}
		j := i + 1
		for j < len(b) && isRegular(b[j]) {
			j++
		}
		if k, d, bad := forbiddenName(b, int64(i), int64(j)); bad {
			return k, d, true
		}
		i = j - 1
	}
	return 0, "", false
}

// forbiddenName reports whether the name b[i:j] (its slash included) is forbidden: spelled
// with #xx escapes too. An empty tree of embedded files (the PDF library writes one) is not.
func forbiddenName(b []byte, i, j int64) (FormRefusalKind, string, bool) {
	if j-i < 3 || j-i > 64 {
		return 0, "", false
	}
	name := unescapeName(b[i+1 : j])
	kind, bad := rawForbidden[name]
	if !bad {
		return 0, "", false
	}
	if name == "EmbeddedFiles" && emptyTree(b[j:]) {
		return 0, "", false
	}
	return kind, "/" + name, true
}

func unescapeName(b []byte) string {
	if !strings.Contains(string(b), "#") {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, ok := hexByte(b[i+1], b[i+2]); ok {
				out = append(out, v)
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func hexByte(a, b byte) (byte, bool) {
	h := func(c byte) (byte, bool) {
		switch {
		case c >= '0' && c <= '9':
			return c - '0', true
		case c >= 'a' && c <= 'f':
			return c - 'a' + 10, true
		case c >= 'A' && c <= 'F':
			return c - 'A' + 10, true
		}
		return 0, false
	}
	x, ok1 := h(a)
	y, ok2 := h(b)
	return x<<4 | y, ok1 && ok2
}

// emptyTree reports whether b starts with an empty name tree: << /Names [ ] >>.
func emptyTree(b []byte) bool {
	rest := string(b[:min(len(b), 256)])
	for _, tok := range []string{"<<", "/Names", "[", "]", ">>"} {
		rest = strings.TrimLeft(rest, " \t\r\n\f\x00")
		if !strings.HasPrefix(rest, tok) {
			return false
		}
		rest = rest[len(tok):]
	}
	return true
}

func isHex(c byte) bool {
	_, ok := hexByte('0', c)
	return ok
}
