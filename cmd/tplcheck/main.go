// Command tplcheck checks Django templates for what would break or leak
// when braid renders them: syntax and compile errors, missing and cyclic
// extends and includes, block mistakes, values HTML escaping does not
// protect, and loops that keep a concurrent render in template order.
//
//	tplcheck [flags] [path ...]
//
// Paths are files or directories (default "."); directories are walked
// for template files (-ext). Template names, as {% extends %} and
// {% include %} write them, are relative to -root, by default each
// directory given (for a file: its directory). The files of one root are
// checked in parallel, on all cores, by one checker that reads and parses
// each file once. tplcheck.json in a root declares the application's own
// tags, filters and libraries (see package lint's Config).
//
// Exit status: 0 when no finding is an error, 1 when one is, 2 on a usage
// error or a file that could not be read.
//
// tplcheck -rules lists the rules, tplcheck -explain ID says what one
// finds; tplcheck -lsp is a language server for editors (package
// lint/lsp); the README has the rest.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"

	"github.com/braidtpl/braid/lint"
	"github.com/braidtpl/braid/loader"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const defaultExt = ".html,.htm,.tpl,.txt,.xml,.jinja,.django"

// flags are tplcheck's options.
type flags struct {
	root, ext, format, config   string
	tags, blockTags, filters    string
	disable, enable, enableSets string
	search                      string
	maxSize                     int64
	quiet, listRules, watch     bool
	lsp                         bool
	explain                     string
}

// errUsage is a flag error the flag package has printed already.
var errUsage = errors.New("usage")

func parseFlags(args []string, stderr io.Writer) (*flags, []string, error) {
	f := &flags{}
	fl := flag.NewFlagSet("tplcheck", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&f.root, "root", "", "the directory template names are relative to (default: each directory given)")
	fl.StringVar(&f.ext, "ext", defaultExt, "extensions of the template files to check in directories, comma-separated")
	fl.StringVar(&f.format, "format", "text", "output format: text, json, sarif or github")
	fl.StringVar(&f.config, "config", "", "configuration file (default: "+lint.ConfigFile+" in each root, if there is one)")
	fl.StringVar(&f.tags, "tags", "", "the application's tags without a body, comma-separated")
	fl.StringVar(&f.blockTags, "block-tags", "", "the application's tags with a body up to {% endNAME %}, comma-separated; NAME:else:elif names intermediate tags")
	fl.StringVar(&f.filters, "filters", "", "the application's filters, comma-separated")
	fl.StringVar(&f.disable, "disable", "", "rules not to run, comma-separated")
	fl.StringVar(&f.enable, "enable", "", "rules to run that their set does not enable, comma-separated")
	fl.StringVar(&f.enableSets, "enable-set", "", "rule sets to run besides the default one, comma-separated: security")
	fl.StringVar(&f.search, "search", "", "more template directories, comma-separated, where extended and included templates are found after the root (not checked)")
	fl.Int64Var(&f.maxSize, "max-size", 0, fmt.Sprintf("largest file to read, in bytes (default %d)", lint.DefaultMaxSize))
	fl.BoolVar(&f.quiet, "q", false, "report errors only")
	fl.BoolVar(&f.listRules, "rules", false, "list the rules and exit")
	fl.StringVar(&f.explain, "explain", "", "say what the rule `ID` finds, and exit")
	fl.BoolVar(&f.watch, "watch", false, "keep running: check again when files change, and print what changed")
	fl.BoolVar(&f.lsp, "lsp", false, "serve the Language Server Protocol on stdin and stdout for the templates under -root (default .) and the editor's workspace folders")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: tplcheck [flags] [path ...]")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, nil, err
		}
		return nil, nil, errUsage
	}
	switch f.format {
	case "text", "json", "sarif", "github":
	default:
		return nil, nil, fmt.Errorf("-format %q: text, json, sarif or github", f.format)
	}
	if f.watch && f.format != "text" {
		return nil, nil, errors.New("-watch prints changes as text: it takes no -format")
	}
	if f.lsp && (f.watch || f.format != "text" || len(fl.Args()) > 0) {
		return nil, nil, errors.New("-lsp serves the templates under -root: it takes no paths, -watch or -format")
	}
	if f.maxSize < 0 {
		return nil, nil, errors.New("-max-size must not be negative")
	}
	return f, fl.Args(), nil
}

