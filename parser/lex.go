package parser

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Token types of the tag lexer, as participle sees them. Operators get
// types of their own so that the grammar matches them with one test
// instead of trying each spelling in turn (participle allocates per try).
const (
	tokEOF     = lexer.EOF
	tokSpace   = lexer.TokenType(-2 - iota) // whitespace, elided by the grammars
	tokIdent                                // foo
	tokKeyword                              // and or in is "not in" "is not"
	tokNot                                  // not !
	tokLit                                  // "str" 'str' 42 4.2 True False None true false none nil
	tokOp                                   // == != <= >= < > * / % ^ && ||
	tokSign                                 // + -
	tokPunct                                // ( ) [ ] . , | : =
	// tokArgParen is a "(" that opens the next argument of a tag's
	// space-separated argument list (see spacedParens); never made by the
	// lexer itself.
	tokArgParen
)

// keywords are the words that are operators; they are never variable names.
var keywords = map[string]bool{"and": true, "or": true, "in": true, "is": true}

// constants are the literal words: Django's and pongo2's lower-case ones.
var constants = map[string]bool{"True": true, "False": true, "None": true, "true": true, "false": true, "none": true, "nil": true}

// tagLexer is the participle lexer.Definition for the inside of {{ }} and
// {% %}. The parser feeds participle the tokens of one tag at a time from
// the document lexer; Lex exists so that a grammar can also be tried on a
// bare string in tests.
type tagLexer struct{}

func (tagLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": tokEOF, "Whitespace": tokSpace, "Ident": tokIdent, "Keyword": tokKeyword, "Not": tokNot,
		"Lit": tokLit, "Op": tokOp, "Sign": tokSign, "Punct": tokPunct,
		"ArgParen": tokArgParen,
	}
}

func (tagLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	l := newLexer(filename, "{{"+string(b)+"}}")
	l.pos = 2
	l.lexInside(segVar, "}}", l.pos)
	if len(l.errs) > 0 {
		return nil, l.errs[0]
	}
	return &sliceLexer{toks: l.segs[0].toks}, nil
}

// sliceLexer hands participle a tag's tokens.
type sliceLexer struct {
	toks []token
	i    int
}

func (s *sliceLexer) Next() (lexer.Token, error) {
	t := s.toks[len(s.toks)-1]
	if s.i < len(s.toks) {
		t = s.toks[s.i]
		s.i++
	}
	return lexer.Token{Type: t.Type, Value: t.Value, Pos: Position{Offset: int(t.Pos)}}, nil
}

// segKind is the kind of a top-level piece of the document.
type segKind uint8

const (
	segText    segKind = iota // literal text
	segVar                    // {{ … }}
	segTag                    // {% … %}
	segComment                // {# … #}
	segRaw                    // the raw body of verbatim or comment
)

// segment is one top-level piece of the document.
type segment struct {
	kind     segKind
	pos, end Pos     // the whole piece, delimiters included
	text     string  // text, comment and raw content
	toks     []token // var and tag: the tokens inside, whitespace included, ending in EOF at the closing delimiter
	bad      bool    // a lexical error was reported for it
	closed   bool    // its closing delimiter was found
}

// lex splits a document into segments; a state function per mode, in the
// manner of text/template/parse. It runs as the parser asks for segments
// (next), so that only the segments the parser still holds are in memory,
// not a copy of the whole template as tokens: a large template compiles
// in memory proportional to its tree, and the lexer's share stays small.
type lex struct {
	name  string
	src   string
	pos   int        // byte offset of the next byte to read
	lines *lineTable // for the errors' lines and columns
	state stateFn
	segs  []*segment // made and not yet taken by next
	taken int        // segs[:taken] are taken
	last  *segment   // the last segment made
	arena []segment  // where new segments go, a block at a time
	toks  []token    // backing store for tokens, a block at a time
	// segNext, tokNext: the size of the next block, which doubles up to
	// segBlock and tokBlock, from a first segment block sized by the
	// source, so that a small template does not pay for a large one's.
	segNext, tokNext int
	first            int // where in toks the tag being lexed begins
	errs             []*Error
	// trim: whitespace control ({%- -%}, {{- -}}); trimNext: the tag
	// just read ended with "-", so the text after it loses its leading
	// whitespace.
	trim, trimNext bool
	// pongo2: a word that begins with digits and has a letter or "_" in
	// it (51232_3, 995189baz) is a name, as pongo2 reads it.
	pongo2 bool
	// trimBlocks, lstripBlocks: WithTrimBlocks and WithLStripBlocks;
	// afterBlock: the segment just lexed was a {% %} tag.
	trimBlocks, lstripBlocks, afterBlock bool
	// keepTokens and poisonTokens are for the tests of reuseTokens: no
	// reuse, and reuse that overwrites the tokens it lets go.
	keepTokens, poisonTokens bool
	reuse                    bool // see reuseTokens
	// ringSegs: segments other than {% %} take turns in ring (see emit).
	ringSegs bool
	ring     [4]segment
	ringNext int
	segBuf   [4]*segment // segs' first backing store
}

