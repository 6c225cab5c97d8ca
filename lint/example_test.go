package lint_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/braidtpl/braid/lint"
	"github.com/braidtpl/braid/loader"
)

// templates is a small tree with a few mistakes.
var templates = fstest.MapFS{
	"base.html": {Data: []byte("<title>{% block title %}{% endblock %}</title>\n<main>{% block content %}{% endblock %}</main>\n")},
	"page.html": {Data: []byte("{% extends \"base.html\" %}\n{% block contnt %}\n<a href=\"{{ user.website }}\">{{ user.name|money }}</a>\n{% endblock %}\n")},
}

func ExampleNew() {
	c, err := lint.New(templates, lint.Config{Filters: lint.Filters{"money": {}}})
	if err != nil {
		panic(err)
	}
	findings, err := c.Check(context.Background(), "base.html", "page.html")
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		fmt.Println(f)
	}
	// Output:
	// page.html:2:1: warning: {% block contnt %} is in no template page.html extends (base.html): it never renders; did you mean content? [block-unknown]
	// page.html:3:10: warning: {{ user.website }} is at the start of the href URL, where it can be a javascript: URL: start the URL with a fixed prefix ({% url %}, {% static %}, "/path/") or filter it with urlencode [unescaped-context]
}

func ExampleChecker_Check() {
	c, _ := lint.New(templates, lint.Config{})
	findings, err := c.Check(context.Background(), "page.html", "missing.html")
	for _, f := range findings {
		fmt.Println(f.File, f.Line, f.Column, f.Rule)
	}
	var fe *lint.FileError
	fmt.Println(errors.As(err, &fe), fe.Name, errors.Is(err, fs.ErrNotExist))
	// Output:
	// page.html 2 1 block-unknown
	// page.html 3 10 unescaped-context
	// page.html 3 43 unknown-filter
	// true missing.html true
}

func ExampleChecker_Watch() {
	dir, _ := os.MkdirTemp("", "templates")
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "page.html")
	os.WriteFile(page, []byte("<p>{{ name }}</p>"), 0o644)
	src, _ := loader.OpenDir(dir) // a directory on disk, which can be watched
	c, _ := lint.New(src, lint.Config{})
	defer c.Close()
	findings, _ := c.Check(context.Background(), "page.html")
	fmt.Println(len(findings))

	changed := make(chan []string, 10)
	if err := c.Watch(func(names []string) { changed <- names }); err != nil {
		panic(err)
	}
	os.WriteFile(page, []byte("<p>{{ name|nope }}</p>"), 0o644)
	for names := range changed {
		if slices.Contains(names, "page.html") {
			break
		}
	}
	findings, _ = c.Check(context.Background(), "page.html")
	fmt.Println(findings[0])
	// Output:
	// 0
	// page.html:1:12: error: unknown filter "nope" [unknown-filter]
}

func ExampleChecker_Close() {
	dir, _ := os.MkdirTemp("", "templates")
	defer os.RemoveAll(dir)
	src, _ := loader.OpenDir(dir)
	c, _ := lint.New(src, lint.Config{})
	c.Watch(func([]string) {})
	fmt.Println(c.Close()) // the watcher has stopped
	// Output:
	// <nil>
}

func ExampleParseConfig() {
	cfg, err := lint.ParseConfig([]byte(`{
		"tags": ["price", {"name": "panel", "body": true, "intermediates": ["else"]}],
		"filters": {"money": {"arg": "optional"}},
		"libraries": {"shop": {"tags": ["cart"]}},
		"enable-sets": ["security"]
	}`))
	if err != nil {
		panic(err)
	}
	fmt.Println(cfg.Tags["panel"].Body, cfg.Tags["panel"].Intermediates, cfg.Filters["money"].Arg, len(cfg.Libraries["shop"].Tags))
	_, err = lint.ParseConfig([]byte(`{"disable": ["no-such-rule"]}`))
	fmt.Println(err != nil)
	// Output:
	// true [else] optional 1
	// true
}

func ExampleLoadConfig() {
	dir, _ := os.MkdirTemp("", "templates")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, lint.ConfigFile)
	cfg, err := lint.LoadConfig(path, true) // optional: no file is no configuration
	fmt.Println(len(cfg.Tags), err)
	os.WriteFile(path, []byte(`{"tags": ["price"]}`), 0o644)
	cfg, err = lint.LoadConfig(path, false)
	fmt.Println(len(cfg.Tags), err)
	// Output:
	// 0 <nil>
	// 1 <nil>
}

func ExampleConfig_Merge() {
	file := lint.Config{Tags: lint.Tags{"price": {}}, Disable: []string{"deprecated"}}
	flags := lint.Config{Filters: lint.Filters{"money": {}}, EnableSets: []string{lint.SecuritySet}}
	cfg := file.Merge(flags)
	fmt.Println(len(cfg.Tags), len(cfg.Filters), cfg.Disable, cfg.EnableSets)
	// Output:
	// 1 1 [deprecated] [security]
}

func ExampleTags_UnmarshalJSON() {
	var tags lint.Tags
	json.Unmarshal([]byte(`["price", {"name": "panel", "body": true}]`), &tags)
	fmt.Println(tags["price"].Body, tags["panel"].Body)
	json.Unmarshal([]byte(`{"box": {"body": true, "intermediates": ["else"]}}`), &tags)
	fmt.Println(tags["box"].Name, tags["box"].Intermediates)
	// Output:
	// false true
	// box [else]
}

