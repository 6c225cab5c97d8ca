package render

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"
)

func TestRangeStream(t *testing.T) {
	ch := func() chan int {
		c := make(chan int, 3)
		c <- 1
		c <- 2
		c <- 3
		close(c)
		return c
	}
	seq := iter.Seq[string](slices.Values([]string{"a", "b"}))
	seq2 := iter.Seq2[string, int](func(yield func(string, int) bool) {
		_ = yield("x", 1) && yield("y", 2)
	})
	for _, tt := range []struct {
		name      string
		v         any
		lookahead bool
		want      string
	}{
		{"chan lookahead", ch(), true, "0:1 1:2 2:3(last) "},
		{"chan", ch(), false, "0:1 1:2 2:3 "},
		{"recv-only chan", (<-chan int)(ch()), true, "0:1 1:2 2:3(last) "},
		{"seq", seq, true, "0:a 1:b(last) "},
		{"seq2", seq2, true, "0:[x 1] 1:[y 2](last) "},
		{"empty", make(chan int), true, ""},
	} {
		if tt.name == "empty" {
			c := tt.v.(chan int)
			close(c)
		}
		if !IsStream(tt.v) {
			t.Errorf("%s: IsStream = false", tt.name)
		}
		got := ""
		err := RangeStream(context.Background(), tt.v, tt.lookahead, func(i int, last bool, item any) error {
			got += fmt.Sprintf("%d:%v", i, item)
			if last {
				got += "(last)"
			}
			got += " "
			return nil
		})
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	for _, v := range []any{[]int{1}, 3, "s", func() {}, (chan<- int)(make(chan int))} {
		if IsStream(v) {
			t.Errorf("IsStream(%T) = true", v)
		}
	}
}

func TestRangeStreamCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	never := make(chan int)
	err := RangeStream(ctx, never, true, func(int, bool, any) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
}
