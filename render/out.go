package render

import (
	"context"
	"fmt"
	"io"
	"math/bits"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// flushSize is how many buffered bytes make Out pass them to its writer.
const flushSize = 4096

// Out is the ordered output stream a render writes to. Bytes are buffered
// and passed to the writer in order, in pieces of about flushSize; a
// capture (NewCapture) only buffers, for tags that transform their body's
// output (filter, spaceless, block.super, macros).
//
// When a node defers itself (State.Defer), Out splits: the node gets a
// placeholder Out for its output, to be written by another goroutine, and
// the original Out goes on after it. The pieces form a chain of chunks; a
// chunk is written to the writer once it is closed and everything before
// it has been written, and the open chunk at the head writes its own
// bytes as they come. So the writer sees exactly the bytes of a
// sequential render, in order, as soon as they are known.
//
// The bytes held behind a chunk that is not written yet are bounded
// (Env.MaxBuffered): an Out that would hold more waits until the head of
// the page moves on (backpressure), so a page that streams a lot after a
// slow value holds a bounded amount of memory.
type Out struct {
	buf  []byte
	w    io.Writer // the writer, before the first split; nil for a capture
	err  error     // the writer's first error, before the first split
	st   *stream   // after the first split: the chunk chain
	ch   *chunk    // and this Out's chunk in it
	held int       // bytes of buf counted in st.held

	// For out-of-order streaming: the HTML state after this Out's bytes
	// (html.scanned of buf scanned so far); nil when the render streams
	// in order.
	html    *htmlScan
	scanned int

	run *Run // counts the bytes written against its MaxOutput (see CountOutput); nil: st's, if any

	scratch *[]byte // WriteAppended's text before escaping (a pointer: most Outs never need it)
}

// stream is the chain of chunks of one render, after its first split.
type stream struct {
	mu     sync.Mutex
	w      io.Writer
	head   *chunk // the first chunk not entirely written
	err    error  // the writer's first error
	stop   error  // the render's context ended while an Out waited for room
	failed atomic.Bool
	sealed bool // the render returned: nothing is written any more

	run  *Run
	held int // bytes in chunks not written yet (see Out.held)
	max  int
	room sync.Cond // signalled when held shrinks or the head moves; its L is mu

	// Out of order: the regions whose marker is written and whose content
	// is not yet, in the order of their markers.
	ooo      *Streaming
	pending  []*chunk
	regions  int      // regions given an id (a chunk keeps its id as an int32: a page sends fewer than 2³¹)
	script   bool     // the fallback script's function is written
	scratch  []byte   // for markers and templates' tags
	free     [][]byte // buffers of chunks written, for new chunks (see buffer)
	freeRoom [freeBuffers][]byte
	whole    []byte // the buffer of the Out that split first, before it went to chunks in pieces (see Out.Reset)
	last     int    // the last placeholder's bytes, by which the next one's buffer is sized (-1: none yet)
	// flushedAt is when the writer was last flushed (Run.since), if
	// flushedOnce; owed: a flush was put off (see flushSoon).
	flushedAt         time.Duration
	flushedOnce, owed bool
	clock             func() time.Duration // nil: the run's (tests set it)
}

// chunk is one piece of the output: written by one Out until closed.
type chunk struct {
	buf    []byte // the bytes, once closed
	closed bool
	// Out of order (see below; here for the struct's size).
	content, whole, pending bool
	id                      int32
	next                    *chunk
	note                    *waitNote // the deferred node this chunk is for; nil for others

	// Out of order. A placeholder's region is its chunk and the chunks
	// after it up to end (those its Out and their placeholders wrote);
	// owner is the placeholder whose region a chunk is in (nil: the
	// page's own). content: the placeholder is in element content, where
	// it may be sent out of order. whole: a {% region %}, sent only once
	// all of it is ready, with fallback shown until then. id: its marker's
	// number, once written; pending: its marker is written.
	end      *chunk
	owner    *chunk
	up       *chunk  // of a placeholder: the region it is in
	fallback *[]byte // a region's (see Out.region)
}

// chunkCost is what a placeholder counts against the buffered bytes on
// top of its output: roughly the memory of the chunk, the snapshot of the
// state and the waiting node, so that a page deferring millions of nodes
// is bounded too.
const chunkCost = 512

// DefaultMaxBuffered is Env.MaxBuffered's default: 4 MiB of output (and
// waiting nodes) held behind a slow value per render.
const DefaultMaxBuffered = 4 << 20

// flusher is what http.ResponseWriter offers to push buffered bytes out.
type flusher interface{ Flush() }

// NewOut returns an Out that streams to w.
func NewOut(w io.Writer) *Out {
	return &Out{w: w, buf: make([]byte, 0, flushSize)}
}

// Reset makes o stream to w, empty, keeping its buffer for reuse.
func (o *Out) Reset(w io.Writer) {
	if o.st != nil {
		// o split: its buffer went to the chunks in pieces. Once every
		// chunk is written and no goroutine of the render is left, which
		// a render that succeeded guarantees, the whole of it is free
		// again; otherwise a goroutine abandoned may still write to a
		// piece, and o starts afresh.
		o.buf = nil
		if o.st.finished() {
			o.buf = o.st.whole
		}
	}
	o.buf, o.w, o.err, o.st, o.ch, o.held = o.buf[:0], w, nil, nil, nil, 0
	if cap(o.buf) < flushSize/2 {
		o.buf = make([]byte, 0, flushSize)
	}
}

// NewCapture returns an Out that keeps everything written to it.
func NewCapture() *Out { return &Out{} }

// WriteString appends s.
func (o *Out) WriteString(s string) {
	n := len(o.buf)
	o.buf = append(o.buf, s...)
	o.flushIfFull(n)
}

// Write appends p; it never fails (a writer error is reported by Err).
func (o *Out) Write(p []byte) (int, error) {
	n := len(o.buf)
	o.buf = append(o.buf, p...)
	o.flushIfFull(n)
	return len(p), nil
}

// WriteEscaped appends s with HTML's special characters escaped as Django
// does: < > & ' " become &lt; &gt; &amp; &#x27; &quot;.
func (o *Out) WriteEscaped(s string) {
	n := len(o.buf)
	o.buf = AppendEscaped(o.buf, s)
	o.flushIfFull(n)
}

// flushIfFull counts the bytes written since the buffer held from bytes
// (see CountOutput), and passes the buffer on once it holds flushSize
// bytes (behind a waiting node: flushSize more than it counted last time).
func (o *Out) flushIfFull(from int) {
	if o.run != nil || o.st != nil {
		o.counted(len(o.buf) - from)
	}
	if len(o.buf)-o.held >= flushSize {
		o.flush()
	}
}

// WriteValue appends v as Django prints it, escaped when autoescape is on
// and v is not a SafeString. Undefined prints as the string-if-invalid
// value (escaped like any string, as Django does).
func (o *Out) WriteValue(s *State, v any) {
	switch v := v.(type) {
	case SafeString:
		o.WriteString(string(v))
	case string:
		o.writeText(s, v)
	case int:
		n := len(o.buf)
		o.buf = strconv.AppendInt(o.buf, int64(v), 10) // no allocation
		o.flushIfFull(n)
	case int64:
		n := len(o.buf)
		o.buf = strconv.AppendInt(o.buf, v, 10)
		o.flushIfFull(n)
	case float64:
		if s.Run.Env.Pongo2 {
			n := len(o.buf)
			o.buf = strconv.AppendFloat(o.buf, v, 'f', 6, 64)
			o.flushIfFull(n)
			return
		}
		o.WriteString(LocalizeFloat(v)) // no special characters to escape
	case nil:
		if !s.Run.Env.Pongo2 {
			o.WriteString("None")
		}
	case float32:
		o.WriteString(String(v)) // float32 keeps its own shortest digits
	case bool:
		o.WriteString(String(v))
	case time.Time, ZonedTime:
		t, _ := s.ShownTime(v)
		if f := s.Run.Env.PrintTime; f != nil {
			o.writeText(s, f(t))
		} else {
			o.writeText(s, String(t))
		}
	case Undefined:
		// Django: "%s" in string_if_invalid is the variable's name.
		o.writeText(s, strings.Replace(s.Run.Env.StringIfInvalid, "%s", v.Name, 1))
	default:
		if s.Run.Env.Pongo2 {
			// pongo2 escapes strings only: a struct, a number or a
			// fmt.Stringer of another kind prints as it is.
			if pongo2Value(v).Kind() == reflect.String {
				o.writeText(s, pongo2Text(v))
			} else {
				o.WriteString(pongo2Text(v))
			}
			return
		}
		o.writeText(s, String(v))
	}
}

// pongo2Text is v as pongo2 prints it: numbers, strings and booleans as
// String does, a fmt.Stringer or error by its method, and other values
// (structs, slices, maps) as reflect shows them ("<main.User Value>").
func pongo2Text(v any) string {
	switch v.(type) {
	case fmt.Stringer, error:
		return String(v)
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Invalid:
		return ""
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return String(rv.Interface())
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', 6, 64)
	}
	return rv.String()
}

// writeText appends text, escaped when autoescape is on.
// WriteAppended writes what app appends for in (a filter's Append), as
// WriteValue writes a string: escaped under autoescaping unless safe.
func (o *Out) WriteAppended(s *State, app func([]byte, string) []byte, in string, safe bool) {
	n := len(o.buf)
	switch {
	case safe || !s.Autoescape:
		o.buf = app(o.buf, in)
	case s.Run.Env.Pongo2:
		o.WriteString(s.EscapeHTML(string(app(nil, in))))
		return
	default:
		if o.scratch == nil {
			o.scratch = new([]byte)
		}
		b := app((*o.scratch)[:0], in)
		if len(b) > 0 {
			o.buf = AppendEscaped(o.buf, unsafe.String(&b[0], len(b)))
		}
		if cap(b) > flushSize {
			b = nil // one large value does not stay with the Out
		}
		*o.scratch = b
	}
	o.flushIfFull(n)
}

func (o *Out) writeText(s *State, text string) {
	switch {
	case !s.Autoescape:
		o.WriteString(text)
	case s.Run.Env.Pongo2:
		o.WriteString(s.EscapeHTML(text))
	default:
		o.WriteEscaped(text)
	}
}

// EscapeHTML is EscapeHTML in the render's dialect: pongo2 writes ' as
// &#39; where Django writes &#x27;.
func (s *State) EscapeHTML(text string) string {
	e := EscapeHTML(text)
	if s != nil && s.Run != nil && s.Run.Env != nil && s.Run.Env.Pongo2 && strings.Contains(e, "&#x27;") {
		// text's own "&#x27;" was escaped to "&amp;#x27;": every one left is an apostrophe.
		e = strings.ReplaceAll(e, "&#x27;", "&#39;")
	}
	return e
}

// String returns what a capture holds.
func (o *Out) String() string { return string(o.buf) }

// Err returns the writer's first error, or the context's when the
// render ended while this Out waited for room.
func (o *Out) Err() error {
	if o.st == nil || !o.st.failed.Load() {
		return o.err // the usual case, inlined at every node
	}
	return o.streamErr()
}

// streamErr is Err for an Out whose stream failed.
func (o *Out) streamErr() error {
	o.st.mu.Lock()
	defer o.st.mu.Unlock()
	if o.st.err != nil {
		return o.st.err
	}
	return o.st.stop
}

// CanSplit reports whether nodes writing to o may defer: not in a capture,
// whose content must be complete when the capturing tag goes on.
func (o *Out) CanSplit() bool { return o.w != nil || o.st != nil }

// Flush passes the buffered bytes to the writer, if everything before
// them has been written.
func (o *Out) Flush() error {
	if len(o.buf) > 0 {
		o.flush()
	}
	return o.Err()
}

func (o *Out) flush() {
	if o.html != nil {
		o.scan()
	}
	switch {
	case o.w != nil:
		if o.err == nil {
			_, o.err = o.w.Write(o.buf)
		}
		o.buf = o.buf[:0]
	case o.st != nil:
		st := o.st
		st.mu.Lock()
		if st.head != o.ch {
			// Behind a waiting node: count the bytes, and wait for room
			// when there is too much.
			st.hold(len(o.buf) - o.held)
			o.held = len(o.buf)
			if st.held > st.max {
				st.waitRoom(o.ch)
			}
		}
		if st.head == o.ch {
			st.write(o.buf)
			st.hold(-o.held)
			o.buf, o.held = o.buf[:0], 0
			st.payFlush(true) // a flush owed from before, if due
		}
		st.mu.Unlock()
	}
	o.scanned = len(o.buf) // what is left was scanned
}

// FlushWaiting is called before the render waits for a value: bytes
// known so far go to the writer and, if it has a Flush method
// (http.ResponseWriter), to the client.
func (o *Out) FlushWaiting() {
	if o.w == nil {
		return // a capture, or a split stream, which flushes as chunks close
	}
	o.Flush()
	if f, ok := o.w.(flusher); ok && o.err == nil {
		f.Flush()
	}
}

// FlushIfHead passes o's bytes to the writer now if everything before them
// is written, and flushes the client: for streams whose items arrive over
// time.
func (o *Out) FlushIfHead() {
	if o.w != nil {
		o.FlushWaiting()
		return
	}
	if o.st == nil {
		return
	}
	st := o.st
	o.scan()
	st.mu.Lock()
	if st.head == o.ch && len(o.buf) > 0 {
		st.write(o.buf)
		st.hold(-o.held)
		o.buf, o.held, o.scanned = o.buf[:0], 0, 0
		if f, ok := st.w.(flusher); ok && st.err == nil && !st.sealed {
			f.Flush()
		}
	}
	st.mu.Unlock()
}

// region is regionInto a new placeholderAlloc.
func (o *Out) region(r *Run, note *waitNote, whole bool, fallback []byte) *Out {
	a := &regionAlloc{fallback: fallback}
	return o.regionInto(&a.placeholderAlloc, r, *note, whole, &a.fallback, nil)
}

// regionInto reserves the output's current position for a node of r
// that will render later, in a (the caller's allocation): it returns the
// Out the node writes to (on any goroutine; Close it when done), and o
// goes on after it. note says which node waits there. For {% region %},
// whole says the region is sent out of order only once all of it is
// ready, fallback what shows meanwhile.
func (o *Out) regionInto(a *placeholderAlloc, r *Run, note waitNote, whole bool, fallback *[]byte, room []byte) *Out {
	if o.st == nil {
		// The first split: o was writing straight to the writer, so all
		// before o's buffer is written and o's chunk is the head.
		o.st = newStream(r, o.w, o.err)
		o.st.whole = o.buf[:0]
		o.ch = &chunk{}
		o.st.head = o.ch
		o.w = nil
	}
	st := o.st
	st.mu.Lock()
	if st.held+chunkCost > st.max {
		// Wait before the new chunk goes in: it may be the head at once,
		// and only the caller, once this returns, can make it render.
		st.waitRoom(o.ch)
	}
	a.note = note
	p, c := &a.p, &a.c
	*p = chunk{note: &a.note, up: o.ch.owner}
	*c = chunk{next: o.ch.next, owner: o.ch.owner}
	p.next, p.end, p.owner = c, c, p
	o.ch.next = p
	var html *htmlScan
	if o.html != nil {
		o.scan()
		p.content, p.whole, p.fallback = o.html.inContent(), whole, fallback
		h := o.html.clone()
		html = &h
	}
	if st.head == o.ch && len(o.buf) > 0 && st.err == nil && !st.sealed && (st.ooo == nil || o.ch.owner == nil) {
		// o's bytes can go now (in order, or the page's own, outside
		// any region): o keeps its whole buffer.
		st.write(o.buf)
		st.hold(-o.held)
		o.buf, o.held = o.buf[:0], 0
		st.flushSoon() // the placeholder waits: the reader gets what is known
	}
	st.closeChunk(o)
	// o goes on in what its buffer has left, after the bytes of the
	// chunk it closed (whose slice ends where they end).
	rest := o.buf[len(o.buf):]
	if cap(rest) < minBuffer {
		rest = st.buffer()
	}
	o.ch, o.buf, o.scanned = c, rest, 0
	st.hold(chunkCost)
	buf := room[:0] // unless the last placeholder's bytes would not have fitted
	if st.last > cap(room) || room == nil {
		buf = st.placeholderBuffer()
	}
	a.out = Out{st: st, ch: p, buf: buf, html: html}
	st.mu.Unlock()
	return &a.out
}

// regionAlloc is what a {% region %}'s placeholder makes: its fallback
// besides.
type regionAlloc struct {
	placeholderAlloc
	fallback []byte
}

// placeholderAlloc is what a placeholder makes, in one allocation: its
// chunk, the chunk after it, its note and its Out.
type placeholderAlloc struct {
	p, c chunk
	note waitNote
	out  Out
}

// buffer returns an empty buffer for a new chunk: one of the chunks
// already written, or a new one. st.mu is held.
func (st *stream) buffer() []byte {
	if n := len(st.free); n > 0 {
		b := st.free[n-1]
		st.free = st.free[:n-1]
		return b
	}
	return make([]byte, 0, chunkBuffer)
}

// placeholderBuffer returns an empty buffer for a placeholder's Out, sized
// by what the placeholders closed so far needed (a loop's items are much
// alike), so that a value of a few bytes does not take a chunk's buffer.
// st.mu is held.
func (st *stream) placeholderBuffer() []byte {
	need := chunkBuffer
	if st.last >= 0 {
		need = max(16, 1<<bits.Len(uint(st.last))) // a power of two, at least 16 bytes
	}
	if n := len(st.free); n > 0 && cap(st.free[n-1]) >= need {
		b := st.free[n-1]
		st.free = st.free[:n-1]
		return b
	}
	return make([]byte, 0, need)
}

// recycle keeps the buffer of a chunk just written for the next chunks.
// st.mu is held.
func (st *stream) recycle(b []byte) {
	if cap(b) >= minBuffer && cap(b) <= maxRecycled && len(st.free) < cap(st.free) {
		st.free = append(st.free, b[:0])
	}
}

// chunkBuffer is a new chunk's buffer; minBuffer the least room an Out
// goes on with, and maxRecycled the largest buffer kept for reuse, of
// which the stream keeps at most freeBuffers.
const (
	chunkBuffer = 256
	minBuffer   = 64
	maxRecycled = 4096
	freeBuffers = 16
)

// scan moves o's HTML state over the bytes of its buffer not scanned yet.
func (o *Out) scan() {
	if o.html != nil && o.scanned < len(o.buf) {
		o.html.scan(o.buf[o.scanned:])
		o.scanned = len(o.buf)
	}
}

// newStream makes the chunk chain of r's output to w.
func newStream(r *Run, w io.Writer, err error) *stream {
	st := &stream{w: w, err: err, run: r, max: DefaultMaxBuffered, ooo: r.streaming, last: -1}
	st.free = st.freeRoom[:0]
	if r.Env != nil && r.Env.MaxBuffered > 0 {
		st.max = r.Env.MaxBuffered
	}
	if err != nil {
		st.failed.Store(true)
	}
	st.room.L = &st.mu // an Out waiting for room wakes when the render's context ends (Run.cancelled)
	r.addStream(st)
	return st
}

// Close ends o's chunk: once everything before it is written, its bytes
// go to the writer. The Out of a node that failed is not closed, so
// nothing after the failure is written.
func (o *Out) Close() error {
	if o.st == nil {
		return o.Flush()
	}
	st := o.st
	st.mu.Lock()
	if !o.ch.closed { // a second Close only reports
		st.closeChunk(o)
	}
	err := st.err
	st.mu.Unlock()
	o.buf = nil
	return err
}

// closeChunk closes o's chunk with o's bytes, and writes what can be
// written. st.mu is held.
func (st *stream) closeChunk(o *Out) {
	o.ch.buf, o.ch.closed = o.buf[:len(o.buf):len(o.buf)], true
	if o.ch.note != nil {
		st.last = len(o.buf) // what the next placeholder's buffer is sized by

	}
	st.hold(len(o.buf) - o.held)
	o.held = 0
	st.advance()
}

// hold counts n more bytes held behind the head (n < 0: fewer), keeping
// the render's peak. st.mu is held.
func (st *stream) hold(n int) {
	st.held += n
	if n < 0 {
		st.room.Broadcast()
		return
	}
	st.run.stats.noteBuffered(int64(st.held))
}

// waitRoom waits, with st.mu held, until the bytes held are within the
// bound again or ch is the head (so its bytes go out at once), or the
// render ends. Under a test's Schedule, it lets the schedule run work
// instead, and goes on if none is left.
func (st *stream) waitRoom(ch *chunk) {
	roomy := func() bool { return st.held <= st.max || st.head == ch || st.sealed || st.sent(ch) }
	r := st.run
	if r.sched != nil {
		st.mu.Unlock()
		r.sched.Wait(func() bool {
			st.mu.Lock()
			defer st.mu.Unlock()
			return roomy()
		})
		st.mu.Lock()
		return
	}
	r.rctx.watch()     // the end of the caller's context wakes it too
	st.payFlush(false) // the reader gets what is known while this waits
	for !roomy() {
		if err := r.ended(); err != nil {
			if st.stop == nil {
				st.stop = err
				st.failed.Store(true)
			}
			return
		}
		st.room.Wait()
	}
}

// advance writes closed chunks from the head on; when it stops at an open
// chunk (a node still waiting), it flushes the writer, so that a client
// sees everything known so far. Out of order, a waiting region in element
// content gets a marker and the page goes on after it, and regions that
// are ready are sent where the page is in element content. st.mu is held.
func (st *stream) advance() {
	wrote, moved := false, false
	for st.head != nil {
		h := st.head
		if st.ooo != nil && h.owner == h && h.content {
			// Element content, before a placeholder: regions may go here.
			wrote = st.sendReady() || wrote
			// A {% region %} is decided once its body's walk is done
			// (it runs on the page's goroutine, without waiting).
			if !st.ready(h) && (h.closed || !h.whole) {
				st.mark(h)
				st.head, wrote, moved = h.end, true, true
				continue
			}
		}
		if !h.closed {
			break
		}
		if len(h.buf) > 0 {
			st.write(h.buf)
			st.held -= len(h.buf)
			wrote = true
		}
		if h.note != nil {
			st.held -= chunkCost
		}
		st.recycle(h.buf)
		h.buf, h.note = nil, nil
		st.head = h.next
		moved = true
	}
	if st.ooo != nil && st.head == nil {
		wrote = st.sendReady() || wrote // the page is done: the rest goes at its end
	}
	if moved {
		st.room.Broadcast()
	}
	if wrote && (st.head != nil || len(st.pending) > 0) {
		st.flushSoon()
	}
}

// flushSoon flushes the writer, if it has a Flush method, now that
// something waits at the head: at once if it last did flushEvery ago or
// more (or never: the first bytes go at once), otherwise it owes the
// flush, which the render pays flushEvery after the last one at the
// latest (Run.payFlushes, from Wait), or sooner where it waits (Await,
// waitRoom) or writes again. So a page of many quick values makes a few
// flushes, not one per value (each one a write to the connection), and
// the reader still gets what is known within flushEvery. st.mu is held.
func (st *stream) flushSoon() {
	f, ok := st.w.(flusher)
	if !ok || st.err != nil || st.sealed {
		return
	}
	now := st.now()
	if st.flushedOnce && now-st.flushedAt < flushEvery {
		if !st.owed {
			st.owed = true
			st.run.flushOwed.Store(true)
			poke(st.run.wakeChan()) // Wait, if waiting, sets its timer
		}
		return
	}
	f.Flush()
	st.flushedOnce, st.flushedAt, st.owed = true, now, false
}

// payFlush flushes the writer if a flush is owed and due (due false:
// whether due or not). st.mu is held.
func (st *stream) payFlush(due bool) {
	if !st.owed || due && st.now()-st.flushedAt < flushEvery {
		return
	}
	st.owed = false
	if f, ok := st.w.(flusher); ok && st.err == nil && !st.sealed {
		f.Flush()
		st.flushedAt = st.now()
	}
}

// now is the time since the render began, by the stream's clock (a
// test's) or the run's.
func (st *stream) now() time.Duration {
	if st.clock != nil {
		return st.clock()
	}
	return st.run.since()
}

// flushEvery is how often a render flushes its writer at most while
// values keep coming (see flushSoon).
const flushEvery = time.Millisecond

// ready reports whether placeholder p's region can be written where it
// is: p is closed (for a {% region %}, all of it is). st.mu is held.
func (st *stream) ready(p *chunk) bool {
	if !p.whole {
		return p.closed
	}
	for x := p; x != p.end; x = x.next {
		if !x.closed {
			return false
		}
	}
	return true
}

// sendable reports whether pending region r can be sent now: every chunk
// of it is closed but the placeholders in element content inside it, which
// will get markers of their own. st.mu is held.
func (st *stream) sendable(r *chunk) bool {
	if r.whole {
		return st.ready(r)
	}
	for x := r; x != r.end; {
		if x != r && x.owner == x && x.content && !st.ready(x) {
			x = x.end
			continue
		}
		if !x.closed {
			return false
		}
		x = x.next
	}
	return true
}

// sendReady sends the pending regions that are ready, in the order of
// their markers, and reports whether it wrote anything. st.mu is held.
func (st *stream) sendReady() bool {
	wrote := false
	for again := true; again; {
		again = false
		for i := 0; i < len(st.pending); i++ {
			r := st.pending[i]
			if !st.sendable(r) {
				continue
			}
			st.pending = append(st.pending[:i], st.pending[i+1:]...)
			st.send(r)
			wrote, again = true, true
			break // sending may have marked new regions: start again
		}
	}
	return wrote
}

// mark writes the marker of placeholder p, whose region is sent later.
// st.mu is held.
func (st *stream) mark(p *chunk) {
	st.regions++
	p.id, p.pending = int32(st.regions), true
	b := st.scratch[:0]
	if p.whole && p.fallback != nil && len(*p.fallback) > 0 {
		b = append(st.appendName(append(b, `<?start name="`...), p), `">`...)
		b = append(append(b, *p.fallback...), `<?end>`...)
	} else {
		b = append(st.appendName(append(b, `<?marker name="`...), p), `">`...)
	}
	st.write(b)
	st.scratch = b
	st.pending = append(st.pending, p)
	st.room.Broadcast() // its Outs no longer wait for room (see sent)
}

// send writes pending region r: a <template for> with its content (the
// waiting placeholders inside it get markers), then, unless the client
// applies templates itself, the script that does what it would. st.mu is
// held.
func (st *stream) send(r *chunk) {
	st.scratch = append(st.appendName(append(st.scratch[:0], `<template for="`...), r), `">`...)
	st.write(st.scratch)
	for x := r; x != r.end; {
		if x != r && x.owner == x && x.content && !st.ready(x) {
			st.mark(x)
			x = x.end
			continue
		}
		st.write(x.buf)
		st.held -= len(x.buf)
		if x.note != nil {
			st.held -= chunkCost
		}
		x.buf, x.note = nil, nil
		x = x.next
	}
	b := append(st.scratch[:0], "</template>"...)
	if !st.ooo.Native {
		b = append(b, "<script"...)
		if st.ooo.Nonce != "" {
			b = append(b, ` nonce="`...)
			b = AppendEscaped(b, st.ooo.Nonce)
			b = append(b, '"')
		}
		b = append(b, '>')
		if !st.script {
			st.script = true
			b = append(b, patchScript...)
		}
		b = append(st.appendName(append(b, `$braid("`...), r), `")</script>`...)
	}
	st.write(b)
	st.scratch = b
}

// appendName appends the name of p's marker.
func (st *stream) appendName(b []byte, p *chunk) []byte {
	return strconv.AppendInt(append(b, st.ooo.Prefix...), int64(p.id), 10) // streamingOf checked it
}

// sent reports whether ch is in a region whose marker is written: its
// bytes go out with the region, not after the head, so it does not wait
// for room. st.mu is held.
func (st *stream) sent(ch *chunk) bool {
	if st.ooo == nil {
		return false
	}
	for r := ch.owner; r != nil; r = r.up {
		if r.pending {
			return true
		}
	}
	return false
}

// patchScript defines $braid(name), which does what a browser that knows
// <template for> does when it parses one: the content of the template
// just before the running script replaces the marker of that name
// (<?marker name=…>, or what lies between <?start name=…> and <?end>,
// parsed as comments by browsers that do not know them); the template and
// the script are removed, and the text around them joined again, so that
// the page's DOM is the in-order page's. Where the browser applied the
// template itself, there is none to apply.
const patchScript = `function $braid(n){var s=document.currentScript,t=s.previousElementSibling,w,c,a,p,e,q;s.remove();` +
	`if(!t||t.localName!="template"||t.getAttribute("for")!=n)return;` +
	`w=document.createTreeWalker(document,128);` +
	`while(c=w.nextNode())if(c.data=='?marker name="'+n+'"'||c.data=='?start name="'+n+'"'){a=c;break}` +
	`if(!a)return;p=a.parentNode;` +
	`if(a.data[1]=="s")for(e=a.nextSibling;e;e=q){q=e.nextSibling;p.removeChild(e);if(e.nodeType==8&&e.data=="?end")break}` +
	`p.insertBefore(t.content,a);p.removeChild(a);q=t.parentNode;q.removeChild(t);p.normalize();q.normalize()}`

// write writes p to the writer unless it failed before or the render is
// sealed. st.mu is held.
func (st *stream) write(p []byte) {
	if st.err != nil || st.sealed {
		return
	}
	if _, err := st.w.Write(p); err != nil {
		st.err = err
		st.failed.Store(true)
	}
}

// seal closes the stream to every Out of it: the render has returned, and
// a goroutine it abandoned must not write to the caller's writer.
func (st *stream) seal() {
	st.mu.Lock()
	st.sealed = true
	if st.stop == nil {
		// Nodes still rendering see the end at their next check and stop
		// instead of buffering output nobody will read.
		st.stop = context.Canceled
		if err := st.run.ended(); err != nil {
			st.stop = err
		}
		st.failed.Store(true)
	}
	st.room.Broadcast()
	st.mu.Unlock()
}

// finished reports whether every chunk of st is written and none of its
// render's goroutines is left (none starts after Wait), so that no one
// reads or writes a chunk's bytes any more.
func (st *stream) finished() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	r := st.run
	return st.head == nil && st.err == nil && len(st.pending) == 0 && r.live() == 0
}