func ExampleFilters_UnmarshalJSON() {
	var filters lint.Filters
	json.Unmarshal([]byte(`["money", {"name": "truncate_at", "arg": "required"}]`), &filters)
	fmt.Printf("%q %q\n", filters["money"].Arg, filters["truncate_at"].Arg)
	// Output:
	// "" "required"
}

func ExampleRules() {
	for _, r := range lint.Rules()[:3] {
		fmt.Println(r.ID, r.Severity, r.Set)
	}
	// Output:
	// syntax error default
	// bad-input error default
	// unknown-tag error default
}

func ExampleRuleByID() {
	r, ok := lint.RuleByID("unsafe-output")
	fmt.Println(ok, r.Severity, r.Set, r.Summary)
	// Output:
	// true info security output that autoescaping does not escape
}

func ExampleSortFindings() {
	fs := []lint.Finding{{File: "b.html", Line: 1}, {File: "a.html", Line: 9}, {File: "a.html", Line: 2}}
	lint.SortFindings(fs)
	for _, f := range fs {
		fmt.Println(f.File, f.Line)
	}
	// Output:
	// a.html 2
	// a.html 9
	// b.html 1
}

// finding is one finding, for the examples of the outputs.
var finding = lint.Finding{
	Rule: "unknown-filter", Severity: lint.Error, File: "templates/page.html",
	Line: 3, Column: 9, EndLine: 3, EndColumn: 14,
	Message: `unknown filter "money"`, Source: "<p>{{ x|money }}</p>",
}

func ExampleFinding_String() {
	fmt.Println(finding)
	// Output:
	// templates/page.html:3:9: error: unknown filter "money" [unknown-filter]
}

func ExampleFinding_Snippet() {
	fmt.Println(finding.Snippet())
	// Output:
	//     3 | <p>{{ x|money }}</p>
	//       |         ^^^^^
}

func ExampleWriteText() {
	lint.WriteText(os.Stdout, []lint.Finding{finding}, true)
	// Output:
	// templates/page.html:3:9: error: unknown filter "money" [unknown-filter]
	//     3 | <p>{{ x|money }}</p>
	//       |         ^^^^^
}

func ExampleWriteJSON() {
	var b strings.Builder
	lint.WriteJSON(&b, []lint.Finding{finding}, &lint.FileError{Name: "gone.html", Err: fs.ErrNotExist})
	var rep lint.JSONReport
	json.Unmarshal([]byte(b.String()), &rep)
	fmt.Println(rep.Version, rep.Findings[0].Rule, rep.Findings[0].Severity, rep.Errors[0].File, rep.Counts["error"])
	// Output:
	// 1 unknown-filter error gone.html 1
}

func ExampleWriteSARIF() {
	var b strings.Builder
	lint.WriteSARIF(&b, []lint.Finding{finding})
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	json.Unmarshal([]byte(b.String()), &log)
	r := log.Runs[0].Results[0]
	loc := r.Locations[0].PhysicalLocation
	fmt.Println(log.Version, r.RuleID, r.Level, loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn)
	// Output:
	// 2.1.0 unknown-filter error templates/page.html 3 9
}

func ExampleWriteGitHub() {
	lint.WriteGitHub(os.Stdout, []lint.Finding{finding})
	// Output:
	// ::error file=templates/page.html,line=3,col=9,endLine=3,endColumn=14,title=unknown-filter::unknown filter "money"
}

func ExampleSeverity_String() {
	fmt.Println(lint.Info, lint.Warning, lint.Error)
	// Output:
	// info warning error
}

func ExampleSeverity_MarshalText() {
	b, _ := json.Marshal(map[string]lint.Severity{"severity": lint.Warning})
	fmt.Println(string(b))
	// Output:
	// {"severity":"warning"}
}

func ExampleSeverity_UnmarshalText() {
	var s lint.Severity
	err := s.UnmarshalText([]byte("error"))
	fmt.Println(s, err, s.UnmarshalText([]byte("fatal")) != nil)
	// Output:
	// error <nil> true
}

func ExampleFileError() {
	c, _ := lint.New(templates, lint.Config{})
	_, err := c.Check(context.Background(), "gone.html")
	var fe *lint.FileError
	errors.As(err, &fe)
	fmt.Println(fe.Name, errors.Is(fe, fs.ErrNotExist))
	fmt.Println(fe)
	// Output:
	// gone.html true
	// gone.html: template "gone.html" not found
}

func ExampleChecker_Refs() {
	c, err := lint.New(templates, lint.Config{})
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Refs("shop/cart.html", `{% extends "base.html" %}{% block content %}{% include "./row.html" %}{% import "macros.html" price %}{% endblock %}`))
	// Output:
	// [base.html macros.html shop/row.html]
}

func ExampleLibraries() {
	libs := lint.Libraries(lint.Config{Libraries: map[string]lint.Library{"shop": {Filters: lint.Filters{"money": {}}}}})
	fmt.Println(slices.Sorted(maps.Keys(libs)))
	fmt.Println(slices.Sorted(maps.Keys(libs["humanize"].Filters)))
	fmt.Println(libs["i18n"].Tags["blocktranslate"].Body, libs["i18n"].Tags["blocktranslate"].Intermediates)
	// Output:
	// [cache humanize i18n l10n shop static tz]
	// [apnumber intcomma intword naturalday naturaltime ordinal]
	// true [plural]
}
