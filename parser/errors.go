package parser

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a syntax error: where it is and what is wrong, in words.
// Error() is one line, "name:line:col: message"; Snippet shows the source
// line with a caret under the column.
type Error struct {
	Pos    Position // Filename is the template's name
	EndPos Position // end of the offending span, when known (zero otherwise)
	Msg    string
	Line   string // the source line the error is on, filled in by Parse
	// Code says what kind of error it is, for tools that tell kinds
	// apart (cmd/tplcheck): one of the Code constants of this package,
	// or of package compiler for compile errors; "" for the others.
	Code string
	Err  error // the cause, when there is one (the context's error for a parse it stopped)
}

// The codes of syntax errors (Error.Code) that tools tell apart.
const (
	CodeInvalidUTF8      = "invalid-utf8"      // the source is not UTF-8 text
	CodeExtendsFirst     = "extends-first"     // {% extends %} not first, not at the top level, or twice
	CodeBlockDuplicate   = "block-duplicate"   // two {% block %}s of one name
	CodeEndblockMismatch = "endblock-mismatch" // {% endblock name %} naming another block
)

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Error returns "name:line:col: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Pos.Filename, e.Pos.Line, e.Pos.Column, e.Msg)
}

// Snippet returns the source line with a caret (or a ^^^ span) under the
// error, tabs expanded to four spaces; empty if the line is not known.
func (e *Error) Snippet() string {
	if e.Pos.Line == 0 {
		return ""
	}
	num := fmt.Sprintf("%5d | ", e.Pos.Line)
	line := strings.ReplaceAll(e.Line, "\t", "    ")
	// Width of the text before the column, tabs counted as four.
	before := e.Line
	if n := e.Pos.Column - 1; n >= 0 {
		before = prefixRunes(e.Line, n)
	}
	pad := utf8.RuneCountInString(strings.ReplaceAll(before, "\t", "    "))
	width := 1
	if e.EndPos.Line == e.Pos.Line && e.EndPos.Column > e.Pos.Column {
		width = e.EndPos.Column - e.Pos.Column
	}
	if rest := utf8.RuneCountInString(line) - pad; width > rest && rest > 0 {
		width = rest
	}
	return num + line + "\n" + strings.Repeat(" ", len(num)-2) + "| " +
		strings.Repeat(" ", pad) + strings.Repeat("^", width)
}

// prefixRunes returns the first n runes of s.
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// ErrorList is every syntax error found in one template, in source order.
// errors.As finds the first one as an *Error.
type ErrorList []*Error

// Error prints each error on a line of its own.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// lineAt returns the source line that contains offset.
func lineAt(src string, offset int) string {
	if offset > len(src) {
		offset = len(src)
	}
	start := strings.LastIndexByte(src[:offset], '\n') + 1
	end := strings.IndexByte(src[offset:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += offset
	}
	return strings.TrimSuffix(src[start:end], "\r")
}

// indexNewline, lastNewline and countNewlines find line ends in s.
func indexNewline(s string) int  { return strings.IndexByte(s, '\n') }
func lastNewline(s string) int   { return strings.LastIndexByte(s, '\n') }
func countNewlines(s string) int { return strings.Count(s, "\n") }
