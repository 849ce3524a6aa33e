package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sort"
	"unicode/utf8"

	"sexto/kit/i18n"
)

// This file checks that a zip archive reads one way only, whatever the program: one local
// header per central-directory entry, agreeing with it, the entries laid end to end from the
// first byte to the central directory, nothing after the end record but a short text comment,
// and every compressed stream ending exactly where its entry ends. A file built otherwise can
// show one program a harmless workbook and another a picture; it is refused.

// maxZipComment bounds the archive comment and each entry's comment; both must be text.
const (
	maxZipComment = 256
	maxZipExtra   = 1024 // extra fields of one header: timestamps, zip64 sizes, alignment
)

// zipEntry is one entry as read from the central directory and checked against its local
// header.
type zipEntry struct {
	name         string
	flags        uint16
	method       uint16
	crc          uint32
	csize, usize uint64
	offset       uint64 // of the local header
	dataOff      uint64
	end          uint64 // after the data and its descriptor
}

func le16(b []byte) uint64 { return uint64(binary.LittleEndian.Uint16(b)) }
func le32(b []byte) uint64 { return uint64(binary.LittleEndian.Uint32(b)) }
func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }

func ambiguous(msg i18n.Text, args ...any) *Refusal {
	return &Refusal{Kind: Ambiguous, Detail: i18n.Errorf(msg, args...)}
}

var errCentral = i18n.T("le répertoire central ne se lit pas d'une seule façon", "the central directory does not read one way only")

