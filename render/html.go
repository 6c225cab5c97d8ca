package render

import (
	"bytes"
	"strings"
)

// htmlScan follows the HTML tokenizer over the bytes of a render's output,
// as far as out-of-order streaming needs: whether a position is element
// content, where a marker and, later, a <template> may go. It knows text,
// tags and their quoted attribute values, comments, the raw text of
// <script>, <style>, <title>, <textarea> and their kin, and whether the
// position is inside table structure (between <table> and a cell), where
// the parser moves content about and a region must stay in order.
//
// Values a template prints are escaped, so they never change the state;
// markup that a template marks safe is assumed to be balanced.
type htmlScan struct {
	mode    htmlMode
	quote   byte   // in an attribute value: its quote
	name    []byte // the tag being read, lower-cased
	end     bool   // the tag is an end tag
	raw     string // in raw text: the element whose end tag ends it
	dashes  int    // in a comment: "-" seen just before
	tables  []byte // open table structure: 't' table, 'r' row-ish, 'c' cell, 's' select
	partial []byte // a possible end of raw text ("</scr") cut by a write
	// The document's body has begun (text, <body>, or an element that
	// belongs in it), and has not ended (</body>, </html>): before and
	// after it the parser puts a marker (a comment) outside the body,
	// where the content that replaces it would not be.
	body, after bool
	buf         [16]byte // name's first bytes, so that short names cost nothing
}

type htmlMode uint8

const (
	htmlText    htmlMode = iota // element content
	htmlLT                      // after "<"
	htmlTagName                 // in a tag's name
	htmlInTag                   // in a tag, after its name
	htmlAttrVal                 // in a quoted attribute value
	htmlBang                    // after "<!"
	htmlComment                 // in <!-- -->
	htmlBogus                   // in <!doctype …>, <?…>: until ">"
	htmlRaw                     // in the raw text of <script> and its kin
)

// headElements are the start tags that do not begin a document's body.
var headElements = map[string]bool{
	"html": true, "head": true, "meta": true, "link": true, "base": true, "title": true,
	"style": true, "script": true, "noscript": true, "template": true,
}

// rawElements are the elements whose content the tokenizer reads as text
// up to their end tag.
var rawElements = map[string]bool{
	"script": true, "style": true, "title": true, "textarea": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}

// inContent reports whether the position after everything scanned is
// element content outside table structure.
func (h *htmlScan) inContent() bool {
	if h.mode != htmlText || !h.body || h.after {
		return false
	}
	return len(h.tables) == 0 || h.tables[len(h.tables)-1] == 'c'
}

// scan moves the state over p.
func (h *htmlScan) scan(p []byte) {
	for i := 0; i < len(p); i++ {
		switch h.mode {
		case htmlText:
			j := bytes.IndexByte(p[i:], '<')
			text := p[i:]
			if j >= 0 {
				text = p[i : i+j]
			}
			if !h.body && len(bytes.TrimLeft(text, " \t\n\f\r")) > 0 {
				h.body = true // text outside the head begins the body
			}
			if j < 0 {
				return
			}
			i += j
			h.mode = htmlLT
		case htmlLT:
			c := p[i]
			switch {
			case c == '!':
				h.mode = htmlBang
				h.dashes = 0
			case c == '?':
				h.mode = htmlBogus
			case c == '/':
				h.mode, h.end, h.name = htmlTagName, true, h.name[:0]
			case isASCIILetter(c):
				h.mode, h.end, h.name = htmlTagName, false, append(h.name[:0], lower(c))
			default:
				h.mode = htmlText
				i-- // "<" was text: read c again as text
			}
		case htmlTagName:
			c := p[i]
			switch {
			case c == '>':
				h.closeTag()
			case c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '/':
				h.mode = htmlInTag
			default:
				h.name = append(h.name, lower(c))
			}
		case htmlInTag:
			switch c := p[i]; c {
			case '>':
				h.closeTag()
			case '"', '\'':
				h.mode, h.quote = htmlAttrVal, c
			}
		case htmlAttrVal:
			j := bytes.IndexByte(p[i:], h.quote)
			if j < 0 {
				return
			}
			i += j
			h.mode = htmlInTag
		case htmlBang:
			if p[i] == '-' {
				h.dashes++
				if h.dashes == 2 {
					h.mode, h.dashes = htmlComment, 0
				}
				continue
			}
			h.mode = htmlBogus
			i--
		case htmlComment:
			c := p[i]
			switch {
			case c == '-':
				h.dashes++
			case c == '>' && h.dashes >= 2:
				h.mode = htmlText
				h.dashes = 0
			default:
				h.dashes = 0
			}
		case htmlBogus:
			j := bytes.IndexByte(p[i:], '>')
			if j < 0 {
				return
			}
			i += j
			h.mode = htmlText
		case htmlRaw:
			n, found := h.scanRaw(p[i:])
			if !found {
				return
			}
			i += n // -1 when the name ended in an earlier write
		}
	}
}

