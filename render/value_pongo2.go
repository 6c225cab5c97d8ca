package render

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"time"
)

// pongo2's operators, for the pongo2 dialect (Env.Pongo2). pongo2 works
// on Go values, not Python's: it converts an operand to the kind the
// operator wants (an int, a float64, a string) and computes in that kind,
// so 1/2 is 0, 1 + "a" is "1a", "3" * 2 is 6 and 4.0 == 4 is false.

// Pongo2Kind is the reflect kind of v through one pointer, as pongo2's
// Value sees it (a SafeString is a string).
func Pongo2Kind(v any) reflect.Kind { return pongo2Value(v).Kind() }

// Pongo2Text is v as pongo2's Value.String gives it: numbers, strings and
// booleans as String does (floats with six decimals), a fmt.Stringer by
// its method, nil as "", other values as reflect shows them.
func Pongo2Text(v any) string { return pongo2Text(v) }

// Pongo2Int is v as pongo2's Value.Integer gives it: numbers converted
// (floats truncated), a string parsed as a number, 0 otherwise.
func Pongo2Int(v any) int { return int(pongo2Int(pongo2Value(v))) }

// Pongo2Integer is Pongo2Int for a value pongo2's Value holds (see
// Pongo2Value).
func Pongo2Integer(rv reflect.Value) int64 { return pongo2Int(rv) }

// Pongo2Value is v as pongo2's Value holds it: through one pointer, a
// SafeString as a string, a missing variable as the invalid Value.
func Pongo2Value(v any) reflect.Value { return pongo2Value(v) }

// pongo2Value is v as pongo2's Value sees it: through one pointer, a
// SafeString as a string.
func pongo2Value(v any) reflect.Value {
	switch x := v.(type) {
	case SafeString:
		return reflect.ValueOf(string(x))
	case Undefined:
		return reflect.Value{}
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	return rv
}

func pongo2IsInt(rv reflect.Value) bool {
	k := rv.Kind()
	return k >= reflect.Int && k <= reflect.Int64 || k >= reflect.Uint && k <= reflect.Uint64
}

func pongo2IsFloat(rv reflect.Value) bool {
	k := rv.Kind()
	return k == reflect.Float32 || k == reflect.Float64
}

// pongo2Int is pongo2's Value.Integer: numbers converted, a string
// parsed as a number, 0 otherwise.
func pongo2Int(rv reflect.Value) int64 {
	switch k := rv.Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		return rv.Int()
	case k >= reflect.Uint && k <= reflect.Uint64:
		return int64(rv.Uint())
	case k == reflect.Float32 || k == reflect.Float64:
		return int64(rv.Float())
	case k == reflect.String:
		f, err := strconv.ParseFloat(rv.String(), 64)
		if err != nil {
			return 0 // as pongo2: also for a number out of range
		}
		return int64(f)
	}
	return 0
}

// Pongo2IsTrue is pongo2's Value.IsTrue of rv (see Pongo2Value): a
// number other than 0, a non-empty string, array, slice, map or channel,
// true, and any struct.
func Pongo2IsTrue(rv reflect.Value) bool {
	switch k := rv.Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		return rv.Int() != 0
	case k >= reflect.Uint && k <= reflect.Uint64:
		return rv.Uint() != 0
	case k == reflect.Float32 || k == reflect.Float64:
		return rv.Float() != 0
	case k == reflect.Array || k == reflect.Chan || k == reflect.Map || k == reflect.Slice || k == reflect.String:
		return rv.Len() > 0
	case k == reflect.Bool:
		return rv.Bool()
	case k == reflect.Struct:
		return true
	}
	return false
}

// Pongo2Float is pongo2's Value.Float of rv (see Pongo2Value): a number
// as a float64, a string parsed as one, 0 otherwise.
func Pongo2Float(rv reflect.Value) float64 { return pongo2Float(rv) }

// pongo2Float is Pongo2Float.
func pongo2Float(rv reflect.Value) float64 {
	switch k := rv.Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		return float64(rv.Int())
	case k >= reflect.Uint && k <= reflect.Uint64:
		return float64(rv.Uint())
	case k == reflect.Float32 || k == reflect.Float64:
		return rv.Float()
	case k == reflect.String:
		f, err := strconv.ParseFloat(rv.String(), 64)
		if err != nil {
			return 0 // as pongo2: also for a number out of range
		}
		return f
	}
	return 0
}

