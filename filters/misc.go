package filters

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// This file registers the filters of strings.go, numbers.go, lists.go,
// html.go and misc.go, and holds the Python semantics they share: int(),
// float(), iteration and the exceptions Django lets through.
//
// The filters follow django/template/defaultfilters.py of the current
// Django release (5.x/6.0) with the default settings of an English site
// (LANGUAGE_CODE "en-us", USE_THOUSAND_SEPARATOR False, the en locale's
// formats). Where Django raises an exception that the template engine does
// not catch (int("x") in ljust, a missing key in dictsort), the filter
// returns an error, which the engine reports with its position; where
// Django catches it, the filter returns what Django returns.

// moreBuiltins adds the filters defined in this file set to m.
func moreBuiltins(m map[string]*render.Filter) {
	// strings.go
	m["addslashes"] = &render.Filter{Fn: stringFn(Addslashes), IsSafe: true}
	m["center"] = &render.Filter{Fn: center, Arg: render.ArgRequired, IsSafe: true}
	m["ljust"] = &render.Filter{Fn: ljust, Arg: render.ArgRequired, IsSafe: true}
	m["rjust"] = &render.Filter{Fn: rjust, Arg: render.ArgRequired, IsSafe: true}
	m["cut"] = &render.Filter{Fn: cut, Arg: render.ArgRequired}
	m["escapejs"] = &render.Filter{Fn: escapejs}
	m["iriencode"] = &render.Filter{Fn: stringFn(IRIEncode), IsSafe: true}
	m["urlencode"] = &render.Filter{Fn: urlencode, Arg: render.ArgOptional}
	m["make_list"] = &render.Filter{Fn: makeList}
	m["phone2numeric"] = &render.Filter{Fn: phone2numeric, IsSafe: true}
	m["slugify"] = &render.Filter{Fn: stringFn(Slugify), IsSafe: true}
	m["truncatewords"] = &render.Filter{Fn: truncatewords, Arg: render.ArgRequired, IsSafe: true}
	m["wordcount"] = &render.Filter{Fn: wordcount}
	m["wordwrap"] = &render.Filter{Fn: wordwrap, Arg: render.ArgRequired, IsSafe: true}
	m["split"] = &render.Filter{Fn: split, Arg: render.ArgRequired}

	// numbers.go
	m["floatformat"] = &render.Filter{Fn: floatformat, Arg: render.ArgOptional, IsSafe: true}
	m["filesizeformat"] = &render.Filter{Fn: filesizeformat, IsSafe: true}
	m["divisibleby"] = &render.Filter{Fn: divisibleby, Arg: render.ArgRequired}
	m["get_digit"] = &render.Filter{Fn: getDigit, Arg: render.ArgRequired}
	m["stringformat"] = &render.Filter{Fn: stringformat, Arg: render.ArgRequired, IsSafe: true}
	m["float"] = &render.Filter{Fn: floatFilter}
	m["integer"] = &render.Filter{Fn: integerFilter}

	// lists.go
	m["dictsort"] = &render.Filter{Fn: dictsort, Arg: render.ArgRequired}
	m["dictsortreversed"] = &render.Filter{Fn: dictsortreversed, Arg: render.ArgRequired}
	m["length_is"] = &render.Filter{Fn: lengthIs, Arg: render.ArgRequired}
	m["random"] = &render.Filter{Fn: randomFilter, IsSafe: true}
	m["slice"] = &render.Filter{Fn: sliceFilter, Arg: render.ArgRequired, IsSafe: true}
	m["safeseq"] = &render.Filter{Fn: safeseq, IsSafe: true}
	m["escapeseq"] = &render.Filter{Fn: escapeseq, IsSafe: true}
	m["unordered_list"] = &render.Filter{Fn: unorderedList, IsSafe: true}

	// html.go
	m["force_escape"] = &render.Filter{Fn: forceEscape, IsSafe: true}
	m["linebreaks"] = &render.Filter{Fn: linebreaks, IsSafe: true}
	m["linebreaksbr"] = &render.Filter{Fn: linebreaksbr, IsSafe: true}
	m["linenumbers"] = &render.Filter{Fn: linenumbers, IsSafe: true}
	m["json_script"] = &render.Filter{Fn: jsonScript, Arg: render.ArgOptional, IsSafe: true}
	m["truncatechars_html"] = &render.Filter{Fn: truncatecharsHTML, Arg: render.ArgRequired, IsSafe: true}
	m["truncatewords_html"] = &render.Filter{Fn: truncatewordsHTML, Arg: render.ArgRequired, IsSafe: true}
	m["urlize"] = &render.Filter{Fn: urlize, IsSafe: true}
	m["urlizetrunc"] = &render.Filter{Fn: urlizetrunc, Arg: render.ArgRequired, IsSafe: true}
	m["removetags"] = &render.Filter{Fn: removetags, Arg: render.ArgRequired, IsSafe: true}

	// misc.go
	m["yesno"] = &render.Filter{Fn: yesno, Arg: render.ArgOptional}
	m["pluralize"] = &render.Filter{Fn: pluralize, Arg: render.ArgOptional}
	m["pprint"] = &render.Filter{Fn: pprintFilter, IsSafe: true}
	m["time"] = &render.Filter{Fn: timeOf, Arg: render.ArgOptional}
	m["timesince"] = &render.Filter{Fn: timesince, Arg: render.ArgOptional}
	m["timeuntil"] = &render.Filter{Fn: timeuntil, Arg: render.ArgOptional}
}