type stateFn func(*lex) stateFn

// {% %} segments are allocated in blocks (the others take turns in a
// ring, see emit): one allocation per block, and a block is freed once
// the parser holds none of its segments. The first block is sized by the
// source (a segment for every 64 bytes), and each next one is twice the
// last, up to segBlock. Tokens live in one block that each tag reuses
// (see reuseTokens), grown when a tag outgrows it.
const (
	segBlock = 256
	tokBlock = 2048
)

func newLexer(name, src string) *lex {
	l := &lex{}
	l.init(name, src)
	return l
}

// init readies l to lex src.
func (l *lex) init(name, src string) {
	lines := l.lines
	if lines == nil {
		lines = &lineTable{}
	}
	*l = lex{name: name, src: src, lines: lines, state: lexText,
		segNext: min(segBlock, 4+len(src)/64), tokNext: 16}
	l.segs = l.segBuf[:0]
}

// run lexes the whole source, keeping every segment (for tests).
func (l *lex) run() {
	for l.state != nil {
		l.state = l.state(l)
	}
}

// next returns the next segment, lexing as far as needed; nil at the end.
func (l *lex) next() *segment {
	for l.taken == len(l.segs) {
		if l.state == nil {
			return nil
		}
		l.segs, l.taken = l.segs[:0], 0
		l.reuse, l.ringSegs = true, !l.keepTokens
		l.state = l.state(l)
	}
	s := l.segs[l.taken]
	l.segs[l.taken] = nil
	l.taken++
	return s
}

// reuseTokens lets the tag being lexed overwrite the last one's tokens,
// if the parser asked for a segment after taking every one made (next
// sets reuse): by then it has read the tokens of those it took (a state
// makes at most one segment with tokens, and lexAfterTag, which reads
// the last tag's, runs before the next tag is lexed), and the tree it
// builds keeps none of them (it copies what it keeps). So the tokens of a
// whole template live in one small block.
func (l *lex) reuseTokens() {
	if !l.reuse || l.keepTokens {
		return
	}
	l.reuse = false
	if l.poisonTokens {
		// Tests: a token read after this point reads as garbage.
		for i := range l.toks {
			l.toks[i] = token{Type: tokPunct, Value: "\x00reused", Pos: -1}
		}
	}
	l.toks, l.first = l.toks[:0], 0
}

// emit makes seg the next segment.
//
// Only {% %} segments go to the arena: the parser keeps those of open
// block tags while it reads their bodies. It is done with any other
// segment (text, {{ }}, comment, raw) before it asks for the next batch
// (see reuseTokens), so, when the parser pulls segments with next, those
// take turns in a ring of four (two batches of at most two).
func (l *lex) emit(seg segment) {
	if seg.kind != segTag && l.ringSegs {
		n := len(l.ring)
		if l.poisonTokens {
			n = 2 // tests: a segment read a batch late reads another one
		}
		p := &l.ring[l.ringNext%n]
		l.ringNext++
		*p = seg
		l.segs = append(l.segs, p)
		l.last = p
		return
	}
	if len(l.arena) == cap(l.arena) {
		l.arena = make([]segment, 0, l.segNext)
		l.segNext = min(segBlock, 2*l.segNext)
	}
	l.arena = append(l.arena, seg)
	p := &l.arena[len(l.arena)-1]
	l.segs = append(l.segs, p)
	l.last = p
}

// token is a token of a tag: its type, its text and where it starts.
// It is participle's lexer.Token without the line and column (and half
// its size); sliceLexer makes participle's when a grammar needs them.
type token struct {
	Type  lexer.TokenType
	Value string
	Pos   Pos
}

// tokPos is the position of a token at byte offset off.
func tokPos(off int) Pos { return Pos(off) }

