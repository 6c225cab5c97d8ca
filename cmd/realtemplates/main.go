// Command realtemplates compiles the templates real Django projects ship
// with braid and reports how many compile, and why the others do not.
//
//	realtemplates -libs libs.json DIR...
//
// Each DIR is a project (an installed Python package, such as Debian's
// /usr/lib/python3/dist-packages/django); its templates are the files under
// its "templates" directories, named as Django's app-directories loader
// names them. The project's own tag libraries are Python: libs.json (from
// libs.py) lists their tags and filters, and each is stubbed (a tag that
// compiles its body, if it has one, and prints nothing; a filter that
// returns its input), so that what is measured is braid's compiling of
// everything else in the templates. braid's own standard libraries (i18n,
// l10n, tz, static, humanize, cache) are never stubbed. run.sh does it all.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
)

// library is one entry of libs.json.
type library struct {
	Module  string   `json:"module"`
	Tags    []string `json:"tags"`
	Filters []string `json:"filters"`
}

// standard are the libraries braid provides itself.
var standard = map[string]bool{"i18n": true, "l10n": true, "tz": true, "static": true, "humanize": true, "cache": true}

var exts = map[string]bool{".html": true, ".txt": true, ".xml": true}

type nothing struct{}

func (nothing) Render(*render.State, *render.Out) error { return nil }

func main() {
	libsFile := flag.String("libs", "", "libs.json: the projects' own tag libraries")
	flag.Parse()
	var libs map[string]library
	if *libsFile != "" {
		b, err := os.ReadFile(*libsFile)
		if err == nil {
			err = json.Unmarshal(b, &libs)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "realtemplates:", err)
			os.Exit(2)
		}
	}
	projects := map[string]fstest.MapFS{}
	var all strings.Builder
	for _, dir := range flag.Args() {
		files, err := templates(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "realtemplates:", err)
			os.Exit(2)
		}
		projects[dir] = files
		for _, f := range files {
			all.Write(f.Data)
		}
	}
	opts := stubs(libs, all.String())
	total, ok := 0, 0
	for _, dir := range flag.Args() {
		files := projects[dir]
		eng := braid.New(append([]braid.Option{braid.WithFS(files), braid.WithDebugTag(true)}, opts...)...)
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		var failures []string
		for _, name := range names {
			if _, err := eng.Template(name); err != nil {
				first, _, _ := strings.Cut(err.Error(), "\n")
				failures = append(failures, "  "+first)
			}
		}
		n := len(names) - len(failures)
		fmt.Printf("%s: %d of %d compile\n", filepath.Base(dir), n, len(names))
		for _, f := range failures {
			fmt.Println(f)
		}
		total += len(names)
		ok += n
	}
	fmt.Printf("all: %d of %d compile\n", ok, total)
}

// templates reads the templates of a project: name → file.
func templates(root string) (fstest.MapFS, error) {
	files := fstest.MapFS{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !exts[filepath.Ext(path)] {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		for i, p := range parts[:len(parts)-1] {
			if p == "templates" {
				name := strings.Join(parts[i+1:], "/")
				b, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				if _, dup := files[name]; !dup { // the first app wins, as in Django
					files[name] = &fstest.MapFile{Data: b}
				}
				return nil
			}
		}
		return nil
	})
	return files, err
}

// stubs registers the projects' own libraries: a tag has a body when some
// template closes it ({% endNAME %}).
func stubs(libs map[string]library, sources string) []braid.Option {
	var opts []braid.Option
	for name, l := range libs {
		if standard[name] {
			continue
		}
		lib := braid.Library{Tags: map[string]braid.Tag{}, Filters: map[string]any{}}
		for _, tag := range l.Tags {
			body := regexp.MustCompile(`\{%-?\s*end` + regexp.QuoteMeta(tag) + `\s*-?%\}`).MatchString(sources)
			lib.Tags[tag] = braid.BlockTag{Body: body, Compile: func(call *braid.TagCall) (render.Node, error) {
				call.Nodes(call.Node.Body) // its body's errors are the template's
				for _, c := range call.Node.Clauses {
					call.Nodes(c.Body)
				}
				return nothing{}, nil
			}}
		}
		for _, f := range l.Filters {
			lib.Filters[f] = func(in, arg any) (any, error) { return in, nil }
		}
		opts = append(opts, braid.WithLibrary(name, lib))
	}
	return opts
}
