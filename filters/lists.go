package filters

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// This file holds Django's list filters: dictsort, dictsortreversed,
// length_is, slice, safeseq, escapeseq, unordered_list and pprint.

func dictsort(s *render.State, in, arg any) (any, error) {
	return sortBy(s, in, arg, false)
}

func dictsortreversed(s *render.State, in, arg any) (any, error) {
	return sortBy(s, in, arg, true)
}

// sortBy is Django's dictsort and dictsortreversed: the items of the value
// sorted (stably) by the property the argument names. A numeric argument
// is an index or key (operator.itemgetter); any other is a dotted path of
// keys and attributes, where names starting with "_" are refused. Values
// that are not iterable, properties that cannot be resolved as attributes
// and keys that Python cannot compare give ""; a missing key or index of a
// numeric argument is an error, as in Django.
func sortBy(s *render.State, in, arg any, reverse bool) (any, error) {
	key, err := propertyResolver(s, arg)
	if err != nil {
		if isPyError(err, "AttributeError", "TypeError") {
			return "", nil
		}
		return nil, err
	}
	items, ok := pyIter(in)
	if !ok {
		return "", nil
	}
	keys := make([]any, len(items))
	for i, item := range items {
		k, err := key(item)
		if err != nil {
			if isPyError(err, "AttributeError", "TypeError") {
				return "", nil
			}
			return nil, err
		}
		keys[i] = k
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	failed := false
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := keys[a], keys[b]
		if reverse {
			x, y = y, x
		}
		c, ok := render.Compare(x, y)
		if !ok {
			if isNumber(x) && isNumber(y) {
				return 0 // NaN: neither is less
			}
			failed = true
		}
		return c
	})
	if failed {
		return "", nil
	}
	out := make([]any, len(items))
	for i, k := range order {
		out[i] = items[k]
	}
	return out, nil
}

// propertyResolver is Django's _property_resolver.
func propertyResolver(s *render.State, arg any) (func(any) (any, error), error) {
	if _, err := pyFloat(arg); err == nil {
		return func(item any) (any, error) { return itemGet(s, item, arg) }, nil
	} else if !isPyError(err, "ValueError") {
		return nil, err
	}
	path, _ := strOf(arg)
	if path == "" {
		return nil, newPyError("IndexError", "string index out of range")
	}
	if path[0] == '_' || strings.Contains(path, "._") {
		return nil, newPyError("AttributeError", "Access to private variables is forbidden.")
	}
	parts := strings.Split(path, ".")
	return func(item any) (any, error) {
		v := item
		for _, part := range parts {
			next, err := keyOrAttr(s, v, part)
			if err != nil {
				return nil, err
			}
			v = next
		}
		return v, nil
	}, nil
}

// keyOrAttr is value[part], falling back to getattr(value, part).
func keyOrAttr(s *render.State, v any, part string) (any, error) {
	if isNone(v) {
		return nil, newPyError("AttributeError", "'NoneType' object has no attribute '%s'", part)
	}
	if _, ok := strOf(v); ok {
		return nil, newPyError("AttributeError", "'str' object has no attribute '%s'", part)
	}
	switch reflect.TypeOf(v).Kind() {
	case reflect.Slice, reflect.Array:
		return nil, newPyError("AttributeError", "'list' object has no attribute '%s'", part)
	}
	val, found, err := render.Lookup(s.Ctx, v, part)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, newPyError("AttributeError", "'%s' object has no attribute '%s'", pyTypeName(v), part)
	}
	return val, nil
}

// itemGet is operator.itemgetter(key)(item).
func itemGet(s *render.State, item, key any) (any, error) {
	switch {
	case isNone(item):
		return nil, newPyError("TypeError", "'NoneType' object is not subscriptable")
	case isMapKind(item):
		v, found, err := render.Index(s.Ctx, item, key)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, newPyError("KeyError", "%s", reprOf(key))
		}
		return v, nil
	}
	_, isStr := strOf(item)
	kind := reflect.TypeOf(item).Kind()
	if !isStr && kind != reflect.Slice && kind != reflect.Array {
		return nil, newPyError("TypeError", "'%s' object is not subscriptable", pyTypeName(item))
	}
	if !isIntegral(key) {
		return nil, newPyError("TypeError", "indices must be integers, not %s", pyTypeName(key))
	}
	v, found, err := render.Index(s.Ctx, item, key)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, newPyError("IndexError", "index out of range")
	}
	return v, nil
}

