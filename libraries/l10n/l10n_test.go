package l10n_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid"
)

// TestL10n checks the library's output, Django's for its default settings.
func TestL10n(t *testing.T) {
	eng := braid.New()
	for _, tt := range []struct{ src, want string }{
		{`{{ f|localize }} {{ f|unlocalize }} {{ big|localize }} {{ n|unlocalize }}`, "1.5 1.5 10000000000000000 1234"},
		{`{% localize off %}{{ f }} {{ n }}{% endlocalize %}{% localize %}{{ f }}{% endlocalize %}`, "1.5 12341.5"},
		{`{{ t|localize }}|{{ s|unlocalize }}|{{ safe|localize }}|{{ b|localize }}|{{ nothing|localize }}`, "Jan. 2, 2024, 3:04 p.m.|&lt;b&gt;|<i>|True|"},
	} {
		tpl, err := eng.FromString("{% load l10n %}" + tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{
			"f": 1.5, "big": 1e16, "n": 1234, "t": time.Date(2024, 1, 2, 15, 4, 0, 0, time.UTC),
			"s": "<b>", "safe": braid.Safe("<i>"), "b": true,
		})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
	if _, err := eng.FromString(`{% load l10n %}{% localize maybe %}{% endlocalize %}`); err == nil || !strings.Contains(err.Error(), "must be on or off") {
		t.Errorf("err = %v", err)
	}
}
