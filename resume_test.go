package braid_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
	"github.com/braidtpl/braid/schedtest"
	"go.uber.org/goleak"
)

// resumeNode is data for the resume cases: a chain of pending and plain
// links, each counting its calls.
type resumeNode struct {
	name  string
	calls *atomic.Int64
	fail  bool                // Slow's value is an error
	sch   *schedtest.Schedule // makes Nested's future, if not nil
}

// Slow is a lazy link: pending until the render computes it.
func (n *resumeNode) Slow(ctx context.Context) (*resumeNode, error) {
	n.calls.Add(1)
	if n.fail {
		return nil, errors.New("slow failed")
	}
	return &resumeNode{name: n.name + ".slow", calls: n.calls}, nil
}

// Plain is a plain method, called each time an evaluation passes it.
func (n *resumeNode) Plain() *resumeNode {
	n.calls.Add(1)
	return &resumeNode{name: n.name + ".plain", calls: n.calls}
}

// Name is the node's name, with markup to escape.
func (n *resumeNode) Name() string { return "<" + n.name + ">" }

// Nested is a lazy value whose value is another lazy value's future.
func (n *resumeNode) Nested(ctx context.Context) (any, error) {
	if n.sch != nil {
		return n.sch.Promise(n.name+"&nested", nil), nil
	}
	return braid.Go(ctx, func(context.Context) (string, error) { return n.name + "&nested", nil }), nil
}

// resumeCases are {{ }} whose value is pending at each place a deferred
// output can resume from: the variable, each link of a chain, a filter's
// input and a filter's result; and nodes that cannot resume (a filter
// argument from the scope, an if, a for), which evaluate again on a full
// snapshot.
var resumeCases = []string{
	`{{ lazy }}`,
	`{{ n.Slow.Name }}`,
	`{{ n.Plain.Slow.Name }}`,
	`{{ n.Slow.Plain.Slow.Name }}`,
	`{{ n.Slow.Name|upper }}`,
	`{{ n.Slow.Name|lower|truncatechars:5 }}`,
	`{{ n.Slow.Missing|default:"none" }}`,
	`{{ n.Slow.Name|cut:sep }}`,
	`{{ n.Nested }}`,
	`{{ n.Nested|upper }}`,
	`{{ bad.Slow.Name }}`,
	`{{ bad.Slow.Name|upper }}`,
	`{% for x in items %}{{ forloop.counter }}:{{ x.Slow.Name }}|{{ x.Plain.Slow.Name|upper }};{% endfor %}`,
	`{% with m=n %}{{ m.Slow.Slow.Name }}{% endwith %}`,
	`{{ n.Slow.Missing.Deeper }}`,
	// Nodes that evaluate again from the start once the value is ready:
	// the methods before the wait give what they gave the first time.
	`{{ n.Plain.Slow.Name|cut:sep }}`,
	`{{ n.Plain.Slow.Name == "<n.plain.slow>" }}`,
	`{% if n.Plain.Slow.Name %}yes{% endif %}`,
	`{% if n.Plain.Plain.Slow.Slow.Name|length > 3 %}long{% endif %}`,
	`{% for c in n.Plain.Slow.Name|slice:":3" %}[{{ c }}]{% endfor %}`,
	`{% with m=n.Plain.Slow %}{{ m.Name }}{% endwith %}`,
}

// resumeData is the cases' data, with its call counter.
func resumeData(sch *schedtest.Schedule) (map[string]any, *atomic.Int64) {
	calls := &atomic.Int64{}
	items := make([]*resumeNode, 3)
	for i := range items {
		items[i] = &resumeNode{name: fmt.Sprint("i", i), calls: calls}
	}
	return map[string]any{
		"n":     &resumeNode{name: "n", calls: calls, sch: sch},
		"bad":   &resumeNode{name: "bad", calls: calls, fail: true},
		"items": items,
		"sep":   "s",
		"lazy":  func(context.Context) (string, error) { calls.Add(1); return "a<b", nil },
	}, calls
}

