// Package htmlpatch applies, as text, the out-of-order regions of a page
// that braid streamed out of order, for tests: the result must be the page
// streamed in order, byte for byte.
package htmlpatch

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	templateFor = regexp.MustCompile(`<template for="([A-Za-z0-9_-]+)">`)
	patchCall   = regexp.MustCompile(`^<script[^>]*>(?:function \$braid\(n\)\{.*?\})?\$braid\("([A-Za-z0-9_-]+)"\)</script>`)
)

// Apply does to an out-of-order page, as text, what a browser does
// to its DOM: each <template for="x">…</template> (and the script after
// it) is removed and its content replaces the marker x, <?marker
// name="x"> or <?start name="x">…<?end>. It fails if a template has no
// marker, or if a marker is left.
func Apply(page string) (string, error) {
	for {
		m := templateFor.FindStringSubmatchIndex(page)
		if m == nil {
			break
		}
		name := page[m[2]:m[3]]
		// The template's end, counting the templates inside it.
		depth, i := 1, m[1]
		for depth > 0 {
			open := strings.Index(page[i:], "<template")
			end := strings.Index(page[i:], "</template>")
			if end < 0 {
				return "", fmt.Errorf("template %s is never closed", name)
			}
			if open >= 0 && open < end {
				depth++
				i += open + len("<template")
				continue
			}
			depth--
			i += end + len("</template>")
		}
		content := page[m[1] : i-len("</template>")]
		after := page[i:]
		if s := patchCall.FindStringSubmatch(after); s != nil {
			if s[1] != name {
				return "", fmt.Errorf("the script after template %s patches %s", name, s[1])
			}
			after = after[len(s[0]):]
		}
		page = page[:m[0]] + after
		marker := `<?marker name="` + name + `">`
		if j := strings.Index(page, marker); j >= 0 {
			page = page[:j] + content + page[j+len(marker):]
			continue
		}
		start := `<?start name="` + name + `">`
		j := strings.Index(page, start)
		if j < 0 {
			return "", fmt.Errorf("template %s has no marker", name)
		}
		k := strings.Index(page[j:], "<?end>")
		if k < 0 {
			return "", fmt.Errorf("marker %s has no <?end>", name)
		}
		page = page[:j] + content + page[j+k+len("<?end>"):]
	}
	if strings.Contains(page, "<?marker") || strings.Contains(page, "<?start") {
		return "", fmt.Errorf("a marker is left: %q", page)
	}
	return page, nil
}
