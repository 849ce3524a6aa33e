package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// The PDF library makes a new compressor for every page, and each one clears about 700 KB
// of tables: for a 100-page kit that is most of the rendering time. So the library writes
// plain streams and compressStreams deflates them afterwards with one reused compressor,
// then rebuilds the cross-reference table. It reads only what the library writes.

var (
	xrefRE   = regexp.MustCompile(`(?s)\nxref\n0 (\d+)\n(.*?)trailer\n(.*?)startxref\n\d+\n%%EOF\n?$`)
	lengthRE = regexp.MustCompile(`/Length (\d+)`)
)

func compressStreams(in []byte) ([]byte, error) {
	m := xrefRE.FindSubmatchIndex(in)
	if m == nil {
		return nil, fmt.Errorf("pdf: no cross-reference table")
	}
	n, _ := strconv.Atoi(string(in[m[2]:m[3]]))
	entries := bytes.Split(bytes.TrimSpace(in[m[4]:m[5]]), []byte("\n"))
	if len(entries) != n {
		return nil, fmt.Errorf("pdf: cross-reference table has %d entries, says %d", len(entries), n)
	}
	type obj struct{ num, off int }
	objs := make([]obj, 0, n)
	for i := 1; i < n; i++ {
		off, err := strconv.Atoi(string(bytes.TrimSpace(entries[i])[:10]))
		if err != nil {
			return nil, fmt.Errorf("pdf: bad cross-reference entry %d", i)
		}
		objs = append(objs, obj{i, off})
	}
	sort.Slice(objs, func(a, b int) bool { return objs[a].off < objs[b].off })
	xrefStart := m[0] + 1
	out := bytes.NewBuffer(make([]byte, 0, len(in)/3))
	if len(objs) == 0 {
		return in, nil
	}
	out.Write(in[:objs[0].off])
	offsets := make([]int, n)
	var zbuf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&zbuf, zlib.BestSpeed)
	for k, o := range objs {
		end := xrefStart
		if k+1 < len(objs) {
			end = objs[k+1].off
		}
		chunk := in[o.off:end]
		offsets[o.num] = out.Len()
		si := bytes.Index(chunk, []byte(">>\nstream\n"))
		if si < 0 {
			out.Write(chunk)
			continue
		}
		dict := chunk[:si+2]
		lm := lengthRE.FindSubmatchIndex(dict)
		if lm == nil || bytes.Contains(dict, []byte("/Filter")) || bytes.Contains(dict, []byte("/Metadata")) {
			out.Write(chunk)
			continue
		}
		length, _ := strconv.Atoi(string(dict[lm[2]:lm[3]]))
		data := chunk[si+len(">>\nstream\n"):]
		if length > len(data) {
			return nil, fmt.Errorf("pdf: object %d: stream shorter than its length", o.num)
		}
		rest := data[length:]
		data = data[:length]
		zbuf.Reset()
		zw.Reset(&zbuf)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
		out.Write(dict[:lm[0]])
		fmt.Fprintf(out, "/Filter /FlateDecode /Length %d", zbuf.Len())
		out.Write(dict[lm[1]:])
		out.WriteString("\nstream\n")
		out.Write(zbuf.Bytes())
		out.Write(rest)
	}
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[i])
	}
	out.WriteString("trailer\n")
	out.Write(in[m[6]:m[7]])
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}
