package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/braidtpl/braid/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/tplcheck")

// binary is tplcheck, built once for the tests by TestMain.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "tplcheck-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	binary = filepath.Join(dir, "tplcheck")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var testdata = filepath.Join("..", "..", "testdata", "tplcheck")

// tplcheck runs the binary in dir and returns its output and exit code.
func tplcheck(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("tplcheck %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// golden compares got with the file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, d)
	}
}

var ruleTag = regexp.MustCompile(`(?m)^\S+:\d+:\d+: (error|warning|info): .* \[([a-z-]+)\]$`)

// TestRules runs tplcheck on each rule's examples: testdata/tplcheck/
// rules/ID/bad must give findings of the rule (the text output is the
// golden ID/bad.txt) and exit 1 when the rule is an error; ID/good must
// give none of it and exit 0. Every rule has both.
func TestRules(t *testing.T) {
	dir := filepath.Join(testdata, "rules")
	for _, r := range lint.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			rdir := filepath.Join(dir, r.ID)
			for _, sub := range []string{"bad", "good"} {
				if fi, err := os.Stat(filepath.Join(rdir, sub)); err != nil || !fi.IsDir() {
					t.Fatalf("rule %s has no %s example (%s/%s/)", r.ID, sub, rdir, sub)
				}
			}
			out, _, code := tplcheck(t, rdir, "bad")
			golden(t, filepath.Join(rdir, "bad.txt"), out)
			found, errs := 0, 0
			for _, m := range ruleTag.FindAllStringSubmatch(out, -1) {
				if m[2] == r.ID {
					found++
				}
				if m[1] == "error" {
					errs++
				}
			}
			if found == 0 {
				t.Errorf("tplcheck bad: no %s finding:\n%s", r.ID, out)
			}
			if want := map[bool]int{true: 1, false: 0}[errs > 0]; code != want || r.Severity == lint.Error && code != 1 {
				t.Errorf("tplcheck bad: exit %d, want %d (%d errors)", code, want, errs)
			}
			out, _, code = tplcheck(t, rdir, "good")
			if strings.Contains(out, "["+r.ID+"]") {
				t.Errorf("tplcheck good: a %s finding:\n%s", r.ID, out)
			}
			if code != 0 {
				t.Errorf("tplcheck good: exit %d, want 0:\n%s", code, out)
			}
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := lint.RuleByID(e.Name()); !ok {
			t.Errorf("%s/%s: no such rule", dir, e.Name())
		}
	}
}

// TestFormats runs tplcheck on testdata/tplcheck/tree in each format and
// compares the output with tree.FORMAT; the JSON and SARIF outputs are
// also decoded and checked for the fields their consumers need.
func TestFormats(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "github"} {
		t.Run(format, func(t *testing.T) {
			out, stderr, code := tplcheck(t, testdata, "-format", format, "tree")
			if code != 1 {
				t.Errorf("exit %d, want 1 (the tree has errors); stderr:\n%s", code, stderr)
			}
			ext := map[string]string{"text": "txt", "json": "json", "sarif": "sarif", "github": "github"}[format]
			golden(t, filepath.Join(testdata, "tree."+ext), out)
			switch format {
			case "json":
				checkJSON(t, out)
			case "sarif":
				checkSARIF(t, out)
			case "github":
				for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
					if !regexp.MustCompile(`^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?,title=[a-z-]+::.+$`).MatchString(line) {
						t.Errorf("not a workflow command: %q", line)
					}
				}
			}
		})
	}
}

func checkJSON(t *testing.T, out string) {
	var rep lint.JSONReport
	d := json.NewDecoder(strings.NewReader(out))
	d.DisallowUnknownFields()
	if err := d.Decode(&rep); err != nil {
		t.Fatal(err)
	}
	if rep.Version != lint.JSONVersion || rep.Tool != "tplcheck" || len(rep.Findings) == 0 || rep.Errors == nil {
		t.Errorf("report %+v", rep)
	}
	n := 0
	for _, c := range rep.Counts {
		n += c
	}
	if n != len(rep.Findings) {
		t.Errorf("counts %v for %d findings", rep.Counts, len(rep.Findings))
	}
}