// pyError is a Python exception that a Django filter lets through (or that
// it catches, which the caller checks with isPyError).
type pyError struct {
	typ string // "ValueError", "TypeError", ...
	msg string
}

func (e *pyError) Error() string { return e.msg }

func newPyError(typ, format string, args ...any) error {
	return &pyError{typ: typ, msg: fmt.Sprintf(format, args...)}
}

// isPyError reports whether err is one of the Python exception types.
func isPyError(err error, types ...string) bool {
	var pe *pyError
	if !errors.As(err, &pe) {
		return false
	}
	for _, t := range types {
		if pe.typ == t {
			return true
		}
	}
	return false
}

// pyTypeName is Python's type(v).__name__ for the messages of errors.
func pyTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "NoneType"
	case string, render.SafeString:
		return "str"
	case bool:
		return "bool"
	case int, int64, int32, int16, int8, uint, uint64, uint32, uint16, uint8:
		return "int"
	case float64, float32:
		return "float"
	case time.Time:
		return "datetime"
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return "list"
	case reflect.Map:
		return "dict"
	case reflect.String:
		return "str"
	}
	return render.TypeName(v)
}

// strOf returns v as a string when v is of a string kind.
func strOf(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case render.SafeString:
		return string(x), true
	case nil, int, int64, float64, bool:
		return "", false
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

func isSafe(v any) bool {
	_, ok := v.(render.SafeString)
	return ok
}

// isNone reports whether v is Python's None: nil or a nil pointer.
func isNone(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// maxIntDigits is Python's default int_max_str_digits: int() of a string
// with more digits raises ValueError.
const maxIntDigits = 4300

// pyInt is Python's int(v): integers and bools, floats truncated (NaN is a
// ValueError, infinities an OverflowError), and strings holding a decimal
// integer (spaces around, a sign, single underscores between digits).
// Anything else is a TypeError.
func pyInt(v any) (*big.Int, error) {
	switch x := v.(type) {
	case int:
		return big.NewInt(int64(x)), nil
	case int64:
		return big.NewInt(x), nil
	case bool:
		if x {
			return big.NewInt(1), nil
		}
		return big.NewInt(0), nil
	case float64:
		return floatToInt(x)
	case float32:
		return floatToInt(float64(x))
	}
	if s, ok := strOf(v); ok {
		n, ok := parsePyIntBig(s)
		if !ok {
			return nil, newPyError("ValueError", "invalid literal for int() with base 10: %s", pyRepr(s))
		}
		return n, nil
	}
	if v != nil {
		rv := reflect.ValueOf(v)
		switch k := rv.Kind(); {
		case k >= reflect.Int && k <= reflect.Int64:
			return big.NewInt(rv.Int()), nil
		case k >= reflect.Uint && k <= reflect.Uintptr:
			return new(big.Int).SetUint64(rv.Uint()), nil
		case k == reflect.Float32 || k == reflect.Float64:
			return floatToInt(rv.Float())
		case k == reflect.Bool:
			if rv.Bool() {
				return big.NewInt(1), nil
			}
			return big.NewInt(0), nil
		}
	}
	return nil, newPyError("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '%s'", pyTypeName(v))
}

func floatToInt(f float64) (*big.Int, error) {
	if math.IsNaN(f) {
		return nil, newPyError("ValueError", "cannot convert float NaN to integer")
	}
	if math.IsInf(f, 0) {
		return nil, newPyError("OverflowError", "cannot convert float infinity to integer")
	}
	n, _ := big.NewFloat(f).Int(nil)
	return n, nil
}

// pyInt64 is pyInt clamped to the int64 range: for widths, counts and
// indices, where anything beyond int64 is far past every cap.
func pyInt64(v any) (int64, error) {
	switch x := v.(type) {
	case int:
		return int64(x), nil
	case int64:
		return x, nil
	}
	n, err := pyInt(v)
	if err != nil {
		return 0, err
	}
	if n.IsInt64() {
		return n.Int64(), nil
	}
	if n.Sign() < 0 {
		return math.MinInt64, nil
	}
	return math.MaxInt64, nil
}

// parsePyIntBig parses a Python int literal in base 10.
func parsePyIntBig(s string) (*big.Int, bool) {
	s = trimPySpace(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return nil, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			b.WriteByte(c)
		case c == '_' && s[i-1] != '_':
		default:
			return nil, false
		}
	}
	digits := b.String()
	if len(digits) > maxIntDigits {
		return nil, false
	}
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return nil, false
	}
	if neg {
		n.Neg(n)
	}
	return n, true
}

