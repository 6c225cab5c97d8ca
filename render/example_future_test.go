package render_test

import (
	"context"
	"fmt"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
)

func ExampleNewPromise() {
	// A value that a callback delivers: the page renders around it and
	// fills it in when resolve is called.
	price, resolve := render.NewPromise()
	go func() { resolve(42, nil) }() // say, a message-queue reply
	tpl, _ := braid.New().FromString("price: {{ price }} EUR")
	out, err := tpl.RenderString(context.Background(), map[string]any{"price": price})
	fmt.Println(out, err)
	// Output:
	// price: 42 EUR <nil>
}

func ExampleWithSchedule() {
	// A test chooses when work runs: under a Schedule the render starts
	// no goroutine, and a schedule that never runs work until the render
	// must wait makes every node defer.
	sch := &fifo{}
	ctx := render.WithSchedule(context.Background(), sch)
	tpl, _ := braid.New().FromString("{{ a }}-{{ b }}")
	lazy := func(v string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { return v, nil }
	}
	out, _ := tpl.RenderString(ctx, map[string]any{"a": lazy("x"), "b": lazy("y")})
	fmt.Println(out, sch.ran)
	// Output:
	// x-y 2
}

// fifo is the smallest Schedule: work runs, oldest first, only when the
// render waits.
type fifo struct {
	queue []func()
	ran   int
}

func (s *fifo) Go(work func()) { s.queue = append(s.queue, work) }
func (s *fifo) Step()          {}
func (s *fifo) Wait(done func() bool) bool {
	for !done() {
		if len(s.queue) == 0 {
			return false
		}
		w := s.queue[0]
		s.queue = s.queue[1:]
		s.ran++
		w()
	}
	return true
}
