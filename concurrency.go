package braid

import (
	"context"

	"github.com/braidtpl/braid/render"
)

// DefaultConcurrency is how many goroutines one render may run at once
// unless WithConcurrency says otherwise. Each goroutine either computes a
// lazy value or renders a node that waited for one, so the limit bounds
// how many slow sources a page waits on at the same time; 64 covers a
// dashboard of widgets or a page of list items each with its own query,
// while keeping a burst of renders from starting thousands of goroutines.
// Beyond the limit, work runs inline in the render's own goroutine: slower,
// never stuck.
const DefaultConcurrency = 64

// WithConcurrency sets the most goroutines one render may run (default
// DefaultConcurrency). n <= 0 renders sequentially.
func WithConcurrency(n int) Option {
	return func(e *Engine) { e.env.Concurrency = n }
}

// WithSequential renders without any concurrency: the reference mode,
// whose output every concurrent render must equal byte for byte. Lazy
// values are computed when first needed and waited for in place.
func WithSequential() Option {
	return func(e *Engine) { e.env.Sequential = true }
}

// Stats describe one render's waiting: nodes deferred, lazy values
// started, peak goroutines, total wait and the slowest waits by position.
type Stats = render.Stats

// WithStats calls fn after every render with its statistics, to find the
// slow sources of a page and N+1 patterns (many list items each waiting).
func WithStats(fn func(template string, st Stats)) Option {
	return func(e *Engine) { e.stats = fn }
}

// Future is a value being computed concurrently; see Go.
type Future = render.Future

// Go starts fn now, on its own goroutine, and returns its future. Put the
// future in a template's data: nodes that need its value render when it
// is ready, while the rest of the page goes on.
func Go[T any](ctx context.Context, fn func(context.Context) (T, error)) *Future {
	return render.NewFuture(ctx, func(ctx context.Context) (any, error) { return fn(ctx) })
}
