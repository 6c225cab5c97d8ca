package parser

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// handCase checks one grammar's hand reader on toks: when it accepts,
// participle must accept and build the same struct. It reports a mismatch
// ("" if none) and whether participle accepted what the hand declined.
func handCase[G any](name string, g grammar[G], toks []token) (mismatch string, missed bool) {
	if g.list {
		toks = spacedParens(toks)
	}
	v, ok := g.hand(toks)
	w, err := g.participle(toks)
	switch {
	case ok && err != nil:
		return name + ": hand reader accepted what participle rejects: " + err.Error(), false
	case ok && !reflect.DeepEqual(v, w):
		return name + ": hand reader's tree differs (-participle +hand):\n" + cmp.Diff(w, v), false
	}
	return "", !ok && err == nil
}

// handMismatch runs every hand reader over the arguments of every tag and
// the expression of every {{ }} in src. It returns the first mismatch and
// the number of argument lists participle read that a hand reader
// declined, by grammar.
func handMismatch(src string) (string, map[string]int) {
	l := newLexer("h.html", src)
	l.run()
	missed := map[string]int{}
	for _, seg := range l.segs {
		if seg.bad || (seg.kind != segVar && seg.kind != segTag) {
			continue
		}
		toks, tag := seg.toks, ""
		if seg.kind == segTag {
			tag, toks = tagName(seg)
		}
		for _, c := range []struct {
			name string
			run  func() (string, bool)
		}{
			{"expr", func() (string, bool) { return handCase("expr", exprGrammar, toks) }},
			{"for", func() (string, bool) { return handCase("for", forGrammar, toks) }},
			{"include", func() (string, bool) { return handCase("include", includeGrammar, toks) }},
			{"with", func() (string, bool) { return handCase("with", withGrammar, toks) }},
			{"set", func() (string, bool) { return handCase("set", setGrammar, toks) }},
			{"url", func() (string, bool) { return handCase("url", urlGrammar, toks) }},
			{"tag", func() (string, bool) { return handCase("tag", tagArgsGrammar, toks) }},
			{"cycle", func() (string, bool) { return handCase("cycle", cycleGrammar, toks) }},
			{"firstof", func() (string, bool) { return handCase("firstof", firstofGrammar, toks) }},
			{"name", func() (string, bool) { return handCase("name", nameGrammar, toks) }},
			{"optname", func() (string, bool) { return handCase("optname", optNameGrammar, toks) }},
		} {
			m, miss := c.run()
			if m != "" {
				return src[int(seg.pos):int(seg.end)] + ": " + m, missed
			}
			// A grammar counts as missed only on its own tag's
			// arguments (or on {{ }} for expressions).
			if miss && (c.name == tag || c.name == "expr" && (tag == "" || tag == "if" || tag == "elif") || c.name == "tag" && tag == "simple" || c.name == "name" && tag == "block" || c.name == "optname" && tag == "endblock") {
				missed[c.name+": "+src[int(seg.pos):int(seg.end)]]++
			}
		}
	}
	return "", missed
}

// handSources are the inputs TestHandMatchesGrammar reads: the cases
// below and every template under testdata/.
func handSources(t testing.TB) []string {
	srcs := []string{
		`{{ a }}{{ a.b.0.c }}{{ a|f:"x"|g }}{{ a + b * -c }}{{ not a and b or c }}{{ (a) }}{{ f(a, b)(c) }}{{ a[b][0] }}`,
		`{% if a == 1 and not b in c %}{% elif x|length > 2 or -y %}{% endif %}{% if a is not None %}{% endif %}{% if a not in b %}{% endif %}`,
		`{% for x in xs %}{% endfor %}{% for k, v in d.items reversed %}{% endfor %}{% for x in a|dictsort:"k" sorted reversed %}{% endfor %}`,
		`{% for x in %}{% endfor %}{% for x, in y %}{% endfor %}{% for in y %}{% endfor %}{% for x y in z %}{% endfor %}{% for x in y z %}{% endfor %}`,
		`{% include "a.html" %}{% include t with a=1 b=x.y only %}{% include "b" only with c=2 %}{% include "x" if_exists %}{% include "x" with %}{% include "x" with a %}`,
		`{% with a=1 %}{% endwith %}{% with a.b as c %}{% endwith %}{% with a=1 b as c %}{% endwith %}{% with a= %}{% endwith %}{% with %}{% endwith %}`,
		`{% set a = b|upper %}{% set a %}{% set = 1 %}{% url "name" a b=c as d %}{% url 'x' %}{% url v.x "y" (z) as %}{% url %}`,
		`{% cycle "a" "b" as c silent %}{% cycle a b %}{% cycle %}{% cycle a as %}{% firstof a b "c" as d %}{% firstof %}`,
		`{{ a | }}{{ a|f: }}{{ a. }}{{ a[ }}{{ f( }}{{ f(a, }}{{ a + }}{{ - }}{{ a b }}{{ "s"|f:-1 }}{{ a|f:+x.y }}{{ a.not.and.1 }}`,
		`{{ a==b }}{{ a||b&&c }}{{ !a }}{{ a ^ 2 % 3 }}{{ _("x") }}{{ f (x) }}{% cycle f (x) %}{% cycle f(x) %}{% url f (x) y(z) %}`,
		`{% block a %}{% endblock %}{% endblock a %}{% block in %}{% endblock in %}{% block %}{% block a b %}{% endblock a b %}{% block "a" %}`,
		`{% for x in f(a, b=1) %}{% endfor %}{% include "a" with b=c|d:e %}{{ a|f:(b) }}{{ ((a)) }}{{ a.(b) }}{{ a[(b)] }}`,
	}
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".golden") || strings.HasSuffix(path, ".err") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		srcs = append(srcs, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

// TestHandMatchesGrammar: wherever a hand reader accepts a tag's
// arguments, participle accepts them and builds the same tree; and on
// the test templates the hand readers decline nothing participle reads
// with their own tag's grammar.
func TestHandMatchesGrammar(t *testing.T) {
	total := map[string]int{}
	for _, src := range handSources(t) {
		m, missed := handMismatch(src)
		if m != "" {
			t.Error(m)
		}
		for k, n := range missed {
			total[k] += n
		}
	}
	for k, n := range total {
		t.Errorf("hand reader declined what participle reads (%d times): %s", n, k)
	}
}
