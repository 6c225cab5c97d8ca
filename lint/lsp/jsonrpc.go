package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// maxMessage is the largest message body read: a Content-Length over it
// is a framing error, not an allocation.
const maxMessage = 64 << 20

// errFraming is a header that cannot be read: the stream cannot be
// followed after it, so the server stops.
var errFraming = errors.New("lsp: bad message framing")

// readMessage reads one message: headers up to an empty line, of which
// Content-Length is required, then that many bytes of body.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	for n := 0; ; n++ {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && n == 0 && line == "" {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("%w: %v", errFraming, io.ErrUnexpectedEOF)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			if n == 0 {
				continue // a stray blank line between messages
			}
			break
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: header %q", errFraming, line)
		}
		if textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k)) == "Content-Length" {
			l, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || l < 0 || l > maxMessage {
				return nil, fmt.Errorf("%w: Content-Length %q", errFraming, strings.TrimSpace(v))
			}
			length = l
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: no Content-Length", errFraming)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("%w: body: %v", errFraming, io.ErrUnexpectedEOF)
	}
	return body, nil
}

// writer writes whole messages, one at a time, from any goroutine.
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

func (w *writer) write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if _, err := fmt.Fprintf(w.w, "Content-Length: %d\r\n\r\n%s", len(b), b); err != nil {
		w.err = err
	}
	return w.err
}

// The JSON-RPC error codes the server answers with.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
	codeNotInitialized = -32002
)

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// message is any JSON-RPC 2.0 message: a request has an id and a
// method, a notification a method only, a response an id and a result
// or an error.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// decode reads a message body; a body that is not a JSON-RPC message
// is an error with the code to answer it with.
func decode(body []byte) (*message, *rpcError) {
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, &rpcError{codeParseError, "parse error: " + err.Error()}
	}
	if m.Method == "" && m.ID == nil {
		return nil, &rpcError{codeInvalidRequest, "invalid request: no method and no id"}
	}
	if m.ID != nil {
		var id any
		_ = json.Unmarshal(m.ID, &id)
		switch id.(type) {
		case string, float64:
		default:
			if m.Method != "" {
				return &message{Method: m.Method}, &rpcError{codeInvalidRequest, "invalid request: id must be a number or a string"}
			}
		}
	}
	return &m, nil
}

// response is the answer to a request: its result, or err.
func response(id json.RawMessage, result any, err *rpcError) *message {
	if id == nil {
		id = json.RawMessage("null")
	}
	m := &message{JSONRPC: "2.0", ID: id, Error: err}
	if err == nil {
		b, merr := json.Marshal(result)
		if merr != nil {
			m.Error = &rpcError{codeInternalError, merr.Error()}
		} else {
			m.Result = b
		}
	}
	return m
}