func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// flagConfig is the configuration the flags give, merged over the file's.
func (f *flags) flagConfig() lint.Config {
	c := lint.Config{Disable: list(f.disable), Enable: list(f.enable), EnableSets: list(f.enableSets), MaxSize: f.maxSize}
	for _, d := range list(f.search) {
		if abs, err := filepath.Abs(d); err == nil {
			d = abs // flags are relative to the working directory, the file's to the root
		}
		c.Search = append(c.Search, d)
	}
	if f.tags != "" || f.blockTags != "" {
		c.Tags = lint.Tags{}
		for _, n := range list(f.tags) {
			c.Tags[n] = lint.Tag{Name: n}
		}
		for _, item := range list(f.blockTags) {
			parts := strings.Split(item, ":")
			t := lint.Tag{Name: parts[0], Body: true}
			for _, p := range parts[1:] {
				if p = strings.TrimSpace(p); p != "" {
					t.Intermediates = append(t.Intermediates, p)
				}
			}
			c.Tags[t.Name] = t
		}
	}
	if f.filters != "" {
		c.Filters = lint.Filters{}
		for _, n := range list(f.filters) {
			c.Filters[n] = lint.Filter{Name: n}
		}
	}
	return c
}

// tree is one root and the files to check under it.
type tree struct {
	root    string // as given: how findings show paths
	targets []string
	checker *lint.Checker
}

// display is how a file of the tree is shown.
func (t *tree) display(name string) string {
	if t.root == "." {
		return filepath.FromSlash(name)
	}
	return filepath.Join(t.root, filepath.FromSlash(name))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, paths, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		if err != errUsage {
			fmt.Fprintln(stderr, "tplcheck:", err)
		}
		return 2
	}
	if f.listRules {
		printRules(stdout)
		return 0
	}
	if f.explain != "" {
		r, ok := lint.RuleByID(f.explain)
		if !ok {
			fmt.Fprintf(stderr, "tplcheck: no rule %q (tplcheck -rules lists them)\n", f.explain)
			return 2
		}
		fmt.Fprintf(stdout, "%s (%s, %s set): %s\n\n%s\n", r.ID, r.Severity, r.Set, r.Summary, wrap(r.Doc, 76))
		return 0
	}
	if f.lsp {
		return serveLSP(ctx, f, os.Stdin, stdout, stderr)
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	trees, err := group(f.root, paths)
	if err != nil {
		fmt.Fprintln(stderr, "tplcheck:", err)
		return 2
	}
	exts := list(strings.ToLower(f.ext))
	for _, t := range trees {
		cfgPath, optional := f.config, false
		if cfgPath == "" {
			cfgPath, optional = filepath.Join(t.root, lint.ConfigFile), true
		}
		cfg, err := lint.LoadConfig(cfgPath, optional)
		if err != nil {
			fmt.Fprintln(stderr, "tplcheck:", err)
			return 2
		}
		cfg = cfg.Merge(f.flagConfig())
		src, err := loader.OpenDir(t.root)
		if err != nil {
			fmt.Fprintln(stderr, "tplcheck:", err)
			return 2
		}
		var search []fs.FS
		for _, d := range cfg.Search {
			if !filepath.IsAbs(d) {
				d = filepath.Join(t.root, d)
			}
			s, err := loader.OpenDir(d)
			if err != nil {
				fmt.Fprintln(stderr, "tplcheck: search path:", err)
				return 2
			}
			search = append(search, s)
		}
		if t.checker, err = lint.New(src, cfg, search...); err != nil {
			fmt.Fprintln(stderr, "tplcheck:", strings.TrimPrefix(err.Error(), "lint: "))
			return 2
		}
	}
	st := &state{f: f, exts: exts, trees: trees, stdout: stdout, stderr: stderr, last: map[string][]lint.Finding{}}
	findings, ioErrs := st.checkAll(ctx)
	if ctx.Err() != nil {
		return 2
	}
	if err := st.print(findings, ioErrs); err != nil {
		fmt.Fprintln(stderr, "tplcheck:", err)
		return 2
	}
	st.remember(findings)
	code := exitCode(findings, ioErrs)
	if !f.watch {
		return code
	}
	return st.watchAll(ctx, code)
}

