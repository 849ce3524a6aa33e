package workbook

import "io"

// readLimited reads r to its end, but at most limit+1 bytes, into one buffer sized from the
// size the file or part declares (bounded by limit). io.ReadAll would start small and grow the
// buffer by doubling, allocating two to three times the part for every part of every workbook.
// A declared size that is wrong costs only growth: the bytes read are the same.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	size = min(max(size, 0), limit)
	b := make([]byte, 0, size+1) // +1: room for the read that meets the end, or the byte past limit
	lr := io.LimitReader(r, limit+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}
