package gettext

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// poState is where a .po parser is in an entry: after which keyword.
type poState int

const (
	stNone     poState = iota // between entries
	stCtx                     // after msgctxt
	stID                      // after msgid
	stIDPlural                // after msgid_plural
	stStr                     // after msgstr or msgstr[N]
)

// segment is one quoted string of a msgstr: its line and where its text
// starts in the msgstr, to place header fields on lines.
type segment struct{ line, off int }

// poEntry is an entry being parsed.
type poEntry struct {
	line       int // of its first keyword
	hasCtx     bool
	ctx, id    string
	hasPlural  bool
	strs       []string
	fuzzy      bool
	segs       []segment // of strs[0]
	headerLine int       // of msgstr, for a header without segments
}

// poParser parses one .po file.
type poParser struct {
	file  string
	cat   *catalog
	seen  map[string]int // message keys → line, for duplicates
	state poState
	e     poEntry
	// cur is the string a continuation line appends to.
	cur       *string
	fuzzyNext bool
	sawHeader bool
}

func (p *poParser) errorf(line int, format string, args ...any) error {
	return &ParseError{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// parsePO parses a .po file named file.
func parsePO(file string, data []byte) (*catalog, error) {
	p := &poParser{file: file, cat: newCatalog(), seen: map[string]int{}}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var raw []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			raw, data = data[:i], data[i+1:]
		} else {
			raw, data = data, nil
		}
		if !utf8.Valid(raw) {
			return nil, p.errorf(lineNo, "invalid UTF-8")
		}
		if err := p.line(lineNo, strings.Trim(string(raw), " \t\r")); err != nil {
			return nil, err
		}
	}
	if err := p.end(lineNo); err != nil {
		return nil, err
	}
	return p.cat, nil
}

// line parses one line, trimmed.
func (p *poParser) line(n int, s string) error {
	switch {
	case s == "" || s[0] == '#':
		// A comment or blank line ends an entry; its flags are the next's.
		if p.state == stStr {
			if err := p.finish(); err != nil {
				return err
			}
		}
		if strings.HasPrefix(s, "#,") {
			for _, flag := range strings.Split(s[2:], ",") {
				if strings.TrimSpace(flag) == "fuzzy" {
					p.fuzzyNext = true
				}
			}
		}
		return nil
	case s[0] == '"':
		if p.cur == nil {
			return p.errorf(n, "string without a keyword")
		}
		str, err := p.quoted(n, s)
		if err != nil {
			return err
		}
		if p.state == stStr && len(p.e.strs) == 1 {
			p.e.segs = append(p.e.segs, segment{n, len(*p.cur)})
		}
		*p.cur += str
		return nil
	}
	kw := s
	if i := strings.IndexAny(s, " \t\""); i >= 0 {
		kw = s[:i]
	}
	rest := strings.TrimLeft(s[len(kw):], " \t")
	if !strings.HasPrefix(rest, `"`) && isKeyword(kw) {
		return p.errorf(n, "%s needs a quoted string", kw)
	}
	switch {
	case kw == "msgctxt":
		switch p.state {
		case stStr:
			if err := p.finish(); err != nil {
				return err
			}
		case stCtx:
			return p.errorf(n, "duplicate msgctxt")
		case stID, stIDPlural:
			return p.errorf(n, "msgctxt after msgid")
		}
		p.start(n)
		p.e.hasCtx = true
		p.state, p.cur = stCtx, &p.e.ctx
	case kw == "msgid":
		switch p.state {
		case stStr:
			if err := p.finish(); err != nil {
				return err
			}
			p.start(n)
		case stNone:
			p.start(n)
		case stID, stIDPlural:
			return p.errorf(n, "msgid without msgstr")
		}
		p.state, p.cur = stID, &p.e.id
	case kw == "msgid_plural":
		if p.state != stID {
			return p.errorf(n, "msgid_plural without msgid")
		}
		p.e.hasPlural = true
		var discard string // ids are keyed by the singular
		p.state, p.cur = stIDPlural, &discard
	case kw == "msgstr":
		switch p.state {
		case stNone, stCtx:
			return p.errorf(n, "msgstr before msgid")
		case stIDPlural:
			return p.errorf(n, "msgstr in an entry with msgid_plural: use msgstr[0]")
		case stStr:
			return p.errorf(n, "duplicate msgstr")
		}
		p.e.strs = []string{""}
		p.e.headerLine = n
		p.state, p.cur = stStr, &p.e.strs[0]
	case strings.HasPrefix(kw, "msgstr[") && strings.HasSuffix(kw, "]"):
		i, err := strconv.Atoi(kw[len("msgstr[") : len(kw)-1])
		if err != nil || i < 0 {
			return p.errorf(n, "bad index in %s", kw)
		}
		switch {
		case p.state == stNone || p.state == stCtx:
			return p.errorf(n, "msgstr before msgid")
		case p.state == stID:
			return p.errorf(n, "%s in an entry without msgid_plural", kw)
		case p.state == stStr && !p.e.hasPlural:
			return p.errorf(n, "%s after msgstr", kw)
		case i != len(p.e.strs):
			return p.errorf(n, "%s out of order: want msgstr[%d]", kw, len(p.e.strs))
		}
		p.e.strs = append(p.e.strs, "")
		p.state, p.cur = stStr, &p.e.strs[i]
	default:
		return p.errorf(n, "unknown keyword %q", kw)
	}
	str, err := p.quoted(n, rest)
	if err != nil {
		return err
	}
	if p.state == stStr && len(p.e.strs) == 1 {
		p.e.segs = append(p.e.segs, segment{n, 0})
	}
	*p.cur = str
	return nil
}

