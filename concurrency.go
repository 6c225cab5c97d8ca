package braid

import (
	"context"

	"github.com/braidtpl/braid/render"
)

// DefaultConcurrency is how many lazy values one render computes at once
// unless WithConcurrency says otherwise: the limit bounds how many slow
// sources a page waits on at the same time; 64 covers a dashboard of
// widgets or a page of list items each with its own query, while keeping
// a burst of renders from starting thousands of goroutines. Values beyond
// the limit wait in a queue, first come first served, while the page goes
// on; a node that must wait for a queued value in place (cycle, set, a
// capture) computes it itself.
const DefaultConcurrency = 64

// WithConcurrency sets the most lazy values one render computes at once,
// each on a goroutine of its own (default DefaultConcurrency). Nodes that
// waited for a value render on the goroutine that computed it. n <= 0
// renders sequentially.
func WithConcurrency(n int) Option {
	return func(e *Engine) { e.env.Concurrency = n }
}

// DefaultMaxBuffered is the default of WithMaxBuffered: 4 MiB.
const DefaultMaxBuffered = render.DefaultMaxBuffered

// WithMaxBuffered bounds the output one render holds in memory behind a
// node still waiting for its value (default DefaultMaxBuffered; each
// waiting node counts a few hundred bytes too). At the bound, the parts
// of the render producing more output wait until the head of the page is
// written (backpressure), so a page that streams gigabytes after a slow
// value holds about n bytes. The output is the same whatever n is.
func WithMaxBuffered(n int) Option {
	return func(e *Engine) { e.env.MaxBuffered = n }
}

// WithSequential renders without any concurrency: the reference mode,
// whose output every concurrent render must equal byte for byte. Lazy
// values are computed when first needed and waited for in place.
func WithSequential() Option {
	return func(e *Engine) { e.env.Sequential = true }
}

// Stats describe one render's waiting: nodes deferred, lazy values
// started and queued, the most computed at once, goroutines abandoned
// after a deadline, the most output held behind waiting nodes, total wait
// and the slowest waits by position.
type Stats = render.Stats

// WithStats calls fn after every render with its statistics, to find the
// slow sources of a page and N+1 patterns (many list items each waiting).
func WithStats(fn func(template string, st Stats)) Option {
	return func(e *Engine) { e.stats = fn }
}

type statsKey struct{}

// RecordStats returns a context whose render writes its statistics to
// *st when it returns: one request's, where WithStats sees every render of
// the engine.
func RecordStats(ctx context.Context, st *Stats) context.Context {
	return context.WithValue(ctx, statsKey{}, st)
}

// Future is a value being computed concurrently; see Go.
type Future = render.Future

// Go starts fn now, on its own goroutine, and returns its future. Put the
// future in a template's data: nodes that need its value render when it
// is ready, while the rest of the page goes on.
func Go[T any](ctx context.Context, fn func(context.Context) (T, error)) *Future {
	return render.NewFuture(ctx, func(ctx context.Context) (any, error) { return fn(ctx) })
}

// Streaming says whether a render of HTML streams out of order, and how
// (see render.Streaming): a region of the page that waits for its data,
// where the page is in element content, leaves a marker and the rest of
// the page goes on; the region follows once ready, as a <template for>
// that browsers apply natively or with a tiny script. The final DOM is the
// in-order page's.
type Streaming = render.Streaming

// WithOutOfOrder makes out-of-order streaming the engine's default for
// concurrent renders (off by default: in order). A render's context can
// choose otherwise with WithStreaming.
func WithOutOfOrder(on bool) Option {
	return func(e *Engine) { e.env.Streaming.OutOfOrder = on }
}

// WithStreaming returns a context whose renders stream as st says,
// whatever the engine's default: say, in order for crawlers, e-mail and
// clients without JavaScript, out of order with Native for a browser that
// applies <template for> itself, or with the request's CSP nonce.
func WithStreaming(ctx context.Context, st Streaming) context.Context {
	return render.WithStreaming(ctx, st)
}
