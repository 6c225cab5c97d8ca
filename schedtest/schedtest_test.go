package schedtest

import (
	"testing"
)

// TestPolicies checks when each policy runs work: at the first step
// (eager), at the second (next), only when waited for (late).
func TestPolicies(t *testing.T) {
	for _, tt := range []struct {
		policy string
		want   []int // work run after each of three steps
	}{
		{"eager", []int{1, 1, 1}},
		{"next", []int{0, 1, 1}},
		{"late", []int{0, 0, 0}},
	} {
		s := New(tt.policy, 0)
		ran := 0
		s.Go(func() { ran++ })
		var got []int
		for range 3 {
			s.Step()
			got = append(got, ran)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: ran %v after each step, want %v", tt.policy, got, tt.want)
				break
			}
		}
		if !s.Wait(func() bool { return ran == 1 }) || s.Pending() != 0 {
			t.Errorf("%s: Wait did not run the work", tt.policy)
		}
	}
}

// TestRandomReplays checks that the same seed makes the same choices.
func TestRandomReplays(t *testing.T) {
	order := func(seed uint64) []int {
		s := New("random", seed)
		var got []int
		for i := range 8 {
			s.Go(func() { got = append(got, i) })
		}
		for s.Pending() > 0 {
			s.Step()
		}
		return got
	}
	a, b := order(7), order(7)
	if len(a) != 8 || len(b) != 8 {
		t.Fatalf("ran %v and %v, want all 8", a, b)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seed 7 ran %v, then %v", a, b)
		}
	}
}

// TestWaitReportsStuck checks that Wait says so when no work can make
// its condition hold.
func TestWaitReportsStuck(t *testing.T) {
	s := New("late", 0)
	if s.Wait(func() bool { return false }) {
		t.Error("Wait reported success with no work")
	}
}
