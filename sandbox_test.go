package braid_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid"
	"go.uber.org/goleak"
)

// TestBannedTags: a banned tag, built-in or custom, is a compile error
// naming it at its position, wherever it is; the other tags still work.
func TestBannedTags(t *testing.T) {
	shout := braid.SimpleTag{Fn: func(s string) string { return strings.ToUpper(s) }}
	eng := braid.New(
		braid.WithBannedTags("include", "ssi", "debug", "now", "shout", "for", "load"),
		braid.WithTag("shout", shout),
		braid.WithLibrary("lib", braid.Library{Tags: map[string]braid.Tag{"whisper": shout}}),
		braid.WithDebugTag(true), // banned anyway
		braid.WithFS(fstest.MapFS{"x.html": {Data: []byte("x")}}),
	)
	tests := []struct{ src, want string }{
		{`a{% include "x.html" %}`, `string#1:1:2: {% include %} is not allowed in this engine's templates (braid.WithBannedTags)`},
		{"{% if a %}\n  {% ssi 'x.html' %}{% endif %}", `string#2:2:3: {% ssi %} is not allowed in this engine's templates (braid.WithBannedTags)`},
		{`{% debug %}`, `string#3:1:1: {% debug %} is not allowed in this engine's templates (braid.WithBannedTags)`},
		{`{% now "Y" %}`, `string#4:1:1: {% now %} is not allowed in this engine's templates (braid.WithBannedTags)`},
		{`{% shout "x" %}`, `string#5:1:1: {% shout %} is not allowed in this engine's templates (braid.WithBannedTags)`},
		{`{% for i in l %}{{ i }}{% endfor %}`, `string#6:1:1: {% for %} is not allowed in this engine's templates (braid.WithBannedTags)`},
		{`{% load lib %}{% whisper "x" %}`, `string#7:1:1: {% load %} is not allowed in this engine's templates (braid.WithBannedTags) (and 1 more errors)`},
		{`{% if a %}{{ a }}{% endif %}{% with b=1 %}{{ b }}{% endwith %}`, ``},
	}
	for _, tt := range tests {
		_, err := eng.FromString(tt.src)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || err.Error() != tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// TestBannedFilters: a banned filter, built-in, custom or from a library,
// is a compile error naming it, in any expression and in {% filter %}.
func TestBannedFilters(t *testing.T) {
	eng := braid.New(
		braid.WithBannedFilters("safe", "escape", "shout", "loud", "upper"),
		braid.WithFilter("shout", strings.ToUpper),
		braid.WithLibrary("lib", braid.Library{Filters: map[string]any{"loud": strings.ToUpper}}),
	)
	tests := []struct{ src, want string }{
		{`{{ x|safe }}`, `string#1:1:6: filter "safe" is not allowed in this engine's templates (braid.WithBannedFilters)`},
		{`{% if x|escape %}{% endif %}`, `string#2:1:9: filter "escape" is not allowed in this engine's templates (braid.WithBannedFilters)`},
		{`{{ x|default:y|shout }}`, `string#3:1:16: filter "shout" is not allowed in this engine's templates (braid.WithBannedFilters)`},
		{`{% load lib %}{{ x|loud }}`, `string#4:1:20: filter "loud" is not allowed in this engine's templates (braid.WithBannedFilters)`},
		{`{% filter lower|upper %}x{% endfilter %}`, `string#5:1:17: filter "upper" is not allowed in this engine's templates (braid.WithBannedFilters)`},
		{`{% for i in l|dictsort:"a"|safe %}{% endfor %}`, `string#6:1:28: filter "safe" is not allowed in this engine's templates (braid.WithBannedFilters)`},
		{`{{ x|lower|default:"s" }}`, ``},
	}
	for _, tt := range tests {
		_, err := eng.FromString(tt.src)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || err.Error() != tt.want) {
			t.Errorf("%s:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

// ledger is data with methods: Withdraw must never run under a policy
// that refuses it.
type ledger struct {
	Owner   string
	balance int
	calls   []string
}

func (l *ledger) Balance() int { l.calls = append(l.calls, "Balance"); return l.balance }
func (l *ledger) Withdraw(n int) int {
	l.calls = append(l.calls, "Withdraw")
	l.balance -= n
	return l.balance
}
func (l *ledger) Statement(ctx context.Context) (string, error) {
	l.calls = append(l.calls, "Statement")
	return "ok", nil
}

// TestMethodCalls: each policy over each way a template reaches a
// method, with the error where one is refused (compile time for
// obj.Name(args), render time otherwise), and the methods that ran.
func TestMethodCalls(t *testing.T) {
	defer goleak.VerifyNone(t)
	const (
		all    = braid.MethodsAll
		noArgs = braid.MethodsNoArgs
		none   = braid.MethodsNone
	)
	tests := []struct {
		policy braid.MethodPolicy
		src    string
		out    string // or the error
		calls  string
	}{
		{all, `{{ l.Balance }}`, `100`, `Balance`},
		{all, `{{ l.Withdraw(30) }}`, `70`, `Withdraw`},
		{all, `{{ l.Statement }}`, `ok`, `Statement`},
		{noArgs, `{{ l.Balance }} {{ l.Balance() }}`, `100 100`, `Balance Balance`},
		{noArgs, `{{ l.Statement }}`, `ok`, `Statement`},
		{noArgs, `{{ l.Withdraw(30) }}`, `string#1:1:4: l.Withdraw(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNoArgs))`, ``},
		{noArgs, `{% if l.Withdraw(30) %}{% endif %}`, `string#1:1:7: l.Withdraw(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNoArgs))`, ``},
		{noArgs, `{{ x|default:l.Withdraw(1) }}`, `string#1:1:14: l.Withdraw(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNoArgs))`, ``},
		// Called without its argument, it is still a method with one.
		{noArgs, `{{ l.Withdraw() }}`, `string#1:1:4: calling l.Withdraw: Withdraw is a method of *braid_test.ledger: calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNoArgs))`, ``},
		// Through a name, a method with arguments is not a value at all.
		{noArgs, `{% with w=l.Withdraw %}{{ w(30) }}{% endwith %}`, `string#1:1:27: w is not defined, so it cannot be called`, ``},
		{none, `{{ l.Balance }}`, `string#1:1:4: looking up l.Balance: Balance is a method of *braid_test.ledger: calling methods is not allowed (braid.WithMethodCalls(braid.MethodsNone))`, ``},
		{none, `{{ l.Balance() }}`, `string#1:1:4: calling l.Balance: Balance is a method of *braid_test.ledger: calling methods is not allowed (braid.WithMethodCalls(braid.MethodsNone))`, ``},
		{none, `{{ l.Statement }}`, `string#1:1:4: looking up l.Statement: Statement is a method of *braid_test.ledger: calling methods is not allowed (braid.WithMethodCalls(braid.MethodsNone))`, ``},
		{none, `{% for x in items|dictsort:"Balance" %}{% endfor %}`, `string#1:1:19: filter dictsort: Balance is a method of *braid_test.ledger: calling methods is not allowed (braid.WithMethodCalls(braid.MethodsNone))`, ``},
		{none, `{{ l.Withdraw(30) }}`, `string#1:1:4: l.Withdraw(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNone))`, ``},
		// Fields, map keys, and the functions the data holds still work.
		{none, `{{ l.Owner }} {{ m.k }} {{ add(1, 2) }} {{ lazy }}`, `ann v 3 slow`, ``},
		{none, `{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice(l.Owner) }}`, `annann`, ``},
		{noArgs, `{{ m.add(1, 2) }}`, `string#1:1:4: m.add(…): calling methods with arguments is not allowed (braid.WithMethodCalls(braid.MethodsNoArgs))`, ``},
	}
	for _, tt := range tests {
		for _, mode := range []braid.Option{braid.WithSequential(), braid.WithConcurrency(4)} {
			l := &ledger{Owner: "ann", balance: 100}
			data := map[string]any{
				"l": l, "items": []any{l, &ledger{}}, "m": map[string]any{"k": "v", "add": func(a, b int) int { return a + b }},
				"add":  func(a, b int) int { return a + b },
				"lazy": func(context.Context) (string, error) { return "slow", nil },
			}
			eng := braid.New(braid.WithMethodCalls(tt.policy), mode)
			var out string
			tpl, err := eng.FromString(tt.src)
			if err == nil {
				out, err = tpl.RenderString(context.Background(), data)
			}
			if err != nil {
				out = err.Error()
				var e *braid.Error
				if !errors.As(err, &e) || e.Line < 1 {
					t.Errorf("%s under %v: not positioned: %v", tt.src, tt.policy, err)
				}
			}
			if out != tt.out {
				t.Errorf("%s under %v:\n got %s\nwant %s", tt.src, tt.policy, out, tt.out)
			}
			if calls := strings.Join(l.calls, " "); calls != tt.calls {
				t.Errorf("%s under %v: the methods called were %q, want %q", tt.src, tt.policy, calls, tt.calls)
			}
			if !strings.Contains(tt.calls, "Withdraw") && l.balance != 100 {
				t.Errorf("%s under %v: the data changed", tt.src, tt.policy)
			}
		}
	}
}

// TestDebugTag: {% debug %} is a compile error unless allowed.
func TestDebugTag(t *testing.T) {
	_, err := braid.New().FromString("x\n{% debug %}")
	if want := "string#1:2:1: {% debug %} prints every variable in scope; it is off unless the engine allows it (braid.WithDebugTag(true))"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	tpl, err := braid.New(braid.WithDebugTag(true)).FromString("{% debug %}")
	if err != nil {
		t.Fatal(err)
	}
	out, err := tpl.RenderString(context.Background(), map[string]any{"a": 1})
	if err != nil || !strings.Contains(out, "&#x27;a&#x27;: 1") {
		t.Errorf("got %q, %v", out, err)
	}
}

// TestSourcesConfined: include, extends, import and ssi read only what the
// engine's sources have: absolute paths, names that climb out with "..",
// a name from the data that does, and (on disk) a symbolic link out of
// the directory are refused with a positioned error.
func TestSourcesConfined(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "ok.html"), []byte("ok"), 0o644)
	symlinks := os.Symlink(secret, filepath.Join(dir, "link.html")) == nil
	for _, src := range []braid.Option{braid.WithDir(dir), braid.WithFS(os.DirFS(dir))} {
		eng := braid.New(src)
		tests := []struct {
			tpl, want string
			data      map[string]any
		}{
			{`{% ssi "ok.html" %}`, `ok`, nil},
			{`{% ssi "` + secret + `" %}`, `string#*:1:1: {% ssi %}: invalid template name`, nil},
			{`{% ssi "../../../../../../../../etc/passwd" %}`, `string#*:1:1: {% ssi %}: invalid template name`, nil},
			{`{% ssi name %}`, `string#*:1:1: {% ssi %}: invalid template name`, map[string]any{"name": "/etc/passwd"}},
			{`{% include "/etc/passwd" %}`, `string#*:1:1: {% include %}: invalid template name`, nil},
			{`{% include name %}`, `string#*:1:1: {% include %}: invalid template name`, map[string]any{"name": "../" + filepath.Base(secret)}},
			{`{% extends "../x" %}`, `string#*:1:1: {% extends %}: invalid template name`, nil},
			{`{% import "/etc/passwd" m %}`, `string#*:1:1: {% import %}: invalid template name`, nil},
		}
		if symlinks {
			tests = append(tests,
				struct {
					tpl, want string
					data      map[string]any
				}{`{% ssi "link.html" %}`, `string#*:1:1: {% ssi %}: reading template "link.html"`, nil},
				struct {
					tpl, want string
					data      map[string]any
				}{`{% include "link.html" %}`, `string#*:1:1: {% include %}: reading template "link.html"`, nil})
		}
		for _, tt := range tests {
			var out string
			tpl, err := eng.FromString(tt.tpl)
			if err == nil {
				out, err = tpl.RenderString(context.Background(), tt.data)
			}
			if err != nil {
				out = err.Error()
			}
			if strings.Contains(out, "TOP SECRET") || strings.Contains(out, "root:") {
				t.Fatalf("%s read outside the sources: %q", tt.tpl, out)
			}
			if got := stringName.ReplaceAllString(out, "string#*"); !strings.HasPrefix(got, tt.want) {
				t.Errorf("%s: got %s, want %s…", tt.tpl, got, tt.want)
			}
		}
	}
}

// stringName is the name FromString gives a template.
var stringName = regexp.MustCompile(`string#[0-9]+`)