func isKeyword(kw string) bool {
	switch kw {
	case "msgctxt", "msgid", "msgid_plural", "msgstr":
		return true
	}
	return strings.HasPrefix(kw, "msgstr[")
}

// start begins an entry at line n.
func (p *poParser) start(n int) {
	p.e = poEntry{line: n, fuzzy: p.fuzzyNext}
	p.fuzzyNext = false
}

// end is the end of the file, after line n.
func (p *poParser) end(n int) error {
	switch p.state {
	case stStr:
		return p.finish()
	case stCtx, stID, stIDPlural:
		return p.errorf(p.e.line, "entry without msgstr")
	}
	return nil
}

// finish adds the entry parsed to the catalog.
func (p *poParser) finish() error {
	e := &p.e
	p.state, p.cur = stNone, nil
	k := key(e.ctx, e.id)
	if e.hasCtx {
		k = e.ctx + "\x04" + e.id
	}
	if prev, dup := p.seen[k]; dup {
		return p.errorf(e.line, "duplicate message definition (first at line %d)", prev)
	}
	p.seen[k] = e.line
	if !e.hasCtx && e.id == "" {
		if e.hasPlural {
			return p.errorf(e.line, "header entry with msgid_plural")
		}
		text := e.strs[0]
		lineAt := func(off int) int {
			line := e.headerLine
			for _, s := range e.segs {
				if s.off <= off {
					line = s.line
				}
			}
			return line
		}
		if line, err := parseHeader(p.cat, text, lineAt); err != nil {
			return p.errorf(line, "%v", err)
		}
		return nil
	}
	if e.fuzzy {
		return nil
	}
	if e.hasPlural {
		for _, s := range e.strs {
			if s != "" {
				p.cat.plurals[k] = e.strs
				break
			}
		}
	} else if e.strs[0] != "" {
		p.cat.msgs[k] = e.strs[0]
	}
	return nil
}

// quoted parses s, a C string literal "…" and nothing after it.
func (p *poParser) quoted(n int, s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		return "", p.errorf(n, "expected a quoted string")
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			if rest := strings.TrimSpace(s[i+1:]); rest != "" {
				return "", p.errorf(n, "unexpected %q after string", rest)
			}
			return b.String(), nil
		case '\\':
			i++
			if i == len(s) {
				return "", p.errorf(n, "unterminated string")
			}
			switch e := s[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '"', '\\', '\'', '?':
				b.WriteByte(e)
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v, j := 0, i
				for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
					v = v*8 + int(s[j]-'0')
					j++
				}
				if v > 0xff {
					return "", p.errorf(n, `octal escape \%s out of range`, s[i:j])
				}
				b.WriteByte(byte(v))
				i = j - 1
			case 'x':
				v, j := 0, i+1
				for j < len(s) && j < i+3 && isHex(s[j]) {
					d, _ := strconv.ParseUint(s[j:j+1], 16, 8)
					v = v*16 + int(d)
					j++
				}
				if j == i+1 {
					return "", p.errorf(n, `bad escape \x without hex digits`)
				}
				b.WriteByte(byte(v))
				i = j - 1
			default:
				r, _ := utf8.DecodeRuneInString(s[i:])
				return "", p.errorf(n, `bad escape \%c`, r)
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", p.errorf(n, "unterminated string")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