// group sorts the paths into trees by root.
func group(root string, paths []string) ([]*tree, error) {
	byRoot := map[string]*tree{}
	var order []string
	add := func(r, target string) {
		t := byRoot[r]
		if t == nil {
			t = &tree{root: r}
			byRoot[r] = t
			order = append(order, r)
		}
		t.targets = append(t.targets, target)
	}
	if root != "" {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("-root %s is not a directory", root)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if root != "" {
			rel, err := filepath.Rel(root, p)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return nil, fmt.Errorf("%s is not under -root %s", p, root)
			}
			add(filepath.Clean(root), filepath.ToSlash(rel))
			continue
		}
		if fi.IsDir() {
			add(filepath.Clean(p), ".")
		} else {
			add(filepath.Dir(p), filepath.Base(p))
		}
	}
	out := make([]*tree, len(order))
	for i, r := range order {
		out[i] = byRoot[r]
	}
	return out, nil
}

// state is a run of tplcheck: its trees and, for -watch, what it
// printed last.
type state struct {
	f              *flags
	exts           []string
	trees          []*tree
	stdout, stderr io.Writer
	mu             sync.Mutex
	last           map[string][]lint.Finding // by display path
	count          int                       // files checked in the last round
}

// names lists the template files of a tree's targets, by name.
func (st *state) names(t *tree) ([]string, []error) {
	var names []string
	var errs []error
	for _, target := range t.targets {
		p := filepath.Join(t.root, filepath.FromSlash(target))
		fi, err := os.Lstat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.IsDir() {
			names = append(names, target) // a file named on the command line is checked whatever its extension
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if q != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir // .git, .venv
				}
				return nil
			}
			if !slices.Contains(st.exts, strings.ToLower(filepath.Ext(q))) {
				return nil
			}
			rel, err := filepath.Rel(t.root, q)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	slices.Sort(names)
	return slices.Compact(names), errs
}

// checkAll checks every tree; findings' File is the display path.
func (st *state) checkAll(ctx context.Context) ([]lint.Finding, []error) {
	var all []lint.Finding
	var errs []error
	st.count = 0
	for _, t := range st.trees {
		names, werrs := st.names(t)
		errs = append(errs, werrs...)
		st.count += len(names)
		fs, err := t.checker.Check(ctx, names...)
		for _, e := range flattenErr(err) {
			var fe *lint.FileError
			if errors.As(e, &fe) {
				errs = append(errs, fmt.Errorf("%s: %w", t.display(fe.Name), fe.Err))
			} else {
				errs = append(errs, e)
			}
		}
		for _, f := range fs {
			f.File = t.display(f.File)
			all = append(all, f)
		}
	}
	if st.f.quiet {
		all = slices.DeleteFunc(all, func(f lint.Finding) bool { return f.Severity != lint.Error })
	}
	lint.SortFindings(all)
	return all, errs
}