// Pongo2Arith applies the arithmetic operator op ("+", "-", "*", "/",
// "%" or "^") to a and b as pongo2 does: "+" with a string operand joins
// the operands as text; otherwise a float operand makes the operation a
// float64 one, and two other operands are converted to integers (a
// string parsed as a number, 0 when it is not one): 1/2 is 0, 7 % -3 is
// 1 (Go's remainder). "^" is always math.Pow. Integer division or
// remainder by zero is the error "division by zero".
func Pongo2Arith(op string, a, b any) (any, error) {
	ra, rb := pongo2Value(a), pongo2Value(b)
	if op == "^" {
		return math.Pow(pongo2Float(ra), pongo2Float(rb)), nil
	}
	if op == "+" && (ra.Kind() == reflect.String || rb.Kind() == reflect.String) {
		return pongo2Text(a) + pongo2Text(b), nil
	}
	if pongo2IsFloat(ra) || pongo2IsFloat(rb) {
		if v, ok := goArith(op, pongo2Float(ra), pongo2Float(rb)); ok {
			return v, nil // x/0 is ±Inf or NaN, as in Go
		}
	}
	x, y := pongo2Int(ra), pongo2Int(rb)
	switch {
	case (op == "/" || op == "%") && y == 0:
		return nil, errDivisionByZero()
	case op == "%":
		return x % y, nil
	}
	if v, ok := goArith(op, x, y); ok {
		return v, nil
	}
	return nil, errors.New("unknown operator " + strconv.Quote(op))
}

// goArith applies + - * or / to two numbers of one Go type as Go does;
// false for another operator.
func goArith[T int64 | float64](op string, x, y T) (T, bool) {
	switch op {
	case "+":
		return x + y, true
	case "-":
		return x - y, true
	case "*":
		return x * y, true
	case "/":
		return x / y, true
	}
	return 0, false
}

// Pongo2Negate is pongo2's unary minus: of a number only.
func Pongo2Negate(v any) (any, error) {
	rv := pongo2Value(v)
	switch {
	case pongo2IsFloat(rv):
		return -rv.Float(), nil
	case pongo2IsInt(rv):
		return -pongo2Int(rv), nil
	}
	return nil, errors.New("Negative sign on a non-number expression")
}

// Pongo2Equal is pongo2's ==: integers of any kinds by value, times by
// Equal, other values as Go's == compares them (so 4.0 == 4 is false, and
// values Go cannot compare are unequal).
func Pongo2Equal(a, b any) bool {
	ra, rb := pongo2Value(a), pongo2Value(b)
	if pongo2IsInt(ra) && pongo2IsInt(rb) {
		return pongo2Int(ra) == pongo2Int(rb)
	}
	ta, aTime := a.(time.Time)
	tb, bTime := b.(time.Time)
	if aTime && bTime {
		return ta.Equal(tb)
	}
	a, b = pongo2Plain(a), pongo2Plain(b)
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if !reflect.TypeOf(a).Comparable() || !reflect.TypeOf(b).Comparable() {
		return false
	}
	return a == b
}

// pongo2Plain is v as pongo2 holds it: a SafeString is a string, a
// missing variable nil.
func pongo2Plain(v any) any {
	switch x := v.(type) {
	case SafeString:
		return string(x)
	case Undefined:
		return nil
	}
	return v
}

// Pongo2Less is pongo2's order for op ("<", ">", "<=" or ">="): as
// floats when either operand is a float, as times when both are, and as
// integers otherwise (strings parsed as numbers).
func Pongo2Less(op string, a, b any) bool {
	ra, rb := pongo2Value(a), pongo2Value(b)
	var c int
	ta, aTime := a.(time.Time)
	tb, bTime := b.(time.Time)
	switch {
	case pongo2IsFloat(ra) || pongo2IsFloat(rb):
		c = cmp3(pongo2Float(ra), pongo2Float(rb))
	case aTime && bTime:
		c = ta.Compare(tb)
	default:
		c = cmp3(pongo2Int(ra), pongo2Int(rb))
	}
	switch op {
	case "<":
		return c < 0
	case ">":
		return c > 0
	case "<=":
		return c <= 0
	}
	return c >= 0
}

func cmp3[T int64 | float64](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