// advance moves pos forward n bytes.
func (l *lex) advance(n int) { l.pos += n }

func (l *lex) errorf(off int, format string, args ...any) {
	l.errs = append(l.errs, &Error{Pos: l.lines.position(l.name, l.src, off), Msg: fmt.Sprintf(format, args...)})
}

// digitName is the length of a name that begins with digits at the start
// of s (pongo2's 51232_3), or 0 when the word is all digits.
func digitName(s string) int {
	n, named := 0, false
	for n < len(s) {
		c := s[n]
		switch {
		case c >= '0' && c <= '9':
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			named = true
		default:
			if named {
				return n
			}
			return 0
		}
		n++
	}
	if named {
		return n
	}
	return 0
}

// lexText scans literal text up to the next "{{", "{%" or "{#".
func lexText(l *lex) stateFn {
	if l.afterBlock {
		l.afterBlock = false
		if l.trimBlocks && l.pos < len(l.src) && l.src[l.pos] == '\n' {
			l.advance(1) // trim_blocks: the newline after a tag goes
		}
	}
	if l.trimNext {
		l.trimNext = false
		l.advance(len(l.src[l.pos:]) - len(strings.TrimLeft(l.src[l.pos:], " \t\n\r\f\v")))
	}
	start := l.pos
	i := l.pos
	for {
		j := strings.IndexByte(l.src[i:], '{')
		if j < 0 || i+j+1 >= len(l.src) {
			i = len(l.src)
			break
		}
		i += j
		if c := l.src[i+1]; c == '{' || c == '%' || c == '#' {
			break
		}
		i++
	}
	if i > l.pos {
		text := l.src[l.pos:i]
		l.advance(i - l.pos)
		l.emit(segment{kind: segText, pos: Pos(start), end: Pos(l.pos), text: text})
	}
	if l.pos >= len(l.src) {
		return nil
	}
	open := l.pos
	l.advance(2)
	if l.lstripBlocks && l.src[l.pos-1] == '%' {
		// lstrip_blocks: the spaces and tabs before a tag go.
		if n := len(l.segs); n > 0 && l.segs[n-1].kind == segText && int(l.segs[n-1].end) == open {
			l.segs[n-1].text = strings.TrimRight(l.segs[n-1].text, " \t")
		}
	}
	if l.trim && l.pos < len(l.src) && l.src[l.pos] == '-' && l.src[l.pos-1] != '#' {
		// {%- and {{-: the text before loses its trailing whitespace.
		if n := len(l.segs); n > 0 && l.segs[n-1].kind == segText && int(l.segs[n-1].end) == open {
			l.segs[n-1].text = strings.TrimRight(l.segs[n-1].text, " \t\n\r\f\v")
		}
		l.advance(1)
	}
	switch l.src[l.pos-1] {
	case '-':
		if l.src[l.pos-2] == '{' {
			l.lexInside(segVar, "}}", open)
			return lexText
		}
		l.lexInside(segTag, "%}", open)
		return lexAfterTag
	case '{':
		l.lexInside(segVar, "}}", open)
		return lexText
	case '%':
		l.lexInside(segTag, "%}", open)
		return lexAfterTag
	default:
		return lexComment
	}
}

// lexComment scans {# … #}.
func lexComment(l *lex) stateFn {
	open := l.pos - 2
	j := strings.Index(l.src[l.pos:], "#}")
	if j < 0 {
		l.errorf(open, "{# is never closed: expected #} before the end of the template")
		text := l.src[l.pos:]
		l.advance(len(text))
		l.emit(segment{kind: segComment, pos: Pos(open), end: Pos(l.pos), text: text, bad: true})
		return nil
	}
	text := l.src[l.pos : l.pos+j]
	l.advance(j + 2)
	l.emit(segment{kind: segComment, pos: Pos(open), end: Pos(l.pos), text: text, closed: true})
	return lexText
}

// lexAfterTag switches to raw mode after {% verbatim %} and {% comment %},
// whose bodies are not template source.
func lexAfterTag(l *lex) stateFn {
	seg := l.last
	if !seg.closed {
		return lexText
	}
	l.afterBlock = true
	switch name, _ := tagName(seg); name {
	case "verbatim":
		_, rest := tagWords(seg.toks)
		return lexRaw("endverbatim" + rest)
	case "comment":
		return lexRaw("endcomment")
	}
	return lexText
}