func flattenErr(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func exitCode(findings []lint.Finding, errs []error) int {
	if len(errs) > 0 {
		return 2
	}
	for _, f := range findings {
		if f.Severity == lint.Error {
			return 1
		}
	}
	return 0
}

func (st *state) print(findings []lint.Finding, errs []error) error {
	var err error
	switch st.f.format {
	case "text":
		err = lint.WriteText(st.stdout, findings, true)
	case "json":
		var joined []error
		for _, e := range errs {
			joined = append(joined, e)
		}
		err = lint.WriteJSON(st.stdout, findings, errors.Join(joined...))
	case "sarif":
		err = lint.WriteSARIF(st.stdout, findings)
	case "github":
		err = lint.WriteGitHub(st.stdout, findings)
	}
	if st.f.format != "json" {
		for _, e := range errs {
			fmt.Fprintln(st.stderr, "tplcheck:", e)
		}
	}
	if st.f.format == "text" && !st.f.watch {
		fmt.Fprintln(st.stderr, summary(st.count, findings))
	}
	return err
}

func summary(files int, findings []lint.Finding) string {
	return fmt.Sprintf("tplcheck: %s: %s", plural(files, "file"), counts(findings))
}

func counts(findings []lint.Finding) string {
	n := map[lint.Severity]int{}
	for _, f := range findings {
		n[f.Severity]++
	}
	return fmt.Sprintf("%s, %s, %s", plural(n[lint.Error], "error"), plural(n[lint.Warning], "warning"), plural(n[lint.Info], "info"))
}

func plural(n int, what string) string {
	if n == 1 || what == "info" {
		return fmt.Sprintf("%d %s", n, what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// key identifies a finding across edits: its rule, message and source
// line, not its line number, so that a line added above it does not make
// it new.
func key(f lint.Finding) string { return f.Rule + "\x00" + f.Message + "\x00" + f.Source }

func (st *state) remember(findings []lint.Finding) {
	clear(st.last)
	for _, f := range findings {
		st.last[f.File] = append(st.last[f.File], f)
	}
}

// watchAll watches every tree until ctx ends, checking again after each
// change and printing what is new and what went away.
func (st *state) watchAll(ctx context.Context, code int) int {
	for _, t := range st.trees {
		err := t.checker.Watch(func([]string) {
			st.mu.Lock()
			defer st.mu.Unlock()
			if ctx.Err() == nil {
				code = st.recheck(ctx)
			}
		})
		if err != nil {
			fmt.Fprintln(st.stderr, "tplcheck:", err)
			st.closeAll()
			return 2
		}
	}
	fmt.Fprintf(st.stderr, "tplcheck: watching %s; interrupt to stop\n", plural(st.count, "file"))
	<-ctx.Done()
	st.closeAll()
	st.mu.Lock()
	defer st.mu.Unlock()
	return code
}

func (st *state) closeAll() {
	for _, t := range st.trees {
		if err := t.checker.Close(); err != nil {
			fmt.Fprintln(st.stderr, "tplcheck:", err)
		}
	}
}

// recheck checks everything again (only changed files are read again) and
// prints the difference from the last round.
func (st *state) recheck(ctx context.Context) int {
	findings, errs := st.checkAll(ctx)
	if ctx.Err() != nil {
		return 2
	}
	now := map[string][]lint.Finding{}
	for _, f := range findings {
		now[f.File] = append(now[f.File], f)
	}
	var added, fixed []lint.Finding
	files := map[string]bool{}
	for file := range now {
		files[file] = true
	}
	for file := range st.last {
		files[file] = true
	}
	for _, file := range slices.Sorted(maps.Keys(files)) {
		a, f := diff(st.last[file], now[file])
		added = append(added, a...)
		fixed = append(fixed, f...)
	}
	lint.WriteText(st.stdout, added, true)
	for _, f := range fixed {
		fmt.Fprintf(st.stdout, "%s:%d:%d: fixed: %s [%s]\n", f.File, f.Line, f.Column, f.Message, f.Rule)
	}
	for _, e := range errs {
		fmt.Fprintln(st.stderr, "tplcheck:", e)
	}
	st.remember(findings)
	if len(added) == 0 && len(fixed) == 0 && len(errs) == 0 {
		return exitCode(findings, errs) // a change that changed no finding: nothing to say
	}
	fmt.Fprintf(st.stderr, "tplcheck: checked %s again: %d new, %d fixed; %s\n", plural(st.count, "file"), len(added), len(fixed), counts(findings))
	return exitCode(findings, errs)
}

// diff returns the findings of now that old does not have, and those of
// old that now does not, counting repeats.
func diff(old, now []lint.Finding) (added, gone []lint.Finding) {
	count := map[string]int{}
	for _, f := range old {
		count[key(f)]++
	}
	for _, f := range now {
		if count[key(f)] > 0 {
			count[key(f)]--
			continue
		}
		added = append(added, f)
	}
	left := map[string]int{}
	for _, f := range now {
		left[key(f)]++
	}
	for _, f := range old {
		if left[key(f)] > 0 {
			left[key(f)]--
			continue
		}
		gone = append(gone, f)
	}
	return added, gone
}

func printRules(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tSET\tFINDS")
	for _, r := range lint.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Set, r.Summary)
	}
	tw.Flush()
}

// wrap breaks text into lines of at most width characters.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		if i > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
