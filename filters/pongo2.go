package filters

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// Pongo2Builtins returns a new table of the built-in filters of the
// pongo2 dialect: Builtins, with pongo2's versions of the filters whose
// behaviour pongo2 defines otherwise (pongo2Filters).
func Pongo2Builtins() map[string]*render.Filter {
	m := Builtins()
	for name, f := range Pongo2Filters() {
		m[name] = f
	}
	return m
}

// Pongo2Filters are the filters the pongo2 dialect has in place of
// Django's (or beside them: "e"), each as pongo2 v6 defines it.
func Pongo2Filters() map[string]*render.Filter {
	return map[string]*render.Filter{
		"add":                {Fn: pongo2Add, Arg: render.ArgRequired},
		"capfirst":           {Fn: pongo2Capfirst},
		"center":             {Fn: pongo2Center, Arg: render.ArgRequired},
		"default_if_none":    {Fn: pongo2DefaultIfNone, Arg: render.ArgRequired},
		"e":                  {Fn: pongo2Escape}, // pongo2's alias of escape
		"escape":             {Fn: pongo2Escape},
		"escapejs":           {Fn: pongo2Escapejs},
		"first":              {Fn: pongo2First},
		"get_digit":          {Fn: pongo2GetDigit, Arg: render.ArgOptional},
		"join":               {Fn: pongo2Join, Arg: render.ArgRequired},
		"last":               {Fn: pongo2Last},
		"length_is":          {Fn: pongo2LengthIs, Arg: render.ArgRequired},
		"linebreaks":         {Fn: pongo2Linebreaks},
		"linebreaksbr":       {Fn: pongo2Linebreaksbr},
		"linenumbers":        {Fn: pongo2Linenumbers},
		"random":             {Fn: pongo2Random},
		"stringformat":       {Fn: pongo2Stringformat, Arg: render.ArgRequired},
		"title":              {Fn: pongo2Title},
		"truncatechars":      {Fn: pongo2Truncatechars, Arg: render.ArgRequired},
		"truncatechars_html": {Fn: pongo2TruncatecharsHTML, Arg: render.ArgRequired},
		"truncatewords":      {Fn: pongo2Truncatewords, Arg: render.ArgRequired},
		"truncatewords_html": {Fn: pongo2TruncatewordsHTML, Arg: render.ArgRequired},
		"urlencode":          {Fn: pongo2Urlencode},
		"urlize":             {Fn: pongo2Urlize, Arg: render.ArgOptional},
		"urlizetrunc":        {Fn: pongo2Urlizetrunc, Arg: render.ArgRequired},
		"wordwrap":           {Fn: pongo2Wordwrap, Arg: render.ArgRequired},
		"yesno":              {Fn: pongo2Yesno, Arg: render.ArgOptional},
	}
}

// pongo2Add is pongo2's add: the sum of two numbers (a float64 when
// either is a float), the two joined as text otherwise.
func pongo2Add(_ *render.State, in, arg any) (any, error) {
	if isPongo2Number(in) && isPongo2Number(arg) {
		return render.Pongo2Arith("+", in, arg)
	}
	return render.Pongo2Arith("+", render.Pongo2Text(in), render.Pongo2Text(arg))
}