// tagWords returns a tag's name and the rest of its tokens as " a b c".
func tagWords(toks []token) (name, rest string) {
	var b strings.Builder
	for _, t := range toks {
		if t.Type == tokSpace || t.Type == tokEOF {
			continue
		}
		if name == "" {
			name = t.Value
			continue
		}
		b.WriteByte(' ')
		b.WriteString(t.Value)
	}
	return name, b.String()
}

// lexRaw returns a state that keeps everything up to the tag whose words
// are end as one raw segment, then lexes that tag.
func lexRaw(end string) stateFn {
	return func(l *lex) stateFn {
		start := l.pos
		i := l.pos
		for {
			j := strings.Index(l.src[i:], "{%")
			if j < 0 {
				i = len(l.src)
				break
			}
			i += j
			k := strings.Index(l.src[i+2:], "%}")
			if k < 0 {
				i = len(l.src)
				break
			}
			if strings.Join(strings.Fields(l.src[i+2:i+2+k]), " ") == end {
				break
			}
			i += 2
		}
		text := l.src[l.pos:i]
		l.advance(i - l.pos)
		l.emit(segment{kind: segRaw, pos: Pos(start), end: Pos(l.pos), text: text})
		return lexText
	}
}

// lexInside scans the tokens of {{ … }} or {% … %} up to closer; the
// opening delimiter is already consumed.
func (l *lex) lexInside(kind segKind, closer string, open int) {
	l.reuseTokens()
	if cap(l.toks)-len(l.toks) < 8 {
		l.toks = make([]token, 0, l.tokNext)
		l.tokNext = min(tokBlock, 2*l.tokNext)
	}
	l.first = len(l.toks)
	seg := segment{kind: kind, pos: Pos(open)}
	prevDot := false
	// words: the arguments of {% block %} and {% endblock %} are words
	// split at whitespace, as Django reads them (token.contents.split()):
	// {% block nav-sidebar %} names the block "nav-sidebar".
	words := false
	for {
		if l.pos >= len(l.src) {
			l.errorf(open, "%s is never closed: expected %s before the end of the template", l.src[open:open+2], closer)
			seg.bad = true
			l.push(token{Type: tokEOF, Pos: tokPos(l.pos)})
			break
		}
		if strings.HasPrefix(l.src[l.pos:], closer) {
			l.push(token{Type: tokEOF, Pos: tokPos(l.pos)})
			l.advance(2)
			seg.closed = true
			break
		}
		if l.trim && l.src[l.pos] == '-' && strings.HasPrefix(l.src[l.pos+1:], closer) {
			// -%} and -}}: the text after loses its leading whitespace.
			l.push(token{Type: tokEOF, Pos: tokPos(l.pos)})
			l.advance(3)
			seg.closed, l.trimNext = true, true
			break
		}
		pos := l.pos
		c := l.src[l.pos]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(l.src[l.pos:])
		}
		n, typ := 0, tokPunct
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			n, typ = spaceLen(l.src[l.pos:]), tokSpace
			if kind == segTag && l.afterBlockName(l.first) {
				words = true
			}
		case words:
			n, typ = wordLen(l.src[l.pos:], closer), tokIdent
		case r == '_' || unicode.IsLetter(r):
			n, typ = l.word()
		case c >= '0' && c <= '9' && l.pongo2 && digitName(l.src[l.pos:]) > 0:
			n, typ = digitName(l.src[l.pos:]), tokIdent
		case c >= '0' && c <= '9':
			n = numberLen(l.src[l.pos:], prevDot)
			if !prevDot {
				n = numberOrPath(l.src[l.pos:], n)
			}
			typ = tokLit
		case c == '.' && !prevDot && !l.afterOperand(l.first) && dotNumberLen(l.src[l.pos:]) > 0:
			// .5 where an operand starts is a number, as in Django.
			n, typ = dotNumberLen(l.src[l.pos:]), tokLit
		case c == '"' || c == '\'':
			var ok bool
			n, ok = stringLen(l.src[l.pos:])
			typ = tokLit
			if !ok {
				// Recover at the closing delimiter if the broken string swallowed it.
				if k := strings.Index(l.src[l.pos:l.pos+n], closer); k > 0 {
					n = k
				}
				l.fail(&seg, pos, "string literal is not closed: expected %c before the end of the line", c)
			}
		default:
			n, typ = punctLen(l.src[l.pos:])
			if n == 0 {
				l.fail(&seg, pos, "unexpected character %q in %s", r, what(kind))
				l.advance(size)
				continue
			}
		}
		val := l.src[l.pos : l.pos+n]
		l.push(token{Type: typ, Value: val, Pos: tokPos(pos)})
		if typ != tokSpace {
			prevDot = val == "."
		}
		l.advance(n)
	}
	seg.end = Pos(l.pos)
	seg.toks = l.toks[l.first:len(l.toks):len(l.toks)]
	l.emit(seg)
}

