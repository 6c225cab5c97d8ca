package bench

import (
	"context"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"strings"
	texttemplate "text/template"
	"unicode"
	"unicode/utf8"

	"github.com/CloudyKit/jet/v6"
	"github.com/braidtpl/braid"
	"github.com/flosch/pongo2/v6"
)

// templates holds every page written once per engine family:
//
//	templates/braid/<page>/   Django templates for braid
//	templates/pongo2/<page>/  the same pages in pongo2's dialect
//	templates/jet/<page>/     jet templates
//	templates/gotmpl/<page>/  Go templates, parsed by html/template and by text/template
//
// Each page is its own directory, and every engine gets an fs.Sub rooted
// at it, so that all engines name the files the same way ("page.html",
// "base.html", "header.html", ...).
//
//go:embed templates
var templates embed.FS

// The engines compared.
const (
	Braid  = "braid"
	Pongo2 = "pongo2"
	Jet    = "jet"
	HTML   = "html_template" // html/template ("/" would nest benchmark names)
	Text   = "text_template" // text/template
)

// Engines lists the engines in the order the benchmarks run them.
var Engines = []string{Braid, Pongo2, Jet, HTML, Text}

// The pages rendered.
const (
	Simple  = "simple"
	Complex = "complex"
	Table   = "table"
)

// Pages lists the pages.
var Pages = []string{Simple, Complex, Table}

// Sizes of the generated data.
const (
	simpleItems     = 5
	complexArticles = 80
	tableRows       = 10_000
)

// User is the signed-in user of the simple and complex pages.
type User struct {
	Name  string
	Admin bool
}

// Site describes the site of the complex page.
type Site struct {
	Name      string
	Copyright string
	Year      int
}

// Category is an entry of the complex page's sidebar.
type Category struct {
	Name  string
	Slug  string
	Count int
}

// Article is an entry of the complex page's main loop.
type Article struct {
	ID       int
	Title    string
	Author   string
	Category string
	Tags     []string
	Featured bool
}

// Row is a row of the table page.
type Row struct {
	ID     int
	Name   string
	Email  string
	Active bool
}

// The data is chosen so that every engine prints it the same way: it has
// '<', '>' and '&' so that escaping is exercised, and no quotes,
// apostrophes or '+' (which html/template, jet, pongo2 and braid escape
// differently: &#34; &#39; &#43; &quot; &#x27;); it is ASCII; numbers are
// ints (floats print differently).

// SimpleData is the data of the simple page.
func SimpleData() map[string]any {
	return map[string]any{
		"title": "Lists & <notes>",
		"user":  User{Name: "Grace <Hopper> & co", Admin: false},
		"items": []string{"apples & pears", "brown bread", "<fresh> cheese", "dates", "eggs > 6"},
	}
}

// ComplexData is the data of the complex page.
func ComplexData() map[string]any {
	titles := []string{
		"Streaming templates & why they matter",
		"A short note",
		"Escaping <script> tags in practice & theory",
		"Ten ways to render a table faster than before",
		"Go 1.26 <release> notes",
		"Caches & invalidation",
		"The cost of reflection when looking up fields",
		"Filters, tags & blocks: a tour",
	}
	authors := []string{"Ada Lovelace", "Alan <Turing>", "", "Barbara Liskov & team", "Ken Thompson"}
	categories := []Category{
		{Name: "news", Slug: "news"},
		{Name: "r&d", Slug: "r-and-d"},
		{Name: "engineering", Slug: "engineering"},
		{Name: "<web> design", Slug: "web-design"},
		{Name: "performance", Slug: "performance"},
	}
	tagPool := []string{"go", "templates", "html&css", "<perf>", "django", "streaming"}
	articles := make([]Article, complexArticles)
	for i := range articles {
		cat := &categories[i%len(categories)]
		cat.Count++
		tags := make([]string, i%4)
		for j := range tags {
			tags[j] = tagPool[(i+j)%len(tagPool)]
		}
		articles[i] = Article{
			ID:       1000 + i,
			Title:    fmt.Sprintf("%s #%d", titles[i%len(titles)], i+1),
			Author:   authors[i%len(authors)],
			Category: cat.Name,
			Tags:     tags,
			Featured: i%7 == 0,
		}
	}
	return map[string]any{
		"site":       Site{Name: "Braid & friends", Copyright: "(c) The <braid> authors", Year: 2026},
		"user":       User{Name: "Grace <Hopper> & co", Admin: true},
		"page_title": "Latest articles & <notes>",
		"categories": categories,
		"articles":   articles,
	}
}

// TableData is the data of the table page.
func TableData() map[string]any {
	rows := make([]Row, tableRows)
	for i := range rows {
		name := fmt.Sprintf("User no. %05d", i)
		if i%100 == 0 {
			name = fmt.Sprintf("Smith & <Sons> %05d", i)
		}
		rows[i] = Row{
			ID:     i + 1,
			Name:   name,
			Email:  fmt.Sprintf("user%05d@example.com", i),
			Active: i%3 != 0,
		}
	}
	return map[string]any{"rows": rows}
}

// PageData returns the data of a page.
func PageData(page string) map[string]any {
	switch page {
	case Simple:
		return SimpleData()
	case Complex:
		return ComplexData()
	case Table:
		return TableData()
	}
	panic("bench: unknown page " + page)
}

// Renderer renders one page with its data, already compiled and
// converted to what the engine takes, to w.
type Renderer func(w io.Writer) error