// isPongo2Number reports whether v is an integer or a float (through a
// pointer), as pongo2's Value.IsNumber.
func isPongo2Number(v any) bool {
	switch render.Pongo2Kind(v) {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// pongo2GetDigit is pongo2's get_digit: the arg-th digit from the right
// of the value's text (1 the last), or the value itself when arg is not
// between 1 and the text's length (a missing arg is 0).
func pongo2GetDigit(_ *render.State, in, arg any) (any, error) {
	i := pongo2IntArg(arg)
	text := render.String(in)
	if i <= 0 || i > len(text) {
		return in, nil
	}
	return int(text[len(text)-i]) - '0', nil
}

// pongo2IntArg is pongo2's Value.Integer of a filter's argument (0 for
// none).
func pongo2IntArg(arg any) int {
	if _, none := arg.(render.NoArg); none {
		return 0
	}
	return render.Pongo2Int(arg)
}

var (
	pongo2URL   = regexp.MustCompile(`((((http|https)://)|www\.|((^|[ ])[0-9A-Za-z_\-]+(\.com|\.net|\.org|\.info|\.biz|\.de))))(?U:.*)([ ]+|$)`)
	pongo2Email = regexp.MustCompile(`(\w+@\w+\.\w{2,4})`)
)

// pongo2Urlize is pongo2's urlize: what its regular expressions take for
// URLs and e-mail addresses become links; the link texts are escaped
// unless arg is false. Its result is not safe: autoescaping escapes it
// (pongo2's templates write urlize|safe).
func pongo2Urlize(s *render.State, in, arg any) (any, error) {
	autoescape := true
	if b, ok := arg.(bool); ok {
		autoescape = b
	}
	return Pongo2Urlize(render.Pongo2Text(in), autoescape, -1, s.EscapeHTML), nil
}

// Pongo2Urlize is pongo2's urlize over text: links for URLs and e-mail
// addresses, texts cut to trunc characters (with "...") when trunc > 3,
// and escaped by escape when autoescape.
func Pongo2Urlize(text string, autoescape bool, trunc int, escape func(string) string) string {
	out := pongo2URL.ReplaceAllStringFunc(text, func(raw string) string {
		var prefix, suffix string
		if strings.HasPrefix(raw, " ") {
			prefix = " "
		}
		if strings.HasSuffix(raw, " ") {
			suffix = " "
		}
		raw = strings.TrimSpace(raw)
		href := IRIEncode(raw)
		if !strings.HasPrefix(href, "http") {
			href = "http://" + href
		}
		title := raw
		if trunc > 3 && len(title) > trunc {
			title = title[:trunc-3] + "..."
		}
		if autoescape {
			title = escape(title)
		}
		return fmt.Sprintf(`%s<a href="%s" rel="nofollow">%s</a>%s`, prefix, href, title, suffix)
	})
	return pongo2Email.ReplaceAllStringFunc(out, func(mail string) string {
		title := mail
		if trunc > 3 && len(title) > trunc {
			title = title[:trunc-3] + "..."
		}
		return fmt.Sprintf(`<a href="mailto:%s">%s</a>`, mail, title)
	})
}

// pongo2Len is pongo2's Value.Len: of a collection, or a string in runes;
// 0 otherwise.
func pongo2Len(v any) int {
	rv := render.Pongo2Value(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice:
		return rv.Len()
	case reflect.String:
		return utf8.RuneCountInString(rv.String())
	}
	return 0
}

// pongo2Index is pongo2's Value.Index of an array, slice or string (a
// one-rune string), ok false for another kind.
func pongo2Index(v any, i int) (item any, ok bool) {
	rv := render.Pongo2Value(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Slice:
		if i >= rv.Len() {
			return nil, true
		}
		return rv.Index(i).Interface(), true
	case reflect.String:
		r := []rune(rv.String())
		if i < len(r) {
			return string(r[i]), true
		}
		return "", true
	}
	return nil, false
}

// pongo2True is pongo2's Value.IsTrue.
func pongo2True(v any) bool { return render.Pongo2IsTrue(render.Pongo2Value(v)) }

func pongo2Nil(v any) bool { return !render.Pongo2Value(v).IsValid() }

func pongo2Capfirst(_ *render.State, in, _ any) (any, error) {
	if pongo2Len(in) <= 0 {
		return "", nil
	}
	t := render.Pongo2Text(in)
	r, size := utf8.DecodeRuneInString(t)
	return strings.ToUpper(string(r)) + t[size:], nil
}

func pongo2DefaultIfNone(_ *render.State, in, arg any) (any, error) {
	if pongo2Nil(in) {
		return arg, nil
	}
	return in, nil
}

// pongo2Escape is pongo2's escape (and e): the text escaped, whether it
// was safe or not.
func pongo2Escape(s *render.State, in, _ any) (any, error) {
	return render.SafeString(s.EscapeHTML(render.Pongo2Text(in))), nil
}

// pongo2Stringformat is pongo2's stringformat: Go's fmt.Sprintf with the
// argument as the format ("%.2f"; Django: Python's % operator, "%.2f"
// too, but "%s" of a list and others differ).
func pongo2Stringformat(_ *render.State, in, arg any) (any, error) {
	switch x := in.(type) {
	case render.SafeString:
		in = string(x)
	case render.Undefined:
		in = nil
	}
	return fmt.Sprintf(render.Pongo2Text(arg), in), nil
}

func pongo2Title(_ *render.State, in, _ any) (any, error) {
	if render.Pongo2Kind(in) != reflect.String {
		return "", nil
	}
	return pongo2TitleCase(strings.ToLower(render.Pongo2Text(in))), nil
}

// pongo2TitleCase is Go's deprecated strings.Title, which pongo2 uses:
// the first letter of every word (after a non-letter, non-digit) upper.
func pongo2TitleCase(s string) string {
	prev := ' '
	return strings.Map(func(r rune) rune {
		if pongo2IsSeparator(prev) {
			prev = r
			return unicode.ToTitle(r)
		}
		prev = r
		return r
	}, s)
}

// pongo2IsSeparator is strings.Title's word boundary.
func pongo2IsSeparator(r rune) bool {
	if r <= 0x7F {
		switch {
		case '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', r == '_':
			return false
		}
		return true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	return unicode.IsSpace(r)
}

func pongo2Truncatechars(_ *render.State, in, arg any) (any, error) {
	return pongo2TruncateRunes(render.Pongo2Text(in), pongo2IntArg(arg)), nil
}

func pongo2TruncateRunes(s string, n int) string {
	runes := []rune(s)
	if n < len(runes) {
		if n >= 3 {
			return string(runes[:n-3]) + "..."
		}
		if n < 0 {
			n = 0
		}
		return string(runes[:n])
	}
	return s
}

func pongo2Yesno(_ *render.State, in, arg any) (any, error) {
	choices := [3]string{"yes", "no", "maybe"}
	param := ""
	if _, none := arg.(render.NoArg); !none {
		param = render.Pongo2Text(arg)
	}
	if param != "" {
		custom := strings.Split(param, ",")
		if len(custom) > 3 {
			return nil, fmt.Errorf("you cannot pass more than 3 options to the 'yesno'-filter (got: '%s')", param)
		}
		if len(custom) < 2 {
			return nil, fmt.Errorf("you must either pass no or at least 2 arguments to the 'yesno'-filter (got: '%s')", param)
		}
		copy(choices[:], custom)
	}
	switch {
	case pongo2Nil(in):
		return choices[2], nil
	case pongo2True(in):
		return choices[0], nil
	}
	return choices[1], nil
}

func pongo2Random(_ *render.State, in, _ any) (any, error) {
	n := pongo2Len(in)
	if k := render.Pongo2Kind(in); k != reflect.Array && k != reflect.Slice && k != reflect.String || n <= 0 {
		return in, nil
	}
	item, _ := pongo2Index(in, rand.IntN(n))
	return item, nil
}

func pongo2First(_ *render.State, in, _ any) (any, error) {
	if item, ok := pongo2Index(in, 0); ok && pongo2Len(in) > 0 {
		return item, nil
	}
	return "", nil
}

func pongo2Last(_ *render.State, in, _ any) (any, error) {
	if item, ok := pongo2Index(in, pongo2Len(in)-1); ok && pongo2Len(in) > 0 {
		return item, nil
	}
	return "", nil
}

func pongo2Urlencode(_ *render.State, in, _ any) (any, error) {
	return url.QueryEscape(render.Pongo2Text(in)), nil
}

func pongo2Linebreaksbr(_ *render.State, in, _ any) (any, error) {
	return strings.ReplaceAll(render.Pongo2Text(in), "\n", "<br />"), nil
}

func pongo2LengthIs(_ *render.State, in, arg any) (any, error) {
	return pongo2Len(in) == pongo2IntArg(arg), nil
}

func pongo2Join(_ *render.State, in, arg any) (any, error) {
	rv := render.Pongo2Value(in)
	if k := rv.Kind(); k != reflect.Array && k != reflect.Slice && k != reflect.String {
		return in, nil
	}
	n := pongo2Len(in)
	parts := make([]string, 0, n)
	for i := range n {
		item, _ := pongo2Index(in, i)
		parts = append(parts, render.Pongo2Text(item))
	}
	return strings.Join(parts, render.Pongo2Text(arg)), nil
}

func pongo2Center(_ *render.State, in, arg any) (any, error) {
	width, n := pongo2IntArg(arg), pongo2Len(in)
	if width <= n {
		return in, nil
	}
	spaces := width - n
	left, right := spaces/2+spaces%2, spaces/2
	return strings.Repeat(" ", left) + render.Pongo2Text(in) + strings.Repeat(" ", right), nil
}

// pongo2Wordwrap is pongo2's wordwrap: arg words a line.
func pongo2Wordwrap(_ *render.State, in, arg any) (any, error) {
	words := strings.Fields(render.Pongo2Text(in))
	at := pongo2IntArg(arg)
	if at <= 0 {
		return in, nil
	}
	count := len(words)/at + len(words)%at
	lines := make([]string, 0, count)
	for i := 0; i < count; i++ {
		lines = append(lines, strings.Join(words[min(at*i, len(words)):min(at*(i+1), len(words))], " "))
	}
	return strings.Join(lines, "\n"), nil
}

func pongo2Linebreaks(_ *render.State, in, _ any) (any, error) {
	if pongo2Len(in) == 0 {
		return in, nil
	}
	var b strings.Builder
	lines := strings.Split(render.Pongo2Text(in), "\n")
	opened := false
	for i, line := range lines {
		if !opened {
			b.WriteString("<p>")
			opened = true
		}
		b.WriteString(line)
		if i < len(lines)-1 && strings.TrimSpace(line) != "" {
			if strings.TrimSpace(lines[i+1]) == "" {
				b.WriteString("</p>")
				opened = false
			} else {
				b.WriteString("<br />")
			}
		}
	}
	if opened {
		b.WriteString("</p>")
	}
	return b.String(), nil
}

func pongo2Linenumbers(_ *render.State, in, _ any) (any, error) {
	lines := strings.Split(render.Pongo2Text(in), "\n")
	for i, line := range lines {
		lines[i] = fmt.Sprintf("%d. %s", i+1, line)
	}
	return strings.Join(lines, "\n"), nil
}

func pongo2Truncatewords(_ *render.State, in, arg any) (any, error) {
	words := strings.Fields(render.Pongo2Text(in))
	n := pongo2IntArg(arg)
	if n <= 0 {
		return "", nil
	}
	out := words[:min(len(words), n)]
	if n < len(words) {
		out = append(out[:len(out):len(out)], "...")
	}
	return strings.Join(out, " "), nil
}

func pongo2Escapejs(_ *render.State, in, _ any) (any, error) {
	text := render.Pongo2Text(in)
	var b strings.Builder
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		if c == utf8.RuneError {
			i += size
			continue
		}
		if c == '\\' && i+1 < len(text) && (text[i+1] == 'r' || text[i+1] == 'n') {
			if text[i+1] == 'r' {
				b.WriteString(`\u000D`)
			} else {
				b.WriteString(`\u000A`)
			}
			i += 2
			continue
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ' || c == '/' {
			b.WriteRune(c)
		} else {
			fmt.Fprintf(&b, `\u%04X`, c)
		}
		i += size
	}
	return b.String(), nil
}

func pongo2Urlizetrunc(s *render.State, in, arg any) (any, error) {
	return Pongo2Urlize(render.Pongo2Text(in), true, pongo2IntArg(arg), s.EscapeHTML), nil
}

// pongo2TruncateHTML walks the HTML text value as pongo2's truncate
// helper does: tags are copied (and closed at the end), text goes through
// fn until done says to stop; finish writes the ellipsis.
func pongo2TruncateHTML(value string, out *strings.Builder, done func() bool, fn func(c rune, size, i int) int, finish func()) {
	var stack []string
	i := 0
	for i < len(value) && !done() {
		c, size := utf8.DecodeRuneInString(value[i:])
		if c == utf8.RuneError {
			i += size
			continue
		}
		if c != '<' {
			i = fn(c, size, i)
			continue
		}
		out.WriteRune(c)
		i += size
		if i+1 >= len(value) {
			continue
		}
		if value[i] == '/' {
			out.WriteString("/")
			i++
			tag := ""
			for i < len(value) {
				c2, size2 := utf8.DecodeRuneInString(value[i:])
				if c2 == utf8.RuneError {
					i += size2
					continue
				}
				if c2 == '>' {
					i++
					break
				}
				tag += string(c2)
				i += size2
			}
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j] == tag {
					stack[j] = stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					break
				}
			}
			out.WriteString(tag + ">")
			continue
		}
		tag, params := "", false
		for i < len(value) {
			c2, size2 := utf8.DecodeRuneInString(value[i:])
			if c2 == utf8.RuneError {
				i += size2
				continue
			}
			out.WriteRune(c2)
			if c2 == '>' {
				i++
				break
			}
			if !params {
				if c2 == ' ' {
					params = true
				} else {
					tag += string(c2)
				}
			}
			i += size2
		}
		stack = append(stack, tag)
	}
	finish()
	for j := len(stack) - 1; j >= 0; j-- {
		out.WriteString("</" + stack[j] + ">")
	}
}

