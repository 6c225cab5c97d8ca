package lint

import "strings"

// The unescaped-context rule follows the HTML a template's text makes,
// the way a browser's tokenizer would (much simplified: no character
// references, no foreign content), to know where each {{ }} lands: in
// text, in an attribute value (which, quoted or not, how far into it), in
// a tag's attribute list, or in the body of a <script> (in a JavaScript
// string, in code, in a comment) or a <style>.

type htmlMode uint8

const (
	hData          htmlMode = iota
	hLt                     // after "<"
	hBang                   // after "<!"
	hBangDash               // after "<!-"
	hComment                // in <!-- … -->
	hBogus                  // in <!…> or </…> that is not a tag: until ">"
	hLtSlash                // after "</"
	hEndTag                 // in an end tag: until ">"
	hTagName                // reading a start tag's name
	hInTag                  // between attributes
	hAttrName               // reading an attribute's name
	hAfterAttrName          // after a name, before "=" or the next attribute
	hBeforeValue            // after "="
	hValue                  // in a value: quoted (quote set) or not
	hRaw                    // in the body of <script> or <style>
)

type jsMode uint8

const (
	jsCode jsMode = iota
	jsString
	jsLineComment
	jsBlockComment
)

// htmlState is where the HTML is; a value, copied to follow the branches
// of an {% if %}.
type htmlState struct {
	mode    htmlMode
	tag     string // the start tag being read, or the raw-text element
	attr    string // the attribute being read
	quote   byte   // hValue: its quote, 0 when unquoted
	fresh   bool   // hValue: nothing but spaces in it so far
	val     string // hValue of a script's type attribute: the value so far
	scType  string // the type attribute of the <script> being read
	dashes  int    // hComment: the "-" just before
	js      jsMode // hRaw in JavaScript
	jsQuote byte   // jsString: its quote
	jsEsc   bool   // jsString: after a backslash
	jsPrev  byte   // the character before, for // and /* */
	tail    string // hRaw: the last characters, lower case, to find the end tag
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// feed moves the state over text.
func (h *htmlState) feed(text string) {
	for i := 0; i < len(text); i++ {
		h.step(text[i])
	}
}

func (h *htmlState) step(c byte) {
	switch h.mode {
	case hData:
		if c == '<' {
			h.mode = hLt
		}
	case hLt:
		switch {
		case c == '!':
			h.mode = hBang
		case c == '/':
			h.mode = hLtSlash
		case isLetter(c):
			h.mode, h.tag = hTagName, string(lower(c))
		case c == '<':
		default:
			h.mode = hData
		}
	case hBang:
		if c == '-' {
			h.mode = hBangDash
		} else {
			h.mode = hBogus
			h.step(c)
		}
	case hBangDash:
		if c == '-' {
			h.mode, h.dashes = hComment, 0
		} else {
			h.mode = hBogus
			h.step(c)
		}
	case hComment:
		switch {
		case c == '>' && h.dashes >= 2:
			h.mode = hData
		case c == '-':
			h.dashes++
		default:
			h.dashes = 0
		}
	case hBogus, hEndTag:
		if c == '>' {
			h.mode = hData
		}
	case hLtSlash:
		if isLetter(c) {
			h.mode = hEndTag
		} else {
			h.mode = hBogus
			h.step(c)
		}
	case hTagName:
		switch {
		case isSpace(c) || c == '/':
			h.mode = hInTag
		case c == '>':
			h.endTag()
		default:
			if len(h.tag) < 16 {
				h.tag += string(lower(c))
			}
		}
	case hInTag:
		switch {
		case isSpace(c) || c == '/':
		case c == '>':
			h.endTag()
		default:
			h.mode, h.attr = hAttrName, string(lower(c))
		}
	case hAttrName, hAfterAttrName:
		switch {
		case c == '=':
			h.mode = hBeforeValue
		case isSpace(c):
			h.mode = hAfterAttrName
		case c == '>':
			h.endTag()
		case c == '/':
			h.mode = hInTag
		case h.mode == hAfterAttrName:
			h.mode, h.attr = hAttrName, string(lower(c))
		default:
			if len(h.attr) < 32 {
				h.attr += string(lower(c))
			}
		}
	case hBeforeValue:
		switch {
		case isSpace(c):
		case c == '"' || c == '\'':
			h.mode, h.quote, h.fresh, h.val = hValue, c, true, ""
		case c == '>':
			h.endTag()
		default:
			h.mode, h.quote, h.fresh, h.val = hValue, 0, false, ""
			h.addVal(c)
		}
	case hValue:
		switch {
		case h.quote != 0 && c == h.quote:
			h.endValue()
		case h.quote == 0 && isSpace(c):
			h.endValue()
		case h.quote == 0 && c == '>':
			h.endValue()
			h.endTag()
		default:
			h.addVal(c)
			if !isSpace(c) {
				h.fresh = false
			}
		}
	case hRaw:
		if len(h.tail) >= 9 {
			h.tail = h.tail[1:]
		}
		h.tail += string(lower(c))
		if strings.HasSuffix(h.tail, "</"+h.tag) {
			h.mode, h.tag = hEndTag, ""
			return
		}
		if h.tag == "script" && h.isJS() {
			h.stepJS(c)
		}
	}
}

func (h *htmlState) addVal(c byte) {
	if h.tag == "script" && h.attr == "type" && len(h.val) < 64 {
		h.val += string(lower(c))
	}
}

func (h *htmlState) endValue() {
	if h.tag == "script" && h.attr == "type" {
		h.scType = strings.TrimSpace(h.val)
	}
	h.mode, h.quote, h.val = hInTag, 0, ""
}

// endTag is the ">" of a start tag.
func (h *htmlState) endTag() {
	switch h.tag {
	case "script", "style":
		h.mode, h.tail, h.js, h.jsPrev = hRaw, "", jsCode, 0
	default:
		h.mode, h.tag = hData, ""
	}
	h.attr = ""
	if h.mode != hRaw {
		h.scType = ""
	}
}

// isJS reports whether the script being read is JavaScript: no type, or
// one of JavaScript's; not a template or JSON data block.
func (h *htmlState) isJS() bool {
	switch h.scType {
	case "", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript":
		return true
	}
	return false
}

func (h *htmlState) stepJS(c byte) {
	prev := h.jsPrev
	h.jsPrev = c
	switch h.js {
	case jsCode:
		switch {
		case c == '"' || c == '\'' || c == '`':
			h.js, h.jsQuote, h.jsEsc = jsString, c, false
		case prev == '/' && c == '/':
			h.js = jsLineComment
		case prev == '/' && c == '*':
			h.js, h.jsPrev = jsBlockComment, 0
		}
	case jsString:
		switch {
		case h.jsEsc:
			h.jsEsc = false
		case c == '\\':
			h.jsEsc = true
		case c == h.jsQuote:
			h.js, h.jsPrev = jsCode, 0
		case c == '\n' && h.jsQuote != '`':
			h.js = jsCode // an unterminated string ends at the line
		}
	case jsLineComment:
		if c == '\n' {
			h.js = jsCode
		}
	case jsBlockComment:
		if prev == '*' && c == '/' {
			h.js, h.jsPrev = jsCode, 0
		}
	}
}

// outputContext is where a value printed at h lands, when it is a
// place HTML escaping does not protect: a description for the message,
// and the filters that make it safe there (none: nothing does).
type outputContext struct {
	where string
	fix   string
	safe  []string // filters that make the value safe here
	url   bool     // the start of a URL: the exemptions of URL prefixes apply
}

// urlAttrs are the attributes whose value is a URL that can be
// javascript:….
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true}