// TestResumeSameAsSequential renders each case sequentially and
// concurrently under every schedule, in default and strict mode: the
// output and the error must be the same, and so must the calls of the
// data's methods (a resumed node does not evaluate its chain again, and
// one that evaluates again finds the methods' first results). Before
// either, a plain method before a lazy one made a deferred node wait
// again for ever (a new receiver, so a new lazy value, each time).
func TestResumeSameAsSequential(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, strict := range []bool{false, true} {
		seq := braid.New(braid.WithSequential(), braid.WithStrict(strict))
		conc := braid.New(braid.WithConcurrency(4), braid.WithStrict(strict))
		for _, src := range resumeCases {
			want, wantCalls, wantErr := renderCounting(t, seq, src, context.Background(), nil)
			for _, sch := range scheduleCases() {
				ctx := brender.WithSchedule(context.Background(), sch)
				got, calls, err := renderCounting(t, conc, src, ctx, sch)
				if got != want || err != wantErr {
					t.Errorf("strict %v, %s under %s:\n got %q, %s\nwant %q, %s", strict, src, sch, got, err, want, wantErr)
				}
				if calls != wantCalls {
					t.Errorf("strict %v, %s under %s: %d calls of the data's methods, sequentially %d", strict, src, sch, calls, wantCalls)
				}
			}
			// And with goroutines, where the values are ready at once.
			got, calls, err := renderCounting(t, conc, src, context.Background(), nil)
			if got != want || err != wantErr || calls != wantCalls {
				t.Errorf("strict %v, %s with goroutines: %q, %s, %d calls; want %q, %s, %d", strict, src, got, err, calls, want, wantErr, wantCalls)
			}
		}
	}
}

var anonymous = regexp.MustCompile(`string#[0-9]+`)

// renderCounting renders src over fresh resumeData and returns what it
// printed, the calls of the data's methods and the error's text.
func renderCounting(t *testing.T, eng *braid.Engine, src string, ctx context.Context, sch *schedtest.Schedule) (string, int64, string) {
	t.Helper()
	tpl, err := eng.FromString(src)
	if err != nil {
		t.Fatal(err)
	}
	data, calls := resumeData(sch)
	got, err := tpl.RenderString(ctx, data)
	msg := ""
	if err != nil {
		msg = anonymous.ReplaceAllString(err.Error(), "string") // each FromString has a name of its own
	}
	return got, calls.Load(), msg
}

// slowAfterPlain has a plain getter that builds a new value each call and
// a lazy method on that value that takes real time.
type slowAfterPlain struct{ calls *atomic.Int64 }

func (n *slowAfterPlain) Plain() *slowAfterPlain {
	n.calls.Add(1)
	return &slowAfterPlain{calls: n.calls}
}

func (n *slowAfterPlain) Slow(ctx context.Context) (string, error) {
	select {
	case <-time.After(2 * time.Millisecond):
		return "slow", nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// TestPlainMethodBeforeSlowValue renders, with goroutines and a value
// that takes time, the nodes that used to wait for ever when a getter came
// before a lazy method (each evaluation made a new lazy value, which was
// never ready in time). The deadline is only a liveness bound.
func TestPlainMethodBeforeSlowValue(t *testing.T) {
	defer goleak.VerifyNone(t)
	for _, tt := range []struct{ src, want string }{
		{`{% if n.Plain.Slow %}yes{% endif %}`, "yes"},
		{`{% for c in n.Plain.Slow %}{{ c }}{% endfor %}`, "slow"},
		{`{{ n.Plain.Slow|cut:x }}`, "slow"},
		{`{{ n.Plain.Slow }}`, "slow"},
	} {
		tpl, err := braid.New().FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		calls := &atomic.Int64{}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		got, err := tpl.RenderString(ctx, map[string]any{"n": &slowAfterPlain{calls: calls}, "x": "z"})
		cancel()
		if got != tt.want || err != nil || calls.Load() != 1 {
			t.Errorf("%s: %q, %v, Plain called %d times; want %q, once", tt.src, got, err, calls.Load(), tt.want)
		}
	}
}