// push appends a token of the tag being lexed (which began at l.first).
// A tag that outgrows its block moves, alone, to a new block twice its
// size, so that a long tag costs its length, not the block before it.
func (l *lex) push(t token) {
	if len(l.toks) == cap(l.toks) {
		tag := l.toks[l.first:]
		l.toks = append(make([]token, 0, max(l.tokNext, 2*len(tag)+64)), tag...)
		l.first = 0
	}
	l.toks = append(l.toks, t)
}

// fail reports a lexical error in a tag, only the first one per tag: the
// rest are usually its echoes.
func (l *lex) fail(seg *segment, pos int, format string, args ...any) {
	if !seg.bad {
		l.errorf(pos, format, args...)
	}
	seg.bad = true
}

func what(kind segKind) string {
	if kind == segVar {
		return "{{ }}"
	}
	return "{% %}"
}

// word scans a name, keyword or constant. "not in" and "is not" become
// one keyword token each, as they are one operator.
func (l *lex) word() (int, lexer.TokenType) {
	s := l.src[l.pos:]
	n := identLen(s)
	w := s[:n]
	switch {
	case w == "not" || w == "is":
		next := "in"
		if w == "is" {
			next = "not"
		}
		sp := spaceLen(s[n:])
		rest := s[n+sp:]
		if sp > 0 && identLen(rest) == len(next) && strings.HasPrefix(rest, next) {
			return n + sp + len(next), tokKeyword
		}
		if w == "not" {
			return n, tokNot
		}
		return n, tokKeyword
	}
	// The keywords and constants tables, as a switch: no hashing per word.
	switch w {
	case "and", "or", "in":
		return n, tokKeyword
	case "True", "False", "None", "true", "false", "none", "nil":
		return n, tokLit
	}
	return n, tokIdent
}

func spaceLen(s string) int {
	i := 0
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			i++
			continue
		}
		break
	}
	return i
}

func identLen(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				i++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += size
	}
	return i
}

// numberLen scans an integer or float; after a "." (a lookup such as
// a.0.1) only digits are taken, so that 0.1 there is two indexes.
func numberLen(s string, afterDot bool) int {
	i := digits(s, 0)
	if afterDot {
		return i
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i = digits(s, i+1)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			i = digits(s, j)
		}
	}
	return i
}

// numberOrPath extends the number of length n at the start of s to the
// whole run of word characters and dots after it, when there is one:
// Django reads such a run (1.2.3, 2., 2.x, 1abc) as a variable and its
// lookups unless all of it is a number (1.e5). litKind tells which.
func numberOrPath(s string, n int) int {
	if n < len(s) && (s[n] == '.' || identLen(s[n:]) > 0) {
		return pathLen(s)
	}
	return n
}

// pathLen is the length of the run of word characters and dots that s
// starts with.
func pathLen(s string) int {
	i := 0
	for i < len(s) {
		if s[i] == '.' {
			i++
			continue
		}
		n := identLen(s[i:])
		if n == 0 {
			break
		}
		i += n
	}
	return i
}

// dotNumberLen is the length of the number (.5, .5e3) that s starts with,
// or 0 when the run of word characters and dots there is not one.
func dotNumberLen(s string) int {
	if len(s) < 2 || s[1] < '0' || s[1] > '9' {
		return 0
	}
	n := pathLen(s)
	if ok, _ := pyNumber(s[:n]); !ok {
		return 0
	}
	return n
}

// afterOperand reports whether the last token of the tag being lexed
// (from index first on) ends an operand right before the current byte,
// so that a "." there is a lookup: a.5, f(x).0, a.in.2.
func (l *lex) afterOperand(first int) bool {
	if len(l.toks) == first {
		return false
	}
	switch t := l.toks[len(l.toks)-1]; t.Type {
	case tokIdent, tokLit, tokKeyword, tokNot:
		return true
	case tokPunct:
		return t.Value == ")" || t.Value == "]"
	}
	return false
}