// lengthIs is Django's length_is (removed in Django 5.1): whether the
// value's length equals int(arg); "" where either fails.
func lengthIs(_ *render.State, in, arg any) (any, error) {
	n, ok := render.Len(in)
	if !ok || isNone(in) {
		return "", nil
	}
	want, err := pyInt(arg)
	if err != nil {
		if isPyError(err, "ValueError", "TypeError") {
			return "", nil
		}
		return nil, err
	}
	return want.IsInt64() && want.Int64() == int64(n), nil
}

// sliceFilter is Django's slice: Python's value[a:b:c] with the argument's
// "a:b:c" (parts may be empty or negative). A bad argument, a zero step
// and values that cannot be sliced return the value unchanged. The work is
// linear in the result, whatever the numbers.
func sliceFilter(_ *render.State, in, arg any) (any, error) {
	bits := strings.Split(render.String(arg), ":")
	if len(bits) > 3 {
		return in, nil
	}
	var vals [3]int64
	var set [3]bool
	for i, x := range bits {
		if x == "" {
			continue
		}
		n, err := pyInt64(x)
		if err != nil {
			return in, nil
		}
		vals[i], set[i] = n, true
	}
	if len(bits) == 1 { // slice(stop)
		vals[1], set[1] = vals[0], set[0]
		set[0] = false
	}
	step := int64(1)
	if set[2] {
		step = vals[2]
		if step == 0 {
			return in, nil
		}
		if step < -(1 << 62) {
			step = -(1 << 62)
		}
	}
	if str, ok := strOf(in); ok {
		runes := []rune(str)
		idx := sliceIndices(int64(len(runes)), vals[0], set[0], vals[1], set[1], step)
		out := make([]rune, 0, len(idx))
		for _, i := range idx {
			out = append(out, runes[i])
		}
		return string(out), nil
	}
	if isNone(in) || isMapKind(in) {
		return in, nil
	}
	kind := reflect.TypeOf(in).Kind()
	if kind != reflect.Slice && kind != reflect.Array {
		return in, nil
	}
	items, _ := render.Items(in)
	idx := sliceIndices(int64(len(items)), vals[0], set[0], vals[1], set[1], step)
	out := make([]any, 0, len(idx))
	for _, i := range idx {
		out = append(out, items[i])
	}
	return out, nil
}

// sliceIndices lists the indices Python's slice(start, stop, step) picks in
// a sequence of length n (PySlice_AdjustIndices).
func sliceIndices(n, start int64, hasStart bool, stop int64, hasStop bool, step int64) []int64 {
	adjust := func(v int64, has bool, dflt int64) int64 {
		if !has {
			return dflt
		}
		if v < 0 {
			if v < -n {
				if step < 0 {
					return -1
				}
				return 0
			}
			return v + n
		}
		if v >= n {
			if step < 0 {
				return n - 1
			}
			return n
		}
		return v
	}
	var lo, hi int64
	if step < 0 {
		lo = adjust(start, hasStart, n-1)
		hi = adjust(stop, hasStop, -1)
	} else {
		lo = adjust(start, hasStart, 0)
		hi = adjust(stop, hasStop, n)
	}
	var count int64
	if step < 0 {
		if hi < lo {
			count = (lo-hi-1)/(-step) + 1
		}
	} else if lo < hi {
		count = (hi-lo-1)/step + 1
	}
	idx := make([]int64, 0, count)
	for i, k := lo, int64(0); k < count; i, k = i+step, k+1 {
		idx = append(idx, i)
	}
	return idx
}

// safeseq is Django's safeseq: each item's text marked safe. A value that
// is not iterable is an error, as in Django.
func safeseq(_ *render.State, in, _ any) (any, error) {
	items, ok := pyIter(in)
	if !ok {
		return nil, newPyError("TypeError", "'%s' object is not iterable", pyTypeName(in))
	}
	out := make([]any, len(items))
	for i, item := range items {
		out[i] = render.SafeString(render.String(item))
	}
	return out, nil
}

