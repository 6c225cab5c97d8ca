package parser

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input panics or hangs, that every error points
// inside the source, that whatever parses survives a round trip, and that
// the quick path and the hand readers build what the grammar builds.
// Seeds: every golden template, plus the corpus in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, path := range golden(f) {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Fuzz(func(t *testing.T, src string) {
		if utf8.ValidString(src) {
			if m := quickMismatch("fuzz.html", src); m != "" {
				t.Fatal(m)
			}
			if m, _ := handMismatch(src); m != "" {
				t.Fatal(m)
			}
			if m := reuseMismatch(src); m != "" {
				t.Fatal(m)
			}
		}
		_, err := Parse("fuzz.html", src)
		if err != nil {
			checkErrorPositions(t, src, err)
			return
		}
		checkRoundTrip(t, "fuzz.html", src)
	})
}

// checkErrorPositions fails unless err is an ErrorList whose every error
// has a line, column and offset inside src, consistent with each other.
func checkErrorPositions(t *testing.T, src string, err error) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error is not a non-empty ErrorList: %v", err)
	}
	for _, e := range list {
		p := e.Pos
		if p.Offset < 0 || p.Offset > len(src) || p.Line < 1 || p.Column < 1 {
			t.Fatalf("error outside the source (%d bytes): %+v: %v", len(src), p, e)
		}
		line := 1 + strings.Count(src[:p.Offset], "\n")
		lineStart := strings.LastIndexByte(src[:p.Offset], '\n') + 1
		col := 1 + utf8.RuneCountInString(src[lineStart:p.Offset])
		if utf8.ValidString(src) && (line != p.Line || col != p.Column) {
			t.Fatalf("error position %d:%d does not match its offset %d (%d:%d): %v", p.Line, p.Column, p.Offset, line, col, e)
		}
		if e.Msg == "" || e.Pos.Filename != "fuzz.html" {
			t.Fatalf("error without message or name: %#v", e)
		}
	}
}
