package filters

import (
	"github.com/braidtpl/braid/render"

	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds Django's text filters as plain string functions. Where
// Django calls a Python str method (upper, lower, title, split), the
// function follows Python's definition: full Unicode case mappings
// (SpecialCasing), the Final_Sigma rule of lower, the "cased" property of
// title and Python's whitespace.

// Capfirst is Django's capfirst: the first character upper-cased as Python's
// str.upper() does it ("ß" becomes "SS"), the rest unchanged.
func Capfirst(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return string(rune(r-'a'+'A')) + s[1:]
		}
		return s
	}
	if r == utf8.RuneError && size == 1 {
		return s
	}
	if up, ok := specialUpper[r]; ok {
		return up + s[size:]
	}
	u := unicode.ToUpper(r)
	if u == r {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + utf8.UTFMax)
	b.WriteRune(u)
	b.WriteString(s[size:])
	return b.String()
}

// Upper is Django's upper filter, Python's str.upper(): full Unicode
// upper-case mappings, so "ß" becomes "SS" and "ﬁ" becomes "FI". A string
// that does not change is returned without allocating.
func Upper(s string) string {
	if isASCII(s) {
		return strings.ToUpper(s)
	}
	var b strings.Builder
	started := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var mapped string
		var one rune = -1
		if m, ok := specialUpper[r]; ok {
			mapped = m
		} else if r == utf8.RuneError && size == 1 {
			one = r // an invalid byte is copied below
		} else {
			one = unicode.ToUpper(r)
		}
		if !started {
			if one == r {
				i += size
				continue
			}
			started = true
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
		}
		switch {
		case mapped != "":
			b.WriteString(mapped)
		case r == utf8.RuneError && size == 1:
			b.WriteByte(s[i])
		default:
			b.WriteRune(one)
		}
		i += size
	}
	if !started {
		return s
	}
	return b.String()
}

// Lower is Django's lower filter, Python's str.lower(): full Unicode
// lower-case mappings ("İ" becomes "i̇") and the Final_Sigma rule ("ΟΔΟΣ"
// becomes "οδος"). A string that does not change is returned without
// allocating.
func Lower(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	started := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			if started {
				b.WriteByte(s[i])
			}
			i += size
			continue
		}
		if r == 0x130 { // İ: i and a combining dot above
			if !started {
				started = true
				b.Grow(len(s) + 8)
				b.WriteString(s[:i])
			}
			b.WriteString("i\u0307")
			i += size
			continue
		}
		l := lowerRune(s, i, r)
		if !started {
			if l == r {
				i += size
				continue
			}
			started = true
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
		}
		b.WriteRune(l)
		i += size
	}
	if !started {
		return s
	}
	return b.String()
}

// lowerRune is the one-rune lower-case mapping of r at byte offset i of s,
// with Python's Final_Sigma rule for Σ (U+03A3); İ is handled by callers.
func lowerRune(s string, i int, r rune) rune {
	if r == 0x3a3 {
		if finalSigma(s, i) {
			return 0x3c2
		}
		return 0x3c3
	}
	return unicode.ToLower(r)
}

// finalSigma reports whether the Σ at byte offset i of s is in the
// Final_Sigma context as CPython tests it: a cased character before it
// (skipping case-ignorable ones) and none after it.
func finalSigma(s string, i int) bool {
	j := i
	found := false
	for j > 0 {
		c, size := utf8.DecodeLastRuneInString(s[:j])
		j -= size
		if !isCaseIgnorable(c) {
			found = isCased(c)
			break
		}
	}
	if !found {
		return false
	}
	for j = i + len("Σ"); j < len(s); {
		c, size := utf8.DecodeRuneInString(s[j:])
		j += size
		if !isCaseIgnorable(c) {
			return !isCased(c)
		}
	}
	return true
}

// isCased is Unicode's Cased property, which Python's title() tests.
func isCased(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.In(r, unicode.Lu, unicode.Ll, unicode.Lt, unicode.Other_Lowercase, unicode.Other_Uppercase)
}

// isCaseIgnorable is Unicode's Case_Ignorable property: marks, format
// characters, modifier letters and symbols, and the characters that
// Word_Break calls MidLetter, MidNumLet or Single_Quote.
func isCaseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '^', '`', 0xa8, 0xad, 0xaf, 0xb4, 0xb7, 0xb8,
		0x387, 0x55f, 0x5f4, 0x2018, 0x2019, 0x2024, 0x2027,
		0xfe13, 0xfe52, 0xfe55, 0xff07, 0xff0e, 0xff1a:
		return true
	}
	if r < 0x2b0 {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// titleMapped is the title-case mapping of r (Python's full mapping): a
// string when it is several runes, else the one rune.
func titleMapped(r rune) (string, rune) {
	if m, ok := specialTitle[r]; ok {
		return m, -1
	}
	return "", unicode.ToTitle(r)
}

// Title is Django's title filter: Python's str.title(), which upper-cases
// (title-cases) a character that follows an uncased one and lower-cases a
// cased character that follows a cased one, then Django's two fixes on the
// result: re.sub("([a-z])'([A-Z])") lower-cases an ASCII capital after a
// lower-case ASCII letter and an apostrophe ("they're", not "They'Re"), and
// re.sub(r"\d([A-Z])") lower-cases an ASCII capital after a digit ("1st").
// Case mappings are Python's full ones ("ß" at the start of a word becomes
// "Ss"). A string that does not change is returned without allocating.
func Title(s string) string {
	if isASCII(s) {
		return titleASCII(s)
	}
	t := titler{s: s}
	prevCased := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			r := rune(c)
			switch {
			case 'a' <= c && c <= 'z':
				if !prevCased {
					r -= 'a' - 'A'
				}
				prevCased = true
			case 'A' <= c && c <= 'Z':
				if prevCased {
					r += 'a' - 'A'
				}
				prevCased = true
			default:
				prevCased = false
			}
			t.emit(i, i+1, r)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			t.emitRaw(i)
			prevCased = false
			i++
			continue
		}
		if prevCased {
			if r == 0x130 {
				t.emitString(i, i+size, "i\u0307")
			} else {
				t.emit(i, i+size, lowerRune(s, i, r))
			}
		} else if m, one := titleMapped(r); m != "" {
			t.emitString(i, i+size, m)
		} else {
			t.emit(i, i+size, one)
		}
		prevCased = isCased(r)
		i += size
	}
	return t.result()
}

