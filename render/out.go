package render

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// flushSize is how many buffered bytes make Out pass them to its writer.
const flushSize = 4096

// Out is the ordered output stream a render writes to. Bytes are buffered
// and passed to the writer in order, in pieces of about flushSize; a
// capture (NewCapture) only buffers, for tags that transform their body's
// output (filter, spaceless, block.super, macros).
type Out struct {
	buf []byte
	w   io.Writer // nil for a capture
	err error     // the writer's first error; writing stops there
}

// NewOut returns an Out that streams to w.
func NewOut(w io.Writer) *Out {
	return &Out{w: w, buf: make([]byte, 0, flushSize)}
}

// Reset makes o stream to w, empty, keeping its buffer for reuse.
func (o *Out) Reset(w io.Writer) {
	o.buf, o.w, o.err = o.buf[:0], w, nil
	if cap(o.buf) < flushSize {
		o.buf = make([]byte, 0, flushSize)
	}
}

// NewCapture returns an Out that keeps everything written to it.
func NewCapture() *Out { return &Out{} }

// WriteString appends s.
func (o *Out) WriteString(s string) {
	o.buf = append(o.buf, s...)
	if o.w != nil && len(o.buf) >= flushSize {
		o.flush()
	}
}

// Write appends p; it never fails (a writer error is reported by Err).
func (o *Out) Write(p []byte) (int, error) {
	o.buf = append(o.buf, p...)
	if o.w != nil && len(o.buf) >= flushSize {
		o.flush()
	}
	return len(p), nil
}

// WriteEscaped appends s with HTML's special characters escaped as Django
// does: < > & ' " become &lt; &gt; &amp; &#x27; &quot;.
func (o *Out) WriteEscaped(s string) {
	o.buf = AppendEscaped(o.buf, s)
	if o.w != nil && len(o.buf) >= flushSize {
		o.flush()
	}
}

// WriteValue appends v as Django prints it, escaped when autoescape is on
// and v is not a SafeString. Undefined prints as the string-if-invalid
// value (escaped like any string, as Django does).
func (o *Out) WriteValue(s *State, v any) {
	switch v := v.(type) {
	case string:
		if s.Autoescape {
			o.WriteEscaped(v)
		} else {
			o.WriteString(v)
		}
	case SafeString:
		o.WriteString(string(v))
	case int:
		o.buf = strconv.AppendInt(o.buf, int64(v), 10)
	case int64:
		o.buf = strconv.AppendInt(o.buf, v, 10)
	case bool:
		if v {
			o.buf = append(o.buf, "True"...)
		} else {
			o.buf = append(o.buf, "False"...)
		}
	case time.Time:
		text := String(v)
		if f := s.Run.Env.PrintTime; f != nil {
			text = f(v)
		}
		if s.Autoescape {
			o.WriteEscaped(text)
		} else {
			o.WriteString(text)
		}
	case Undefined:
		text := s.Run.Env.StringIfInvalid
		if strings.Contains(text, "%s") {
			// Django: "%s" in string_if_invalid is the variable's name.
			text = strings.Replace(text, "%s", v.Name, 1)
		}
		if s.Autoescape {
			o.WriteEscaped(text)
		} else {
			o.WriteString(text)
		}
	default:
		if s.Autoescape {
			o.WriteEscaped(String(v))
		} else {
			o.WriteString(String(v))
		}
	}
}

// String returns what a capture holds.
func (o *Out) String() string { return string(o.buf) }

// Err returns the writer's first error.
func (o *Out) Err() error { return o.err }

// Flush passes the buffered bytes to the writer.
func (o *Out) Flush() error {
	if o.w != nil && len(o.buf) > 0 {
		o.flush()
	}
	return o.err
}

func (o *Out) flush() {
	if o.err == nil {
		_, o.err = o.w.Write(o.buf)
	}
	o.buf = o.buf[:0]
}

// EscapeHTML is Django's escape(): < > & ' " become &lt; &gt; &amp; &#x27;
// &quot;. A string with none of them is returned without copying.
func EscapeHTML(s string) string {
	for i := 0; i < len(s); i++ {
		if needsEscape[s[i]] {
			return string(AppendEscaped(make([]byte, 0, len(s)+16), s))
		}
	}
	return s
}

// AppendEscaped appends s to b with HTML's special characters escaped.
func AppendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !needsEscape[c] {
			continue
		}
		b = append(b, s[last:i]...)
		switch c {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '\'':
			b = append(b, "&#x27;"...)
		case '"':
			b = append(b, "&quot;"...)
		}
		last = i + 1
	}
	return append(b, s[last:]...)
}

var needsEscape = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true}
