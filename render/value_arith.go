package render

import (
	"errors"
	"fmt"
	"math"
	"reflect"
)

// errDivisionByZero is what Arith returns for x / 0 and x % 0.
func errDivisionByZero() error { return errors.New("division by zero") }

// Arith applies the pongo2 arithmetic operator op ("+", "-", "*", "/", "%"
// or "^") to a and b with Python's semantics:
//
//   - two integers (any int or uint kind, or bools, which Python counts as
//     integers) give an int64 for + - * %, and for ^ with a non-negative
//     exponent; a result that does not fit an int64 is an error ("integer
//     overflow"), where Python would grow a big integer;
//   - "/" is true division and always gives a float64;
//   - a float operand gives a float64;
//   - "%" takes the sign of the divisor, as in Python (-7 % 3 == 2);
//   - "^" is power: math.Pow for floats and negative exponents;
//   - "+" joins two strings (a SafeString only when both are) and two
//     slices or arrays (into a []any).
//
// Division or modulo by zero, and zero to a negative power, are the error
// "division by zero". Other operand types are an error naming both, as
// "cannot apply + to string and int". An integer above MaxInt64 (a large
// uint64) takes part as a float64.
func Arith(op string, a, b any) (any, error) {
	// Fast paths for the common types.
	switch x := a.(type) {
	case int:
		if y, ok := b.(int); ok {
			return intArith(op, int64(x), int64(y))
		}
	case int64:
		if y, ok := b.(int64); ok {
			return intArith(op, x, y)
		}
	case float64:
		if y, ok := b.(float64); ok {
			return floatArith(op, x, y)
		}
	case string:
		if y, ok := b.(string); ok && op == "+" {
			return x + y, nil
		}
	case SafeString:
		if y, ok := b.(SafeString); ok && op == "+" {
			return x + y, nil
		}
	}
	if na, ok := toNumber(a); ok {
		if nb, ok := toNumber(b); ok {
			if na.kind == numInt && nb.kind == numInt {
				return intArith(op, na.i, nb.i)
			}
			return floatArith(op, na.float(), nb.float())
		}
		return nil, arithError(op, a, b)
	}
	if op != "+" {
		if !isArithOp(op) {
			return nil, fmt.Errorf("unknown operator %q", op)
		}
		return nil, arithError(op, a, b)
	}
	if sa, ok := stringOf(a); ok {
		sb, ok := stringOf(b)
		if !ok {
			return nil, arithError(op, a, b)
		}
		_, safeA := a.(SafeString)
		_, safeB := b.(SafeString)
		if safeA && safeB {
			return SafeString(sa + sb), nil
		}
		return sa + sb, nil
	}
	if a != nil && b != nil {
		ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
		if isList(ra) && isList(rb) {
			out := make([]any, 0, ra.Len()+rb.Len())
			for i := range ra.Len() {
				out = append(out, ra.Index(i).Interface())
			}
			for i := range rb.Len() {
				out = append(out, rb.Index(i).Interface())
			}
			return out, nil
		}
	}
	return nil, arithError(op, a, b)
}

func isArithOp(op string) bool {
	switch op {
	case "+", "-", "*", "/", "%", "^":
		return true
	}
	return false
}

// arithError says that op does not apply to a and b.
func arithError(op string, a, b any) error {
	return fmt.Errorf("cannot apply %s to %s and %s", op, typeName(a), typeName(b))
}

// errOverflow is the error of an integer result out of int64's range.
func errOverflow(op string) error {
	return fmt.Errorf("integer overflow in %s", op)
}

// intArith applies op to two integers.
func intArith(op string, x, y int64) (any, error) {
	switch op {
	case "+":
		s := x + y
		if (x^s)&(y^s) < 0 {
			return nil, errOverflow(op)
		}
		return s, nil
	case "-":
		d := x - y
		if (x^y)&(x^d) < 0 {
			return nil, errOverflow(op)
		}
		return d, nil
	case "*":
		p, ok := mulInt(x, y)
		if !ok {
			return nil, errOverflow(op)
		}
		return p, nil
	case "/":
		if y == 0 {
			return nil, errDivisionByZero()
		}
		return float64(x) / float64(y), nil
	case "%":
		if y == 0 {
			return nil, errDivisionByZero()
		}
		r := x % y
		if r != 0 && (r < 0) != (y < 0) {
			r += y
		}
		return r, nil
	case "^":
		if y < 0 {
			if x == 0 {
				return nil, errDivisionByZero()
			}
			return math.Pow(float64(x), float64(y)), nil
		}
		p, ok := powInt(x, y)
		if !ok {
			return nil, errOverflow(op)
		}
		return p, nil
	}
	return nil, fmt.Errorf("unknown operator %q", op)
}

// mulInt multiplies with overflow detection.
func mulInt(x, y int64) (int64, bool) {
	if x == 0 || y == 0 {
		return 0, true
	}
	p := x * y
	if p/y != x || (x == -1 && y == math.MinInt64) || (y == -1 && x == math.MinInt64) {
		return 0, false
	}
	return p, true
}

// powInt raises x to the non-negative power y by squaring, with overflow
// detection.
func powInt(x, y int64) (int64, bool) {
	result := int64(1)
	for {
		if y&1 == 1 {
			var ok bool
			if result, ok = mulInt(result, x); !ok {
				return 0, false
			}
		}
		y >>= 1
		if y == 0 {
			return result, true
		}
		var ok bool
		if x, ok = mulInt(x, x); !ok {
			return 0, false
		}
	}
}

// floatArith applies op to two floats, as Python does for floats.
func floatArith(op string, x, y float64) (any, error) {
	switch op {
	case "+":
		return x + y, nil
	case "-":
		return x - y, nil
	case "*":
		return x * y, nil
	case "/":
		if y == 0 {
			return nil, errDivisionByZero()
		}
		return x / y, nil
	case "%":
		if y == 0 {
			return nil, errDivisionByZero()
		}
		m := math.Mod(x, y)
		if m != 0 {
			if (y < 0) != (m < 0) {
				m += y
			}
		} else {
			m = math.Copysign(0, y)
		}
		return m, nil
	case "^":
		if x == 0 && y < 0 {
			return nil, errDivisionByZero()
		}
		return math.Pow(x, y), nil
	}
	return nil, fmt.Errorf("unknown operator %q", op)
}

// Negate is unary minus: -v for a number (an int64 for integers and bools,
// a float64 for floats). Anything else, and -MinInt64, is an error.
func Negate(v any) (any, error) {
	switch x := v.(type) {
	case int:
		if x == math.MinInt {
			return nil, errOverflow("-")
		}
		return -int64(x), nil
	case int64:
		if x == math.MinInt64 {
			return nil, errOverflow("-")
		}
		return -x, nil
	case float64:
		return -x, nil
	}
	n, ok := toNumber(v)
	if !ok {
		return nil, fmt.Errorf("cannot apply unary - to %s", typeName(v))
	}
	switch n.kind {
	case numInt:
		if n.i == math.MinInt64 {
			return nil, errOverflow("-")
		}
		return -n.i, nil
	case numUint:
		return -float64(n.u), nil
	}
	return -n.f, nil
}
