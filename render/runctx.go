package render

import (
	"context"
	"sync"
	"time"
)

// runContext is a concurrent render's context: its parent (the caller's),
// cancelled also by the render itself (the first error, or the end of
// Wait). It lives inside the Run and costs nothing until it is asked for
// its Done channel: a render whose data is all ready never makes a
// channel, a goroutine or a registration with the parent, which
// context.WithCancel would make for every render.
//
// It implements the AfterFunc method the context package looks for, so
// that contexts derived from it (a lazy value's WithTimeout) are
// cancelled with it without a goroutine each to watch it.
type runContext struct {
	parent context.Context
	run    *Run // told when c is cancelled (Run.cancelled)

	mu     sync.Mutex
	err    error         // set once cancelled (by the render or the parent)
	done   chan struct{} // made by Done; closed once err is set
	unhook func() bool   // stops the watch on the parent's Done
	after  []*afterFunc  // AfterFunc's functions not run yet
}

// afterFunc is a function registered with runContext.AfterFunc.
type afterFunc struct{ f func() }

func (c *runContext) Deadline() (time.Time, bool) { return c.parent.Deadline() }

func (c *runContext) Value(key any) any { return c.parent.Value(key) }

// Err is the render's error once cancelled, else the parent's.
func (c *runContext) Err() error {
	err := c.errNow()
	if err != nil {
		c.cancel(err) // the parent's: so that Done agrees with Err from now on (a no-op once cancelled)
	}
	return err
}

// Done makes the channel on first use, watching the parent from then on.
func (c *runContext) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done == nil {
		c.done = make(chan struct{})
		if c.err != nil {
			close(c.done)
		} else {
			c.watchLocked()
		}
	}
	return c.done
}

// errNow is Err without cancelling c when the parent has ended: for
// callers holding a lock that cancelling takes (see Run.ended).
func (c *runContext) errNow() error {
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	if err != nil {
		return err
	}
	return c.parent.Err()
}

// watch makes c follow its parent's end from now on, for those who wait
// for c's end without its Done channel (Run.cancelled tells them).
func (c *runContext) watch() {
	if c.parent == nil {
		return // not a concurrent render's
	}
	c.mu.Lock()
	if c.err == nil {
		c.watchLocked()
	}
	c.mu.Unlock()
}

// watchLocked cancels c when the parent ends. c.mu is held.
func (c *runContext) watchLocked() {
	if c.unhook == nil && c.parent.Done() != nil {
		c.unhook = context.AfterFunc(c.parent, func() { c.cancel(c.parent.Err()) })
	}
}

// AfterFunc runs f once c is cancelled, as context.AfterFunc does (the
// context package calls it for the contexts derived from c).
func (c *runContext) AfterFunc(f func()) (stop func() bool) {
	a := &afterFunc{f: f}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		go f()
		return func() bool { return false }
	}
	c.after = append(c.after, a)
	c.watchLocked()
	c.mu.Unlock()
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for i, x := range c.after {
			if x == a {
				c.after = append(c.after[:i], c.after[i+1:]...)
				return true
			}
		}
		return false
	}
}

// cancel ends c with err (the first call counts).
func (c *runContext) cancel(err error) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	if c.done != nil {
		close(c.done)
	}
	after, unhook := c.after, c.unhook
	c.after, c.unhook = nil, nil
	c.mu.Unlock()
	if unhook != nil {
		unhook()
	}
	if c.run != nil {
		c.run.cancelled()
	}
	for _, a := range after {
		go a.f()
	}
}
