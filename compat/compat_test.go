package compat_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/compat"
	"go.uber.org/goleak"
)

// TestBlockingOverlap checks that blocking functions made lazy run at the
// same time: each waits until all have started (a barrier), which only
// works if none waits for another.
func TestBlockingOverlap(t *testing.T) {
	defer goleak.VerifyNone(t)
	const n = 5
	var started atomic.Int32
	all := make(chan struct{})
	slow := func(i int) func() (string, error) {
		return func() (string, error) {
			if started.Add(1) == n {
				close(all)
			}
			select {
			case <-all:
			case <-time.After(30 * time.Second): // liveness only
				return "", errors.New("the calls did not overlap")
			}
			return fmt.Sprint("w", i), nil
		}
	}
	data := map[string]any{}
	for i := range n {
		data[fmt.Sprint("w", i)] = compat.Blocking(slow(i))
	}
	tpl, _ := braid.New().FromString(`{{ w0 }} {{ w1 }} {{ w2 }} {{ w3 }} {{ w4 }}`)
	out, err := tpl.RenderString(context.Background(), data)
	if err != nil || out != "w0 w1 w2 w3 w4" {
		t.Errorf("%q, %v", out, err)
	}
}

func TestLazy(t *testing.T) {
	calls := 0
	data := compat.Lazy(map[string]any{
		"a":    func() string { calls++; return "A" },
		"b":    func() (int, error) { return 2, nil },
		"bad":  func() (int, error) { return 0, errors.New("no") },
		"args": func(x int) int { return x },
		"s":    "plain",
	})
	tpl, _ := braid.New().FromString(`{{ a }}{{ a }}{{ b }}{{ s }}{{ args(3) }}`)
	out, err := tpl.RenderString(context.Background(), data)
	if err != nil || out != "AA2plain3" || calls != 1 {
		t.Errorf("%q, %v, %d calls", out, err, calls)
	}
	tpl, _ = braid.New().FromString(`{{ bad }}`)
	if _, err := tpl.RenderString(context.Background(), data); err == nil {
		t.Error("the error of a lazy function was lost")
	}
}

func ExampleBlocking() {
	report := func() (string, error) { time.Sleep(10 * time.Millisecond); return "42 sales", nil }
	tpl, _ := braid.New().FromString(`Today: {{ report }}`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"report": compat.Blocking(report)})
	fmt.Println(out)
	// Output:
	// Today: 42 sales
}

func ExampleLazy() {
	data := compat.Lazy(map[string]any{"user": func() (string, error) { return "ann", nil }})
	tpl, _ := braid.New().FromString(`Hello {{ user }}`)
	out, _ := tpl.RenderString(context.Background(), data)
	fmt.Println(out)
	// Output:
	// Hello ann
}
