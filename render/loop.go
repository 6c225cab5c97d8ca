package render

// Loop is the forloop variable of one {% for %}: Django's forloop.counter,
// counter0, revcounter, revcounter0, first, last and parentloop, and
// pongo2's capitalised names for them.
type Loop struct {
	Index  int   // 0-based position of the current item
	Length int   // the number of items; -1 while a stream is still producing
	Last   bool  // for a stream (Length -1): the current item is the last
	Parent *Loop // the enclosing loop; nil at the top

	changed map[any][]any // {% ifchanged %} memory, per node, for this loop
}

// Attr implements Attrs.
func (l *Loop) Attr(name string) (any, bool, error) {
	switch name {
	case "counter", "Counter":
		return l.Index + 1, true, nil
	case "counter0", "Counter0":
		return l.Index, true, nil
	case "revcounter", "Revcounter":
		return l.Length - l.Index, true, nil
	case "revcounter0", "Revcounter0":
		return l.Length - l.Index - 1, true, nil
	case "first", "First":
		return l.Index == 0, true, nil
	case "last", "Last":
		if l.Length < 0 {
			return l.Last, true, nil
		}
		return l.Index == l.Length-1, true, nil
	case "length", "Length":
		return l.Length, true, nil
	case "parentloop", "Parentloop":
		if l.Parent == nil {
			return map[string]any{}, true, nil // Django: {} at the top
		}
		return l.Parent, true, nil
	}
	return nil, false, nil
}

// String prints the loop as Django prints a forloop dict, roughly.
func (l *Loop) String() string { return "{'counter': " + String(l.Index+1) + "}" }

// Changed reports whether vals differ from what the {% ifchanged %} node
// key saw last in this loop (or in the render, outside loops), and
// remembers vals.
func (s *State) Changed(key any, vals []any) bool {
	var m *map[any][]any
	if s.Loop != nil {
		m = &s.Loop.changed
	} else {
		m = &s.Run.changed
	}
	if *m == nil {
		*m = map[any][]any{}
	}
	old, seen := (*m)[key]
	if seen && len(old) == len(vals) {
		same := true
		for i := range vals {
			if !Equal(old[i], vals[i]) {
				same = false
				break
			}
		}
		if same {
			return false
		}
	}
	(*m)[key] = vals
	return true
}
