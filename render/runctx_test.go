package render

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.uber.org/goleak"
)

type runCtxKey struct{}

func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// TestRunContext checks runContext against the context contract: Done and
// Err agree, the render's cancel and the parent's both end it, values and
// deadlines come from the parent, and contexts derived from it (with the
// context package) end with it.
func TestRunContext(t *testing.T) {
	defer goleak.VerifyNone(t)
	t.Run("cancel", func(t *testing.T) {
		c := &runContext{parent: context.WithValue(context.Background(), runCtxKey{}, "v")}
		if c.Err() != nil || c.Value(runCtxKey{}) != "v" {
			t.Fatalf("fresh: Err %v, Value %v", c.Err(), c.Value(runCtxKey{}))
		}
		if _, ok := c.Deadline(); ok {
			t.Fatal("a deadline the parent does not have")
		}
		done := c.Done()
		if closed(done) || c.Done() != done {
			t.Fatal("Done closed before cancel, or not the same channel")
		}
		c.cancel(context.Canceled)
		c.cancel(errors.New("second"))
		if !closed(done) || !errors.Is(c.Err(), context.Canceled) {
			t.Fatalf("after cancel: closed %v, Err %v", closed(done), c.Err())
		}
		if !closed(c.Done()) {
			t.Fatal("Done after cancel not closed")
		}
	})
	t.Run("cancel before Done", func(t *testing.T) {
		c := &runContext{parent: context.Background()}
		c.cancel(context.Canceled)
		if !closed(c.Done()) || c.Err() != context.Canceled {
			t.Fatal("Done made after cancel is not closed")
		}
	})
	t.Run("parent", func(t *testing.T) {
		parent, cancel := context.WithCancel(context.Background())
		c := &runContext{parent: parent}
		done := c.Done()
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the parent's cancel did not close Done")
		}
		if c.Err() != context.Canceled {
			t.Fatalf("Err %v", c.Err())
		}
	})
	t.Run("parent before Done", func(t *testing.T) {
		parent, cancel := context.WithCancel(context.Background())
		c := &runContext{parent: parent}
		cancel()
		if c.Err() != context.Canceled || !closed(c.Done()) {
			t.Fatal("an ended parent: Err and Done disagree")
		}
	})
	t.Run("deadline", func(t *testing.T) {
		at := time.Now().Add(time.Hour)
		parent, cancel := context.WithDeadline(context.Background(), at)
		defer cancel()
		c := &runContext{parent: parent}
		if d, ok := c.Deadline(); !ok || !d.Equal(at) {
			t.Fatalf("Deadline %v %v", d, ok)
		}
	})
	t.Run("derived", func(t *testing.T) {
		c := &runContext{parent: context.Background()}
		child, cancelChild := context.WithTimeout(c, time.Hour)
		defer cancelChild()
		other, cancelOther := context.WithCancel(c)
		cancelOther() // stops its registration
		ran := make(chan struct{})
		context.AfterFunc(c, func() { close(ran) })
		stopped := false
		stop := context.AfterFunc(c, func() { stopped = true })
		if !stop() {
			t.Fatal("stop before cancel reported false")
		}
		if n := len(c.after); n != 2 {
			t.Fatalf("%d functions registered, want 2 (the child's and one AfterFunc)", n)
		}
		c.cancel(context.Canceled)
		for _, ch := range []<-chan struct{}{child.Done(), ran} {
			select {
			case <-ch:
			case <-time.After(10 * time.Second):
				t.Fatal("a derived context or AfterFunc did not end with it")
			}
		}
		if child.Err() != context.Canceled || other.Err() != context.Canceled || stopped {
			t.Fatalf("child %v, other %v, stopped func ran %v", child.Err(), other.Err(), stopped)
		}
		late := make(chan struct{})
		context.AfterFunc(c, func() { close(late) })
		<-late // after cancel, a new AfterFunc runs at once
	})
}

// TestReadyRenderNoContext: a concurrent render whose data is all ready
// never asks its context for a Done channel, so it registers nothing with
// the caller's context.
func TestReadyRenderNoContext(t *testing.T) {
	r := &Run{}
	r.startGroup(context.Background(), 4)
	if r.ctx != &r.rctx {
		t.Fatal("a concurrent run's context is not its runContext")
	}
	r.Cancel()
	if r.rctx.done != nil || r.rctx.unhook != nil || r.ctx.Err() != context.Canceled {
		t.Fatalf("done %v, unhook %v, Err %v", r.rctx.done, r.rctx.unhook != nil, r.ctx.Err())
	}
}
