package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestPongo2Suite runs pongo2's own tests against compat/pongo2: it copies
// pongo2_test.go, pongo2_template_test.go, pongo2_issues_test.go and
// template_tests/ from the pongo2 v6.0.0 module in the module cache into a
// temporary module, changes only the import line, and runs them with go
// test. Every test and subtest must pass, but those listed in
// testdata/pongo2suite.expect with the reason they do not yet; a listed
// one that passes fails this test too, so that the list stays true.
//
// The temporary module needs pongo2's test dependencies in the module
// cache, without the network: .ci/run downloads them (go mod download
// gopkg.in/check.v1@v1.0.0-20201130134442-10cb98267c6c
// github.com/kr/pretty@v0.2.1 github.com/kr/text@v0.1.0).
func TestPongo2Suite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test on pongo2's suite")
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/flosch/pongo2/v6").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	src := strings.TrimSpace(string(out))
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range []string{"pongo2_test.go", "pongo2_template_test.go", "pongo2_issues_test.go"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.Replace(b, []byte(`"github.com/flosch/pongo2/v6"`), []byte(`pongo2 "github.com/braidtpl/braid/compat/pongo2"`), 1)
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := copyTree(filepath.Join(src, "template_tests"), filepath.Join(dir, "template_tests")); err != nil {
		t.Fatal(err)
	}
	sum, _ := os.ReadFile(filepath.Join(src, "go.sum"))
	braidSum, _ := os.ReadFile(filepath.Join(root, "go.sum"))
	gomod := fmt.Sprintf("module pongo2suite\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/braidtpl/braid v0.0.0\n\tgopkg.in/check.v1 v1.0.0-20201130134442-10cb98267c6c\n)\n\nrequire (\n\tgithub.com/kr/pretty v0.2.1 // indirect\n\tgithub.com/kr/text v0.1.0 // indirect\n)\n\nreplace github.com/braidtpl/braid => %s\n", root)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), append(sum, braidSum...), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "test", "-vet=off", "-count=1", "-json", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, _ := cmd.Output() // failing tests exit 1: the events say which
	got := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var ev struct{ Action, Test string }
		if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Test != "" && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip") {
			got[ev.Test] = ev.Action
		}
	}
	if len(got) == 0 {
		t.Fatalf("pongo2's suite did not run:\n%s\n%s", stderr.String(), raw)
	}
	expect := readExpect(t, filepath.Join("testdata", "pongo2suite.expect"))
	names := make([]string, 0, len(got))
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	pass := 0
	for _, n := range names {
		reason, listed := expect[n]
		switch {
		case got[n] == "pass":
			pass++
			if listed {
				t.Errorf("%s passes now: take it off testdata/pongo2suite.expect (%s)", n, reason)
			}
		case !listed:
			t.Errorf("%s: %s, and it is not in testdata/pongo2suite.expect", n, got[n])
		}
	}
	for n := range expect {
		if _, ok := got[n]; !ok {
			t.Errorf("%s is in testdata/pongo2suite.expect but did not run", n)
		}
	}
	t.Logf("pongo2's suite on compat/pongo2: %d of %d tests and subtests pass", pass, len(got))
}

// readExpect reads the expected failures: "name\treason" lines.
func readExpect(t *testing.T, path string) map[string]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s: %q has no reason", path, line)
		}
		out[name] = reason
	}
	return out
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}
