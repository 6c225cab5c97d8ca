package filters

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// Caps on the width of center, ljust and rjust: above 10,000 characters
// the value comes back unchanged.
func TestPadCap(t *testing.T) {
	for _, name := range []string{"center", "ljust", "rjust"} {
		out, err := applyFilter(t, name, true, "x", 10000)
		if err != nil {
			t.Fatal(err)
		}
		if n := utf8.RuneCountInString(printed(out, false)); n != 10000 {
			t.Errorf("%s:10000 gave %d characters", name, n)
		}
		for _, w := range []any{10001, "99999999999999999999999", 1 << 40} {
			out, err := applyFilter(t, name, true, "x", w)
			if err != nil || out != "x" {
				t.Errorf("%s:%v = %.20q, %v; want the value unchanged", name, w, out, err)
			}
		}
		// int("x") raises in Django: an error.
		if _, err := applyFilter(t, name, true, "x", "x"); err == nil {
			t.Errorf("%s:\"x\": no error", name)
		}
	}
}

// Django's test_wordwrap.py and the bounded-work requirement: a megabyte
// wrapped at width 1 takes linear time.
func TestWrapLinear(t *testing.T) {
	in := strings.Repeat("ab ", 1<<18) // 768 KiB
	out, err := applyFilter(t, "wordwrap", false, in, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(printed(out, false), "\n"); got != 1<<18-1 {
		t.Errorf("%d line breaks, want %d", got, 1<<18-1)
	}
	long := strings.Repeat("x", 1<<20)
	if got := Wrap(long, 1); got != long {
		t.Error("a long word must stay whole")
	}
	// textwrap drops the leading space with the line it would start.
	if got := Wrap(" a b", 1); got != "a\nb" {
		t.Errorf("Wrap(\" a b\", 1) = %q", got)
	}
}

// Django's test_slugify.py and test_addslashes.py, test_escapejs.py.
func TestStringFunctions(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Slugify(" Jack & Jill like numbers 1,2,3 and 4 and silly characters ?%.$!/"), "jack-jill-like-numbers-123-and-4-and-silly-characters"},
		{Slugify("Un \u00e9l\u00e9phant \u00e0 l'or\u00e9e du bois"), "un-elephant-a-loree-du-bois"},
		{Slugify("ﬁ ﬂ Ⅻ ½ ¹ ™ Ａ"), "fi-fl-xii-12-1-tm-a"},
		{Slugify("𝐀𝐁𝐂 𝟏"), "abc-1"},
		{Slugify("Ⓐ ⑫ ㎞"), "a-12-km"},
		{Addslashes(`I'm "here" \o/`), `I\'m \"here\" \\o/`},
		{EscapeJS("\x7f\u0085\u00a0 ok"), `\u007F\u0085` + "\u00a0 ok"},
		{EscapeJS("plain"), "plain"},
		{IRIEncode("/blog/for/Jürgen Münster/"), "/blog/for/J%C3%BCrgen%20M%C3%BCnster/"},
		{Phone2Numeric("0800 flowers"), "0800 3569377"},
		{Wrap("this is a long paragraph of text that really needs to be wrapped I'm afraid", 14),
			"this is a long\nparagraph of\ntext that\nreally needs\nto be wrapped\nI'm afraid"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// pongo2's split, float and integer (pongo2's filters_builtin.go).
func TestPongo2Extras(t *testing.T) {
	out, err := applyFilter(t, "split", true, "a,b,,c", ",")
	if err != nil || printed(out, false) != "['a', 'b', '', 'c']" {
		t.Errorf("split = %#v, %v", out, err)
	}
	for _, tt := range []struct {
		filter string
		in     any
		want   any
	}{
		{"float", "1.5", 1.5}, {"float", "x", 0.0}, {"float", 3, 3.0}, {"float", nil, 0.0},
		{"float", true, 0.0}, {"float", []any{1}, 0.0}, {"float", render.SafeString("2e3"), 2000.0},
		{"integer", "42", 42}, {"integer", "4.2", 4}, {"integer", 4.9, 4}, {"integer", -4.9, -4},
		{"integer", int64(7), 7}, {"integer", nil, 0}, {"integer", "x", 0}, {"integer", 1e300, 0},
	} {
		out, err := applyFilter(t, tt.filter, true, tt.in, render.NoArg{})
		if err != nil || out != tt.want {
			t.Errorf("%s(%#v) = %#v, %v; want %#v", tt.filter, tt.in, out, err, tt.want)
		}
	}
}

// removetags: pongo2's semantics (comma-separated names, any case,
// attributes, nested leftovers removed too).
func TestRemovetags(t *testing.T) {
	for _, tt := range []struct {
		in   any
		arg  string
		want any
	}{
		{"<b>bold</b> and <i>italic</i>", "b", "bold and <i>italic</i>"},
		{"<script>alert('xss')</script>", "script", "alert('xss')"},
		{"<B CLASS='x'>a</B><br/><br />b", "b,br", "ab"},
		{"<sc<script>ript>x</script>", "script", "x"},
		{"  <p>x</p>  ", "p", "x"},
		{render.SafeString("<b>x</b><i>y</i>"), "i", render.SafeString("<b>x</b>y")},
		{"<bx>keep</bx>", "b", "<bx>keep</bx>"},
		{"text", "", "text"},
	} {
		out, err := applyFilter(t, "removetags", true, tt.in, tt.arg)
		if err != nil || out != tt.want {
			t.Errorf("removetags(%q, %q) = %#v, %v; want %#v", tt.in, tt.arg, out, err, tt.want)
		}
	}
	if _, err := applyFilter(t, "removetags", true, "x", "b|i"); err == nil {
		t.Error("removetags:\"b|i\": no error for a bad tag name")
	}
}

// cut: the result is safe when the value was, unless the argument is ";"
// (Django's test_cut.py).
func TestCutSafeness(t *testing.T) {
	out, _ := applyFilter(t, "cut", true, render.SafeString("a&amp;b"), "a")
	if _, ok := out.(render.SafeString); !ok {
		t.Errorf("cut of safe input = %#v, want safe", out)
	}
	out, _ = applyFilter(t, "cut", true, render.SafeString("a&amp;b"), ";")
	if _, ok := out.(render.SafeString); ok {
		t.Errorf("cut:\";\" of safe input = %#v, want unsafe", out)
	}
	out, _ = applyFilter(t, "cut", true, "a&b", "a")
	if _, ok := out.(render.SafeString); ok {
		t.Errorf("cut of unsafe input = %#v, want unsafe", out)
	}
}

func BenchmarkSlugify(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = Slugify("Un éléphant à l'orée du bois, Jürgen & Co. 2024!")
	}
}
