package filters

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"strings"
	"sync"

	"github.com/braidtpl/braid/render"
)

// Builtins returns a new table of the built-in filters, for an engine to
// own and extend. The filters in it are shared by every table (a Filter
// is never changed once made); the table is the caller's.
func Builtins() map[string]*render.Filter { return maps.Clone(builtins()) }

// builtins is the table Builtins copies, made on first use and only read
// afterwards.
var builtins = sync.OnceValue(builtinTable)

func builtinTable() map[string]*render.Filter {
	// Sized for the whole table, so that filling it never rehashes.
	m := make(map[string]*render.Filter, 64)
	m["add"] = &render.Filter{Fn: add, Arg: render.ArgRequired}
	m["capfirst"] = &render.Filter{Fn: stringFn(Capfirst), IsSafe: true}
	m["date"] = &render.Filter{Fn: date, Arg: render.ArgOptional}
	m["default"] = &render.Filter{Fn: defaultFilter, Arg: render.ArgRequired}
	m["default_if_none"] = &render.Filter{Fn: defaultIfNone, Arg: render.ArgRequired}
	m["escape"] = &render.Filter{Fn: escape, IsSafe: true}
	m["first"] = &render.Filter{Fn: first}
	m["join"] = &render.Filter{Fn: join, Arg: render.ArgRequired, IsSafe: true}
	m["last"] = &render.Filter{Fn: last, IsSafe: true}
	m["length"] = &render.Filter{Fn: length}
	m["lower"] = &render.Filter{Fn: stringFn(Lower), IsSafe: true, Append: appendLower}
	m["safe"] = &render.Filter{Fn: safe, IsSafe: true}
	m["striptags"] = &render.Filter{Fn: stringFn(StripTags), IsSafe: true}
	m["title"] = &render.Filter{Fn: stringFn(Title), IsSafe: true}
	m["truncatechars"] = &render.Filter{Fn: truncatechars, Arg: render.ArgRequired, IsSafe: true}
	m["upper"] = &render.Filter{Fn: stringFn(Upper), Append: appendUpper}
	moreBuiltins(m)
	return m
}

