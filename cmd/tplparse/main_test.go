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
	good := filepath.Join(dir, "good.html")
	bad := filepath.Join(dir, "bad.html")
	os.WriteFile(good, []byte("{%for x in xs%}{{x|upper}}{%endfor%}"), 0o644)
	os.WriteFile(bad, []byte("{% for x in xs %}\n{% endif %}"), 0o644)
	tests := []struct {
		args       []string
		code       int
		out, inErr string
	}{
		{[]string{"-print", good}, 0, "{% for x in xs %}{{ x|upper }}{% endfor %}", ""},
		{[]string{"-pos=false", good}, 0, "For Vars=[\"x\"]", ""},
		{[]string{bad}, 1, "", "bad.html:2:1: {% endif %} closes nothing; the {% for %} opened at 1:1 is still open\n    2 | {% endif %}\n      | ^^^^^^^^^^^"},
		{[]string{filepath.Join(dir, "missing.html")}, 1, "", "no such file"},
		{nil, 2, "", "usage: tplparse"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(tt.args, &out, &errOut)
		if code != tt.code || !strings.Contains(out.String(), tt.out) || !strings.Contains(errOut.String(), tt.inErr) {
			t.Errorf("run(%q) = %d\nstdout: %s\nstderr: %s\nwant %d, stdout containing %q, stderr containing %q",
				tt.args, code, out.String(), errOut.String(), tt.code, tt.out, tt.inErr)
		}
	}
}