// scanRaw looks for the end tag of the raw text element in p (joined to
// what an earlier write left cut); found, it returns the index in p of
// the last byte of the end tag's name (-1: it ended the earlier write),
// and the state is then a tag, to be closed by its ">".
func (h *htmlScan) scanRaw(p []byte) (int, bool) {
	if h.raw == "plaintext" {
		return 0, false // nothing ends it
	}
	end := "</" + h.raw
	buf := append(h.partial, p...)
	off := len(h.partial)
	for from := 0; ; {
		j := bytes.IndexByte(buf[from:], '<')
		if j < 0 {
			h.partial = h.partial[:0]
			return 0, false
		}
		j += from
		if len(buf)-j <= len(end) {
			// Possibly cut (the name, or what follows it, is not here
			// yet): keep it for the next write.
			if strings.HasPrefix(strings.ToLower(end), strings.ToLower(string(buf[j:]))) {
				h.partial = append(h.partial[:0], buf[j:]...)
				return 0, false
			}
			from = j + 1
			continue
		}
		// The end tag: the element's name, then a space, "/" or ">".
		if strings.EqualFold(string(buf[j:j+len(end)]), end) {
			switch buf[j+len(end)] {
			case ' ', '\t', '\n', '\f', '\r', '/', '>':
				h.partial = h.partial[:0]
				h.mode, h.end, h.name = htmlTagName, true, append(h.name[:0], h.raw...)
				return j + len(end) - off - 1, true // the loop's i++ moves past the name
			}
		}
		from = j + 1
	}
}

// closeTag ends the tag read: raw text after a raw element's start tag,
// table structure pushed or popped, element content otherwise.
func (h *htmlScan) closeTag() {
	h.mode = htmlText
	// string(h.name) in comparisons and map indexes does not allocate.
	switch {
	case h.end && (string(h.name) == "body" || string(h.name) == "html"):
		h.after = true
	case !h.end && !headElements[string(h.name)]:
		h.body = true
	}
	if !h.end && rawElements[string(h.name)] {
		h.mode, h.raw = htmlRaw, string(h.name)
		return
	}
	var kind byte
	switch string(h.name) {
	case "table":
		kind = 't'
	case "tbody", "thead", "tfoot", "tr", "colgroup", "caption":
		kind = 'r'
	case "td", "th":
		kind = 'c'
	case "select":
		kind = 's'
	default:
		return
	}
	if !h.end {
		if kind == 'c' && len(h.tables) > 0 && h.tables[len(h.tables)-1] == 'c' {
			h.tables = h.tables[:len(h.tables)-1] // a cell ends the one before
		}
		h.tables = append(h.tables, kind)
		return
	}
	// An end tag closes up to the innermost open one of its kind.
	for i := len(h.tables) - 1; i >= 0; i-- {
		if h.tables[i] == kind {
			h.tables = h.tables[:i]
			return
		}
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// clone copies the state, for a region that starts where it is.
func (h *htmlScan) clone() htmlScan {
	c := *h
	c.name = append([]byte(nil), h.name...)
	c.tables = append([]byte(nil), h.tables...)
	c.partial = append([]byte(nil), h.partial...)
	return c
}