// checkSARIF checks what SARIF 2.1.0 requires, and GitHub code scanning
// reads: version, $schema, the tool's name and rules (id, descriptions,
// help, default level), and each result's rule, level, message and
// location.
func checkSARIF(t *testing.T, out string) {
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						DefaultConfig    struct{ Level string } `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "tplcheck" || len(run.Tool.Driver.Rules) != len(lint.Rules()) {
		t.Errorf("driver %q with %d rules", run.Tool.Driver.Name, len(run.Tool.Driver.Rules))
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || !levels[r.DefaultConfig.Level] {
			t.Errorf("rule %+v", r)
		}
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result of %s: ruleIndex %d", r.RuleID, r.RuleIndex)
		}
		if !levels[r.Level] || r.Message.Text == "" || len(r.Locations) != 1 {
			t.Errorf("result %+v", r)
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "tree/") || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("location %+v", loc)
		}
	}
}

// TestExitCodes: 0 clean (warnings and infos included), 1 with an error
// finding, 2 on usage and I/O errors.
func TestExitCodes(t *testing.T) {
	rules := filepath.Join(testdata, "rules")
	for _, tt := range []struct {
		args    []string
		code    int
		inOut   string
		inError string
	}{
		{[]string{"syntax/good"}, 0, "", "1 file: 0 errors"},
		{[]string{"deprecated/bad"}, 0, "[deprecated]", "4 warnings"},
		{[]string{"syntax/bad"}, 1, "[syntax]", "4 errors"},
		{[]string{"-q", "deprecated/bad"}, 0, "", "0 warnings"},
		{[]string{"-disable", "syntax", "syntax/bad"}, 0, "", ""},
		{[]string{"-format", "yaml", "syntax/good"}, 2, "", "-format"},
		{[]string{"-nosuchflag", "syntax/good"}, 2, "", "flag provided but not defined"},
		{[]string{"-disable", "nosuchrule", "syntax/good"}, 2, "", `unknown rule "nosuchrule"`},
		{[]string{"syntax/nosuchdir"}, 2, "", "no such file"},
		{[]string{"-watch", "-format", "json", "syntax/good"}, 2, "", "-watch"},
		{[]string{"-config", "nosuch.json", "syntax/good"}, 2, "", "nosuch.json"},
		{[]string{"-rules"}, 0, "unescaped-context", ""},
		{[]string{"-explain", "block-unknown"}, 0, "block-unknown (warning, default set)", ""},
		{[]string{"-explain", "nosuchrule"}, 2, "", "no rule"},
		{[]string{"-root", "syntax", "syntax/good/page.html"}, 0, "", "1 file"},
		{[]string{"-root", "syntax/good", "syntax/bad/page.html"}, 2, "", "not under -root"},
	} {
		out, stderr, code := tplcheck(t, rules, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.inOut) || !strings.Contains(stderr, tt.inError) {
			t.Errorf("tplcheck %s: exit %d, stdout\n%s\nstderr\n%s\nwant exit %d, stdout with %q, stderr with %q",
				strings.Join(tt.args, " "), code, out, stderr, tt.code, tt.inOut, tt.inError)
		}
	}
}

// write makes files under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOptions: the configuration flags, tplcheck.json, -ext, -search and
// ignore comments.
func TestOptions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"app/page.html":        "{% extends \"layout.html\" %}{% block body %}{% price 3 %}{{ x|money:1 }}{% endblock %}",
		"app/panel.html":       "{% panel %}{% else %}{% endpanel %}",
		"app/mail.tpl":         "{{ x|safe }}",
		"app/notes.md":         "{{ x|nosuchfilter }}",
		"app/ignored.html":     "{# tplcheck:ignore unknown-filter #}\n{{ x|nosuchfilter }}",
		"shared/layout.html":   "<body>{% block body %}{% endblock %}</body>",
		"conf/tplcheck.json":   `{"tags": ["price", {"name": "panel", "body": true, "intermediates": ["else"]}], "filters": {"money": {"arg": "none"}}}`,
		"app2/page.html":       "{% load shop %}{% panel %}{% else %}{% endpanel %}",
		"app2/tplcheck.json":   `{"libraries": {"shop": {"tags": {"panel": {"body": true, "intermediates": ["else"]}}}}, "search": ["../shared"]}`,
		"app2/uses.html":       `{% include "layout.html" %}`,
		"broken/tplcheck.json": `{"tags": 3}`,
	})
	for _, tt := range []struct {
		args    []string
		code    int
		inOut   []string
		notOut  []string
		inError string
	}{
		// Without configuration: unknown tags, filters, the missing layout.
		{[]string{"app"}, 1, []string{"unknown tag {% price %}", `unknown filter "money"`, `"layout.html" not found`, "{% else %} is outside of any"}, []string{"notes.md", "ignored.html"}, ""},
		{[]string{"-tags", "price", "-block-tags", "panel:else", "-filters", "money", "-search", "shared", "app"}, 0, nil, []string{"[unknown-tag]", "[unknown-filter]", "[missing-template]"}, ""},
		{[]string{"-config", "conf/tplcheck.json", "-search", "shared", "app"}, 1, []string{`filter "money" takes no argument`}, []string{"[unknown-tag]"}, ""},
		{[]string{"-ext", ".md", "app"}, 1, []string{"notes.md", `unknown filter "nosuchfilter"`}, []string{"page.html"}, ""},
		{[]string{"-enable-set", "security", "app/mail.tpl"}, 0, []string{"[unsafe-output]"}, nil, ""},
		{[]string{"-enable", "unsafe-output", "app/mail.tpl"}, 0, []string{"[unsafe-output]"}, nil, ""},
		{[]string{"app/mail.tpl"}, 0, nil, []string{"[unsafe-output]"}, ""},
		{[]string{"app2"}, 0, nil, []string{"unknown", "missing"}, ""},
		{[]string{"broken"}, 2, nil, nil, "tplcheck.json"},
		{[]string{"-max-size", "10", "app/ignored.html"}, 1, []string{"over the limit of 10"}, nil, ""},
	} {
		out, stderr, code := tplcheck(t, dir, tt.args...)
		bad := code != tt.code || !strings.Contains(stderr, tt.inError)
		for _, s := range tt.inOut {
			bad = bad || !strings.Contains(out, s)
		}
		for _, s := range tt.notOut {
			bad = bad || strings.Contains(out, s)
		}
		if bad {
			t.Errorf("tplcheck %s: exit %d, stdout\n%s\nstderr\n%s\nwant exit %d, stdout with %q and without %q, stderr with %q",
				strings.Join(tt.args, " "), code, out, stderr, tt.code, tt.inOut, tt.notOut, tt.inError)
		}
	}
}

// TestBadInput: binary files, invalid UTF-8, files over the size limit
// (a sparse 4 GiB one is not read), symbolic-link loops, FIFOs and
// unreadable files are findings or errors, never a crash or a hang.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"ok.html":     "<p>{{ x }}</p>",
		"latin1.html": "<p>Caf\xe9</p>",
		"logo.html":   "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"uses.html":   `{% include "loop.html" %}{% include "huge.html" %}`,
	})
	huge := filepath.Join(dir, "huge.html")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 4<<30); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	if err := os.Symlink("loop2.html", filepath.Join(dir, "loop.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop.html", filepath.Join(dir, "loop2.html")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "dir.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := tplcheck(t, dir, ".")
	if code != 2 {
		t.Errorf("exit %d, want 2 (files that could not be read)", code)
	}
	for _, want := range []string{
		"latin1.html:1:7: error: invalid UTF-8 (byte 0xe9)",
		"logo.html:3:1: error: a NUL byte: this is a binary file",
		"huge.html:1:1: error: the file is 4294967296 bytes, over the limit of 1048576 (-max-size): not read [bad-input]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout has no %q:\n%s", want, out)
		}
	}
	for _, want := range []string{"loop.html: ", "too many levels of symbolic links", "fifo.html: ", "not a regular file"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr has no %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(out, "ok.html") {
		t.Errorf("ok.html has findings:\n%s", out)
	}
	if os.Getuid() == 0 {
		t.Log("running as root: an unreadable file cannot be made")
		return
	}
	noread := filepath.Join(dir, "noread.html")
	write(t, dir, map[string]string{"noread.html": "x"})
	if err := os.Chmod(noread, 0); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = tplcheck(t, dir, "noread.html")
	if code != 2 || !strings.Contains(stderr, "permission denied") {
		t.Errorf("unreadable file: exit %d, stderr %q", code, stderr)
	}
}

// TestWatch runs tplcheck -watch, breaks and fixes a template, and reads
// what it prints about each change.
func TestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("watches files")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"base.html": "<main>{% block content %}{% endblock %}</main>",
		"page.html": "{% extends \"base.html\" %}{% block content %}ok{% endblock %}",
	})
	ctx := context.Background()
	if d, ok := t.Deadline(); ok {
		// Not a time limit on tplcheck: a guard that ends the process, and
		// so the reads below, before go test's -timeout ends everything.
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-10*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, binary, "-watch", ".")
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "watching 2 files") {
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-ctx.Done():
		t.Fatal("tplcheck -watch never said it was watching")
	}
	next := func(want string) {
		t.Helper()
		for line := range lines {
			if strings.Contains(line, want) {
				return
			}
		}
		t.Fatalf("tplcheck -watch ended without printing %q", want)
	}
	write(t, dir, map[string]string{"page.html": "{% extends \"base.html\" %}{% block content %}{{ x|nosuch }}{% endblock %}"})
	next(`page.html:1:50: error: unknown filter "nosuch" [unknown-filter]`)
	write(t, dir, map[string]string{"page.html": "{% extends \"base.html\" %}{% block content %}{{ x }}{% endblock %}"})
	next(`page.html:1:50: fixed: unknown filter "nosuch" [unknown-filter]`)
	// A change to the parent is a change of its children's findings.
	write(t, dir, map[string]string{"base.html": "<main>{% block main %}{% endblock %}</main>"})
	next(`page.html:1:26: warning: {% block content %} is in no template page.html extends (base.html)`)
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	if cmd.ProcessState.ExitCode() != 0 {
		t.Errorf("exit %d after an interrupt with no errors left, want 0", cmd.ProcessState.ExitCode())
	}
}
