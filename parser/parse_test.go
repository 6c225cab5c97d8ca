package parser

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/parser")

// golden lists testdata/parser/*.tpl.
func golden(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "parser", "*.tpl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden templates: %v", err)
	}
	return files
}

// errorReport is how a golden .err file shows a parse's errors: each
// error's one-line form and its snippet.
func errorReport(err error) string {
	var list ErrorList
	if !errors.As(err, &list) {
		return "not an ErrorList: " + err.Error() + "\n"
	}
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Error() + "\n" + e.Snippet() + "\n")
	}
	return b.String()
}

// TestGolden parses each testdata/parser/NAME.tpl and compares the AST dump
// with NAME.ast or the errors with NAME.err; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, path := range golden(t) {
		base := strings.TrimSuffix(path, ".tpl")
		name := filepath.Base(base)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := Parse(name+".tpl", string(src))
			got, ext, stale := "", ".ast", ".err"
			if err != nil {
				got, ext, stale = errorReport(err), ".err", ".ast"
			} else {
				got = Dump(tpl, true)
			}
			if *update {
				os.Remove(base + stale)
				if err := os.WriteFile(base+ext, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(base + ext)
			if rerr != nil {
				t.Fatalf("parse gave %s output but %s%s is missing (run go test ./parser -update): %v\n%s", ext, name, ext, rerr, got)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s%s mismatch (-want +got):\n%s", name, ext, diff)
			}
		})
	}
}

// TestRoundTrip checks Parse(Print(Parse(s))) == Parse(s) for every
// golden template that parses.
func TestRoundTrip(t *testing.T) {
	n := 0
	for _, path := range golden(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if checkRoundTrip(t, filepath.Base(path), string(src)) {
			n++
		}
	}
	t.Logf("%d templates round-tripped", n)
	if n == 0 {
		t.Fatal("no golden template parsed")
	}
}

// checkRoundTrip reports whether src parsed; if it did, it checks that its
// printed form parses to the same tree.
func checkRoundTrip(t testing.TB, name, src string) bool {
	t.Helper()
	tpl, err := Parse(name, src)
	if err != nil {
		return false
	}
	printed := Print(tpl)
	again, err := Parse(name, printed)
	if err != nil {
		t.Fatalf("%s: printed form does not parse: %v\nprinted:\n%s", name, err, printed)
	}
	if diff := cmp.Diff(Dump(tpl, false), Dump(again, false)); diff != "" {
		t.Fatalf("%s: round trip changed the tree (-first +second):\n%s\nprinted:\n%s", name, diff, printed)
	}
	return true
}

// TestErrorCodes checks the errors tools tell apart by Code, and that
// the others have none.
func TestErrorCodes(t *testing.T) {
	for _, tt := range []struct{ src, code string }{
		{"caf\xe9", CodeInvalidUTF8},
		{"x{% load a %}{% extends 'b' %}", CodeExtendsFirst},
		{"{% extends 'a' %}{% extends 'b' %}", CodeExtendsFirst},
		{"{% if x %}{% extends 'b' %}{% endif %}", CodeExtendsFirst},
		{"{% block a %}{% endblock %}{% block a %}{% endblock %}", CodeBlockDuplicate},
		{"{% block a %}{% endblock b %}", CodeEndblockMismatch},
		{"{% if %}{% endif %}", ""},
		{"{% endfor %}", ""},
	} {
		_, err := Parse("t.html", tt.src)
		var list ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%q: %v", tt.src, err)
		}
		var codes []string
		for _, e := range list {
			codes = append(codes, e.Code)
		}
		if !slices.Contains(codes, tt.code) || tt.code == "" && slices.ContainsFunc(codes, func(c string) bool { return c != "" }) {
			t.Errorf("%q: codes %q, want %q", tt.src, codes, tt.code)
		}
	}
}