// pyFloat is Python's float(v): a ValueError for a string that is not a
// number, a TypeError for values that are neither strings nor numbers.
func pyFloat(v any) (float64, error) {
	if s, ok := strOf(v); ok {
		if f, ok := render.ToFloat(s); ok {
			return f, nil
		}
		return 0, newPyError("ValueError", "could not convert string to float: %s", pyRepr(s))
	}
	if isNone(v) {
		return 0, newPyError("TypeError", "float() argument must be a string or a real number, not 'NoneType'")
	}
	switch v.(type) {
	case time.Time:
	default:
		if f, ok := render.ToFloat(v); ok {
			return f, nil
		}
	}
	return 0, newPyError("TypeError", "float() argument must be a string or a real number, not '%s'", pyTypeName(v))
}

// pyIter returns what Python's iter(v) yields: list elements, string
// characters, dict keys. ok is false where iter raises TypeError (None,
// numbers, structs).
func pyIter(v any) ([]any, bool) {
	if isNone(v) {
		return nil, false
	}
	return render.Items(v)
}

// pyRepr is Python's repr of a string.
func pyRepr(s string) string { return reprOf(s) }

// intArg is int(arg) for the filters whose argument Django converts
// without catching errors.
func intArg(arg any) (int64, error) {
	return pyInt64(arg)
}

// yesno is Django's yesno: "yes,no,maybe" by default; an argument with
// fewer than two comma-separated parts returns the value unchanged, one
// with two (or more than three) uses the second for None as well.
func yesno(_ *render.State, in, arg any) (any, error) {
	choices := "yes,no,maybe"
	if _, none := arg.(render.NoArg); !none && arg != nil {
		s, ok := strOf(arg)
		if !ok {
			return nil, newPyError("AttributeError", "'%s' object has no attribute 'split'", pyTypeName(arg))
		}
		choices = s
	}
	bits := strings.Split(choices, ",")
	if len(bits) < 2 {
		return in, nil
	}
	yes, no, maybe := bits[0], bits[1], bits[1]
	if len(bits) == 3 {
		maybe = bits[2]
	}
	switch {
	case isNone(in):
		return maybe, nil
	case render.Truthy(in):
		return yes, nil
	}
	return no, nil
}

