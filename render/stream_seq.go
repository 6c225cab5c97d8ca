package render

import (
	"context"
	"iter"
	"reflect"
)

// IsStream reports whether v is a sequence that produces its items over
// time: a receive channel, or an iterator function (iter.Seq, iter.Seq2).
func IsStream(v any) bool {
	t := reflect.TypeOf(v)
	if t == nil {
		return false
	}
	switch t.Kind() {
	case reflect.Chan:
		return t.ChanDir()&reflect.RecvDir != 0
	case reflect.Func:
		return t.CanSeq() || t.CanSeq2()
	}
	return false
}

// RangeStream walks a channel or an iterator as its items arrive. With
// lookahead, it receives one item ahead so that fn knows which item is
// the last; without, last is true only for an item after which the
// sequence is already known to be over (never, for channels), and fn is
// called as soon as each item arrives. A channel is received from until it
// is closed or ctx ends (the error is then ctx's); an iterator runs until
// it stops. An iter.Seq2's items are [key, value] pairs.
func RangeStream(ctx context.Context, v any, lookahead bool, fn func(i int, last bool, item any) error) error {
	next, stop := puller(ctx, v)
	defer stop()
	cur, ok, err := next()
	for i := 0; ok && err == nil; i++ {
		var nxt any
		more := true
		if lookahead {
			if nxt, more, err = next(); err != nil {
				return err
			}
		}
		if err := fn(i, !more, cur); err != nil {
			return err
		}
		if !lookahead {
			nxt, more, err = next()
		}
		cur, ok = nxt, more
	}
	return err
}

// puller returns a function that receives the next item of a stream.
func puller(ctx context.Context, v any) (next func() (any, bool, error), stop func()) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Chan {
		cases := []reflect.SelectCase{
			{Dir: reflect.SelectRecv, Chan: rv},
			{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ctx.Done())},
		}
		return func() (any, bool, error) {
			chosen, val, ok := reflect.Select(cases)
			if chosen == 1 {
				return nil, false, ctx.Err()
			}
			if !ok {
				return nil, false, nil
			}
			return val.Interface(), true, nil
		}, func() {}
	}
	if rv.Type().CanSeq2() {
		n, s := iter.Pull2(rv.Seq2())
		return func() (any, bool, error) {
			k, v, ok := n()
			if !ok {
				return nil, false, ctx.Err()
			}
			return []any{k.Interface(), v.Interface()}, true, ctx.Err()
		}, s
	}
	n, s := iter.Pull(rv.Seq())
	return func() (any, bool, error) {
		v, ok := n()
		if !ok {
			return nil, false, ctx.Err()
		}
		return v.Interface(), true, ctx.Err()
	}, s
}