// escapeseq is Django's escapeseq: each item escaped unless it is safe, and
// marked safe.
func escapeseq(_ *render.State, in, _ any) (any, error) {
	items, ok := pyIter(in)
	if !ok {
		return nil, newPyError("TypeError", "'%s' object is not iterable", pyTypeName(in))
	}
	out := make([]any, len(items))
	for i, item := range items {
		out[i] = conditionalEscape(item)
	}
	return out, nil
}

// conditionalEscape is Django's conditional_escape.
func conditionalEscape(v any) render.SafeString {
	if s, ok := v.(render.SafeString); ok {
		return s
	}
	return render.SafeString(EscapeHTML(render.String(v)))
}

// maxListItems bounds the items unordered_list writes, so that lists
// sharing sublists cannot multiply the work.
const maxListItems = 1 << 20

// unorderedList is Django's unordered_list: the items as <li> elements
// (without the enclosing <ul>), an item followed by a list getting that
// list as a nested <ul>, indented with tabs. Items are escaped unless safe
// when autoescape is on. A value that is not iterable is an error, as in
// Django; so are a list nested in itself and nesting deeper than
// render.MaxNesting lists (Python's RecursionError), and more than a
// million items (braid's cap).
func unorderedList(s *render.State, in, _ any) (any, error) {
	u := listFormatter{autoescape: s.Autoescape}
	if err := u.format(in, 1); err != nil {
		return nil, err
	}
	return render.SafeString(u.b.String()), nil
}

type listFormatter struct {
	b          strings.Builder
	autoescape bool
	items      int
	path       render.Path // the lists being written
}

func isListValue(v any) bool {
	if isNone(v) {
		return false
	}
	switch reflect.TypeOf(v).Kind() {
	case reflect.Slice:
		_, isBytes := v.([]byte)
		return !isBytes
	case reflect.Array:
		return true
	}
	return false
}

func (u *listFormatter) format(list any, tabs int) error {
	switch u.path.Enter(reflect.ValueOf(list)) {
	case nil:
		defer u.path.Leave()
	case render.ErrCycle:
		return newPyError("RecursionError", "maximum recursion depth exceeded: unordered_list of a list that contains itself")
	default:
		return newPyError("RecursionError", "maximum recursion depth exceeded: unordered_list of lists nested more than %d deep", render.MaxNesting)
	}
	items, ok := pyIter(list)
	if !ok {
		return newPyError("TypeError", "'%s' object is not iterable", pyTypeName(list))
	}
	indent := strings.Repeat("\t", tabs)
	first := true
	for i := 0; i < len(items); i++ {
		item := items[i]
		var children any
		if i+1 < len(items) && isListValue(items[i+1]) {
			children = items[i+1]
			i++
		}
		u.items++
		if u.items > maxListItems {
			return newPyError("RecursionError", "unordered_list: too many items")
		}
		if !first {
			u.b.WriteByte('\n')
		}
		first = false
		u.b.WriteString(indent)
		u.b.WriteString("<li>")
		if u.autoescape {
			u.b.WriteString(string(conditionalEscape(item)))
		} else {
			u.b.WriteString(render.String(item))
		}
		if children != nil && render.Truthy(children) {
			u.b.WriteByte('\n')
			u.b.WriteString(indent)
			u.b.WriteString("<ul>\n")
			if err := u.format(children, tabs+1); err != nil {
				return err
			}
			u.b.WriteByte('\n')
			u.b.WriteString(indent)
			u.b.WriteString("</ul>\n")
			u.b.WriteString(indent)
		}
		u.b.WriteString("</li>")
	}
	return nil
}

// pprintFilter is Django's pprint: Python's pprint.pformat(value).
func pprintFilter(_ *render.State, in, _ any) (any, error) {
	return PFormat(in), nil
}

