package render_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/braidtpl/braid/render"
)

// show is a node that prints the variable name, deferring itself while
// its value is pending: the shape of the compiler's {{ name }}.
type show struct{ name string }

func (n show) Render(s *render.State, out *render.Out) error {
	v, _ := s.Scope.Get(n.name)
	v, wait, err := s.Settle(v)
	switch {
	case err != nil:
		return err
	case wait != nil:
		return s.Defer(out, render.Pos{}, "{{ "+n.name+" }}", wait, n.Render)
	}
	out.WriteValue(s, v)
	return nil
}

// run renders nodes over data, as an engine does.
func run(ctx context.Context, nodes render.Nodes, data map[string]any) string {
	var b strings.Builder
	prog := &render.Program{Name: "example", Root: nodes}
	s := render.NewState(ctx, &render.Env{Autoescape: true, Concurrency: 4}, prog, data)
	out := render.NewOut(&b)
	err := nodes.Render(s, out)
	if werr := s.Run.Wait(); err == nil {
		err = werr
	}
	if err == nil {
		err = out.Close()
	}
	if err != nil {
		return err.Error()
	}
	return b.String()
}

func ExampleNewPromise() {
	// A value that a callback delivers: the page renders around it and
	// fills it in when resolve is called.
	price, resolve := render.NewPromise()
	go func() { resolve(42, nil) }() // say, a message-queue reply
	nodes := render.Nodes{render.Text("price: "), show{"price"}, render.Text(" EUR")}
	fmt.Println(run(context.Background(), nodes, map[string]any{"price": price}))
	// Output:
	// price: 42 EUR
}

func ExampleWithSchedule() {
	// A test chooses when work runs: under a Schedule the render starts
	// no goroutine, and this one runs work only when the render must
	// wait, so every node defers.
	sch := &fifo{}
	ctx := render.WithSchedule(context.Background(), sch)
	a, resolveA := render.NewPromise()
	b, resolveB := render.NewPromise()
	sch.Go(func() { resolveA("x", nil) })
	sch.Go(func() { resolveB("y", nil) })
	out := run(ctx, render.Nodes{show{"a"}, render.Text("-"), show{"b"}}, map[string]any{"a": a, "b": b})
	fmt.Println(out, sch.ran)
	// Output:
	// x-y 4
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