// stringFn adapts a string function as Django's @stringfilter does: the
// input is converted to its printed form first.
// appendUpper and appendLower are Upper and Lower appending to dst,
// without a string of their own for ASCII text.
func appendUpper(dst []byte, s string) []byte {
	if !isASCII(s) {
		return append(dst, Upper(s)...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func appendLower(dst []byte, s string) []byte {
	if !isASCII(s) {
		return append(dst, Lower(s)...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func stringFn(f func(string) string) func(*render.State, any, any) (any, error) {
	return func(_ *render.State, in, _ any) (any, error) {
		return f(render.String(in)), nil
	}
}

// escape is Django's escape: conditional_escape, so a safe string is left
// alone and the result is safe.
func escape(s *render.State, in, _ any) (any, error) {
	if safe, ok := in.(render.SafeString); ok {
		return safe, nil
	}
	return render.SafeString(s.EscapeHTML(render.String(in))), nil
}

func safe(_ *render.State, in, _ any) (any, error) {
	if s, ok := in.(render.SafeString); ok {
		return s, nil
	}
	return render.SafeString(render.String(in)), nil
}

func defaultFilter(_ *render.State, in, arg any) (any, error) {
	if render.Truthy(in) {
		return in, nil
	}
	return arg, nil
}

func defaultIfNone(_ *render.State, in, arg any) (any, error) {
	if in == nil {
		return arg, nil
	}
	return in, nil
}

// length is len(value), 0 where Python's len fails.
func length(_ *render.State, in, _ any) (any, error) {
	n, _ := render.Len(in)
	return n, nil
}

func first(_ *render.State, in, _ any) (any, error) { return index(in, 0) }

func last(_ *render.State, in, _ any) (any, error) { return index(in, -1) }

// index is Django's value[0] / value[-1] in first and last: "" for an
// empty sequence (IndexError), an error where Python cannot index (a
// number, None, a mapping without that key).
func index(in any, i int) (any, error) {
	switch in.(type) {
	case string, render.SafeString:
	default:
		if in == nil || isMapKind(in) {
			return nil, fmt.Errorf("%s is not subscriptable by position", render.TypeName(in))
		}
	}
	items, ok := render.Items(in)
	if !ok {
		return nil, fmt.Errorf("%s is not subscriptable", render.TypeName(in))
	}
	if len(items) == 0 {
		return "", nil
	}
	if i < 0 {
		i += len(items)
	}
	return items[i], nil
}

// join is Django's join: with autoescape on, each item and the separator
// are escaped unless safe, and the result is safe.
func join(s *render.State, in, arg any) (any, error) {
	if in == nil {
		return in, nil // Python: None is not iterable, TypeError: the value
	}
	if !s.Autoescape {
		// Current Django: arg.join(value), which fails (TypeError: the value
		// itself) when an item is not a string.
		allStrings := true
		render.Range(in, false, func(_, _ int, item any) error {
			switch item.(type) {
			case string, render.SafeString:
			default:
				allStrings = false
			}
			return nil
		})
		if !allStrings {
			return in, nil
		}
	}
	sep := appendConditionalEscape(nil, s.Autoescape, arg)
	var buf [256]byte
	b := buf[:0]
	ok, _ := render.Range(in, false, func(i, _ int, item any) error {
		if i > 0 {
			b = append(b, sep...)
		}
		b = appendConditionalEscape(b, s.Autoescape, item)
		return nil
	})
	if !ok {
		return in, nil
	}
	if s.Autoescape {
		return render.SafeString(b), nil
	}
	return string(b), nil
}

// appendConditionalEscape appends v's printed form, escaped when
// autoescape is on and v is not safe.
func appendConditionalEscape(b []byte, autoescape bool, v any) []byte {
	switch v := v.(type) {
	case render.SafeString:
		return append(b, v...)
	case string:
		if autoescape {
			return render.AppendEscaped(b, v)
		}
		return append(b, v...)
	}
	if autoescape {
		return render.AppendEscaped(b, render.String(v))
	}
	return append(b, render.String(v)...)
}

// add is Django's add: int() of both and their sum (Python's integers
// do not overflow: past int64 the result is a big.Int), else Python's +,
// else "".
func add(_ *render.State, in, arg any) (any, error) {
	a, ok1 := render.ToInt(in)
	b, ok2 := render.ToInt(arg)
	if ok1 && ok2 {
		if sum := a + b; (sum > a) == (b > 0) {
			return sum, nil
		}
	}
	if x, ok := bigInt(in); ok {
		if y, ok := bigInt(arg); ok {
			sum := new(big.Int).Add(x, y)
			if sum.IsInt64() {
				return sum.Int64(), nil
			}
			return sum, nil
		}
	}
	if v, err := render.Arith("+", in, arg); err == nil {
		return v, nil
	}
	return "", nil
}

// bigInt is Python's int() for add: integers, integral floats of any size,
// strings of digits of any length.
func bigInt(v any) (*big.Int, bool) {
	if n, ok := render.ToInt(v); ok {
		return big.NewInt(n), true
	}
	switch x := v.(type) {
	case *big.Int:
		return x, true
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, false
		}
		b, _ := new(big.Float).SetFloat64(math.Trunc(x)).Int(nil)
		return b, true
	case string, render.SafeString:
		s := strings.TrimSpace(render.String(x))
		if len(s) > 4300 { // Python's limit on int() of a string
			return nil, false
		}
		b, ok := new(big.Int).SetString(s, 10)
		return b, ok
	}
	return nil, false
}

func truncatechars(_ *render.State, in, arg any) (any, error) {
	n, ok := render.ToInt(arg)
	if !ok {
		return in, nil // Django: an invalid literal leaves the value alone
	}
	return TruncateChars(render.String(in), int(n)), nil
}

// date is Django's date filter: "" for None or "", and for values that are
// not times.
func date(s *render.State, in, arg any) (any, error) {
	t, ok := s.ShownTime(in)
	if !ok {
		return literalFormat(in, arg), nil
	}
	format := "DATE_FORMAT"
	if _, none := arg.(render.NoArg); !none && render.String(arg) != "" {
		format = render.String(arg)
	}
	if s != nil && s.Run != nil && s.Run.Env != nil && s.Run.Env.Pongo2 {
		if format == "DATE_FORMAT" {
			format = "" // pongo2 formats with the argument alone
		}
		return t.Format(format), nil // pongo2: a Go layout
	}
	if named, ok := NamedFormat(format); ok {
		format = named
	}
	return DateFormat(t, format), nil
}