// PFormat is Python's pprint.pformat(v) (width 80, dicts sorted by key)
// for strings, numbers, None, bools, lists and maps of them: the repr when
// it fits, else one item per line, and long strings split at whitespace
// into adjacent literals. Other values print as their repr (as
// render.String prints them inside a list: a struct with its exported
// fields only). A list or map inside itself prints as "[...]" or "{...}"
// (Python's pprint prints "<Recursion on list with id=…>", an address);
// so does nesting deeper than render.MaxNesting. More than a million
// values, or 16 MiB of output, are cut as "...".
func PFormat(v any) string {
	p := pformatter{width: 80}
	p.format(v, 0, 0, 0)
	return p.b.String()
}

type pformatter struct {
	b     strings.Builder
	width int
	path  render.Path // the lists and maps being formatted
	nodes int
}

// maxPFormatNodes bounds the values PFormat expands, so that lists sharing
// sublists cannot multiply the work; maxPFormatBytes bounds its output,
// past which each value prints as "...": a string deep inside a list is
// split into a line per word when the indentation leaves no room, as in
// Python, and its lines get all that indentation.
const (
	maxPFormatNodes = 1 << 20
	maxPFormatBytes = 16 << 20
)

// pformatMarker is what the list or map v prints as inside itself.
func pformatMarker(v any) string {
	if isMapKind(v) {
		return "{...}"
	}
	return "[...]"
}

func (p *pformatter) format(v any, indent, allowance, level int) {
	p.nodes++
	if p.nodes > maxPFormatNodes || p.b.Len() > maxPFormatBytes {
		p.b.WriteString("...")
		return
	}
	container := isListValue(v) || isMapKind(v)
	if container {
		if p.path.Enter(reflect.ValueOf(v)) != nil {
			p.b.WriteString(pformatMarker(v))
			return
		}
		defer p.path.Leave()
	}
	maxWidth := p.width - indent - allowance
	if rep, fits := p.reprUpTo(v, maxWidth, !container); fits {
		p.b.WriteString(rep)
		return
	}
	if s, ok := strOf(v); ok {
		p.formatString(s, reprOf(s), indent, allowance, level+1)
		return
	}
	if isListValue(v) {
		items, _ := render.Items(v)
		p.b.WriteByte('[')
		p.formatItems(items, indent, allowance+1, level+1)
		p.b.WriteByte(']')
		return
	}
	if isMapKind(v) {
		keys, _ := render.Items(v)
		p.b.WriteByte('{')
		indent++
		for i, k := range keys {
			last := i == len(keys)-1
			krep := reprOf(k)
			p.b.WriteString(krep)
			p.b.WriteString(": ")
			val, _, _ := render.Index(context.Background(), v, k)
			a := 1
			if last {
				a = allowance + 1
			}
			p.format(val, indent+utf8.RuneCountInString(krep)+2, a, level+1)
			if !last {
				p.b.WriteString(",\n")
				p.b.WriteString(strings.Repeat(" ", indent))
			}
		}
		p.b.WriteByte('}')
		return
	}
	p.b.WriteString(reprOf(v))
}

// reprUpTo is Python's repr of v when it has at most limit characters;
// fits is false (and the work stops) as soon as it has more. A list or map
// on the path (enter false: v itself is on it already) prints as its
// marker, as in Python's repr.
func (p *pformatter) reprUpTo(v any, limit int, enter bool) (rep string, fits bool) {
	if !isListValue(v) && !isMapKind(v) {
		rep = reprOf(v)
		return rep, utf8.RuneCountInString(rep) <= limit
	}
	if limit < 2 {
		return "", false // no repr of a list or dict is shorter than "[]"
	}
	if enter {
		if p.path.Enter(reflect.ValueOf(v)) != nil {
			rep = pformatMarker(v)
			return rep, len(rep) <= limit
		}
		defer p.path.Leave()
	}
	var b strings.Builder
	items, _ := render.Items(v)
	isMap := isMapKind(v)
	open, close := byte('['), byte(']')
	if isMap {
		open, close = '{', '}'
	}
	b.WriteByte(open)
	n := 1
	for i, item := range items {
		if i > 0 {
			b.WriteString(", ")
			n += 2
		}
		s, ok := p.reprUpTo(item, limit-n, true)
		if !ok {
			return "", false
		}
		b.WriteString(s)
		n += utf8.RuneCountInString(s)
		if isMap {
			val, _, _ := render.Index(context.Background(), v, item)
			b.WriteString(": ")
			n += 2
			s, ok := p.reprUpTo(val, limit-n, true)
			if !ok {
				return "", false
			}
			b.WriteString(s)
			n += utf8.RuneCountInString(s)
		}
		if n > limit {
			return "", false
		}
	}
	b.WriteByte(close)
	n++
	return b.String(), n <= limit
}

