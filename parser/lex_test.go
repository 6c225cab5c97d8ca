package parser

import "testing"

// TestWordTables checks that word's switch says what the keywords and
// constants tables say.
func TestWordTables(t *testing.T) {
	for _, w := range []string{"and", "or", "in", "is", "not", "True", "False", "None", "true", "false", "none", "nil", "x", "andy", "Nil", "TRUE", "isn"} {
		want := tokIdent
		switch {
		case w == "not":
			want = tokNot
		case keywords[w]:
			want = tokKeyword
		case constants[w]:
			want = tokLit
		}
		l := newLexer("w.html", w+" ")
		if n, got := l.word(); n != len(w) || got != want {
			t.Errorf("%q: %d, %v; want %d, %v", w, n, got, len(w), want)
		}
	}
}