// titleASCII is Title for ASCII text, where every character maps to one
// byte: the output is built in stack chunks and copied once.
func titleASCII(s string) string {
	var b strings.Builder
	var chunk [64]byte
	n := 0
	started := false
	prevCased := false
	var prev1, prev2 byte // str.title()'s output, before Django's fixes
	for i := 0; i < len(s); i++ {
		c := s[i]
		r := c
		isLower, isUpper := 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z'
		if isLower && !prevCased {
			r = c - ('a' - 'A')
		} else if isUpper && prevCased {
			r = c + ('a' - 'A')
		}
		prevCased = isLower || isUpper
		out := r
		if 'A' <= r && r <= 'Z' &&
			(prev1 == '\'' && 'a' <= prev2 && prev2 <= 'z' || '0' <= prev1 && prev1 <= '9') {
			out = r + ('a' - 'A')
		}
		prev2, prev1 = prev1, r
		if !started {
			if out == c {
				continue
			}
			started = true
			b.Grow(len(s))
			b.WriteString(s[:i])
		}
		chunk[n] = out
		n++
		if n == len(chunk) {
			b.Write(chunk[:])
			n = 0
		}
	}
	if !started {
		return s
	}
	b.Write(chunk[:n])
	return b.String()
}

// titler builds Title's output lazily: nothing is allocated while the
// output equals the input. It applies Django's two regular-expression fixes
// as the runes of str.title()'s result go by: prev1 and prev2 are the last
// two runes of that result (before the fixes).
type titler struct {
	s       string
	b       strings.Builder
	started bool
	prev1   rune
	prev2   rune
}

// emit adds rune r of str.title()'s result, produced for s[i:j].
func (t *titler) emit(i, j int, r rune) {
	out := r
	if 'A' <= r && r <= 'Z' &&
		(t.prev1 == '\'' && 'a' <= t.prev2 && t.prev2 <= 'z' || isDecimal(t.prev1)) {
		out = r + 'a' - 'A'
	}
	t.prev2, t.prev1 = t.prev1, r
	if !t.started {
		if out < utf8.RuneSelf {
			if j == i+1 && rune(t.s[i]) == out {
				return
			}
		} else if c, size := utf8.DecodeRuneInString(t.s[i:j]); c == out && size == j-i {
			return
		}
		t.start(i)
	}
	if out < utf8.RuneSelf {
		t.b.WriteByte(byte(out))
	} else {
		t.b.WriteRune(out)
	}
}

// emitString adds several runes produced for s[i:j].
func (t *titler) emitString(i, j int, m string) {
	if !t.started {
		t.start(i)
	}
	for _, r := range m {
		t.emit(i, j, r)
	}
}

// emitRaw copies the invalid byte s[i].
func (t *titler) emitRaw(i int) {
	t.prev2, t.prev1 = t.prev1, utf8.RuneError
	if t.started {
		t.b.WriteByte(t.s[i])
	}
}

func (t *titler) start(i int) {
	t.started = true
	t.b.Grow(len(t.s) + 8)
	t.b.WriteString(t.s[:i])
}

func (t *titler) result() string {
	if !t.started {
		return t.s
	}
	return t.b.String()
}

// isDecimal is Python's \d: a Unicode decimal digit.
func isDecimal(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isPySpace is Python's str.isspace() (and \s in str patterns).
func isPySpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0,
		0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}

// TruncateChars is Django's truncatechars (Truncator.chars): a string longer
// than n characters is cut to n-1 characters and "…" is appended (even
// after a "…" already there). Combining characters (canonical combining
// class not 0) are not counted and stay with the character before them. For
// n < 1 the result is "" (Django's Truncator.chars since 4.x).
//
// Django first normalizes the text to NFC (and returns the normalized text
// even when it does not truncate); the standard library has no
// normalization, so the text is used as is. The two agree on NFC input,
// which is what nearly all text is.
func TruncateChars(s string, n int) string {
	if n <= 0 {
		return ""
	}
	count := 0
	end := -1
	for i, r := range s {
		if r >= 0x300 && unicode.Is(combiningClassNonZero, r) {
			continue
		}
		count++
		if end < 0 && count > n-1 {
			end = i
		}
		if count > n {
			return s[:max(end, 0)] + "…"
		}
	}
	return s
}

// TruncateWords is Django's truncatewords (Truncator.words with " …"): the
// text is split on runs of whitespace (Python's str.split()); if there are
// more than n words, the first n are joined with single spaces and " …" is
// appended (unless the joined text already ends with " …"); otherwise all
// words are joined with single spaces. A negative n drops that many words
// from the end, as Python's slice words[:n] does.
func TruncateWords(s string, n int) string {
	total, normalized := countWords(s)
	if total <= n {
		if normalized {
			return s
		}
		return joinWords(s, total)
	}
	keep := n
	if n < 0 {
		keep = max(total+n, 0)
	}
	text := joinWords(s, keep)
	if strings.HasSuffix(text, " …") {
		return text
	}
	return text + " …"
}

// countWords counts the words of s as Python's str.split() finds them, and
// reports whether s is already its words joined by single spaces.
func countWords(s string) (words int, normalized bool) {
	normalized = true
	inWord := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isPySpace(r) {
			if !inWord || r != ' ' || i+1 >= len(s) || s[i+1] == ' ' {
				normalized = false
			}
			inWord = false
		} else if !inWord {
			inWord = true
			words++
		}
		i += size
	}
	if words > 0 && !inWord {
		normalized = false
	}
	return words, normalized
}