func pongo2TruncatecharsHTML(_ *render.State, in, arg any) (any, error) {
	value := render.Pongo2Text(in)
	limit := max(pongo2IntArg(arg)-3, 0)
	var out strings.Builder
	count := 0
	pongo2TruncateHTML(value, &out, func() bool { return count >= limit }, func(c rune, size, i int) int {
		count++
		out.WriteRune(c)
		return i + size
	}, func() {
		if count >= limit && count < len(value) {
			out.WriteString("...")
		}
	})
	return render.SafeString(out.String()), nil
}

func pongo2TruncatewordsHTML(_ *render.State, in, arg any) (any, error) {
	value := render.Pongo2Text(in)
	limit := max(pongo2IntArg(arg), 0)
	var out strings.Builder
	words := 0
	pongo2TruncateHTML(value, &out, func() bool { return words >= limit }, func(_ rune, _ int, i int) int {
		found := false
		for i < len(value) {
			c, size := utf8.DecodeRuneInString(value[i:])
			if c == utf8.RuneError {
				i += size
				continue
			}
			if c == '<' {
				return i
			}
			out.WriteRune(c)
			i += size
			if c == ' ' || c == '.' || c == ',' || c == ';' {
				break
			}
			found = true
		}
		if found {
			words++
		}
		return i
	}, func() {
		if words >= limit {
			out.WriteString("...")
		}
	})
	return render.SafeString(out.String()), nil
}
