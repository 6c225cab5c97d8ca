package pongo2

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/parser"
)

// Error is pongo2's error: where it happened (file, line, column, the
// token there), which part found it (Sender: "lexer", "parser",
// "execution", "fromfile", "applyfilter", "filter:name", "tag:name") and
// the error itself.
type Error struct {
	Template  *Template
	Filename  string
	Line      int
	Column    int
	Token     *Token
	Sender    string
	OrigError error

	at parser.Position // a tag parser's error: its token in the source
}

// Error is "[Error (where: sender) in file | Line L Col C near 'token'] msg".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("[Error")
	if e.Sender != "" {
		b.WriteString(" (where: " + e.Sender + ")")
	}
	if e.Filename != "" {
		b.WriteString(" in " + e.Filename)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " | Line %d Col %d", e.Line, e.Column)
		if e.Token != nil {
			fmt.Fprintf(&b, " near '%s'", e.Token.Val)
		}
	}
	b.WriteString("] ")
	if e.OrigError != nil {
		b.WriteString(e.OrigError.Error())
	}
	return b.String()
}

// Unwrap returns the error itself.
func (e *Error) Unwrap() error { return e.OrigError }

// RawLine returns the line of the template file the error is on.
func (e *Error) RawLine() (line string, available bool, outErr error) {
	if e.Line <= 0 || e.Filename == "<string>" {
		return "", false, nil
	}
	f, err := os.Open(e.Filename)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if n == e.Line {
			return sc.Text(), true, nil
		}
	}
	return "", false, sc.Err()
}

// fromBraid turns one of braid's errors into pongo2's shape.
func fromBraid(err error, tpl *Template, sender string) error {
	if err == nil {
		return nil
	}
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	var be *braid.Error
	if !errors.As(err, &be) {
		return &Error{Template: tpl, Sender: sender, OrigError: err}
	}
	e := &Error{Template: tpl, Sender: sender, Filename: displayName(be.Template), Line: be.Line, Column: be.Col}
	if errors.Is(err, fs.ErrNotExist) && be.Line == 0 {
		e.Sender = "fromfile"
	}
	if tok := tokenAt(be.Source, be.Col); tok != "" && e.Line > 0 {
		e.Token = &Token{Filename: e.Filename, Val: tok, Line: be.Line, Col: be.Col}
	}
	msg := be.Msg
	if be.Err != nil {
		if inner := be.Err.Error(); inner != "" {
			if msg != "" {
				msg += ": "
			}
			msg += inner
		}
	}
	var notFound *braid.NotFoundError
	if be.Line > 0 && errors.As(err, &notFound) {
		// A missing template a static include names: pongo2 reports it
		// when it compiles, in its loader's words.
		e.Sender, e.Filename = "fromfile", displayName(notFound.Name)
		msg = fmt.Sprintf("open %s: no such file or directory", e.Filename)
		if e.Token != nil {
			e.Token.Val = strings.Trim(e.Token.Val, `"'`)
		}
	}
	e.OrigError = errors.New(msg)
	return e
}

// tokenAt is the word (or the symbol) at column col (in runes) of line.
func tokenAt(line string, col int) string {
	if col < 1 {
		return ""
	}
	i := 0
	for n := 1; n < col && i < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	rest := line[i:]
	for len(rest) > 0 && (rest[0] == ' ' || rest[0] == '{' || rest[0] == '%') {
		rest = rest[1:]
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') })
	switch {
	case end == 0:
		_, size := utf8.DecodeRuneInString(rest)
		return rest[:size]
	case end < 0:
		return rest
	}
	return rest[:end]
}
