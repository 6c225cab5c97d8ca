package braid_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/parser"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/render")

// TestRenderGolden renders each testdata/render/NAME.tpl with NAME.json
// (if any) and compares the output with NAME.out, or the error with
// NAME.err; -update rewrites them. Files that are not .tpl are templates
// the cases include or extend.
func TestRenderGolden(t *testing.T) {
	dir := filepath.Join("testdata", "render")
	files, err := filepath.Glob(filepath.Join(dir, "*.tpl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden templates: %v", err)
	}
	eng := braid.New(braid.WithDir(dir), braid.WithDebugTag(true))
	defer eng.Close()
	for _, path := range files {
		name := filepath.Base(path)
		base := strings.TrimSuffix(path, ".tpl")
		t.Run(strings.TrimSuffix(name, ".tpl"), func(t *testing.T) {
			data := map[string]any{}
			if b, err := os.ReadFile(base + ".json"); err == nil {
				if data, err = braid.DecodeJSON(b); err != nil {
					t.Fatalf("%s.json: %v", base, err)
				}
			}
			got, ext, stale := "", ".out", ".err"
			tpl, err := eng.Template(name)
			if err == nil {
				got, err = tpl.RenderString(context.Background(), data)
			}
			if err != nil {
				got, ext, stale = errorReport(err), ".err", ".out"
			}
			if *update {
				os.Remove(base + stale)
				if err := os.WriteFile(base+ext, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(base + ext)
			if rerr != nil {
				t.Fatalf("render gave %s output but it is missing (go test -run TestRenderGolden -update): %v\n%s", ext, rerr, got)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s%s mismatch (-want +got):\n%s", filepath.Base(base), ext, diff)
			}
		})
	}
}

// errorReport is how a golden .err file shows an error: its one-line form
// and the source line with a caret.
func errorReport(err error) string {
	var e *braid.Error
	if !errors.As(err, &e) {
		return "not a *braid.Error: " + err.Error() + "\n"
	}
	var list parser.ErrorList
	if !errors.As(err, &list) {
		return e.Error() + "\n" + e.Snippet() + "\n"
	}
	var b strings.Builder
	for _, pe := range list {
		b.WriteString(pe.Error() + "\n" + pe.Snippet() + "\n")
	}
	return b.String()
}
