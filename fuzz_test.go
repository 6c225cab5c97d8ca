package braid_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/internal/htmlpatch"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
)

// FuzzRender compiles and renders arbitrary templates over a fixed set of
// data: no input may panic or hang, and every error must be a positioned
// *braid.Error inside the source. Then it renders the template again,
// concurrently over pending data, under the schedule the input chooses
// (policy and seed, see schedtest), so that a failing input replays
// exactly: it must print what the sequential render prints. Seeds: every
// golden render template, under every policy.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "render", "*.tpl"))
	seeds := []string{
		// Found once by the fuzzer before schedules existed, and never
		// replayed: a value ready between two looks printed the operand.
		`{{s|add:1}}{tcape}}{{ml|upper}} {{ tm|lower}}{%autoescape off%}{{ l|join:""}}{%endautoescape%}`,
	}
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	for i, src := range seeds {
		for policy := range len(schedtest.Policies) {
			f.Add(src, uint8(policy), uint64(i))
		}
	}
	type item struct {
		Name string
		N    int
		Next *item
	}
	data := map[string]any{
		"s": "<b>x</b>", "n": 3, "f": 2.5, "l": []any{1, "a", nil}, "m": map[string]any{"k": []int{1, 2}},
		"items": []item{{Name: "a", N: 1}, {Name: "b", N: 2, Next: &item{Name: "c"}}}, "t": time.Unix(0, 0).UTC(),
		"safe": braid.Safe("<i>"), "z": nil, "fn": func(a, b int) int { return a + b },
	}
	sources := fstest.MapFS{
		"_base.html": {Data: []byte("[{% block a %}A{% endblock %}]")},
		"_inc.html":  {Data: []byte("{{ s }}{% include '_inc.html' %}")},
	}
	// The limits stop the inputs that would run long (a loop over a big
	// range, a macro that doubles), in both modes alike.
	limits := []braid.Option{braid.WithFS(sources), braid.WithDebugTag(true), braid.WithMaxSteps(200000), braid.WithMaxOutput(4 << 20)}
	eng := braid.New(limits...)
	seq := braid.New(append(limits, braid.WithSequential())...)
	ooo := braid.New(append(limits, braid.WithOutOfOrder(true))...)
	f.Fuzz(func(t *testing.T, src string, policy uint8, seed uint64) {
		defer checkModes(t, eng, seq, src, data, schedtest.FromByte(policy, seed))
		defer checkOutOfOrder(t, ooo, seq, src, data, schedtest.FromByte(policy, seed))
		tpl, err := eng.FromString(src)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, err = tpl.RenderString(ctx, data)
		}
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			return
		}
		var e *braid.Error
		if !errors.As(err, &e) {
			t.Fatalf("error is not a *braid.Error: %T %v", err, err)
		}
		if e.Template == "" {
			t.Fatalf("error without a template name: %v", err)
		}
		if e.Template != "_base.html" && e.Template != "_inc.html" && e.Line > 0 {
			lines := 1
			for _, c := range src {
				if c == '\n' {
					lines++
				}
			}
			if e.Line > lines {
				t.Fatalf("error line %d beyond the source's %d lines: %v", e.Line, lines, err)
			}
		}
	})
}

// checkModes renders src sequentially, and concurrently under sch, over
// data made pending (see pendingData): both must fail or both succeed
// with the same bytes (unless the template asks for randomness).
func checkModes(t *testing.T, conc, seq *braid.Engine, src string, data map[string]any, sch *schedtest.Schedule) {
	if strings.Contains(src, "random") || strings.Contains(src, "lorem") || strings.Contains(src, "now") {
		return
	}
	a, errA := conc.FromString(src)
	b, errB := seq.FromString(src)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("compiles in one mode only: %v / %v", errA, errB)
	}
	if errA != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var w strings.Builder
	errA = a.Render(brender.WithSchedule(ctx, sch), &w, pendingData(data, sch, false))
	outA := w.String()
	sch.Wait(func() bool { return false }) // work nothing needed: it must write nothing
	// The reference: sequential, over the same kind of pending data (a
	// template that prints the data whole prints pending values as such).
	ref := schedtest.New("late", 0)
	outB, errB := b.RenderString(brender.WithSchedule(ctx, ref), pendingData(data, ref, false))
	if errors.Is(errA, context.DeadlineExceeded) || errors.Is(errB, context.DeadlineExceeded) {
		return
	}
	if w.String() != outA {
		t.Fatalf("schedule %s: work left after the render wrote %q", sch, w.String()[len(outA):])
	}
	if (errA == nil) != (errB == nil) || errA == nil && outA != outB {
		t.Fatalf("modes differ under schedule %s:\nconcurrent %q, %v\nsequential %q, %v", sch, outA, errA, outB, errB)
	}
}

// checkOutOfOrder renders src out of order under sch, over pending data:
// with its templates applied, the page is the sequential render's (when
// both succeed; a failure must fail both).
func checkOutOfOrder(t *testing.T, ooo, seq *braid.Engine, src string, data map[string]any, sch *schedtest.Schedule) {
	if strings.Contains(src, "random") || strings.Contains(src, "lorem") || strings.Contains(src, "now") ||
		strings.Contains(src, "<template") || strings.Contains(src, "<?") {
		return // random output, or markup that looks like braid's own
	}
	a, errA := ooo.FromString(src)
	b, errB := seq.FromString(src)
	if errA != nil || errB != nil {
		return // checkModes compares compile errors
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	outA, errA := a.RenderString(brender.WithSchedule(ctx, sch), pendingData(data, sch, false))
	ref := schedtest.New("late", 0)
	outB, errB := b.RenderString(brender.WithSchedule(ctx, ref), pendingData(data, ref, false))
	if errors.Is(errA, context.DeadlineExceeded) || errors.Is(errB, context.DeadlineExceeded) {
		return
	}
	if (errA == nil) != (errB == nil) {
		t.Fatalf("out of order under %s: %v; sequential: %v", sch, errA, errB)
	}
	if errA != nil {
		return
	}
	page, err := htmlpatch.Apply(outA)
	if err != nil || page != outB {
		t.Fatalf("out of order under %s: %v\n%q\npatched %q\nsequential %q", sch, err, outA, page, outB)
	}
}
