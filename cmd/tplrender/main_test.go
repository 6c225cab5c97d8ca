package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("page.html", "Hello, {{ name }}! {{ n }} {{ f }}")
	write("bad.html", "line one\n{{ x|nope }}")
	data := write("data.json", `{"name": "<Ann>", "n": 3, "f": 1.5}`)
	write("broken.json", `{"name": `)

	for _, tt := range []struct {
		args       []string
		code       int
		out, inErr string
	}{
		{[]string{"-dir", dir, "-data", data, "page.html"}, 0, "Hello, &lt;Ann&gt;! 3 1.5", ""},
		{[]string{"-dir", dir, "page.html"}, 0, "Hello, !  ", ""},
		{[]string{"-dir", dir, "bad.html"}, 1, "", "bad.html:2:6: unknown filter \"nope\"\n    2 | {{ x|nope }}\n      |      ^"},
		{[]string{"-dir", dir, "missing.html"}, 1, "", `missing.html: no such template`},
		{[]string{"-dir", dir, "-data", filepath.Join(dir, "broken.json"), "page.html"}, 1, "", "broken.json"},
		{[]string{"-dir", dir}, 2, "", "usage: tplrender"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || stdout.String() != tt.out || !strings.Contains(stderr.String(), tt.inErr) {
			t.Errorf("tplrender %v: exit %d, stdout %q, stderr %q; want exit %d, stdout %q, stderr containing %q",
				tt.args, code, stdout.String(), stderr.String(), tt.code, tt.out, tt.inErr)
		}
	}
}