// afterBlockName reports whether the tokens so far (from index first on)
// are the name of a block or endblock tag, with nothing after it.
func (l *lex) afterBlockName(first int) bool {
	toks := l.toks[first:]
	if len(toks) == 2 && toks[0].Type == tokSpace {
		toks = toks[1:]
	}
	return len(toks) == 1 && toks[0].Type == tokIdent && (toks[0].Value == "block" || toks[0].Value == "endblock")
}

// wordLen is the length of the word s starts with: up to whitespace or
// the tag's closing delimiter.
func wordLen(s, closer string) int {
	i := 0
	for i < len(s) && spaceLen(s[i:]) == 0 && !strings.HasPrefix(s[i:], closer) {
		i++
	}
	return i
}

// pyNumber reports whether v, which starts with a digit or a dot, is a
// number as Django's Variable reads one: what Python's int() accepts
// when v has no "." or "e", else what float() accepts, but not ending in
// "." ("2." is a lookup). Digits may be grouped with single underscores
// (1_000), as Python allows.
func pyNumber(v string) (ok, isFloat bool) {
	if v == "" || v[len(v)-1] == '.' {
		return false, false
	}
	if !strings.ContainsAny(v, ".eE") {
		return digitPart(v, 0) == len(v), false
	}
	i := digitPart(v, 0)
	mantissa := i > 0
	if i < len(v) && v[i] == '.' {
		j := digitPart(v, i+1)
		mantissa = mantissa || j > i+1
		i = j
	}
	if !mantissa {
		return false, true
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '+' || v[i] == '-') {
			i++
		}
		j := digitPart(v, i)
		if j == i {
			return false, true
		}
		i = j
	}
	return i == len(v), true
}

// digitPart returns the end of the digits, grouped by single underscores,
// at v[i:]; i when there is no digit there.
func digitPart(v string, i int) int {
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
		if i+1 < len(v) && v[i] == '_' && v[i+1] >= '0' && v[i+1] <= '9' {
			i++
		}
	}
	return i
}

// litKind tells a literal token's kind from its spelling. A run that
// starts with a digit and is not a number (1.2.3) is a name with lookups.
func litKind(v string) TokenKind {
	switch c := v[0]; {
	case c == '"' || c == '\'':
		return StringToken
	case c >= '0' && c <= '9' || c == '.':
		ok, isFloat := pyNumber(v)
		switch {
		case !ok:
			return IdentToken
		case isFloat:
			return FloatToken
		}
		return IntToken
	}
	return IdentToken
}

func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// stringLen scans a quoted string with backslash escapes; a string ends at
// its line, as Django's do.
func stringLen(s string) (int, bool) {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && s[i+1] != '\n' {
				i++
			}
		case q:
			return i + 1, true
		case '\n':
			return i, false
		}
	}
	return len(s), false
}

var punct2 = [...]string{"==", "!=", "<=", ">=", "&&", "||"}

// punctLen scans an operator or punctuation mark.
func punctLen(s string) (int, lexer.TokenType) {
	if len(s) >= 2 {
		for _, p := range punct2 {
			if s[:2] == p {
				return 2, tokOp
			}
		}
	}
	switch c := s[0]; {
	case strings.IndexByte("<>*/%^", c) >= 0:
		return 1, tokOp
	case c == '+' || c == '-':
		return 1, tokSign
	case c == '!':
		return 1, tokNot
	case strings.IndexByte("()[].,|:=", c) >= 0:
		return 1, tokPunct
	}
	return 0, 0
}

// unquote undoes a string literal as Django does: a backslash before the
// quote or another backslash escapes it; any other backslash stays.
func unquote(lit string) string { return unquoteWith(lit, lit[0]) }

// unquotePongo2 reads a string literal as pongo2 does: in either kind of
// quotes, \" is a quote and \\ a backslash (and, as in Django, \' in
// single quotes is a quote).
func unquotePongo2(lit string) string { return unquoteWith(lit, '"') }

// unquoteWith undoes a string literal in which a backslash escapes the
// quote, another backslash, or also.
func unquoteWith(lit string, also byte) string {
	q, s := lit[0], lit[1:]
	if len(s) > 0 && s[len(s)-1] == q {
		s = s[:len(s)-1]
	}
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == q || s[i+1] == also || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// quote writes s as a double-quoted literal that unquote reads back.
func quote(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}