// joinWords joins the first n words of s with single spaces.
func joinWords(s string, n int) string {
	var b strings.Builder
	b.Grow(len(s) + len(" …"))
	words := 0
	start := -1
	for i := 0; i <= len(s) && words < n; {
		r, size := rune(' '), 1
		if i < len(s) {
			r, size = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		if i == len(s) || isPySpace(r) {
			if start >= 0 {
				if words > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(s[start:i])
				words++
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	return b.String()
}

// EscapeHTML is Django's escape and force_escape (django.utils.html.escape,
// which is Python's html.escape): & < > " ' become &amp; &lt; &gt; &quot;
// &#x27;. A string with none of them is returned as is, without allocating.
func EscapeHTML(s string) string { return render.EscapeHTML(s) }

// ErrSuspiciousHTML is the error of StripTagsStrict where Django's
// strip_tags raises SuspiciousOperation: the text needs more than 50 rounds
// of stripping, or a "<" and a letter are followed by 1000 or more
// characters without ">" that hold, with it, 50 or more "<".
var ErrSuspiciousHTML = errors.New("strip_tags: suspicious HTML (too deeply nested or long unclosed tags)")

// ErrUnparsableHTML is the error of StripTagsStrict where Python's
// html.parser raises AssertionError inside Django's strip_tags: a "<![" not
// followed by a name, or a marked section whose keyword is not one of
// CDATA, TEMP, IGNORE, INCLUDE, RCDATA, IF, ELSE, ENDIF.
var ErrUnparsableHTML = errors.New("strip_tags: HTML parser error: malformed <![ marked section")

// maxStripTagsDepth is Django's MAX_STRIP_TAGS_DEPTH.
const maxStripTagsDepth = 50

// StripTags is Django's striptags filter (django.utils.html.strip_tags).
// Django feeds the text to an html.parser.HTMLParser that keeps only the
// text, and entity and character references written back as "&name;" and
// "&#num;"; it repeats while the text has both "<" and ">", and a round that
// removes no "<" is discarded (so references alone are never rewritten).
// StripTags reproduces that parser's handling of tags,
// attributes (quoted values may hold ">"), comments, declarations,
// processing instructions, script and style contents (kept as text; an
// unclosed one is dropped) and unfinished constructs at the end, as the
// html.parser of Python 3.11 does (later Python releases changed some
// handling of malformed markup). "<b>bold</b> text" gives "bold text",
// "a < b" is left alone, "<!-- x -->" is removed.
//
// Where Django raises an exception (see StripTagsStrict) StripTags returns
// the text as the last complete round left it.
func StripTags(s string) string {
	out, _ := StripTagsStrict(s)
	return out
}

// StripTagsStrict is StripTags that also returns the error where Django
// raises one: ErrSuspiciousHTML or ErrUnparsableHTML. The string is then the
// text as the last complete round left it.
func StripTagsStrict(s string) (string, error) {
	lt := strings.Count(s, "<")
	if lt == 0 {
		return s, nil
	}
	if hasLongOpenTag(s) {
		return s, ErrSuspiciousHTML
	}
	value := s
	for depth := 0; lt > 0 && strings.IndexByte(value, '>') >= 0; depth++ {
		if depth >= maxStripTagsDepth {
			return value, ErrSuspiciousHTML
		}
		p := stripper{s: value}
		p.out.Grow(len(value))
		p.goahead(false)
		if p.err == nil {
			p.goahead(true)
		}
		if p.err != nil {
			return value, p.err
		}
		if p.lt == lt {
			break // no tag was removed
		}
		value, lt = p.out.String(), p.lt
	}
	return value, nil
}

// hasLongOpenTag is Django's check that raises SuspiciousOperation before
// stripping: a match of <[a-zA-Z][^>]{1000,} (1000 characters, not bytes)
// holding at least maxStripTagsDepth "<".
func hasLongOpenTag(s string) bool {
	for seg := 0; seg < len(s); {
		end := strings.IndexByte(s[seg:], '>')
		if end < 0 {
			end = len(s)
		} else {
			end += seg
		}
		// Within a run without ">", the first "<" + letter has the longest
		// tail, so it alone decides whether the run matches.
		if end-seg >= 1002 {
			for p := seg; p+1 < end; p++ {
				if s[p] == '<' && isASCIILetter(s[p+1]) {
					if utf8.RuneCountInString(s[p+2:end]) >= 1000 &&
						strings.Count(s[p:end], "<") >= maxStripTagsDepth {
						return true
					}
					break
				}
			}
		}
		seg = end + 1
	}
	return false
}

// stripper is one round of Django's MLStripper: Python's HTMLParser with
// convert_charrefs=False whose handlers keep data, entity references and
// character references and drop everything else. Positions are byte offsets
// into s; base is where the parser's unprocessed rawdata starts. The
// feed/close pair is goahead(false) then goahead(true).
//
// The regular expressions of html.parser and _markupbase are matched by hand
// with their backtracking worked out. Searches that Python repeats from
// nearby positions (the next ">", the end of a comment, the attributes of a
// start tag) are cached so that one round stays linear.
type stripper struct {
	s     string
	base  int
	out   strings.Builder
	lt    int    // "<" written to out
	cdata string // "script" or "style" inside such an element, else ""
	err   error

	gt       searchCache // next ">"
	semi     searchCache // next ";"
	comment  searchCache // --\s*>
	marked   searchCache // ]\s*]\s*>
	msMarked searchCache // ]\s*>
	quote1   searchCache // next "'"
	quote2   searchCache // next '"'
	// tagName caches the end of the last tag name scanned: every "<" + letter
	// inside that name has the same end.
	tagNameFrom, tagNameEnd int
	// attrsEnd[q] is 1 + the end of the attribute list whose iteration
	// started at q, kept once attribute scans have done more work than a few
	// passes over s; attrStarts then collects the iteration starts of the
	// current scan.
	attrsEnd   []int32
	attrStarts []int
	attrWork   int
}

// searchCache remembers the last forward search: from position from, the
// first match starts at at (-1: none) and ends at end. A search from any
// position in [from, at] has the same answer.
type searchCache struct {
	valid         bool
	from, at, end int
}

func (c *searchCache) find(s string, from int, search func(string, int) (int, int)) (int, int) {
	if c.valid && c.from <= from && (c.at < 0 || from <= c.at) {
		return c.at, c.end
	}
	at, end := search(s, from)
	*c = searchCache{valid: true, from: from, at: at, end: end}
	return at, end
}

func indexByteFrom(s string, c byte, from int) (int, int) {
	if from > len(s) {
		return -1, -1
	}
	i := strings.IndexByte(s[from:], c)
	if i < 0 {
		return -1, -1
	}
	return from + i, from + i + 1
}

func (p *stripper) nextGT(from int) int {
	at, _ := p.gt.find(p.s, from, func(s string, f int) (int, int) { return indexByteFrom(s, '>', f) })
	return at
}

// markup handles the construct at s[i] == '<' as HTMLParser.goahead
// does, with the caller's start-tag, end-tag and text handlers; k is where
// parsing goes on (< 0: incomplete), more is false at a final lone "<".
func (p *stripper) markup(i int, start, end func(int) int, data func(string)) (k int, more bool) {
	s, n := p.s, len(p.s)
	switch {
	case i+1 < n && isASCIILetter(s[i+1]):
		return start(i), true
	case strings.HasPrefix(s[i:], "</"):
		return end(i), true
	case strings.HasPrefix(s[i:], "<!--"):
		return p.parseComment(i), true
	case strings.HasPrefix(s[i:], "<?"):
		if k = p.nextGT(i + 2); k >= 0 {
			k++
		}
		return k, true
	case strings.HasPrefix(s[i:], "<!"):
		return p.parseHTMLDeclaration(i), true
	case i+1 < n:
		data("<")
		return i + 1, true
	}
	return 0, false
}

func (p *stripper) data(d string) {
	p.out.WriteString(d)
	p.lt += strings.Count(d, "<")
}

// goahead is HTMLParser.goahead.
func (p *stripper) goahead(end bool) {
	s := p.s
	n := len(s)
	i := p.base
loop:
	for i < n {
		var j int
		if p.cdata == "" {
			j = strings.IndexAny(s[i:], "&<")
			if j < 0 {
				j = n
			} else {
				j += i
			}
		} else {
			j = p.cdataEnd(i)
			if j < 0 {
				break loop
			}
		}
		if i < j {
			p.data(s[i:j])
		}
		i = j
		if i == n {
			break loop
		}
		if s[i] == '<' {
			k, more := p.markup(i, p.parseStartTag, p.parseEndTag, p.data)
			if !more {
				break loop
			}
			if p.err != nil {
				return
			}
			if k < 0 {
				if !end {
					break loop
				}
				k = p.nextGT(i + 1)
				if k < 0 {
					k = strings.IndexByte(s[i+1:], '<')
					if k < 0 {
						k = i + 1
					} else {
						k += i + 1
					}
				} else {
					k++
				}
				p.data(s[i:k])
			}
			i = k
		} else if strings.HasPrefix(s[i:], "&#") {
			if name, k, ok := matchCharref(s, i); ok {
				p.out.WriteString("&#")
				p.out.WriteString(name)
				p.out.WriteByte(';')
				i = k
				continue
			}
			if at, _ := p.semi.find(s, i, func(s string, f int) (int, int) { return indexByteFrom(s, ';', f) }); at >= 0 {
				p.data(s[i : i+2])
				i += 2
			}
			break loop
		} else { // '&'
			if name, k, ok := matchEntityref(s, i); ok {
				p.out.WriteByte('&')
				p.out.WriteString(name)
				p.out.WriteByte(';')
				i = k
				continue
			}
			if i+1 < n && (isASCIILetter(s[i+1]) || s[i+1] == '#') { // incomplete
				if end && i+2 == n {
					i++
				}
				break loop
			} else if i+1 < n {
				p.data("&")
				i++
			} else {
				break loop
			}
		}
	}
	if end && i < n && p.cdata == "" {
		p.data(s[i:])
		i = n
	}
	p.base = i
}

// matchCharref matches &#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F] at i and
// returns the reference's name and where parsing goes on (after a ";"
// terminator, at any other).
func matchCharref(s string, i int) (name string, next int, ok bool) {
	p := i + 2
	q := p
	switch {
	case p < len(s) && '0' <= s[p] && s[p] <= '9':
		for q < len(s) && '0' <= s[q] && s[q] <= '9' {
			q++
		}
	case p < len(s) && (s[p] == 'x' || s[p] == 'X'):
		q++
		for q < len(s) && isHexDigit(s[q]) {
			q++
		}
		if q == p+1 {
			return "", 0, false
		}
	default:
		return "", 0, false
	}
	if q >= len(s) || isHexDigit(s[q]) {
		return "", 0, false
	}
	if s[q] == ';' {
		return s[p:q], q + 1, true
	}
	return s[p:q], q, true
}

// matchEntityref matches &([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9] at i, with
// the backtracking that lets a trailing "-" or "." be the terminator at the
// end of the text.
func matchEntityref(s string, i int) (name string, next int, ok bool) {
	p := i + 1
	if p >= len(s) || !isASCIILetter(s[p]) {
		return "", 0, false
	}
	q := p + 1
	for q < len(s) && (isASCIIAlnum(s[q]) || s[q] == '-' || s[q] == '.') {
		q++
	}
	if q < len(s) {
		if s[q] == ';' {
			return s[p:q], q + 1, true
		}
		return s[p:q], q, true
	}
	for r := q - 1; r > p; r-- {
		if s[r] == '-' || s[r] == '.' {
			return s[p:r], r, true
		}
	}
	return "", 0, false
}

// parseStartTag is HTMLParser.parse_starttag; it returns where parsing goes
// on, or -1 for an unfinished tag.
func (p *stripper) parseStartTag(i int) int {
	endpos := p.checkForWholeStartTag(i)
	if endpos < 0 {
		return endpos
	}
	s := p.s
	nameEnd, wellFormed, selfClosing := p.startTagShape(i, endpos)
	tag := s[i+1 : nameEnd]
	if !wellFormed {
		p.data(s[i:endpos])
		return endpos
	}
	if !selfClosing {
		if asciiLowerEquals(tag, "script") {
			p.cdata = "script"
		} else if asciiLowerEquals(tag, "style") {
			p.cdata = "style"
		}
	}
	return endpos
}

// startTagShape scans the start tag s[i:endpos] as HTMLParser's
// parse_starttag does: where its name ends (tagfind_tolerant:
// ([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*), then past the attributes;
// the tag is well formed when ">" or "/>" (selfClosing) is all that is
// left, otherwise it is text.
func (p *stripper) startTagShape(i, endpos int) (nameEnd int, wellFormed, selfClosing bool) {
	s := p.s
	nameEnd = p.tagNameEndFrom(i + 1)
	k := skipSpaceOrSlash(s, nameEnd)
	for k < endpos {
		e, ok := attrIter(s, k, p)
		if !ok {
			break
		}
		k = e
	}
	var rest string
	if k < endpos {
		rest = trimPySpace(s[k:endpos])
	}
	return nameEnd, rest == ">" || rest == "/>", rest == "/>"
}

// checkForWholeStartTag is HTMLParser.check_for_whole_start_tag.
func (p *stripper) checkForWholeStartTag(i int) int {
	s := p.s
	j := p.locateStartTagEnd(i)
	if j >= len(s) {
		return -1
	}
	switch c := s[j]; {
	case c == '>':
		return j + 1
	case c == '/':
		if strings.HasPrefix(s[j:], "/>") {
			return j + 2
		}
		return -1
	case isASCIILetter(c) || c == '=':
		return -1
	}
	return j
}

// locateStartTagEnd matches locatestarttagend_tolerant at i:
//
//	<[a-zA-Z][^\t\n\r\f />\x00]*(?:[\s/]*(?:ATTR)*)?\s*
//
// where ATTR is an attribute (see attrIter). Every part after the tag name
// may match empty, so the greedy path is the match.
func (p *stripper) locateStartTagEnd(i int) int {
	s := p.s
	q := p.tagNameEndFrom(i + 1)
	for q < len(s) {
		r, size := decodeRune(s, q)
		if r != '/' && !isPySpace(r) {
			break
		}
		q += size
	}
	q = p.attrsEndFrom(q)
	return skipPySpace(s, q)
}

// tagNameEndFrom matches [a-zA-Z][^\t\n\r\f />\x00]* at i (s[i] is a
// letter) and returns its end.
func (p *stripper) tagNameEndFrom(i int) int {
	if p.tagNameEnd > 0 && p.tagNameFrom <= i && i < p.tagNameEnd {
		return p.tagNameEnd
	}
	s := p.s
	q := i + 1
	for q < len(s) {
		switch s[q] {
		case '\t', '\n', '\r', '\f', ' ', '/', '>', 0:
			p.tagNameFrom, p.tagNameEnd = i, q
			return q
		}
		q++
	}
	p.tagNameFrom, p.tagNameEnd = i, q
	return q
}

// attrsEndFrom matches ATTR* at q and returns its end.
func (p *stripper) attrsEndFrom(q int) int {
	p.attrStarts = p.attrStarts[:0]
	end := q
	for {
		if p.attrsEnd != nil && p.attrsEnd[end] != 0 {
			end = int(p.attrsEnd[end]) - 1
			break
		}
		if p.attrsEnd != nil {
			p.attrStarts = append(p.attrStarts, end)
		}
		e, ok := attrIter(p.s, end, p)
		if !ok {
			break
		}
		p.attrWork += e - end
		end = e
	}
	if p.attrsEnd == nil && p.attrWork > 4*len(p.s)+1024 && len(p.s) < 1<<31-1 {
		p.attrsEnd = make([]int32, len(p.s)+1)
	}
	if p.attrsEnd != nil {
		for _, q := range p.attrStarts {
			p.attrsEnd[q] = int32(end + 1)
		}
	}
	return end
}

// attrIter matches one attribute at q, the part shared by attrfind_tolerant
// and locatestarttagend_tolerant:
//
//	(?<=['"\s/])[^\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*
//
// and returns its end.
func attrIter(s string, q int, p *stripper) (int, bool) {
	if q <= 0 || q >= len(s) {
		return 0, false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:q])
	if prev != '\'' && prev != '"' && prev != '/' && !isPySpace(prev) {
		return 0, false
	}
	r, size := decodeRune(s, q)
	if r == '/' || r == '>' || isPySpace(r) {
		return 0, false
	}
	e := q + size
	for e < len(s) {
		r, size := decodeRune(s, e)
		if r == '/' || r == '=' || r == '>' || isPySpace(r) {
			break
		}
		e += size
	}
	if ve, ok := p.valueGroup(e); ok {
		e = ve
	}
	return skipSpaceOrSlash(s, e), true
}

// valueGroup matches \s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s* at e,
// backtracking as Python does when the value starts with an unclosed quote.
func (p *stripper) valueGroup(e int) (int, bool) {
	s := p.s
	a := skipPySpace(s, e)
	if a >= len(s) || s[a] != '=' {
		return 0, false
	}
	b := a
	for b < len(s) && s[b] == '=' {
		b++
	}
	c := skipPySpace(s, b)
	if v, ok := p.value(c); ok {
		return skipPySpace(s, v), true
	}
	// s[c] is a quote without a closing one. Give back whitespace first: a
	// bare value matches empty before the last whitespace character.
	if c > b {
		return c, true
	}
	// Then give back an "=": a bare value starting with it.
	if b-a >= 2 {
		return skipPySpace(s, bareValueEnd(s, b-1)), true
	}
	return 0, false
}

// value matches '[^']*'|"[^"]*"|(?!['"])[^>\s]* at c.
func (p *stripper) value(c int) (int, bool) {
	s := p.s
	if c < len(s) && (s[c] == '\'' || s[c] == '"') {
		cache := &p.quote1
		if s[c] == '"' {
			cache = &p.quote2
		}
		q := s[c]
		at, _ := cache.find(s, c+1, func(s string, f int) (int, int) { return indexByteFrom(s, q, f) })
		if at < 0 {
			return 0, false
		}
		return at + 1, true
	}
	return bareValueEnd(s, c), true
}

// bareValueEnd matches [^>\s]* at c.
func bareValueEnd(s string, c int) int {
	for c < len(s) {
		r, size := decodeRune(s, c)
		if r == '>' || isPySpace(r) {
			break
		}
		c += size
	}
	return c
}

// parseEndTag is HTMLParser.parse_endtag.
func (p *stripper) parseEndTag(i int) int {
	s := p.s
	gt := p.nextGT(i + 1)
	if gt < 0 {
		return -1
	}
	gtpos := gt + 1
	if elem, ok := matchEndTag(s, i); ok {
		if p.cdata != "" && !asciiLowerEquals(elem, p.cdata) {
			p.data(s[i:gtpos])
			return gtpos
		}
		p.cdata = ""
		return gtpos
	}
	if p.cdata != "" {
		p.data(s[i:gtpos])
		return gtpos
	}
	if i+2 < len(s) && isASCIILetter(s[i+2]) {
		e := skipSpaceOrSlash(s, p.tagNameEndFrom(i+2))
		return p.nextGT(e) + 1
	}
	if strings.HasPrefix(s[i:], "</>") {
		return i + 3
	}
	return p.nextGT(i+2) + 1 // parse_bogus_comment; a ">" follows
}

// matchEndTag matches </\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*> at i.
func matchEndTag(s string, i int) (string, bool) {
	q := skipPySpace(s, i+2)
	if q >= len(s) || !isASCIILetter(s[q]) {
		return "", false
	}
	e := q + 1
	for e < len(s) && (isASCIIAlnum(s[e]) || s[e] == '-' || s[e] == '.' || s[e] == ':' || s[e] == '_') {
		e++
	}
	g := skipPySpace(s, e)
	if g >= len(s) || s[g] != '>' {
		return "", false
	}
	return s[q:e], true
}

// cdataEnd searches </\s*NAME\s*> (case-insensitive, as Python's re.I) from
// i, where NAME is the open script or style element.
func (p *stripper) cdataEnd(i int) int {
	s := p.s
	for {
		k := strings.Index(s[i:], "</")
		if k < 0 {
			return -1
		}
		at := i + k
		q := skipPySpace(s, at+2)
		if q, ok := matchFoldedName(s, q, p.cdata); ok {
			if g := skipPySpace(s, q); g < len(s) && s[g] == '>' {
				return at
			}
		}
		i = at + 1
	}
}

// matchFoldedName matches the ASCII name at q ignoring case as Python's re.I
// does, where "s" also matches "ſ" and "i" matches "İ" and "ı".
func matchFoldedName(s string, q int, name string) (int, bool) {
	for k := 0; k < len(name); k++ {
		if q >= len(s) {
			return 0, false
		}
		c := s[q]
		if c|0x20 == name[k] && isASCIILetter(c) {
			q++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[q:])
		if name[k] == 's' && r == 0x17f || name[k] == 'i' && (r == 0x130 || r == 0x131) {
			q += size
			continue
		}
		return 0, false
	}
	return q, true
}

// parseComment is _markupbase.ParserBase.parse_comment: the comment ends at
// the first --\s*> after "<!--".
func (p *stripper) parseComment(i int) int {
	_, end := p.comment.find(p.s, i+4, func(s string, f int) (int, int) {
		for {
			k := strings.Index(s[f:], "--")
			if k < 0 {
				return -1, -1
			}
			at := f + k
			if g := skipPySpace(s, at+2); g < len(s) && s[g] == '>' {
				return at, g + 1
			}
			f = at + 1
		}
	})
	return end
}

// parseHTMLDeclaration is HTMLParser.parse_html_declaration for "<!" not
// followed by "--".
func (p *stripper) parseHTMLDeclaration(i int) int {
	s := p.s
	if strings.HasPrefix(s[i:], "<![") {
		return p.parseMarkedSection(i)
	}
	if i+9 <= len(s) && asciiLowerEquals(s[i+2:i+9], "doctype") {
		if gt := p.nextGT(i + 9); gt >= 0 {
			return gt + 1
		}
		return -1
	}
	// parse_bogus_comment
	if gt := p.nextGT(i + 2); gt >= 0 {
		return gt + 1
	}
	return -1
}

// parseMarkedSection is _markupbase.ParserBase.parse_marked_section, which
// raises AssertionError for a missing name or an unknown keyword.
func (p *stripper) parseMarkedSection(i int) int {
	s := p.s
	// _scan_name: [a-zA-Z][-_.a-zA-Z0-9]*\s*
	q := i + 3
	if q == len(s) {
		return -1
	}
	if !isASCIILetter(s[q]) {
		p.err = ErrUnparsableHTML
		return -1
	}
	e := q + 1
	for e < len(s) && (isASCIIAlnum(s[e]) || s[e] == '-' || s[e] == '_' || s[e] == '.') {
		e++
	}
	if skipPySpace(s, e) == len(s) {
		return -1
	}
	var cache *searchCache
	var search func(string, int) (int, int)
	switch strings.ToLower(s[q:e]) {
	case "temp", "cdata", "ignore", "include", "rcdata":
		cache, search = &p.marked, searchMarkedClose
	case "if", "else", "endif":
		cache, search = &p.msMarked, searchMSMarkedClose
	default:
		p.err = ErrUnparsableHTML
		return -1
	}
	_, end := cache.find(s, i+3, search)
	return end
}

// searchMarkedClose searches ]\s*]\s*> from f.
func searchMarkedClose(s string, f int) (int, int) {
	for {
		k := strings.IndexByte(s[f:], ']')
		if k < 0 {
			return -1, -1
		}
		at := f + k
		if g := skipPySpace(s, at+1); g < len(s) && s[g] == ']' {
			if h := skipPySpace(s, g+1); h < len(s) && s[h] == '>' {
				return at, h + 1
			}
		}
		f = at + 1
	}
}

// searchMSMarkedClose searches ]\s*> from f.
func searchMSMarkedClose(s string, f int) (int, int) {
	for {
		k := strings.IndexByte(s[f:], ']')
		if k < 0 {
			return -1, -1
		}
		at := f + k
		if g := skipPySpace(s, at+1); g < len(s) && s[g] == '>' {
			return at, g + 1
		}
		f = at + 1
	}
}

// skipSpaceOrSlash matches (?:\s|/(?!>))* at q.
func skipSpaceOrSlash(s string, q int) int {
	for q < len(s) {
		r, size := decodeRune(s, q)
		if r == '/' {
			if q+1 < len(s) && s[q+1] == '>' {
				break
			}
		} else if !isPySpace(r) {
			break
		}
		q += size
	}
	return q
}

// skipPySpace matches \s* at q.
func skipPySpace(s string, q int) int {
	for q < len(s) {
		r, size := decodeRune(s, q)
		if !isPySpace(r) {
			break
		}
		q += size
	}
	return q
}

// trimPySpace is Python's str.strip().
func trimPySpace(s string) string {
	return strings.TrimFunc(s, isPySpace)
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isASCIILetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z'
}

func isASCIIAlnum(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9'
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f'
}

// asciiLowerEquals reports whether s lower-cased (ASCII letters only, as the
// names compared here can only equal ASCII names that way) equals lower.
func asciiLowerEquals(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

var specialUpper = map[rune]string{
	0x00DF: "SS", 0x0149: "\u02BCN", 0x01F0: "J\u030C", 0x0390: "\u0399\u0308\u0301",
	0x03B0: "\u03A5\u0308\u0301", 0x0587: "\u0535\u0552", 0x1E96: "H\u0331", 0x1E97: "T\u0308",
	0x1E98: "W\u030A", 0x1E99: "Y\u030A", 0x1E9A: "A\u02BE", 0x1F50: "\u03A5\u0313",
	0x1F52: "\u03A5\u0313\u0300", 0x1F54: "\u03A5\u0313\u0301", 0x1F56: "\u03A5\u0313\u0342", 0x1F80: "\u1F08\u0399",
	0x1F81: "\u1F09\u0399", 0x1F82: "\u1F0A\u0399", 0x1F83: "\u1F0B\u0399", 0x1F84: "\u1F0C\u0399",
	0x1F85: "\u1F0D\u0399", 0x1F86: "\u1F0E\u0399", 0x1F87: "\u1F0F\u0399", 0x1F88: "\u1F08\u0399",
	0x1F89: "\u1F09\u0399", 0x1F8A: "\u1F0A\u0399", 0x1F8B: "\u1F0B\u0399", 0x1F8C: "\u1F0C\u0399",
	0x1F8D: "\u1F0D\u0399", 0x1F8E: "\u1F0E\u0399", 0x1F8F: "\u1F0F\u0399", 0x1F90: "\u1F28\u0399",
	0x1F91: "\u1F29\u0399", 0x1F92: "\u1F2A\u0399", 0x1F93: "\u1F2B\u0399", 0x1F94: "\u1F2C\u0399",
	0x1F95: "\u1F2D\u0399", 0x1F96: "\u1F2E\u0399", 0x1F97: "\u1F2F\u0399", 0x1F98: "\u1F28\u0399",
	0x1F99: "\u1F29\u0399", 0x1F9A: "\u1F2A\u0399", 0x1F9B: "\u1F2B\u0399", 0x1F9C: "\u1F2C\u0399",
	0x1F9D: "\u1F2D\u0399", 0x1F9E: "\u1F2E\u0399", 0x1F9F: "\u1F2F\u0399", 0x1FA0: "\u1F68\u0399",
	0x1FA1: "\u1F69\u0399", 0x1FA2: "\u1F6A\u0399", 0x1FA3: "\u1F6B\u0399", 0x1FA4: "\u1F6C\u0399",
	0x1FA5: "\u1F6D\u0399", 0x1FA6: "\u1F6E\u0399", 0x1FA7: "\u1F6F\u0399", 0x1FA8: "\u1F68\u0399",
	0x1FA9: "\u1F69\u0399", 0x1FAA: "\u1F6A\u0399", 0x1FAB: "\u1F6B\u0399", 0x1FAC: "\u1F6C\u0399",
	0x1FAD: "\u1F6D\u0399", 0x1FAE: "\u1F6E\u0399", 0x1FAF: "\u1F6F\u0399", 0x1FB2: "\u1FBA\u0399",
	0x1FB3: "\u0391\u0399", 0x1FB4: "\u0386\u0399", 0x1FB6: "\u0391\u0342", 0x1FB7: "\u0391\u0342\u0399",
	0x1FBC: "\u0391\u0399", 0x1FC2: "\u1FCA\u0399", 0x1FC3: "\u0397\u0399", 0x1FC4: "\u0389\u0399",
	0x1FC6: "\u0397\u0342", 0x1FC7: "\u0397\u0342\u0399", 0x1FCC: "\u0397\u0399", 0x1FD2: "\u0399\u0308\u0300",
	0x1FD3: "\u0399\u0308\u0301", 0x1FD6: "\u0399\u0342", 0x1FD7: "\u0399\u0308\u0342", 0x1FE2: "\u03A5\u0308\u0300",
	0x1FE3: "\u03A5\u0308\u0301", 0x1FE4: "\u03A1\u0313", 0x1FE6: "\u03A5\u0342", 0x1FE7: "\u03A5\u0308\u0342",
	0x1FF2: "\u1FFA\u0399", 0x1FF3: "\u03A9\u0399", 0x1FF4: "\u038F\u0399", 0x1FF6: "\u03A9\u0342",
	0x1FF7: "\u03A9\u0342\u0399", 0x1FFC: "\u03A9\u0399", 0xFB00: "FF", 0xFB01: "FI",
	0xFB02: "FL", 0xFB03: "FFI", 0xFB04: "FFL", 0xFB05: "ST",
	0xFB06: "ST", 0xFB13: "\u0544\u0546", 0xFB14: "\u0544\u0535", 0xFB15: "\u0544\u053B",
	0xFB16: "\u054E\u0546", 0xFB17: "\u0544\u053D",
}

var specialTitle = map[rune]string{
	0x00DF: "Ss", 0x0149: "\u02BCN", 0x01F0: "J\u030C", 0x0390: "\u0399\u0308\u0301",
	0x03B0: "\u03A5\u0308\u0301", 0x0587: "\u0535\u0582", 0x1E96: "H\u0331", 0x1E97: "T\u0308",
	0x1E98: "W\u030A", 0x1E99: "Y\u030A", 0x1E9A: "A\u02BE", 0x1F50: "\u03A5\u0313",
	0x1F52: "\u03A5\u0313\u0300", 0x1F54: "\u03A5\u0313\u0301", 0x1F56: "\u03A5\u0313\u0342", 0x1FB2: "\u1FBA\u0345",
	0x1FB4: "\u0386\u0345", 0x1FB6: "\u0391\u0342", 0x1FB7: "\u0391\u0342\u0345", 0x1FC2: "\u1FCA\u0345",
	0x1FC4: "\u0389\u0345", 0x1FC6: "\u0397\u0342", 0x1FC7: "\u0397\u0342\u0345", 0x1FD2: "\u0399\u0308\u0300",
	0x1FD3: "\u0399\u0308\u0301", 0x1FD6: "\u0399\u0342", 0x1FD7: "\u0399\u0308\u0342", 0x1FE2: "\u03A5\u0308\u0300",
	0x1FE3: "\u03A5\u0308\u0301", 0x1FE4: "\u03A1\u0313", 0x1FE6: "\u03A5\u0342", 0x1FE7: "\u03A5\u0308\u0342",
	0x1FF2: "\u1FFA\u0345", 0x1FF4: "\u038F\u0345", 0x1FF6: "\u03A9\u0342", 0x1FF7: "\u03A9\u0342\u0345",
	0xFB00: "Ff", 0xFB01: "Fi", 0xFB02: "Fl", 0xFB03: "Ffi",
	0xFB04: "Ffl", 0xFB05: "St", 0xFB06: "St", 0xFB13: "\u0544\u0576",
	0xFB14: "\u0544\u0565", 0xFB15: "\u0544\u056B", 0xFB16: "\u054E\u0576", 0xFB17: "\u0544\u056D",
}

var combiningClassNonZero = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x0300, 0x034e, 1}, {0x0350, 0x036f, 1}, {0x0483, 0x0487, 1}, {0x0591, 0x05bd, 1},
		{0x05bf, 0x05bf, 1}, {0x05c1, 0x05c2, 1}, {0x05c4, 0x05c5, 1}, {0x05c7, 0x05c7, 1},
		{0x0610, 0x061a, 1}, {0x064b, 0x065f, 1}, {0x0670, 0x0670, 1}, {0x06d6, 0x06dc, 1},
		{0x06df, 0x06e4, 1}, {0x06e7, 0x06e8, 1}, {0x06ea, 0x06ed, 1}, {0x0711, 0x0711, 1},
		{0x0730, 0x074a, 1}, {0x07eb, 0x07f3, 1}, {0x07fd, 0x07fd, 1}, {0x0816, 0x0819, 1},
		{0x081b, 0x0823, 1}, {0x0825, 0x0827, 1}, {0x0829, 0x082d, 1}, {0x0859, 0x085b, 1},
		{0x0898, 0x089f, 1}, {0x08ca, 0x08e1, 1}, {0x08e3, 0x08ff, 1}, {0x093c, 0x093c, 1},
		{0x094d, 0x094d, 1}, {0x0951, 0x0954, 1}, {0x09bc, 0x09bc, 1}, {0x09cd, 0x09cd, 1},
		{0x09fe, 0x09fe, 1}, {0x0a3c, 0x0a3c, 1}, {0x0a4d, 0x0a4d, 1}, {0x0abc, 0x0abc, 1},
		{0x0acd, 0x0acd, 1}, {0x0b3c, 0x0b3c, 1}, {0x0b4d, 0x0b4d, 1}, {0x0bcd, 0x0bcd, 1},
		{0x0c3c, 0x0c3c, 1}, {0x0c4d, 0x0c4d, 1}, {0x0c55, 0x0c56, 1}, {0x0cbc, 0x0cbc, 1},
		{0x0ccd, 0x0ccd, 1}, {0x0d3b, 0x0d3c, 1}, {0x0d4d, 0x0d4d, 1}, {0x0dca, 0x0dca, 1},
		{0x0e38, 0x0e3a, 1}, {0x0e48, 0x0e4b, 1}, {0x0eb8, 0x0eba, 1}, {0x0ec8, 0x0ecb, 1},
		{0x0f18, 0x0f19, 1}, {0x0f35, 0x0f35, 1}, {0x0f37, 0x0f37, 1}, {0x0f39, 0x0f39, 1},
		{0x0f71, 0x0f72, 1}, {0x0f74, 0x0f74, 1}, {0x0f7a, 0x0f7d, 1}, {0x0f80, 0x0f80, 1},
		{0x0f82, 0x0f84, 1}, {0x0f86, 0x0f87, 1}, {0x0fc6, 0x0fc6, 1}, {0x1037, 0x1037, 1},
		{0x1039, 0x103a, 1}, {0x108d, 0x108d, 1}, {0x135d, 0x135f, 1}, {0x1714, 0x1715, 1},
		{0x1734, 0x1734, 1}, {0x17d2, 0x17d2, 1}, {0x17dd, 0x17dd, 1}, {0x18a9, 0x18a9, 1},
		{0x1939, 0x193b, 1}, {0x1a17, 0x1a18, 1}, {0x1a60, 0x1a60, 1}, {0x1a75, 0x1a7c, 1},
		{0x1a7f, 0x1a7f, 1}, {0x1ab0, 0x1abd, 1}, {0x1abf, 0x1ace, 1}, {0x1b34, 0x1b34, 1},
		{0x1b44, 0x1b44, 1}, {0x1b6b, 0x1b73, 1}, {0x1baa, 0x1bab, 1}, {0x1be6, 0x1be6, 1},
		{0x1bf2, 0x1bf3, 1}, {0x1c37, 0x1c37, 1}, {0x1cd0, 0x1cd2, 1}, {0x1cd4, 0x1ce0, 1},
		{0x1ce2, 0x1ce8, 1}, {0x1ced, 0x1ced, 1}, {0x1cf4, 0x1cf4, 1}, {0x1cf8, 0x1cf9, 1},
		{0x1dc0, 0x1dff, 1}, {0x20d0, 0x20dc, 1}, {0x20e1, 0x20e1, 1}, {0x20e5, 0x20f0, 1},
		{0x2cef, 0x2cf1, 1}, {0x2d7f, 0x2d7f, 1}, {0x2de0, 0x2dff, 1}, {0x302a, 0x302f, 1},
		{0x3099, 0x309a, 1}, {0xa66f, 0xa66f, 1}, {0xa674, 0xa67d, 1}, {0xa69e, 0xa69f, 1},
		{0xa6f0, 0xa6f1, 1}, {0xa806, 0xa806, 1}, {0xa82c, 0xa82c, 1}, {0xa8c4, 0xa8c4, 1},
		{0xa8e0, 0xa8f1, 1}, {0xa92b, 0xa92d, 1}, {0xa953, 0xa953, 1}, {0xa9b3, 0xa9b3, 1},
		{0xa9c0, 0xa9c0, 1}, {0xaab0, 0xaab0, 1}, {0xaab2, 0xaab4, 1}, {0xaab7, 0xaab8, 1},
		{0xaabe, 0xaabf, 1}, {0xaac1, 0xaac1, 1}, {0xaaf6, 0xaaf6, 1}, {0xabed, 0xabed, 1},
		{0xfb1e, 0xfb1e, 1}, {0xfe20, 0xfe2f, 1},
	},
	R32: []unicode.Range32{
		{0x101fd, 0x101fd, 1}, {0x102e0, 0x102e0, 1}, {0x10376, 0x1037a, 1}, {0x10a0d, 0x10a0d, 1},
		{0x10a0f, 0x10a0f, 1}, {0x10a38, 0x10a3a, 1}, {0x10a3f, 0x10a3f, 1}, {0x10ae5, 0x10ae6, 1},
		{0x10d24, 0x10d27, 1}, {0x10eab, 0x10eac, 1}, {0x10f46, 0x10f50, 1}, {0x10f82, 0x10f85, 1},
		{0x11046, 0x11046, 1}, {0x11070, 0x11070, 1}, {0x1107f, 0x1107f, 1}, {0x110b9, 0x110ba, 1},
		{0x11100, 0x11102, 1}, {0x11133, 0x11134, 1}, {0x11173, 0x11173, 1}, {0x111c0, 0x111c0, 1},
		{0x111ca, 0x111ca, 1}, {0x11235, 0x11236, 1}, {0x112e9, 0x112ea, 1}, {0x1133b, 0x1133c, 1},
		{0x1134d, 0x1134d, 1}, {0x11366, 0x1136c, 1}, {0x11370, 0x11374, 1}, {0x11442, 0x11442, 1},
		{0x11446, 0x11446, 1}, {0x1145e, 0x1145e, 1}, {0x114c2, 0x114c3, 1}, {0x115bf, 0x115c0, 1},
		{0x1163f, 0x1163f, 1}, {0x116b6, 0x116b7, 1}, {0x1172b, 0x1172b, 1}, {0x11839, 0x1183a, 1},
		{0x1193d, 0x1193e, 1}, {0x11943, 0x11943, 1}, {0x119e0, 0x119e0, 1}, {0x11a34, 0x11a34, 1},
		{0x11a47, 0x11a47, 1}, {0x11a99, 0x11a99, 1}, {0x11c3f, 0x11c3f, 1}, {0x11d42, 0x11d42, 1},
		{0x11d44, 0x11d45, 1}, {0x11d97, 0x11d97, 1}, {0x16af0, 0x16af4, 1}, {0x16b30, 0x16b36, 1},
		{0x16ff0, 0x16ff1, 1}, {0x1bc9e, 0x1bc9e, 1}, {0x1d165, 0x1d169, 1}, {0x1d16d, 0x1d172, 1},
		{0x1d17b, 0x1d182, 1}, {0x1d185, 0x1d18b, 1}, {0x1d1aa, 0x1d1ad, 1}, {0x1d242, 0x1d244, 1},
		{0x1e000, 0x1e006, 1}, {0x1e008, 0x1e018, 1}, {0x1e01b, 0x1e021, 1}, {0x1e023, 0x1e024, 1},
		{0x1e026, 0x1e02a, 1}, {0x1e130, 0x1e136, 1}, {0x1e2ae, 0x1e2ae, 1}, {0x1e2ec, 0x1e2ef, 1},
		{0x1e8d0, 0x1e8d6, 1}, {0x1e944, 0x1e94a, 1},
	},
}
