package render

import "testing"

// TestHTMLScan checks the HTML context at the end of each input, and that
// it does not depend on how the input is cut into writes.
func TestHTMLScan(t *testing.T) {
	// Whole documents: before and after the body, a marker would not be
	// in it.
	for _, tt := range []struct {
		in      string
		content bool
	}{
		{"", false},
		{"  \n", false},
		{"<!-- x -->", false},
		{"<!doctype html><html><head><title>t</title><meta x>", false},
		{"<!doctype html><html><head></head><body>", true},
		{"<!doctype html><html><head></head>text", true},
		{"<html><body></body>", false},
		{"<p>x</p></html>", false},
	} {
		var h htmlScan
		h.scan([]byte(tt.in))
		if h.inContent() != tt.content {
			t.Errorf("document %q: in content %v, want %v", tt.in, h.inContent(), tt.content)
		}
	}
	// The rest of the cases are in a body.
	for _, tt := range []struct {
		in      string
		content bool
	}{
		{"", true},
		{"plain text & more", true},
		{"<p>", true},
		{"<p", false},
		{"<p class=", false},
		{`<p class="a>b`, false},
		{`<p class="a>b">`, true},
		{`<p title='x"y'>`, true},
		{"<a href=x>", true},
		{"a < b", true},
		{"<!-- x", false},
		{"<!-- x -->", true},
		{"<!-- a -- b --->", true},
		{"<!doctype html>", true},
		{"<?xml x?>", true},
		{"<script>", false},
		{"<script>if (a<b) {}", false},
		{"<script>x</script>", true},
		{"<script>x</SCRIPT >", true},
		{"<script>x</scriptx>", false},
		{"<style>p{}</style><title>t</title>", true},
		{"<textarea><p></textarea>", true},
		{"<table>", false},
		{"<table><tr><td>", true},
		{"<table><tr><td>x</td>", false},
		{"<table><tr><td>a<td>b", true},
		{"<table><tr><td><table>", false},
		{"<table><tr><td><table></table>", true},
		{"<table></table>", true},
		{"<select>", false},
		{"<select></select>", true},
		{"<plaintext>x</plaintext>", false},
		{"</p>", true},
		{"</", false},
	} {
		var whole htmlScan
		whole.scan([]byte("<body>" + tt.in))
		if got := whole.inContent(); got != tt.content {
			t.Errorf("%q: in content %v, want %v", tt.in, got, tt.content)
		}
		// Byte by byte, and in two pieces at every cut.
		bytewise := htmlScan{body: true}
		for i := 0; i < len(tt.in); i++ {
			bytewise.scan([]byte{tt.in[i]})
		}
		if bytewise.inContent() != tt.content {
			t.Errorf("%q byte by byte: in content %v", tt.in, bytewise.inContent())
		}
		for cut := 0; cut <= len(tt.in); cut++ {
			two := htmlScan{body: true}
			two.scan([]byte(tt.in[:cut]))
			two.scan([]byte(tt.in[cut:]))
			if two.inContent() != tt.content || two.mode != whole.mode {
				t.Errorf("%q cut at %d: in content %v, mode %d (whole: %d)", tt.in, cut, two.inContent(), two.mode, whole.mode)
			}
		}
	}
}

// FuzzHTMLScan checks that any cut of any input scans to the state the
// whole input does.
func FuzzHTMLScan(f *testing.F) {
	for _, s := range []string{"<script>a</script>", "<p title='x'>", "<!-- -->", "<table><td>", "</scr"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) {
			return
		}
		var whole, two htmlScan
		whole.scan([]byte(s))
		two.scan([]byte(s[:cut]))
		two.scan([]byte(s[cut:]))
		if whole.inContent() != two.inContent() || whole.mode != two.mode {
			t.Errorf("%q cut at %d: %v/%d, whole %v/%d", s, cut, two.inContent(), two.mode, whole.inContent(), whole.mode)
		}
	})
}
