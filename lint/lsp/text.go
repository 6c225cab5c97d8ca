package lsp

import (
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"
)

// overlay is the tree on disk with the editor's text of open documents
// over their files.
type overlay struct {
	disk  fs.FS
	texts map[string]string
}

func (o overlay) Open(name string) (fs.File, error) {
	if t, ok := o.texts[name]; ok {
		return &memFile{name: name, r: strings.NewReader(t), size: int64(len(t))}, nil
	}
	return o.disk.Open(name)
}

// memFile is an open document's text as a file.
type memFile struct {
	name string
	r    *strings.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return filepath.Base(f.name) }
func (f *memFile) Size() int64                { return f.size }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

// uriPath returns the file path of a file: URI.
func uriPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return "", false
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), true
}

// fileURI returns the file: URI of an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// offsetOf returns the byte offset of a position in text; false when
// the line or the character is past the end, or inside a character.
func offsetOf(text string, p position) (int, bool) {
	if p.Line < 0 || p.Character < 0 {
		return 0, false
	}
	off, line, ok := lineAt(text, p.Line)
	if !ok {
		return 0, false
	}
	i, exact := column(line, p.Character)
	return off + i, exact
}

// clampOffset is offsetOf for an edit: a position past a line's end is
// the end of the line, past the last line the end of the text.
func clampOffset(text string, p position) int {
	if p.Line < 0 {
		return 0
	}
	off, line, ok := lineAt(text, p.Line)
	if !ok {
		return len(text)
	}
	i, _ := column(line, p.Character)
	return off + i
}

// lineAt returns where line n of text starts and the line without its
// newline; false past the last line.
func lineAt(text string, n int) (int, string, bool) {
	off := 0
	for range n {
		j := strings.IndexByte(text[off:], '\n')
		if j < 0 {
			return 0, "", false
		}
		off += j + 1
	}
	line := text[off:]
	if j := strings.IndexByte(line, '\n'); j >= 0 {
		line = line[:j]
	}
	return off, line, true
}

// column returns the byte index in line of the UTF-16 column char (the
// line's end when char is past it), and whether char is exactly at a
// character's start or at the line's end.
func column(line string, char int) (int, bool) {
	units := 0
	for i, r := range line {
		if units >= char {
			return i, units == char
		}
		units += max(utf16.RuneLen(r), 1)
	}
	return len(line), units == char
}

// applyChange applies an edit of didChange: the whole text, or a range.
func applyChange(text string, ch contentChange) string {
	if ch.Range == nil {
		return ch.Text
	}
	start, end := clampOffset(text, ch.Range.Start), clampOffset(text, ch.Range.End)
	if end < start {
		start, end = end, start
	}
	return text[:start] + ch.Text + text[end:]
}

// utf16Column returns, for a zero-based line of text and a column in
// characters, the column in UTF-16 code units.
func utf16Column(text string, line, col int) int {
	if line < 0 || col <= 0 {
		return 0
	}
	off := 0
	for i := 0; i < line; i++ {
		j := strings.IndexByte(text[off:], '\n')
		if j < 0 {
			return col
		}
		off += j + 1
	}
	l := text[off:]
	if j := strings.IndexByte(l, '\n'); j >= 0 {
		l = l[:j]
	}
	units, n := 0, 0
	for _, r := range l {
		if n == col {
			return units
		}
		units += max(utf16.RuneLen(r), 1)
		n++
	}
	return units + (col - n)
}

// positionOf returns the position of a byte offset of text.
func positionOf(text string, off int) position {
	off = min(max(off, 0), len(text))
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndexByte(text[:off], '\n') + 1
	units := 0
	for _, r := range text[start:off] {
		units += max(utf16.RuneLen(r), 1)
	}
	return position{Line: line, Character: units}
}