// zipLayout parses the archive's directory itself and checks its layout; zr is the same
// archive as Go's reader sees it, whose entries must be the same, in the same order.
func zipLayout(data []byte, zr *zip.Reader) ([]zipEntry, *Refusal) {
	const eocdLen = 22
	n := uint64(len(data))
	// the end record, found as Go's reader finds it: the last signature whose comment fits
	pos := -1
	for i := len(data) - eocdLen; i >= 0 && i >= len(data)-eocdLen-65535; i-- {
		if data[i] == 'P' && data[i+1] == 'K' && data[i+2] == 5 && data[i+3] == 6 &&
			i+eocdLen+int(le16(data[i+20:])) <= len(data) {
			pos = i
			break
		}
	}
	if pos < 0 {
		return nil, &Refusal{Kind: Damaged}
	}
	eocd := data[pos:]
	comment := eocd[eocdLen : eocdLen+int(le16(eocd[20:]))]
	if after := n - uint64(pos+eocdLen+len(comment)); after > 0 {
		return nil, ambiguous(i18n.T("%d octets après la fin de l'archive", "%d bytes after the end of the archive"), after)
	}
	if !shortText(comment) {
		return nil, ambiguous(i18n.T("commentaire d'archive de %d octets qui n'est pas un court texte", "an archive comment of %d bytes that is not a short text"), len(comment))
	}
	if le16(eocd[4:]) != 0 || le16(eocd[6:]) != 0 || le16(eocd[8:]) != le16(eocd[10:]) {
		return nil, &Refusal{Kind: Damaged} // a multi-volume archive
	}
	count, cdSize, cdOff := le16(eocd[10:]), le32(eocd[12:]), le32(eocd[16:])
	cdEnd := uint64(pos) // where the central directory must end
	// a zip64 end record and its locator may sit between the directory and the end record:
	// required when a field overflows, allowed (some writers always add them) otherwise
	if pos >= 20 && bytes.HasPrefix(data[pos-20:], []byte("PK\x06\x07")) {
		loc := data[pos-20:]
		off := le64(loc[8:])
		if le32(loc[4:]) != 0 || le32(loc[16:]) > 1 || off > uint64(pos-20) || uint64(pos-20)-off < 56 ||
			!bytes.HasPrefix(data[off:], []byte("PK\x06\x06")) || off+12+le64(data[off+4:]) != uint64(pos-20) {
			return nil, &Refusal{Kind: Damaged}
		}
		rec := data[off:]
		if count == 0xffff || cdSize == 0xffffffff || cdOff == 0xffffffff {
			count, cdSize, cdOff = le64(rec[32:]), le64(rec[40:]), le64(rec[48:])
		} else if le64(rec[32:]) != count || le64(rec[40:]) != cdSize || le64(rec[48:]) != cdOff {
			return nil, ambiguous(errCentral)
		}
		cdEnd = off
	} else if count == 0xffff || cdSize == 0xffffffff || cdOff == 0xffffffff {
		return nil, &Refusal{Kind: Damaged}
	}
	if cdSize > cdEnd {
		return nil, &Refusal{Kind: Damaged}
	}
	if before := cdEnd - cdSize; before != cdOff {
		if before > cdOff {
			return nil, ambiguous(i18n.T("%d octets avant la première entrée", "%d bytes before the first entry"), before-cdOff)
		}
		return nil, &Refusal{Kind: Damaged}
	}
	if count != uint64(len(zr.File)) || count > MaxEntries {
		return nil, ambiguous(errCentral)
	}
	entries := make([]zipEntry, 0, count)
	p := cdOff
	for i := uint64(0); i < count; i++ {
		if p+46 > cdEnd || !bytes.HasPrefix(data[p:], []byte("PK\x01\x02")) {
			return nil, ambiguous(errCentral)
		}
		h := data[p:]
		nameLen, extraLen, commentLen := le16(h[28:]), le16(h[30:]), le16(h[32:])
		if p+46+nameLen+extraLen+commentLen > cdEnd {
			return nil, ambiguous(errCentral)
		}
		e := zipEntry{
			name: string(h[46 : 46+nameLen]), flags: uint16(le16(h[8:])), method: uint16(le16(h[10:])),
			crc: uint32(le32(h[16:])), csize: le32(h[20:]), usize: le32(h[24:]), offset: le32(h[42:]),
		}
		extra := h[46+nameLen : 46+nameLen+extraLen]
		ecomment := h[46+nameLen+extraLen : 46+nameLen+extraLen+commentLen]
		if e.name != zr.File[i].Name {
			return nil, ambiguous(errCentral)
		}
		if r := checkExtra(e.name, extra); r != nil {
			return nil, r
		}
		if !shortText(ecomment) {
			return nil, ambiguous(i18n.T("commentaire de %d octets sur l'entrée « %s »", "a comment of %d bytes on the entry “%s”"), len(ecomment), e.name)
		}
		if le16(h[34:]) != 0 {
			return nil, &Refusal{Kind: Damaged}
		}
		zip64Sizes(extra, &e.usize, &e.csize, &e.offset)
		if e.usize != zr.File[i].UncompressedSize64 || e.csize != zr.File[i].CompressedSize64 {
			return nil, ambiguous(errCentral)
		}
		if r := e.checkLocal(data, cdOff); r != nil {
			return nil, r
		}
		entries = append(entries, e)
		p += 46 + nameLen + extraLen + commentLen
	}
	if p != cdEnd {
		return nil, ambiguous(errCentral)
	}
	// end to end, from the first byte to the central directory
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return entries[order[a]].offset < entries[order[b]].offset })
	at := uint64(0)
	for _, i := range order {
		e := &entries[i]
		switch {
		case e.offset > at && at == 0:
			return nil, ambiguous(i18n.T("%d octets avant la première entrée", "%d bytes before the first entry"), e.offset)
		case e.offset > at:
			return nil, ambiguous(i18n.T("%d octets cachés entre les entrées, avant « %s »", "%d bytes hidden between entries, before “%s”"), e.offset-at, e.name)
		case e.offset < at:
			return nil, ambiguous(i18n.T("l'entrée « %s » chevauche la précédente", "the entry “%s” overlaps the one before it"), e.name)
		}
		at = e.end
	}
	if at != cdOff {
		return nil, ambiguous(i18n.T("%d octets cachés avant le répertoire central", "%d bytes hidden before the central directory"), cdOff-at)
	}
	return entries, nil
}

// checkLocal reads the entry's local header and data descriptor: they must say what the
// central directory says.
func (e *zipEntry) checkLocal(data []byte, limit uint64) *Refusal {
	mismatch := ambiguous(i18n.T("l'en-tête local de « %s » ne dit pas ce que dit le répertoire central",
		"the local header of “%s” does not say what the central directory says"), e.name)
	if e.flags&1 != 0 {
		return &Refusal{Kind: Encrypted}
	}
	if e.method != zip.Store && e.method != zip.Deflate {
		return &Refusal{Kind: Damaged}
	}
	if e.offset+30 > limit || !bytes.HasPrefix(data[e.offset:], []byte("PK\x03\x04")) {
		return mismatch
	}
	h := data[e.offset:]
	nameLen, extraLen := le16(h[26:]), le16(h[28:])
	if e.offset+30+nameLen+extraLen > limit {
		return mismatch
	}
	// the same name, method, encryption and descriptor flags
	if string(h[30:30+nameLen]) != e.name || (le16(h[6:])^uint64(e.flags))&0x9 != 0 || uint16(le16(h[8:])) != e.method {
		return mismatch
	}
	extra := h[30+nameLen : 30+nameLen+extraLen]
	if r := checkExtra(e.name, extra); r != nil {
		return r
	}
	crc, csize, usize := uint32(le32(h[14:])), le32(h[18:]), le32(h[22:])
	zip64Sizes(extra, &usize, &csize, nil)
	descriptor := e.flags&0x8 != 0
	if !descriptor && (crc != e.crc || csize != e.csize || usize != e.usize) ||
		descriptor && !(crc == e.crc || crc == 0) {
		return mismatch
	}
	if descriptor && (csize != e.csize && csize != 0 || usize != e.usize && usize != 0) {
		return mismatch
	}
	e.dataOff = e.offset + 30 + nameLen + extraLen
	if e.csize > limit || e.dataOff > limit-e.csize {
		return mismatch
	}
	e.end = e.dataOff + e.csize
	if descriptor {
		n, ok := descriptorLen(data[e.end:limit], e)
		if !ok {
			return mismatch
		}
		e.end += n
	}
	return nil
}

