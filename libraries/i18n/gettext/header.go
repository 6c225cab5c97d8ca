package gettext

import (
	"fmt"
	"strings"
)

// parseHeader reads a catalog header (the translation of ""): its
// Content-Type charset, which must be UTF-8, and its Plural-Forms.
// lineAt is the line of a byte offset in header, for errors.
func parseHeader(cat *catalog, header string, lineAt func(off int) int) (line int, err error) {
	off := 0
	for _, field := range strings.SplitAfter(header, "\n") {
		start := off
		off += len(field)
		name, value, ok := strings.Cut(strings.TrimSpace(field), ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "content-type":
			if cs := charset(value); cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
				return lineAt(start), fmt.Errorf("unknown charset %q (only UTF-8 is supported)", cs)
			}
		case "plural-forms":
			r, err := parsePluralForms(value)
			if err != nil {
				return lineAt(start), err
			}
			cat.rule = r
		}
	}
	return 0, nil
}

// charset is the charset parameter of a Content-Type, "" without one.
func charset(contentType string) string {
	for _, param := range strings.Split(contentType, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(param), "=")
		if ok && strings.EqualFold(strings.TrimSpace(name), "charset") {
			return strings.Trim(strings.TrimSpace(value), `"`)
		}
	}
	return ""
}
