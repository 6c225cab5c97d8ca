package render

import "context"

// Streaming says whether a render of HTML streams out of order, and how.
//
// In order (the default), the page is written as a sequential render
// writes it: a node waiting for its value holds back everything after it.
// Out of order, a node that waits where the page is in element content
// (not in a tag, an attribute, <script>, <style>, <title>, <textarea>, or
// between <table> and its cells) leaves a marker, <?marker name="b1">,
// and the page goes on; once the node's output is complete it is sent
// where the page then is in element content (at the latest, at its end)
// as <template for="b1">…</template>, which browsers with declarative
// partial updates apply themselves, followed by a small script that does
// the same for the others. The final DOM is the in-order page's.
type Streaming struct {
	// OutOfOrder turns the mode on.
	OutOfOrder bool
	// Native says the client applies <template for> itself: no script is
	// sent.
	Native bool
	// Nonce is the Content-Security-Policy nonce of the scripts.
	Nonce string
	// Prefix begins the markers' names ("b" when empty), for pages that
	// join the output of several renders: letters, digits, "-" and "_".
	Prefix string
}

func (s *Streaming) prefix() string {
	if s.Prefix == "" {
		return "b"
	}
	for i := 0; i < len(s.Prefix); i++ {
		c := s.Prefix[i]
		if !(isASCIILetter(c) || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "b"
		}
	}
	return s.Prefix
}

type streamingKey struct{}

// WithStreaming returns a context whose renders stream as st says,
// whatever the engine's default: the per-render choice, so that crawlers,
// e-mail and clients without JavaScript can be given the in-order page.
func WithStreaming(ctx context.Context, st Streaming) context.Context {
	return context.WithValue(ctx, streamingKey{}, st)
}

// streamingOf is the streaming of a concurrent render in ctx: its own
// choice, or the engine's; nil for in order.
func streamingOf(ctx context.Context, env *Env) *Streaming {
	st, ok := ctx.Value(streamingKey{}).(Streaming)
	if !ok {
		st = env.Streaming
	}
	if !st.OutOfOrder {
		return nil
	}
	out := st                 // st itself stays on the stack: in order costs no allocation
	out.Prefix = out.prefix() // checked once, not at every marker
	return &out
}

// Begin prepares out, the render's output, for the render: out of order,
// it follows the page's HTML context from its first byte.
func (o *Out) Begin(r *Run) {
	o.html = nil
	if r.streaming != nil {
		h := &htmlScan{}
		h.name = h.buf[:0]
		o.html = h
	}
}
