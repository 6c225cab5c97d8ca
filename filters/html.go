package filters

import (
	"encoding"
	"encoding/json"
	"html"
	"math"
	"net/netip"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// This file holds Django's HTML filters: force_escape, linebreaks,
// linebreaksbr, linenumbers, json_script, truncatechars_html,
// truncatewords_html, urlize, urlizetrunc, and pongo2's removetags.

// forceEscape is Django's force_escape: the text escaped even when it is
// already safe.
func forceEscape(_ *render.State, in, _ any) (any, error) {
	return render.SafeString(EscapeHTML(render.String(in))), nil
}

// normalizeNewlines is Django's normalize_newlines: \r\n and \r become \n.
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// Linebreaks is django.utils.html.linebreaks: paragraphs (split at two or
// more newlines) wrapped in <p>, single newlines as <br>, escaped when
// autoescape is set.
func Linebreaks(s string, autoescape bool) string {
	s = normalizeNewlines(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; ; {
		j := strings.Index(s[i:], "\n\n")
		para := s[i:]
		next := -1
		if j >= 0 {
			para = s[i : i+j]
			next = i + j
			for next < len(s) && s[next] == '\n' {
				next++
			}
		}
		if i > 0 {
			b.WriteString("\n\n")
		}
		if autoescape {
			para = EscapeHTML(para)
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(para, "\n", "<br>"))
		b.WriteString("</p>")
		if next < 0 {
			break
		}
		i = next
	}
	return b.String()
}

// linebreaks is Django's linebreaks filter: escaping only when autoescape
// is on and the value is not safe.
func linebreaks(s *render.State, in, _ any) (any, error) {
	return render.SafeString(Linebreaks(render.String(in), s.Autoescape && !isSafe(in))), nil
}

// linebreaksbr is Django's linebreaksbr: every newline (\n, \r\n, \r) as
// <br>, the text escaped when autoescape is on and it is not safe.
func linebreaksbr(s *render.State, in, _ any) (any, error) {
	text := normalizeNewlines(render.String(in))
	if s.Autoescape && !isSafe(in) {
		text = EscapeHTML(text)
	}
	return render.SafeString(strings.ReplaceAll(text, "\n", "<br>")), nil
}

// linenumbers is Django's linenumbers: each line prefixed with its number,
// zero-padded to the width of the last number, and ". "; lines escaped
// when autoescape is on and the value is not safe.
func linenumbers(s *render.State, in, _ any) (any, error) {
	lines := strings.Split(render.String(in), "\n")
	width := len(strconv.Itoa(len(lines)))
	escape := s.Autoescape && !isSafe(in)
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		num := strconv.Itoa(i + 1)
		b.WriteString(strings.Repeat("0", width-len(num)))
		b.WriteString(num)
		b.WriteString(". ")
		if escape {
			line = EscapeHTML(line)
		}
		b.WriteString(line)
	}
	return render.SafeString(b.String()), nil
}

// jsonScript is Django's json_script: the value as JSON (Python's
// json.dumps with DjangoJSONEncoder) with <, > and & escaped as \u003C,
// \u003E and \u0026, in a <script type="application/json"> element with
// the argument as its id (escaped) when one is given.
func jsonScript(_ *render.State, in, arg any) (any, error) {
	j, err := PyJSON(in)
	if err != nil {
		return nil, err
	}
	j = strings.NewReplacer("<", `\u003C`, ">", `\u003E`, "&", `\u0026`).Replace(j)
	if _, none := arg.(render.NoArg); !none && render.Truthy(arg) {
		return render.SafeString(`<script id="` + string(conditionalEscape(arg)) + `" type="application/json">` + j + `</script>`), nil
	}
	return render.SafeString(`<script type="application/json">` + j + `</script>`), nil
}

// maxJSONDepth bounds the nesting PyJSON follows (Python stops at its
// recursion limit).
const maxJSONDepth = 500

// PyJSON is Python's json.dumps(v, cls=DjangoJSONEncoder): ", " and ": "
// separators, non-ASCII escaped as \uXXXX, NaN and Infinity allowed,
// time.Time as ISO 8601 with milliseconds and "Z" for UTC, time.Duration
// as an ISO 8601 duration. Go maps print with sorted keys (Python keeps
// insertion order). Structs and other Go values go through encoding/json
// first (their json tags apply). Values JSON cannot hold (channels,
// funcs) are an error, as in Django; so are a list, map or pointer inside
// itself (ValueError: Circular reference detected, as in Python) and
// nesting deeper than 500 (Python's recursion limit).
func PyJSON(v any) (string, error) {
	var b strings.Builder
	e := jsonEncoder{b: &b}
	if err := e.write(v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

// maxJSONNodes bounds the values PyJSON writes, so that lists sharing
// sublists cannot multiply the work.
const maxJSONNodes = 1 << 20

type jsonEncoder struct {
	b       *strings.Builder
	path    render.Path // the lists, maps and pointers being written, for cycles
	nodes   int         // values written
	checked int         // values check looked at
}

// enter puts rv on the path, or reports a circular reference as Python's
// json does (or nesting too deep).
func (e *jsonEncoder) enter(rv reflect.Value) error {
	switch e.path.Enter(rv) {
	case nil:
		return nil
	case render.ErrCycle:
		return newPyError("ValueError", "Circular reference detected")
	}
	return errJSONDepth()
}

func errJSONDepth() error {
	return newPyError("RecursionError", "maximum recursion depth exceeded while encoding a JSON object")
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// check walks what encoding/json will marshal of rv, before it does:
// exported fields (not those tagged "-"), the exported fields of embedded
// structs, elements, map values, what pointers and interfaces hold. It
// reports a circular reference and nesting deeper than maxJSONDepth, which
// encoding/json would find only 1000 pointers deep, or, in a long acyclic
// chain, never: it would exhaust the stack. A value with a MarshalJSON or
// MarshalText method writes itself and is not walked. It looks at no more
// than maxJSONNodes values, so that structs sharing their parts cannot
// multiply the work (encoding/json would write every path).
func (e *jsonEncoder) check(rv reflect.Value, depth int) error {
	e.checked++
	if depth > maxJSONDepth || e.checked > maxJSONNodes {
		return errJSONDepth()
	}
	if !rv.IsValid() {
		return nil
	}
	t := rv.Type()
	if t.Kind() != reflect.Interface {
		pt := reflect.PointerTo(t)
		if t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) || pt.Implements(jsonMarshalerType) || pt.Implements(textMarshalerType) {
			return nil
		}
	}
	switch rv.Kind() {
	case reflect.Interface:
		if !rv.IsNil() {
			return e.check(rv.Elem(), depth+1)
		}
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		if err := e.enter(rv); err != nil {
			return err
		}
		defer e.path.Leave()
		return e.check(rv.Elem(), depth+1)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Tag.Get("json") == "-" || (!f.IsExported() && !embedsStruct(f)) {
				continue
			}
			if err := e.check(rv.Field(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array, reflect.Map:
		if rv.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			return nil // base64
		}
		if err := e.enter(rv); err != nil {
			return err
		}
		defer e.path.Leave()
		if rv.Kind() == reflect.Map {
			for it := rv.MapRange(); it.Next(); {
				if err := e.check(it.Value(), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		for i := range rv.Len() {
			if err := e.check(rv.Index(i), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// embedsStruct reports whether f is an embedded struct or pointer to one,
// whose exported fields encoding/json writes even when f is unexported.
func embedsStruct(f reflect.StructField) bool {
	if !f.Anonymous {
		return false
	}
	t := f.Type
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

func (e *jsonEncoder) write(v any, depth int) error {
	b := e.b
	e.nodes++
	if depth > maxJSONDepth || e.nodes > maxJSONNodes {
		return newPyError("RecursionError", "maximum recursion depth exceeded while encoding a JSON object")
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
		return nil
	case bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
		return nil
	case string:
		writeJSONString(b, x)
		return nil
	case render.SafeString:
		writeJSONString(b, string(x))
		return nil
	case json.Number:
		b.WriteString(string(x))
		return nil
	case time.Time:
		writeJSONString(b, jsonTime(x))
		return nil
	case time.Duration:
		writeJSONString(b, durationISO(x))
		return nil
	case float64:
		writeJSONFloat(b, x)
		return nil
	case float32:
		if f := float64(x); math.IsNaN(f) || math.IsInf(f, 0) {
			writeJSONFloat(b, f)
		} else {
			b.WriteString(render.String(x)) // float32's own shortest digits
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	switch k := rv.Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		b.WriteString(strconv.FormatInt(rv.Int(), 10))
		return nil
	case k >= reflect.Uint && k <= reflect.Uintptr:
		b.WriteString(strconv.FormatUint(rv.Uint(), 10))
		return nil
	case k == reflect.Bool:
		return e.write(rv.Bool(), depth)
	case k == reflect.String:
		writeJSONString(b, rv.String())
		return nil
	case k == reflect.Float32 || k == reflect.Float64:
		writeJSONFloat(b, rv.Float())
		return nil
	case k == reflect.Pointer || k == reflect.Interface:
		if rv.IsNil() {
			b.WriteString("null")
			return nil
		}
		if k == reflect.Pointer {
			if err := e.enter(rv); err != nil {
				return err
			}
			defer e.path.Leave()
		}
		return e.write(rv.Elem().Interface(), depth+1)
	case k == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8, k == reflect.Array:
		if k == reflect.Slice && rv.IsNil() {
			b.WriteString("[]")
			return nil
		}
		if err := e.enter(rv); err != nil {
			return err
		}
		defer e.path.Leave()
		b.WriteByte('[')
		for i := range rv.Len() {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := e.write(rv.Index(i).Interface(), depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case k == reflect.Map:
		if err := e.enter(rv); err != nil {
			return err
		}
		defer e.path.Leave()
		keys, _ := render.Items(v)
		b.WriteByte('{')
		for i, key := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			ks, err := jsonKey(key)
			if err != nil {
				return err
			}
			writeJSONString(b, ks)
			b.WriteString(": ")
			val := rv.MapIndex(reflect.ValueOf(key))
			if err := e.write(val.Interface(), depth+1); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case k == reflect.Chan || k == reflect.Func || k == reflect.Complex64 || k == reflect.Complex128 || k == reflect.UnsafePointer:
		return newPyError("TypeError", "Object of type %s is not JSON serializable", render.TypeName(v))
	}
	// Structs and the rest: through encoding/json, then printed Python's way.
	if err := e.check(rv, depth); err != nil {
		return err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return newPyError("TypeError", "Object of type %s is not JSON serializable", render.TypeName(v))
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return newPyError("TypeError", "Object of type %s is not JSON serializable", render.TypeName(v))
	}
	return e.write(generic, depth+1)
}

// jsonKey is a dict key as json.dumps converts it.
func jsonKey(k any) (string, error) {
	if s, ok := strOf(k); ok {
		return s, nil
	}
	switch x := k.(type) {
	case nil:
		return "null", nil
	case bool:
		if x {
			return "true", nil
		}
		return "false", nil
	}
	switch pyNumKind(k) {
	case 'i':
		return render.String(k), nil
	case 'f':
		f, _ := render.ToFloat(k)
		var b strings.Builder
		writeJSONFloat(&b, f)
		return b.String(), nil
	}
	return "", newPyError("TypeError", "keys must be str, int, float, bool or None, not %s", pyTypeName(k))
}

func writeJSONFloat(b *strings.Builder, f float64) {
	switch {
	case math.IsNaN(f):
		b.WriteString("NaN")
	case math.IsInf(f, 1):
		b.WriteString("Infinity")
	case math.IsInf(f, -1):
		b.WriteString("-Infinity")
	default:
		b.WriteString(render.String(f))
	}
}

// writeJSONString writes s as json.dumps does with ensure_ascii.
func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r >= ' ' && r < 0x7f:
			b.WriteByte(byte(r))
		default:
			units := []rune{r}
			if r > 0xffff {
				r -= 0x10000
				units = []rune{0xd800 + r>>10, 0xdc00 + r&0x3ff}
			}
			for _, u := range units {
				b.WriteString(`\u`)
				b.WriteByte(hex[u>>12&0xf])
				b.WriteByte(hex[u>>8&0xf])
				b.WriteByte(hex[u>>4&0xf])
				b.WriteByte(hex[u&0xf])
			}
		}
	}
	b.WriteByte('"')
}

// jsonTime is DjangoJSONEncoder's datetime: isoformat() with the
// microseconds cut to milliseconds and "+00:00" written "Z".
func jsonTime(t time.Time) string {
	b := t.AppendFormat(nil, "2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		b = append(b, '.')
		ms := us / 1000
		b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	}
	_, off := t.Zone()
	if off == 0 {
		return string(append(b, 'Z'))
	}
	return string(appendOffset(b, off, true))
}

// durationISO is Django's duration_iso_string.
func durationISO(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign = "-"
		d = -d
	}
	us := int64(d / time.Microsecond)
	days := us / (86400 * 1e6)
	us -= days * 86400 * 1e6
	h := us / 3600e6
	us -= h * 3600e6
	m := us / 60e6
	us -= m * 60e6
	sec := us / 1e6
	us -= sec * 1e6
	ms := ""
	if us != 0 {
		ms = "." + pad0(us, 6)
	}
	return sign + "P" + strconv.FormatInt(days, 10) + "DT" + pad0(h, 2) + "H" + pad0(m, 2) + "M" + pad0(sec, 2) + ms + "S"
}

func pad0(n int64, width int) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// voidElements are html.VOID_ELEMENTS: tags the truncating parser never
// expects to be closed.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true, "frame": true, "spacer": true,
}

// truncatecharsHTML is Django's truncatechars_html: TruncateCharsHTML with
// int(arg); a bad argument leaves the value alone.
func truncatecharsHTML(_ *render.State, in, arg any) (any, error) {
	n, err := pyInt64(arg)
	if err != nil {
		if isPyError(err, "ValueError") {
			return in, nil
		}
		return nil, err
	}
	return TruncateCharsHTML(render.String(in), n)
}

// truncatewordsHTML is Django's truncatewords_html: TruncateWordsHTML with
// int(arg); a bad argument leaves the value alone.
func truncatewordsHTML(_ *render.State, in, arg any) (any, error) {
	n, err := pyInt64(arg)
	if err != nil {
		if isPyError(err, "ValueError") {
			return in, nil
		}
		return nil, err
	}
	return TruncateWordsHTML(render.String(in), n)
}

// TruncateCharsHTML is Django's Truncator(s).chars(n, html=True): the text
// of the HTML is cut after n-1 characters and "…" added, tags are copied,
// and the elements still open are closed. It follows Django's
// TruncateHTMLParser (Python's html.parser with convert_charrefs):
// character references in the text are decoded and the kept text is
// re-escaped; comments, declarations and processing instructions are
// dropped; end tags are written in lower case; input after an unfinished
// tag (or an unfinished reference at the very end) is dropped. Text whose
// length is exactly n is kept whole when nothing else follows. n below 1
// gives "". The error is Python's parser error for malformed "<![" marked
// sections. Django first normalizes the text to NFC; braid uses it as is.
// The work is linear in the text however deeply tags nest.
func TruncateCharsHTML(s string, n int64) (string, error) {
	if n <= 0 {
		return "", nil
	}
	t := htmlTruncator{length: n, remaining: n - 1}
	return t.run(s)
}

// TruncateWordsHTML is Django's Truncator(s).words(n, html=True,
// truncate=" …"): as TruncateCharsHTML, counting words of the text (split
// at whitespace between non-whitespace, each text run's words joined by
// single spaces) and adding " …" at the cut.
func TruncateWordsHTML(s string, n int64) (string, error) {
	if n <= 0 {
		return "", nil
	}
	t := htmlTruncator{words: true, length: n, remaining: n}
	return t.run(s)
}

// htmlTruncator is Django's TruncateHTMLParser over the tokenizer of
// text.go's stripper (Python 3.11's html.parser).
type htmlTruncator struct {
	p         stripper
	out       strings.Builder
	outRunes  int64
	tags      []string // open elements, innermost last
	words     bool
	length    int64
	remaining int64
	processed int64 // characters of text seen (chars mode)
	total     int64 // characters of the input
	done      bool
}

func (t *htmlTruncator) write(s string) {
	t.out.WriteString(s)
	t.outRunes += int64(utf8.RuneCountInString(s))
}

func (t *htmlTruncator) run(s string) (string, error) {
	t.p = stripper{s: s}
	t.total = int64(utf8.RuneCountInString(s))
	t.out.Grow(len(s))
	if err := t.goahead(); err != nil {
		return "", err
	}
	if t.done {
		for i := len(t.tags) - 1; i >= 0; i-- {
			t.out.WriteString("</" + t.tags[i] + ">")
		}
	}
	return t.out.String(), nil
}

// goahead is HTMLParser.goahead(0) with convert_charrefs: Django feeds the
// whole text once and then resets the parser, dropping what is left.
func (t *htmlTruncator) goahead() error {
	p := &t.p
	s := p.s
	n := len(s)
	// The byte offset 34 characters before the end, for the check that an
	// "&" near the end may start a reference still being fed.
	tail := n
	for k := 0; k < 34 && tail > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:tail])
		tail -= size
	}
	i := 0
	for i < n && !t.done {
		var j int
		if p.cdata == "" {
			j = strings.IndexByte(s[i:], '<')
			if j < 0 {
				from := max(i, tail)
				if amp := strings.LastIndexByte(s[from:], '&'); amp >= 0 && !hasSpaceOrSemicolon(s[from+amp:]) {
					return nil
				}
				j = n
			} else {
				j += i
			}
		} else {
			j = p.cdataEnd(i)
			if j < 0 {
				return nil
			}
		}
		if i < j {
			text := s[i:j]
			if p.cdata == "" {
				text = html.UnescapeString(text)
			}
			t.data(text)
			if t.done {
				return nil
			}
		}
		i = j
		if i == n {
			break
		}
		k, more := p.markup(i, t.startTag, t.endTag, t.data)
		if !more {
			return nil
		}
		if p.err != nil {
			return p.err // only declarations set it
		}
		if k < 0 {
			return nil
		}
		i = k
	}
	return nil
}

func hasSpaceOrSemicolon(s string) bool {
	for _, r := range s {
		if r == ';' || isPySpace(r) {
			return true
		}
	}
	return false
}

// startTag is HTMLParser.parse_starttag with Django's handlers.
func (t *htmlTruncator) startTag(i int) int {
	p := &t.p
	s := p.s
	endpos := p.checkForWholeStartTag(i)
	if endpos < 0 {
		return endpos
	}
	nameEnd, wellFormed, selfClosing := p.startTagShape(i, endpos)
	tag := Lower(s[i+1 : nameEnd])
	if !wellFormed {
		t.data(s[i:endpos])
		return endpos
	}
	t.write(s[i:endpos])
	if !voidElements[tag] {
		t.tags = append(t.tags, tag)
	}
	if selfClosing {
		t.endTagNamed(tag)
	} else if tag == "script" || tag == "style" {
		p.cdata = tag
	}
	return endpos
}

// endTagNamed is Django's handle_endtag.
func (t *htmlTruncator) endTagNamed(tag string) {
	if voidElements[tag] {
		return
	}
	t.write("</" + tag + ">")
	if n := len(t.tags); n > 0 && t.tags[n-1] == tag {
		t.tags = t.tags[:n-1]
	}
}

// endTag is HTMLParser.parse_endtag.
func (t *htmlTruncator) endTag(i int) int {
	p := &t.p
	s := p.s
	gt := p.nextGT(i + 1)
	if gt < 0 {
		return -1
	}
	gtpos := gt + 1
	if elem, ok := matchEndTag(s, i); ok {
		elem = Lower(elem)
		if p.cdata != "" && elem != p.cdata {
			t.data(s[i:gtpos])
			return gtpos
		}
		t.endTagNamed(elem)
		p.cdata = ""
		return gtpos
	}
	if p.cdata != "" {
		t.data(s[i:gtpos])
		return gtpos
	}
	if i+2 < len(s) && isASCIILetter(s[i+2]) {
		nameEnd := p.tagNameEndFrom(i + 2)
		e := skipSpaceOrSlash(s, nameEnd)
		t.endTagNamed(Lower(s[i+2 : nameEnd]))
		return p.nextGT(e) + 1
	}
	if strings.HasPrefix(s[i:], "</>") {
		return i + 3
	}
	return p.nextGT(i+2) + 1
}

// data is Django's handle_data with the chars or words process step.
func (t *htmlTruncator) data(text string) {
	if t.done {
		return
	}
	var kept string
	var count int64
	if t.words {
		ws := splitWordsKeepEdges(text)
		count = int64(len(ws))
		k := min(t.remaining, count)
		kept = EscapeHTML(strings.Join(ws[:int(k)], " "))
	} else {
		count = int64(utf8.RuneCountInString(text))
		t.processed += count
		if t.processed == t.length && t.outRunes+count == t.total {
			t.write(text)
			t.done = true
			return
		}
		kept = EscapeHTML(truncRunes(text, int(min(t.remaining, count))))
	}
	if t.remaining < count {
		t.remaining = 0
		if t.words {
			if !strings.HasSuffix(kept, " …") {
				kept += " …"
			}
		} else {
			kept += "…"
		}
		t.write(kept)
		t.done = true
		return
	}
	t.remaining -= count
	t.write(kept)
}

// splitWordsKeepEdges is re.split(r"(?<=\S)\s+(?=\S)", s): the runs of
// whitespace between non-whitespace characters are the separators, so
// leading and trailing whitespace stays with the first and last part.
func splitWordsKeepEdges(s string) []string {
	var parts []string
	start := 0
	prevNonSpace := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isPySpace(r) && prevNonSpace {
			j := i + size
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !isPySpace(r2) {
					break
				}
				j += size2
			}
			if j < len(s) {
				parts = append(parts, s[start:i])
				start = j
			}
			i = j
			prevNonSpace = false
			continue
		}
		prevNonSpace = !isPySpace(r)
		i += size
	}
	return append(parts, s[start:])
}

// maxURLLength is django.utils.http.MAX_URL_LENGTH: longer words are not
// checked as URLs.
const maxURLLength = 2048

// urlize is Django's urlize filter: Urlize with nofollow links.
func urlize(s *render.State, in, _ any) (any, error) {
	return render.SafeString(Urlize(render.String(in), isSafe(in), -1, true, s.Autoescape)), nil
}

// urlizetrunc is Django's urlizetrunc: urlize with link texts longer than
// int(arg) characters cut to arg-1 and "…" (a bad argument is an error, as
// in Django).
func urlizetrunc(s *render.State, in, arg any) (any, error) {
	n, err := intArg(arg)
	if err != nil {
		return nil, err
	}
	// Every limit below 1 cuts every link text to "…".
	n = min(max(n, 0), math.MaxInt32)
	return render.SafeString(Urlize(render.String(in), isSafe(in), int(n), true, s.Autoescape)), nil
}

// Urlize is Django's django.utils.html.urlize: words (split at whitespace,
// <, >, " and ') that are http:// or https:// URLs, that start with
// "www.", that end in .com .edu .gov .int .mil .net or .org (with an
// optional path), or that are e-mail addresses become links; leading "("
// and "[", unbalanced closing brackets and trailing . , : ; ! stay outside.
// The href is quoted as Django's smart_urlquote does (international domain
// names percent-encoded, as Django does since it defers IDNA to the
// browser) and scheme-less links get "http://". With autoescape the rest
// of the text is escaped, unless safeInput. limit >= 0 cuts link texts
// longer than limit characters (limit < 0: no limit). The work is linear in
// the text: words longer than 2048 characters are not checked as URLs, as
// in Django.
func Urlize(text string, safeInput bool, limit int, nofollow, autoescape bool) string {
	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	cache := map[string]string{}
	for i := 0; i < len(text); {
		// A word, then a run of separators.
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if isURLSplit(r) {
				break
			}
			j += size
		}
		if j > i {
			word := text[i:j]
			out, ok := cache[word]
			if !ok {
				out = urlizeWord(word, safeInput, limit, nofollow, autoescape)
				if len(cache) < 1024 {
					cache[word] = out
				}
			}
			b.WriteString(out)
		}
		k := j
		for k < len(text) {
			r, size := utf8.DecodeRuneInString(text[k:])
			if !isURLSplit(r) {
				break
			}
			k += size
		}
		if k > j {
			sep := text[j:k]
			if autoescape && !safeInput {
				sep = EscapeHTML(sep)
			}
			b.WriteString(sep)
		}
		i = k
	}
	return b.String()
}

func isURLSplit(r rune) bool {
	return r == '<' || r == '>' || r == '"' || r == '\'' || isPySpace(r)
}

func urlizeWord(word string, safeInput bool, limit int, nofollow, autoescape bool) string {
	plain := func() string {
		if !safeInput && autoescape {
			return EscapeHTML(word)
		}
		return word
	}
	if !strings.ContainsAny(word, ".@:") {
		return plain()
	}
	lead, middle, trail := trimPunctuation(word)
	url := ""
	rel := ""
	if nofollow {
		rel = ` rel="nofollow"`
	}
	short := utf8.RuneCountInString(middle) <= maxURLLength
	switch {
	case short && isSimpleURL(middle):
		url = smartURLQuote(html.UnescapeString(middle))
	case short && isSimpleURL2(middle):
		url = smartURLQuote("http://" + html.UnescapeString(middle))
	case !strings.Contains(middle, ":") && isEmail(middle):
		at := strings.LastIndexByte(middle, '@')
		url = "mailto:" + quote(middle[:at], "") + "@" + quote(middle[at+1:], "")
		rel = ""
	}
	if url == "" {
		return plain()
	}
	trimmed := middle
	if limit >= 0 && utf8.RuneCountInString(middle) > limit {
		trimmed = truncRunes(middle, max(0, limit-1)) + "…"
	}
	if autoescape && !safeInput {
		lead, trail, trimmed = EscapeHTML(lead), EscapeHTML(trail), EscapeHTML(trimmed)
	}
	return lead + `<a href="` + EscapeHTML(url) + `"` + rel + `>` + trimmed + `</a>` + trail
}

// trimPunctuation is Urlizer.trim_punctuation: leading "(" and "[" go to
// lead; closing brackets beyond the opening ones, and trailing . , : ! and
// ; (unless the ; ends an entity) go to trail, repeatedly. Each step looks
// only at the end of the word, so the whole is linear.
func trimPunctuation(word string) (lead, middle, trail string) {
	middle = strings.TrimLeft(word, "([")
	lead = word[:len(word)-len(middle)]
	var trails []string // prepended parts, in reverse order
	counts := map[byte]int{
		'(': strings.Count(middle, "("), ')': strings.Count(middle, ")"),
		'[': strings.Count(middle, "["), ']': strings.Count(middle, "]"),
	}
	amp := strings.LastIndexByte(middle, '&')
	lastAmp := func() int {
		for amp >= len(middle) {
			amp = strings.LastIndexByte(middle[:min(amp, len(middle))], '&')
		}
		return amp
	}
	for trimmed := true; trimmed && middle != ""; {
		trimmed = false
		for _, pair := range [...][2]byte{{'(', ')'}, {'[', ']'}} {
			open, close := pair[0], pair[1]
			if counts[open] < counts[close] && middle[len(middle)-1] == close {
				strip := counts[close] - counts[open]
				cut := runeTailStart(middle, strip)
				trails = append(trails, middle[cut:])
				middle = middle[:cut]
				trimmed = true
				counts[close] -= strip
			}
		}
		puncts := ".,:;!"
		if lastAmp() >= 0 {
			puncts = ".,:!"
		}
		if r := strings.TrimRight(middle, puncts); r != middle {
			trails = append(trails, middle[len(r):])
			middle = r
			trimmed = true
		}
		if strings.HasSuffix(middle, ";") {
			a := lastAmp()
			var potential string
			if a >= 0 {
				potential = middle[a:]
			} else {
				potential = middle[len(middle)-1:]
			}
			if unescapeUnchangedOrSemicolon(potential) {
				rstripped := strings.TrimRight(middle, ".,:;!")
				trailStart := len(rstripped)
				semis := len(middle) - len(strings.TrimRight(middle, ";"))
				if a > -1 && semis > 1 {
					recent := strings.IndexByte(middle[trailStart:], ';')
					idx := recent + trailStart + 1
					trails = append(trails, middle[idx:])
					middle = rstripped + middle[trailStart:idx]
				} else {
					trails = append(trails, middle[trailStart:])
					middle = rstripped
				}
				trimmed = true
			}
		}
	}
	var b strings.Builder
	for i := len(trails) - 1; i >= 0; i-- {
		b.WriteString(trails[i])
	}
	return lead, middle, b.String()
}

// runeTailStart is the byte offset where the last n characters of s start
// (0 when s is shorter), as Python's s[-n:].
func runeTailStart(s string, n int) int {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// unescapeUnchangedOrSemicolon is html.unescape(x) == x or
// html.unescape(x).endswith(";") for x, which ends with ";" and has "&" at
// most at its start: only a reference at the start can change it.
func unescapeUnchangedOrSemicolon(x string) bool {
	if !strings.HasPrefix(x, "&") {
		return true
	}
	// The reference html.unescape matches: &#digits;? &#xhex;? or up to 32
	// characters other than \t \n \f space < & # ;, then an optional ;.
	m := 1
	switch {
	case strings.HasPrefix(x[1:], "#x") || strings.HasPrefix(x[1:], "#X"):
		m = 3
		for m < len(x) && isHexDigit(x[m]) {
			m++
		}
		if m == 3 {
			return true
		}
	case strings.HasPrefix(x[1:], "#"):
		m = 2
		for m < len(x) && '0' <= x[m] && x[m] <= '9' {
			m++
		}
		if m == 2 {
			return true
		}
	default:
		for k := 0; k < 32 && m < len(x); k++ {
			r, size := utf8.DecodeRuneInString(x[m:])
			if r == '\t' || r == '\n' || r == '\f' || r == ' ' || r == '<' || r == '&' || r == '#' || r == ';' {
				break
			}
			m += size
		}
		if m == 1 {
			return true
		}
	}
	if m < len(x) && x[m] == ';' {
		m++
	}
	repl := html.UnescapeString(x[:m])
	if repl == x[:m] {
		return true
	}
	if m < len(x) {
		return true // the rest still ends with ";"
	}
	return strings.HasSuffix(repl, ";")
}

// isSimpleURL matches ^https?://\[?\w (ignoring case).
func isSimpleURL(s string) bool {
	var rest string
	switch {
	case hasPrefixFold(s, "http://"):
		rest = s[7:]
	case hasPrefixFold(s, "https://"):
		rest = s[8:]
	default:
		return false
	}
	rest = strings.TrimPrefix(rest, "[")
	if rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return isWordRune(r)
}

// isWordRune is Python's \w.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isSimpleURL2 matches Urlizer.simple_url_2_re (ignoring case):
// ^www\.|^(?!http)HOSTNAME DOMAIN \.(com|edu|gov|int|mil|net|org)($|/.*)$
// with DomainNameValidator's hostname and domain labels.
func isSimpleURL2(s string) bool {
	if hasPrefixFold(s, "www.") {
		return true
	}
	if hasPrefixFold(s, "http") {
		return false
	}
	host := s
	if slash := strings.IndexByte(s, '/'); slash >= 0 {
		host = s[:slash]
	}
	if strings.Contains(s[len(host):], "\n") {
		return false
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	switch strings.ToLower(labels[len(labels)-1]) {
	case "com", "edu", "gov", "int", "mil", "net", "org":
	default:
		return false
	}
	for _, l := range labels[:len(labels)-1] {
		if !isDomainLabel(l, true) {
			return false
		}
	}
	return true
}

// isDomainLabel matches a DomainNameValidator label: 1 to 63 characters of
// letters, digits, "-" and U+00A1-U+FFFF, not starting or ending with "-"
// (digits allowed unless tld).
func isDomainLabel(l string, digits bool) bool {
	n := 0
	for _, r := range l {
		n++
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', r == '-':
		case '0' <= r && r <= '9':
			if !digits {
				return false
			}
		case 0xa1 <= r && r <= 0xffff:
		default:
			return false
		}
	}
	return n >= 1 && n <= 63 && l[0] != '-' && l[len(l)-1] != '-'
}

// isEmail is Django's EmailValidator(allowlist=[]) as Urlizer uses it: at
// most 320 characters, a dot-atom or quoted-string local part, and a
// domain of hostname labels with a top-level label of letters (or a
// punycode one), or an IP address literal in brackets.
func isEmail(v string) bool {
	if v == "" || utf8.RuneCountInString(v) > 320 {
		return false
	}
	at := strings.LastIndexByte(v, '@')
	if at < 0 {
		return false
	}
	user, domain := v[:at], v[at+1:]
	if !isEmailUser(user) {
		return false
	}
	return isEmailDomain(domain)
}

func isEmailUser(u string) bool {
	if len(u) >= 2 && u[0] == '"' && u[len(u)-1] == '"' {
		q := u[1 : len(u)-1]
		for i := 0; i < len(q); i++ {
			c := q[i]
			if c == '\\' {
				i++
				if i >= len(q) {
					return false
				}
				e := q[i]
				if e == 0 || e == '\n' || e == '\r' || e > 0x7f {
					return false
				}
				continue
			}
			if c == 0 || c == '\t' || c == '\n' || c == '\r' || c == ' ' || c == '"' || c > 0x7f {
				return false
			}
		}
		return true
	}
	if u == "" {
		return false
	}
	for _, atom := range strings.Split(u, ".") {
		if atom == "" {
			return false
		}
		for i := 0; i < len(atom); i++ {
			c := atom[i]
			if isASCIIAlnum(c) || strings.IndexByte("-!#$%&'*+/=?^_`{}|~", c) >= 0 {
				continue
			}
			return false
		}
	}
	return true
}

func isEmailDomain(d string) bool {
	if strings.HasPrefix(d, "[") && strings.HasSuffix(d, "]") && len(d) > 2 {
		ip := d[1 : len(d)-1]
		for i := 0; i < len(ip); i++ {
			c := ip[i]
			if !isHexDigit(c) && c != ':' && c != '.' {
				return false
			}
		}
		_, err := netip.ParseAddr(ip)
		return err == nil
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels[:len(labels)-1] {
		if !isDomainLabel(l, true) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if hasPrefixFold(tld, "xn--") {
		rest := tld[4:]
		if len(rest) >= 1 && len(rest) <= 59 {
			ok := true
			for i := 0; i < len(rest); i++ {
				if !isASCIIAlnum(rest[i]) {
					ok = false
				}
			}
			if ok {
				return true
			}
		}
	}
	return utf8.RuneCountInString(tld) >= 2 && isDomainLabel(tld, false)
}

// rfc3986Safe is what smart_urlquote leaves unquoted: RFC 3986's
// sub-delims and gen-delims, and "~".
const rfc3986Safe = "!$&'()*+,;=:/?#[]@~"

// smartURLQuote is Django's smart_urlquote: the URL split (urlsplit), each
// part unquoted and quoted again, the query re-encoded pair by pair.
func smartURLQuote(url string) string {
	unquoteQuote := func(seg string) string { return quote(pyUnquote(seg), rfc3986Safe) }
	scheme, netloc, path, query, fragment, ok := urlSplit(url)
	if !ok {
		return unquoteQuote(url)
	}
	netloc = unquoteQuote(netloc)
	if query != "" {
		var b strings.Builder
		for _, field := range strings.Split(query, "&") {
			if field == "" {
				continue
			}
			name, value, _ := strings.Cut(field, "=")
			name = pyUnquote(pyUnquote(strings.ReplaceAll(name, "+", " ")))
			value = pyUnquote(pyUnquote(strings.ReplaceAll(value, "+", " ")))
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(quotePlus(name))
			b.WriteByte('=')
			b.WriteString(quotePlus(value))
		}
		query = b.String()
	}
	path = unquoteQuote(path)
	fragment = unquoteQuote(fragment)
	// urlunsplit
	out := path
	if netloc != "" || scheme == "http" || scheme == "https" {
		if out != "" && out[0] != '/' {
			out = "/" + out
		}
		out = "//" + netloc + out
	}
	if scheme != "" {
		out = scheme + ":" + out
	}
	if query != "" {
		out += "?" + query
	}
	if fragment != "" {
		out += "#" + fragment
	}
	return out
}

// urlSplit is Python's urllib.parse.urlsplit for the URLs urlize builds;
// ok is false where it raises ValueError (unbalanced IPv6 brackets).
func urlSplit(url string) (scheme, netloc, path, query, fragment string, ok bool) {
	if i := strings.IndexByte(url, ':'); i > 0 && isASCIILetter(url[0]) {
		valid := true
		for k := 0; k < i; k++ {
			c := url[k]
			if !isASCIIAlnum(c) && c != '+' && c != '-' && c != '.' {
				valid = false
				break
			}
		}
		if valid {
			scheme, url = strings.ToLower(url[:i]), url[i+1:]
		}
	}
	if strings.HasPrefix(url, "//") {
		end := len(url)
		for k := 2; k < len(url); k++ {
			if c := url[k]; c == '/' || c == '?' || c == '#' {
				end = k
				break
			}
		}
		netloc, url = url[2:end], url[end:]
		hasOpen, hasClose := strings.Contains(netloc, "["), strings.Contains(netloc, "]")
		if hasOpen != hasClose {
			return "", "", "", "", "", false
		}
		if hasOpen && !validBracketedHost(netloc) {
			return "", "", "", "", "", false
		}
	}
	url, fragment, _ = strings.Cut(url, "#")
	url, query, _ = strings.Cut(url, "?")
	return scheme, netloc, url, query, fragment, true
}

// validBracketedHost is urllib's _check_bracketed_host: the text between
// the brackets must be an IPv6 address (or an IPvFuture literal).
func validBracketedHost(netloc string) bool {
	_, hostport, _ := strings.Cut(netloc, "@")
	if hostport == "" {
		hostport = netloc
	}
	open := strings.IndexByte(hostport, '[')
	close := strings.IndexByte(hostport, ']')
	if open < 0 || close < open {
		return false
	}
	host := hostport[open+1 : close]
	if strings.HasPrefix(host, "v") || strings.HasPrefix(host, "V") {
		return len(host) > 1
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Is6()
}

// pyUnquote is Python's urllib.parse.unquote: %XX sequences decoded as
// UTF-8 bytes, invalid UTF-8 replaced by U+FFFD, other text kept.
func pyUnquote(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	var out []byte
	var pending []byte
	flush := func() {
		for len(pending) > 0 {
			r, size := utf8.DecodeRune(pending)
			if r == utf8.RuneError && size <= 1 {
				out = append(out, "\uFFFD"...)
				pending = pending[1:]
				continue
			}
			out = append(out, pending[:size]...)
			pending = pending[size:]
		}
	}
	for i := 0; i < len(s); {
		if s[i] == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			pending = append(pending, byte(v))
			i += 3
			continue
		}
		flush()
		out = append(out, s[i])
		i++
	}
	flush()
	return string(out)
}

// quotePlus is Python's quote_plus(s, safe=""): spaces as "+".
func quotePlus(s string) string {
	if !strings.Contains(s, " ") {
		return quote(s, "")
	}
	return strings.ReplaceAll(quote(s, " "), " ", "+")
}

// maxRemovetagsPasses bounds removetags' repeated stripping of tags hidden
// inside tags.
const maxRemovetagsPasses = 50

var tagNameRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// removetags is pongo2's removetags: the comma-separated tags (opening,
// closing and self-closing, any case, with attributes) removed, repeatedly
// so that tags hidden inside tags go too (at most 50 passes), then spaces
// trimmed from both ends. A name that is not a tag name is an error.
func removetags(_ *render.State, in, arg any) (any, error) {
	var names []string
	for _, tag := range strings.Split(render.String(arg), ",") {
		tag = strings.TrimSpace(tag)
		if tag == "" {
			continue
		}
		if !tagNameRe.MatchString(tag) {
			return nil, newPyError("ValueError", "removetags: invalid tag name %q", tag)
		}
		names = append(names, regexp.QuoteMeta(tag))
	}
	s := render.String(in)
	if len(names) > 0 {
		re, err := regexp.Compile(`(?i)</?(?:` + strings.Join(names, "|") + `)(?:\s[^>]*)?/?>`)
		if err != nil {
			return nil, err
		}
		for range maxRemovetagsPasses {
			next := re.ReplaceAllLiteralString(s, "")
			if next == s {
				break
			}
			s = next
		}
	}
	return strings.TrimSpace(s), nil
}