// jsSafe are filters whose output is a number or a boolean, safe in code.
var jsSafe = []string{"length", "wordcount", "floatformat", "divisibleby", "length_is", "yesno", "filesizeformat"}

// context says where a value printed now lands, when that is a place
// escaping does not protect; ok is false otherwise.
func (h *htmlState) context() (ctx outputContext, ok bool) {
	switch h.mode {
	case hRaw:
		if h.tag == "style" {
			return outputContext{where: "inside <style>, where HTML escaping does not stop it from adding CSS",
				fix: "pass the value as a class, or in a quoted attribute"}, true
		}
		if !h.isJS() {
			return outputContext{}, false
		}
		switch h.js {
		case jsString:
			return outputContext{where: "inside a JavaScript string in <script>, where HTML escaping does not escape backslashes or line breaks",
				fix: "write {{ value|escapejs }}, or pass data with {{ value|json_script:\"id\" }}", safe: []string{"escapejs"}}, true
		case jsCode:
			return outputContext{where: "in JavaScript code in <script>, where HTML escaping does not protect it",
				fix: "pass data with {{ value|json_script:\"id\" }} and JSON.parse, or write \"{{ value|escapejs }}\" in a quoted string", safe: jsSafe}, true
		}
	case hValue:
		switch {
		case strings.HasPrefix(h.attr, "on"):
			return outputContext{where: "in the event handler attribute " + h.attr + ", whose value the browser unescapes before running it",
				fix: "write {{ value|escapejs }} inside a quoted JavaScript string, or read the value from a data- attribute", safe: []string{"escapejs"}}, true
		case h.quote == 0:
			return outputContext{where: "in an unquoted value of the attribute " + h.attr + ", where a space starts another attribute",
				fix: "quote the value: " + h.attr + "=\"{{ value }}\""}, true
		case urlAttrs[h.attr] && h.fresh:
			return outputContext{where: "at the start of the " + h.attr + " URL, where it can be a javascript: URL",
				fix: "start the URL with a fixed prefix ({% url %}, {% static %}, \"/path/\") or filter it with urlencode", safe: []string{"urlencode"}, url: true}, true
		}
	case hBeforeValue:
		return outputContext{where: "the unquoted value of the attribute " + h.attr + ", where a space starts another attribute",
			fix: "quote the value: " + h.attr + "=\"{{ value }}\""}, true
	case hInTag, hAttrName, hAfterAttrName:
		return outputContext{where: "in the attribute list of <" + h.tag + ">, where HTML escaping does not stop it from adding attributes",
			fix: "write the attribute in the template with the value in quotes: name=\"{{ value }}\"",
			// Attributes the application built and marked safe are
			// deliberate (and unsafe-output lists them).
			safe: []string{"safe", "flatatt"}}, true
	}
	return outputContext{}, false
}

// printed moves the state over output the template does not know: a
// {{ }}, or a tag's.
func (h *htmlState) printed() {
	switch h.mode {
	case hValue:
		h.fresh = false
	case hBeforeValue:
		h.mode, h.quote, h.fresh, h.val = hValue, 0, false, ""
	case hInTag, hAfterAttrName:
		h.mode, h.attr = hAttrName, ""
	case hRaw:
		h.jsPrev = 'x'
	}
}
