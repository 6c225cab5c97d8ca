package lsp

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadMessage(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		err            error // errors.Is; nil: no error
	}{
		{"one", "Content-Length: 2\r\n\r\n{}", "{}", nil},
		{"lower-case header and others", "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", "{}", nil},
		{"bare newlines", "Content-Length: 2\n\n{}", "{}", nil},
		{"end of input", "", "", io.EOF},
		{"no length", "Content-Type: x\r\n\r\n{}", "", errFraming},
		{"length not a number", "Content-Length: two\r\n\r\n{}", "", errFraming},
		{"negative length", "Content-Length: -1\r\n\r\n{}", "", errFraming},
		{"length too large", "Content-Length: 99999999999\r\n\r\n{}", "", errFraming},
		{"header without colon", "Content-Length 2\r\n\r\n{}", "", errFraming},
		{"body cut short", "Content-Length: 10\r\n\r\n{}", "", errFraming},
		{"headers cut short", "Content-Length: 2\r\n", "", errFraming},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readMessage(bufio.NewReader(strings.NewReader(tc.in)))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Fatalf("readMessage = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestReadMessageTwo(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("Content-Length: 1\r\n\r\n1Content-Length: 1\r\n\r\n2"))
	for _, want := range []string{"1", "2"} {
		got, err := readMessage(r)
		if err != nil || string(got) != want {
			t.Fatalf("readMessage = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := readMessage(r); err != io.EOF {
		t.Fatalf("after the last: %v, want EOF", err)
	}
}

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		code     int // 0: no error
	}{
		{"request", `{"jsonrpc":"2.0","id":1,"method":"m"}`, 0},
		{"string id", `{"jsonrpc":"2.0","id":"a","method":"m"}`, 0},
		{"notification", `{"jsonrpc":"2.0","method":"m"}`, 0},
		{"response", `{"jsonrpc":"2.0","id":1,"result":null}`, 0},
		{"not JSON", `{"jsonrpc":`, codeParseError},
		{"not an object", `[1,2]`, codeParseError},
		{"method not a string", `{"jsonrpc":"2.0","id":1,"method":3}`, codeParseError},
		{"neither method nor id", `{"jsonrpc":"2.0"}`, codeInvalidRequest},
		{"object id", `{"jsonrpc":"2.0","id":{},"method":"m"}`, codeInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode([]byte(tc.in))
			code := 0
			if err != nil {
				code = err.Code
			}
			if code != tc.code {
				t.Fatalf("decode(%s): code %d (%v), want %d", tc.in, code, err, tc.code)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	text := "ab\n\u00e9\U0001F600x\n"
	for _, tc := range []struct {
		p    position
		off  int
		okay bool
	}{
		{position{0, 0}, 0, true},
		{position{0, 2}, 2, true},
		{position{0, 3}, 0, false},
		{position{1, 1}, 5, true},  // after é (2 bytes)
		{position{1, 3}, 9, true},  // after the emoji: two UTF-16 units, four bytes
		{position{1, 2}, 0, false}, // inside the surrogate pair
		{position{2, 0}, 11, true},
		{position{3, 0}, 0, false},
		{position{-1, 0}, 0, false},
	} {
		off, ok := offsetOf(text, tc.p)
		if ok != tc.okay || ok && off != tc.off {
			t.Errorf("offsetOf(%v) = %d, %v; want %d, %v", tc.p, off, ok, tc.off, tc.okay)
		}
		if ok && positionOf(text, off) != tc.p {
			t.Errorf("positionOf(%d) = %v, want %v", off, positionOf(text, off), tc.p)
		}
	}
	if got := applyChange("hello\nworld", contentChange{Range: &span{position{1, 0}, position{9, 9}}, Text: "there"}); got != "hello\nthere" {
		t.Errorf("a range past the end: %q", got)
	}
	if got := utf16Column(text, 1, 2); got != 3 {
		t.Errorf("utf16Column = %d, want 3", got)
	}
}
