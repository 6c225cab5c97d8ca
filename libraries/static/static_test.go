package static

import "testing"

func TestQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"css/site.css", "css/site.css"},
		{"a b/ü.png", "a%20b/%C3%BC.png"},
		{"x?y#z&=+", "x%3Fy%23z%26%3D%2B"},
		{"~user/_a-b.c", "~user/_a-b.c"},
	} {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestJoin checks Join against what Python's urljoin gives.
func TestJoin(t *testing.T) {
	for _, tt := range []struct{ base, ref, want string }{
		{"/static/", "css/a.css", "/static/css/a.css"},
		{"/static", "css/a.css", "/css/a.css"},
		{"/static/", "/abs.css", "/abs.css"},
		{"https://cdn.example.com/s/", "a.css", "https://cdn.example.com/s/a.css"},
		{"https://cdn.example.com/s/", "/a.css", "https://cdn.example.com/a.css"},
		{"/static/", "https://other.example/x.css", "https://other.example/x.css"},
		{"/static/", "//other.example/x.css", "//other.example/x.css"},
		{"/static/", "", "/static/"},
	} {
		if got := Join(tt.base, tt.ref); got != tt.want {
			t.Errorf("Join(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}
