package gettext

import (
	"sync"
	"testing"
)

// TestConcurrent reads one Catalogs from many goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	c := load(t, "testdata/locale")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				n := g*200 + i
				if got := c.Translate("ru", "", "Hello"); got != "Привет" {
					t.Errorf("Translate: %q", got)
					return
				}
				if got := c.TranslatePlural("ru", "", "%(counter)s apple", "%(counter)s apples", n); got == "" {
					t.Error("TranslatePlural: empty")
					return
				}
				_ = c.Languages()
			}
		}()
	}
	wg.Wait()
}