func (p *pformatter) formatItems(items []any, indent, allowance, level int) {
	indent++
	for i, item := range items {
		if i > 0 {
			p.b.WriteString(",\n")
			p.b.WriteString(strings.Repeat(" ", indent))
		}
		a := 1
		if i == len(items)-1 {
			a = allowance
		}
		p.format(item, indent, a, level)
	}
}

// formatString is PrettyPrinter._pprint_str.
func (p *pformatter) formatString(s, rep string, indent, allowance, level int) {
	if s == "" {
		p.b.WriteString(rep)
		return
	}
	if level == 1 {
		indent++
		allowance++
	}
	var chunks []string
	lines := splitLinesKeep(s)
	maxWidth1, maxWidth := p.width-indent, p.width-indent
	for i, line := range lines {
		lrep := reprOf(line)
		if i == len(lines)-1 {
			maxWidth1 -= allowance
		}
		if utf8.RuneCountInString(lrep) <= maxWidth1 {
			chunks = append(chunks, lrep)
			continue
		}
		parts := spaceParts(line)
		maxWidth2 := maxWidth
		var cur reprLen
		curStart, curEnd := 0, 0
		for j, part := range parts {
			if j == len(parts)-1 && i == len(lines)-1 {
				maxWidth2 -= allowance
			}
			cand := cur
			cand.add(part)
			if cand.len() > maxWidth2 {
				if curEnd > curStart {
					chunks = append(chunks, reprOf(line[curStart:curEnd]))
				}
				cur = reprLen{}
				cur.add(part)
				curStart = curEnd
			} else {
				cur = cand
			}
			curEnd += len(part)
		}
		if curEnd > curStart {
			chunks = append(chunks, reprOf(line[curStart:curEnd]))
		}
	}
	if len(chunks) == 1 {
		p.b.WriteString(rep)
		return
	}
	if level == 1 {
		p.b.WriteByte('(')
	}
	for i, c := range chunks {
		if i > 0 {
			if p.b.Len() > maxPFormatBytes {
				p.b.WriteString("...")
				break
			}
			p.b.WriteByte('\n')
			p.b.WriteString(strings.Repeat(" ", indent))
		}
		p.b.WriteString(c)
	}
	if level == 1 {
		p.b.WriteByte(')')
	}
}

// reprLen tracks the length of Python's repr of a growing string: the
// escaped lengths under either quote, and which quote repr would choose.
type reprLen struct {
	single, double   int // characters inside the quotes
	hasSingle, hasDq bool
}

func (r *reprLen) add(s string) {
	for _, c := range s {
		n := 1
		if c < ' ' || c == '\\' || c >= 0x7f {
			n = utf8.RuneCountInString(reprOf(string(c))) - 2
		}
		switch c {
		case '\'':
			r.hasSingle = true
			r.single += 2
			r.double++
		case '"':
			r.hasDq = true
			r.single++
			r.double += 2
		default:
			r.single += n
			r.double += n
		}
	}
}

func (r reprLen) len() int {
	if r.hasSingle && !r.hasDq {
		return r.double + 2
	}
	return r.single + 2
}

// splitLinesKeep is Python's str.splitlines(True).
func splitLinesKeep(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch r {
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			end = i + size
		case '\r':
			end = i + 1
			if i+1 < len(s) && s[i+1] == '\n' {
				end = i + 2
			}
		}
		if end >= 0 {
			lines = append(lines, s[start:end])
			start = end
			i = end
			continue
		}
		i += size
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// spaceParts is re.findall(r'\S*\s*', line) without the final empty match.
func spaceParts(line string) []string {
	var parts []string
	for i := 0; i < len(line); {
		j := i
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if isPySpace(r) {
				break
			}
			j += size
		}
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if !isPySpace(r) {
				break
			}
			j += size
		}
		parts = append(parts, line[i:j])
		i = j
	}
	return parts
}