// NewRenderer compiles page for engine and returns a function rendering
// it with data. Everything that can be done once (compiling, converting
// the data to the engine's own context type) is done here, outside the
// benchmark loop.
func NewRenderer(engine, page string, data map[string]any) (Renderer, error) {
	switch engine {
	case Braid:
		return newBraid(page, data)
	case Pongo2:
		return newPongo2(page, data)
	case Jet:
		return newJet(page, data)
	case HTML:
		return newHTMLTemplate(page, data)
	case Text:
		return newTextTemplate(page, data)
	}
	return nil, fmt.Errorf("bench: unknown engine %q", engine)
}

// pageFS is the directory of one page's templates for one engine family.
func pageFS(family, page string) fs.FS {
	sub, err := fs.Sub(templates, "templates/"+family+"/"+page)
	if err != nil {
		panic(err)
	}
	return sub
}

// newBraid renders with braid; opts are extra engine options (the tests
// turn autoescaping off to compare with text/template).
func newBraid(page string, data map[string]any, opts ...braid.Option) (Renderer, error) {
	eng := braid.New(append([]braid.Option{braid.WithFS(pageFS("braid", page))}, opts...)...)
	tpl, err := eng.Template("page.html")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	return func(w io.Writer) error { return tpl.Render(ctx, w, data) }, nil
}

// newPongo2 renders with pongo2 v6 through ExecuteWriter, its usual entry
// point (it renders into a buffer and writes it out only on success).
func newPongo2(page string, data map[string]any) (Renderer, error) {
	set := pongo2.NewSet("bench-"+page, pongo2.NewFSLoader(pageFS("pongo2", page)))
	tpl, err := set.FromFile("page.html")
	if err != nil {
		return nil, err
	}
	ctx := pongo2.Context(data)
	return func(w io.Writer) error { return tpl.ExecuteWriter(ctx, w) }, nil
}

func init() {
	// pongo2's own truncatechars follows Django before 2.2: it keeps n-3
	// characters and appends "..."; Django (and braid) keep n-1 and append
	// "…". This filter is Django's, so that the outputs can be compared.
	if err := pongo2.RegisterFilter("truncatechars_django", func(in, param *pongo2.Value) (*pongo2.Value, *pongo2.Error) {
		return pongo2.AsValue(truncateChars(in.String(), param.Integer())), nil
	}); err != nil {
		panic(err)
	}
}

// jetLoader serves jet templates from an fs.FS. jet asks for absolute
// paths ("/page.jet").
type jetLoader struct{ fsys fs.FS }

func (l jetLoader) Exists(name string) bool {
	st, err := fs.Stat(l.fsys, strings.TrimPrefix(name, "/"))
	return err == nil && !st.IsDir()
}

func (l jetLoader) Open(name string) (io.ReadCloser, error) {
	return l.fsys.Open(strings.TrimPrefix(name, "/"))
}

// newJet renders with jet v6. jet has no filters: the pages call Go
// functions registered as globals (upper and len are jet built-ins) and
// use a ternary for Django's default.
func newJet(page string, data map[string]any) (Renderer, error) {
	set := jet.NewSet(jetLoader{pageFS("jet", page)})
	set.AddGlobal("truncatechars", truncateChars)
	set.AddGlobal("capfirst", capfirst)
	set.AddGlobal("join", strings.Join)
	tpl, err := set.GetTemplate("page.jet")
	if err != nil {
		return nil, err
	}
	vars := make(jet.VarMap, len(data))
	for k, v := range data {
		vars.Set(k, v)
	}
	return func(w io.Writer) error { return tpl.Execute(w, vars, nil) }, nil
}

// goFuncs stand in for Django's filters in Go templates (len, or, if and
// range are built in: "or" is Django's default for strings).
var goFuncs = map[string]any{
	"inc":           func(i int) int { return i + 1 }, // forloop.counter from the range index
	"upper":         strings.ToUpper,
	"truncatechars": truncateChars,
	"capfirst":      capfirst,
	"join":          strings.Join,
}

// goFiles lists a page's Go templates, layout first: a page's own
// definitions replace the layout's default blocks when parsed after it.
// The first one is executed.
func goFiles(page string) []string {
	if page == Complex {
		return []string{"base.html", "header.html", "sidebar.html", "footer.html", "page.html"}
	}
	return []string{"page.html"}
}

func newHTMLTemplate(page string, data map[string]any) (Renderer, error) {
	files := goFiles(page)
	set, err := htmltemplate.New(files[0]).Funcs(htmltemplate.FuncMap(goFuncs)).ParseFS(pageFS("gotmpl", page), files...)
	if err != nil {
		return nil, err
	}
	tpl := set.Lookup(files[0])
	return func(w io.Writer) error { return tpl.Execute(w, data) }, nil
}

// newTextTemplate runs the html/template sources through text/template: no
// escaping, so its output is compared with braid's with autoescape off.
func newTextTemplate(page string, data map[string]any) (Renderer, error) {
	files := goFiles(page)
	set, err := texttemplate.New(files[0]).Funcs(texttemplate.FuncMap(goFuncs)).ParseFS(pageFS("gotmpl", page), files...)
	if err != nil {
		return nil, err
	}
	tpl := set.Lookup(files[0])
	return func(w io.Writer) error { return tpl.Execute(w, data) }, nil
}

// truncateChars is Django's truncatechars for text without combining
// characters: if s has more than n characters, its first n-1 and "…".
func truncateChars(s string, n int) string {
	if n <= 0 {
		return ""
	}
	count, cut := 0, 0
	for i := range s {
		if count == n-1 {
			cut = i
		}
		count++
		if count > n {
			return s[:cut] + "…"
		}
	}
	return s
}

// capfirst is Django's capfirst for text without special case mappings.
func capfirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if u := unicode.ToUpper(r); u != r {
		return string(u) + s[size:]
	}
	return s
}
