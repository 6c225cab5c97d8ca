package htmlpatch

import (
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{`<p>a</p>`, `<p>a</p>`, ""},
		{`<p><?marker name="b1"></p><template for="b1">x</template><script>function $braid(n){}$braid("b1")</script>`, `<p>x</p>`, ""},
		{`<?start name="b1">wait<?end>|<template for="b1">x<?marker name="b2"></template><template for="b2">y</template>`, `xy|`, ""},
		{`<template for="b1"><template>t</template></template><?marker name="b1">`, `<template>t</template>`, ""},
		{`<template for="b1">x</template>`, "", "template b1 has no marker"},
		{`<?marker name="b1">`, "", "a marker is left"},
		{`<?marker name="b1"><template for="b1">x`, "", "never closed"},
		{`<?marker name="b1"><template for="b1">x</template><script>$braid("b2")</script>`, "", "patches b2"},
	} {
		got, err := Apply(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: %q, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