// descriptorLen finds the data descriptor after an entry's data: with or without its
// signature, with 32- or 64-bit sizes; it must repeat the central directory's values.
func descriptorLen(b []byte, e *zipEntry) (uint64, bool) {
	skip := 0
	if bytes.HasPrefix(b, []byte("PK\x07\x08")) {
		skip = 4
	}
	for _, wide := range []bool{false, true} {
		n := skip + 12
		if wide {
			n = skip + 20
		}
		if len(b) < n || uint32(le32(b[skip:])) != e.crc {
			continue
		}
		if !wide && le32(b[skip+4:]) == e.csize && le32(b[skip+8:]) == e.usize ||
			wide && le64(b[skip+4:]) == e.csize && le64(b[skip+12:]) == e.usize {
			return uint64(n), true
		}
	}
	return 0, false
}

// zip64Sizes reads the zip64 extra field for the values that overflow their 32-bit field.
func zip64Sizes(extra []byte, usize, csize, offset *uint64) {
	for len(extra) >= 4 {
		id, size := le16(extra), le16(extra[2:])
		if uint64(len(extra)-4) < size {
			return
		}
		f := extra[4 : 4+size]
		if id == 1 {
			for _, v := range []*uint64{usize, csize, offset} {
				if v != nil && *v == 0xffffffff && len(f) >= 8 {
					*v = le64(f)
					f = f[8:]
				}
			}
			return
		}
		extra = extra[4+size:]
	}
}

// checkExtra bounds a header's extra fields: small, and holding nothing that looks like a
// file of its own.
func checkExtra(name string, extra []byte) *Refusal {
	if len(extra) > maxZipExtra {
		return ambiguous(i18n.T("champs supplémentaires de %d octets sur l'entrée « %s »", "%d bytes of extra fields on the entry “%s”"), len(extra), name)
	}
	if k, ok := innerFile(extra); ok {
		return &Refusal{Kind: k, Part: name}
	}
	return nil
}

// shortText reports whether b is a short text (a comment a person or a program wrote).
func shortText(b []byte) bool {
	if len(b) > maxZipComment || !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// inflater decompresses the entries of one archive, one after the other, with one
// decompressor.
type inflater struct {
	data []byte
	br   bytes.Reader
	fr   io.ReadCloser
}

// inflate returns the bytes of an entry, checked: exactly the declared size, the declared
// checksum, and a compressed stream that ends where the entry's data ends.
func (in *inflater) inflate(e *zipEntry) ([]byte, *Refusal) {
	raw := in.data[e.dataOff : e.dataOff+e.csize]
	var out []byte
	switch e.method {
	case zip.Store:
		if e.csize != e.usize {
			return nil, &Refusal{Kind: Damaged}
		}
		out = raw
	case zip.Deflate:
		br := &in.br
		br.Reset(raw) // a ByteReader: the decompressor reads no byte past its stream
		if in.fr == nil {
			in.fr = flate.NewReader(br)
		} else if err := in.fr.(flate.Resetter).Reset(br, nil); err != nil {
			return nil, &Refusal{Kind: Damaged}
		}
		fr := in.fr
		out = make([]byte, e.usize)
		if _, err := io.ReadFull(fr, out); err != nil {
			return nil, &Refusal{Kind: Damaged}
		}
		var one [1]byte
		if k, err := fr.Read(one[:]); k != 0 || err != io.EOF {
			return nil, &Refusal{Kind: Damaged} // more than declared: sizes that lie
		}
		if br.Len() != 0 {
			return nil, ambiguous(i18n.T("%d octets après la fin du flux compressé de « %s »", "%d bytes after the end of the compressed stream of “%s”"), br.Len(), e.name)
		}
	}
	if crc32.ChecksumIEEE(out) != e.crc {
		return nil, &Refusal{Kind: Damaged}
	}
	return out, nil
}
