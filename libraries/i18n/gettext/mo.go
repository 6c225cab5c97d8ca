package gettext

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// parseMO parses a .mo file named file: GNU gettext's binary catalog, in
// either byte order.
func parseMO(file string, data []byte) (*catalog, error) {
	fail := func(format string, args ...any) error {
		return &ParseError{File: file, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) < 28 {
		return nil, fail("truncated .mo file: %d bytes, want a 28-byte header", len(data))
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(data) == 0x950412de:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(data) == 0x950412de:
		order = binary.BigEndian
	default:
		return nil, fail("not a .mo file: bad magic number %#08x", binary.LittleEndian.Uint32(data))
	}
	if major := order.Uint32(data[4:]) >> 16; major > 1 {
		return nil, fail("unknown .mo revision %d", major)
	}
	count := uint64(order.Uint32(data[8:]))
	origs, trans := uint64(order.Uint32(data[12:])), uint64(order.Uint32(data[16:]))
	size := uint64(len(data))
	if origs+count*8 > size || trans+count*8 > size {
		return nil, fail("truncated .mo file: %d strings do not fit in %d bytes", count, size)
	}
	str := func(table, i uint64, what string) (string, error) {
		at := table + i*8
		n, off := uint64(order.Uint32(data[at:])), uint64(order.Uint32(data[at+4:]))
		if off+n > size {
			return "", fail("truncated .mo file: %s string %d at %d+%d past the end (%d bytes)", what, i, off, n, size)
		}
		return string(data[off : off+n]), nil
	}
	cat := newCatalog()
	for i := range count {
		orig, err := str(origs, i, "original")
		if err != nil {
			return nil, err
		}
		tr, err := str(trans, i, "translation")
		if err != nil {
			return nil, err
		}
		if orig == "" {
			if _, err := parseHeader(cat, tr, func(int) int { return 0 }); err != nil {
				return nil, fail("header: %v", err)
			}
			continue
		}
		if tr == "" {
			continue // untranslated, as in a .po
		}
		if singular, _, plural := strings.Cut(orig, "\x00"); plural {
			cat.plurals[singular] = strings.Split(tr, "\x00")
		} else {
			cat.msgs[orig] = tr
		}
	}
	return cat, nil
}
