package render

import (
	"fmt"
	"strings"
)

// Pos is where a node or expression starts in its template's source.
// The zero Pos is no position. A Pos made by At holds only the offset
// (Line is negative): the render computes its line and column from the
// template's source when a message needs them.
type Pos struct {
	Line, Col int // 1-based; Col counts runes
	Offset    int // byte offset
}

// At is the position at byte offset off of the running template's source,
// its line and column computed when needed. The compiler keeps only the
// offset in its most numerous nodes ({{ name }}), so that a compiled
// template stays small.
func At(off int) Pos { return Pos{Line: -1, Offset: off} }

// Error is a render-time error at a position in a template: a missing
// variable in strict mode, a filter given the wrong type, a method that
// returned an error or panicked.
type Error struct {
	Template  string // the template's name
	Line, Col int    // where the failing node or expression starts (0: the template as a whole)
	Msg       string // what failed, in words
	Err       error  // the underlying error, if any
	Source    string // the template's source line at Line, for Snippet
}

// Error is "name:line:col: msg: underlying".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "%s:%d:%d: %s", e.Template, e.Line, e.Col, e.Msg)
	} else {
		fmt.Fprintf(&b, "%s: %s", e.Template, e.Msg) // a whole template's error
	}
	if e.Err != nil {
		if msg := e.Err.Error(); msg != "" {
			if e.Msg != "" {
				b.WriteString(": ")
			}
			b.WriteString(msg)
		}
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Snippet is the source line with a caret under the column, or "" when
// the source line is not known.
func (e *Error) Snippet() string {
	if e.Source == "" {
		return ""
	}
	line := strings.ReplaceAll(e.Source, "\t", "    ")
	pad := 0
	for i, r := range []rune(e.Source) {
		if i >= e.Col-1 {
			break
		}
		if r == '\t' {
			pad += 4
		} else {
			pad++
		}
	}
	num := fmt.Sprintf("%5d | ", e.Line)
	return num + line + "\n" + strings.Repeat(" ", len(num)-2) + "| " + strings.Repeat(" ", pad) + "^"
}

// Errorf makes an *Error at pos in the running template. An *Error in
// args' wrapped error is returned as is, so the innermost position wins.
func (s *State) Errorf(pos Pos, err error, format string, args ...any) error {
	if e, ok := err.(*Error); ok {
		return e
	}
	p := s.Prog
	pos = p.resolve(pos)
	e := &Error{Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...), Err: err}
	if p != nil {
		e.Template = p.Name
		e.Source = p.line(pos)
	}
	return e
}
