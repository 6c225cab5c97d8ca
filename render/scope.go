package render

// Scope is a chain of variable frames: the user's data at the bottom, one
// frame per {% with %}, {% for %} and similar on top. A frame is never
// changed after another goroutine may see it, except the current frame of
// a sequential loop, which a deferring node copies first.
type Scope struct {
	parent *Scope
	names  []string
	vals   []any
	data   map[string]any // bottom frame only
}

// bottom is the frame of the user's data, at the bottom of sc (nil for
// nil).
func (sc *Scope) bottom() *Scope {
	for sc != nil && sc.parent != nil {
		sc = sc.parent
	}
	return sc
}

// NewScope makes the bottom scope over the user's data.
func NewScope(data map[string]any) *Scope {
	return &Scope{data: data}
}

// Push returns a new empty frame on top of s, with room for n names.
func (s *Scope) Push(n int) *Scope {
	if n <= len(frameAlloc{}.names) {
		a := &frameAlloc{}
		a.init(s)
		return &a.Scope
	}
	return &Scope{parent: s, names: make([]string, 0, n), vals: make([]any, 0, n)}
}

// PushLoop is Push for a loop's frame, with the loop l: one allocation
// for both when the frame is small.
func (s *Scope) PushLoop(n int, l Loop) (*Scope, *Loop) {
	if n <= len(frameAlloc{}.names) {
		a := &loopFrameAlloc{loop: l}
		a.frame.init(s)
		return &a.frame.Scope, &a.loop
	}
	lp := new(Loop) // not &l, which would move l to the heap on every call
	*lp = l
	return s.Push(n), lp
}

// frameAlloc is a frame of up to four names, with their storage, in one
// allocation.
type frameAlloc struct {
	Scope
	names [4]string
	vals  [4]any
}

func (a *frameAlloc) init(parent *Scope) {
	a.Scope = Scope{parent: parent, names: a.names[:0], vals: a.vals[:0]}
}

// loopFrameAlloc is a loop and its frame, in one allocation.
type loopFrameAlloc struct {
	frame frameAlloc
	loop  Loop
}

// Set binds name in this frame, replacing a binding of the same name. The
// user's data map is never written: on the bottom frame the binding goes
// beside it and hides the data's entry.
func (s *Scope) Set(name string, v any) {
	for i, n := range s.names {
		if n == name {
			s.vals[i] = v
			return
		}
	}
	s.names = append(s.names, name)
	s.vals = append(s.vals, v)
}

// SetUpward binds name where Django's Context.set_upward does: in the
// innermost frame that binds it already, or in this frame when none
// does. A name only the user's data has is bound in the lowest frame
// above it, which hides the data's entry without writing the data.
func (s *Scope) SetUpward(name string, v any) {
	for f := s; f != nil; f = f.parent {
		if f.data == nil && f.parent != nil && f.parent.data != nil && f != s {
			// f is the lowest frame above the data: the data's name is
			// rebound here.
			if _, ok := f.parent.data[name]; ok && !f.binds(name) {
				f.Set(name, v)
				return
			}
		}
		if f.binds(name) {
			f.Set(name, v)
			return
		}
		if f.data != nil {
			break
		}
	}
	s.Set(name, v)
}

// binds reports whether this frame binds name.
func (s *Scope) binds(name string) bool {
	for _, n := range s.names {
		if n == name {
			return true
		}
	}
	return false
}

// Get finds name in the innermost frame that binds it.
func (s *Scope) Get(name string) (any, bool) {
	for f := s; f != nil; f = f.parent {
		for i := len(f.names) - 1; i >= 0; i-- {
			if f.names[i] == name {
				return f.vals[i], true
			}
		}
		if f.data != nil {
			v, ok := f.data[name]
			return v, ok
		}
	}
	return nil, false
}

// Root returns the bottom frame: the user's data, without anything bound
// by tags.
func (s *Scope) Root() *Scope {
	for s.parent != nil {
		s = s.parent
	}
	return s
}

// Local reports whether this frame itself binds name.
func (s *Scope) Local(name string) bool {
	for _, n := range s.names {
		if n == name {
			return true
		}
	}
	return false
}

// Dump prints the scope for {% debug %}: each frame as a Python dict,
// innermost first, the user's data last, keys sorted within the data.
func (s *Scope) Dump() string {
	var b []byte
	for f := s; f != nil; f = f.parent {
		if len(f.names) > 0 {
			m := make(map[string]any, len(f.names))
			for i, n := range f.names {
				if n != "" && n[0] != 0 { // skip internal bindings
					m[n] = f.vals[i]
				}
			}
			b = append(b, String(m)...)
			b = append(b, '\n')
		}
		if f.data != nil {
			b = append(b, String(f.data)...)
			b = append(b, '\n')
		}
	}
	return string(b)
}