// pluralize is Django's pluralize: the suffix ("s" by default, or the part
// after the comma of "y,ies") unless the value is 1 (as a number or numeric
// string) or has length 1. An argument with more than one comma gives "".
func pluralize(_ *render.State, in, arg any) (any, error) {
	suffix := "s"
	if _, none := arg.(render.NoArg); !none {
		s, ok := strOf(arg)
		if !ok {
			return nil, newPyError("TypeError", "argument of type '%s' is not iterable", pyTypeName(arg))
		}
		suffix = s
	}
	if !strings.Contains(suffix, ",") {
		suffix = "," + suffix
	}
	singular, plural, _ := strings.Cut(suffix, ",")
	if strings.Contains(plural, ",") {
		return "", nil
	}
	f, err := pyFloat(in)
	if err == nil {
		if f == 1 {
			return singular, nil
		}
		return plural, nil
	}
	if isPyError(err, "ValueError") {
		return "", nil
	}
	if n, ok := render.Len(in); ok && !isNone(in) {
		if n == 1 {
			return singular, nil
		}
		return plural, nil
	}
	return "", nil
}

// timeOf is Django's time filter: the value formatted with TimeFormat
// (TIME_FORMAT, "P", by default; a named format is looked up), in the
// engine's time zone. "" for None, "", values that are not times, and
// formats with date characters (which Django's TimeFormat does not know).
func timeOf(s *render.State, in, arg any) (any, error) {
	t, zoned, ok := render.AsTime(in)
	if !ok {
		return literalFormat(in, arg), nil
	}
	format := "TIME_FORMAT"
	if _, none := arg.(render.NoArg); !none && arg != nil {
		format = render.String(arg)
		if format == "" {
			format = "TIME_FORMAT"
		}
	}
	if named, ok := NamedFormat(format); ok {
		format = named
	}
	if s != nil && s.Run != nil && s.Run.Env != nil && !zoned {
		t = s.LocalTime(t)
	}
	out, err := TimeFormat(t, format)
	if err != nil {
		return "", nil
	}
	return out, nil
}

func asTime(v any) (time.Time, bool) {
	t, _, ok := render.AsTime(v)
	return t, ok
}

// timesince is Django's timesince: the time from the value to the argument
// (or to now, the render's start) as "2\u00a0days, 3\u00a0hours": up to two
// adjacent units of years, months, weeks, days, hours and minutes, with
// non-breaking spaces inside each part; "0\u00a0minutes" when the value is
// not in the past. A false value gives "". A value (or argument) that is
// not a time is an error, as in Django, where it has no "year".
func timesince(s *render.State, in, arg any) (any, error) {
	if !render.Truthy(in) {
		return "", nil
	}
	d, ok := asTime(in)
	if !ok {
		return nil, newPyError("AttributeError", "'%s' object has no attribute 'year'", pyTypeName(in))
	}
	now := renderNow(s).In(d.Location())
	if _, none := arg.(render.NoArg); !none && render.Truthy(arg) {
		t, ok := asTime(arg)
		if !ok {
			return nil, newPyError("AttributeError", "'%s' object has no attribute 'year'", pyTypeName(arg))
		}
		now = t
	}
	return TimeSince(d, now), nil
}

// timeuntil is Django's timeuntil: timesince from the argument (or now) to
// the value.
func timeuntil(s *render.State, in, arg any) (any, error) {
	if !render.Truthy(in) {
		return "", nil
	}
	d, ok := asTime(in)
	if !ok {
		return nil, newPyError("AttributeError", "'%s' object has no attribute 'year'", pyTypeName(in))
	}
	now := renderNow(s).In(d.Location())
	if _, none := arg.(render.NoArg); !none && arg != nil {
		t, ok := asTime(arg)
		if !ok {
			if render.Truthy(arg) {
				return nil, newPyError("AttributeError", "'%s' object has no attribute 'year'", pyTypeName(arg))
			}
		} else {
			now = t
		}
	}
	return TimeSince(now, d), nil
}

// renderNow is the render's start time in UTC. The filters read it in the
// value's own zone, as Django compares a naive value with the local now:
// the calendar fields of both are then read in one zone.
func renderNow(s *render.State) time.Time {
	if s != nil && s.Run != nil && !s.Run.Now.IsZero() {
		return s.Run.Now.UTC()
	}
	return time.Now().UTC()
}

var timeUnits = [...]struct{ one, many string }{
	{"year", "years"}, {"month", "months"}, {"week", "weeks"},
	{"day", "days"}, {"hour", "hours"}, {"minute", "minutes"},
}

var monthsDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// TimeSince is django.utils.timesince.timesince(d, now): the time from d to
// now in up to two adjacent units, calendar-aware for years and months
// (each time's fields are read in its own location, as Python reads an
// aware datetime's), with a non-breaking space between number and unit and
// ", " between parts. "0\u00a0minutes" when d is not before now by at least
// a second.
func TimeSince(d, now time.Time) string {
	delta := now.Sub(d)
	if delta < time.Second {
		return "0\u00a0minutes"
	}
	dy, dmo, dd := d.Date()
	ny, nmo, nd := now.Date()
	totalMonths := (ny-dy)*12 + int(nmo-dmo)
	dClock := d.Hour()*3600 + d.Minute()*60 + d.Second()
	nClock := now.Hour()*3600 + now.Minute()*60 + now.Second()
	if dd > nd || (dd == nd && (dClock > nClock || dClock == nClock && d.Nanosecond()/1000 > now.Nanosecond()/1000)) {
		totalMonths--
	}
	years, months := totalMonths/12, totalMonths%12
	if months < 0 { // Python's divmod floors
		months += 12
		years--
	}
	pivot := d.Truncate(0)
	if years != 0 || months != 0 {
		py := dy + years
		pm := int(dmo) + months
		if pm > 12 {
			pm -= 12
			py++
		}
		pivot = time.Date(py, time.Month(pm), min(monthsDays[pm-1], dd), d.Hour(), d.Minute(), d.Second(), 0, d.Location())
	}
	remaining := now.Sub(pivot).Seconds()
	parts := [6]int64{int64(years), int64(months)}
	for i, chunk := range [...]float64{7 * 24 * 3600, 24 * 3600, 3600, 60} {
		count := math.Floor(remaining / chunk)
		parts[2+i] = int64(count)
		remaining -= chunk * count
	}
	i := 0
	for i < len(parts) && parts[i] == 0 {
		i++
	}
	if i == len(parts) {
		return "0\u00a0minutes"
	}
	var b strings.Builder
	for depth := 0; i < len(parts) && depth < 2 && parts[i] != 0; depth, i = depth+1, i+1 {
		if depth > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.FormatInt(parts[i], 10))
		b.WriteString("\u00a0")
		if parts[i] == 1 {
			b.WriteString(timeUnits[i].one)
		} else {
			b.WriteString(timeUnits[i].many)
		}
	}
	return b.String()
}

// randomFilter is Django's random: a random item of a sequence, "" for an
// empty one. It uses math/rand/v2's global source, so its choice is not
// reproducible (nor is Django's). A value that is not a sequence (a number,
// None, a mapping) is an error, as random.choice fails on it.
func randomFilter(_ *render.State, in, _ any) (any, error) {
	if isNone(in) || isMapKind(in) {
		return nil, newPyError("TypeError", "'%s' object is not subscriptable", pyTypeName(in))
	}
	if s, ok := strOf(in); ok {
		n := utf8.RuneCountInString(s)
		if n == 0 {
			return "", nil
		}
		k := rand.IntN(n)
		for _, r := range s {
			if k == 0 {
				return string(r), nil
			}
			k--
		}
	}
	items, ok := pyIter(in)
	if !ok {
		return nil, newPyError("TypeError", "object of type '%s' has no len()", pyTypeName(in))
	}
	if len(items) == 0 {
		return "", nil
	}
	return items[rand.IntN(len(items))], nil
}

// literalFormat is what Django's date and time filters give for a value
// that is not a date: "" for None and "", and for a format that reads the
// value's fields; a format with no format characters comes out as the
// text it is (Django formats it without touching the value).
func literalFormat(in, arg any) string {
	if in == nil || render.String(in) == "" {
		return ""
	}
	if _, none := arg.(render.NoArg); none || arg == nil {
		return ""
	}
	f := render.String(arg)
	if f == "" {
		return ""
	}
	if _, named := NamedFormat(f); named {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == '\\' && i+1 < len(f) {
			i++
			b.WriteByte(f[i])
			continue
		}
		if strings.IndexByte(dateFormatChars, c) >= 0 {
			return ""
		}
		b.WriteByte(c)
	}
	return b.String()
}

// dateFormatChars are Django's date format characters.
const dateFormatChars = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTuUwWyYzZ"