// firstWaiting returns the note of the first chunk not written yet that
// belongs to a deferred node, or nil.
func (st *stream) firstWaiting() *waitNote {
	st.mu.Lock()
	defer st.mu.Unlock()
	for c := st.head; c != nil; c = c.next {
		if !c.closed && c.note != nil {
			return c.note
		}
	}
	return nil
}

// EscapeHTML is Django's escape(): < > & ' " become &lt; &gt; &amp; &#x27;
// &quot;. A string with none of them is returned without copying; one
// with some costs one allocation of the exact size.
func EscapeHTML(s string) string {
	first := strings.IndexAny(s, `<>&'"`)
	if first < 0 {
		return s
	}
	extra := 0
	for i := first; i < len(s); i++ {
		if needsEscape[s[i]] {
			extra += len(escapes[s[i]]) - 1
		}
	}
	b := AppendEscaped(make([]byte, 0, len(s)+extra), s)
	return unsafe.String(&b[0], len(b)) // b is not used again
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
		b = append(b, escapes[c]...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

var needsEscape = [256]bool{'<': true, '>': true, '&': true, '\'': true, '"': true}

// escapes are the entities of the characters needsEscape marks.
var escapes = [256]string{'<': "&lt;", '>': "&gt;", '&': "&amp;", '\'': "&#x27;", '"': "&quot;"}
