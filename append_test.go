package braid_test

import (
	"context"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
)

// TestAppendingFilters: {{ x|upper }} and {{ x|lower }}, which write the
// filter's result straight into the output, print what the filter's
// value prints (the same expression bound by with and printed), for
// every kind of input, escaping and dialect.
func TestAppendingFilters(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []braid.Option
		src  string
		data map[string]any
		want string
	}{
		{"escaped", nil, `{{ x|upper }}`, map[string]any{"x": "a<b&c"}, "A&lt;B&amp;C"},
		{"safe input, not is_safe", nil, `{{ x|upper }}`, map[string]any{"x": braid.SafeString("a<b")}, "A&lt;B"},
		{"safe input, is_safe", nil, `{{ x|lower }}`, map[string]any{"x": braid.SafeString("A<B")}, "a<b"},
		{"after another filter", nil, `{{ x|default:"n<a"|upper }}`, map[string]any{}, "N&lt;A"},
		{"number", nil, `{{ x|upper }}`, map[string]any{"x": 5}, "5"},
		{"none", nil, `{{ x|upper }}`, map[string]any{"x": nil}, "NONE"},
		{"missing", nil, `[{{ x|upper }}]`, map[string]any{}, "[]"},
		{"missing, string_if_invalid", []braid.Option{braid.WithStringIfInvalid("bad %s")}, `{{ x|upper }}`, map[string]any{}, "bad x"},
		{"not ASCII", nil, `{{ x|upper }}{{ y|lower }}`, map[string]any{"x": "straße <é>", "y": "ÀB"}, "STRASSE &lt;É&gt;àb"},
		{"autoescape off", []braid.Option{braid.WithAutoescape(false)}, `{{ x|upper }}`, map[string]any{"x": "a<b"}, "A<B"},
		{"autoescape tag", nil, `{% autoescape off %}{{ x|upper }}{% endautoescape %}`, map[string]any{"x": "a<b"}, "A<B"},
		{"pongo2", []braid.Option{braid.WithDialect(braid.Pongo2)}, `{{ x|upper }}`, map[string]any{"x": "it's <b>"}, "IT&#39;S &lt;B&gt;"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eng := braid.New(tc.opts...)
			got := renderEngine(t, eng, tc.src, tc.data)
			if got != tc.want {
				t.Errorf("%s = %q, want %q", tc.src, got, tc.want)
			}
			// The same value bound and printed takes the general path
			// (string_if_invalid aside: a binding keeps the missing value).
			expr, ok := strings.CutPrefix(tc.src, "{{ ")
			if expr, ok2 := strings.CutSuffix(expr, " }}"); ok && ok2 && !strings.Contains(expr, "}}") && tc.name != "missing, string_if_invalid" {
				bound := `{% with v=` + expr + ` %}{{ v }}{% endwith %}`
				if b := renderEngine(t, eng, bound, tc.data); b != got {
					t.Errorf("%s = %q, but bound and printed %q", tc.src, got, b)
				}
			}
		})
	}
}

func renderEngine(t *testing.T, eng *braid.Engine, src string, data map[string]any) string {
	t.Helper()
	tpl, err := eng.FromString(src)
	if err != nil {
		t.Fatal(err)
	}
	s, err := tpl.RenderString(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
