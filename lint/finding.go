package lint

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/braidtpl/braid/parser"
)

// Finding is one thing a rule found: where (the template's name, the
// line and column it starts at, both from 1, the column counting
// characters; and where it ends, when known), what, and the source line,
// for showing it with a caret.
type Finding struct {
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"endLine,omitempty"`
	EndColumn int      `json:"endColumn,omitempty"`
	Message   string   `json:"message"`
	Source    string   `json:"source,omitempty"`
}

// String returns "file:line:col: severity: message [rule]".
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.File, f.Line, f.Column, f.Severity, f.Message, f.Rule)
}

// Snippet returns the source line with a caret (or a ^^^ span) under the
// finding, as braid's errors show it; empty when the line is not known.
func (f Finding) Snippet() string {
	if f.Line == 0 || f.Source == "" {
		return ""
	}
	e := parser.Error{
		Pos:    parser.Position{Line: f.Line, Column: f.Column},
		EndPos: parser.Position{Line: f.EndLine, Column: f.EndColumn},
		Line:   f.Source,
	}
	return e.Snippet()
}

// SortFindings sorts findings by file, line, column, rule and message,
// the order every output of tplcheck has.
func SortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}

// finding makes a finding of rule at the span [pos, end) of u.
func (u *unit) finding(rule string, pos, end parser.Position, format string, args ...any) Finding {
	r, _ := RuleByID(rule)
	f := Finding{Rule: rule, Severity: r.Severity, File: u.name, Line: pos.Line, Column: pos.Column, Message: fmt.Sprintf(format, args...)}
	if end.Line > 0 {
		f.EndLine, f.EndColumn = end.Line, end.Column
	}
	if pos.Line > 0 {
		f.Source = lineAt(u.src, pos.Offset)
	}
	return f
}
