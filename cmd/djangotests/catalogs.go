package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"

	"github.com/braidtpl/braid/libraries/i18n/gettext"
)

// serveCatalogs loads the "django" catalogs under dir with braid's gettext
// package and answers catalogs.py's requests, one JSON object a line:
// {"lang", "ctx", "msgid", "plural", "n"} → {"result"}.
func serveCatalogs(dir string, r io.Reader, w io.Writer) error {
	cats, err := gettext.Load(os.DirFS(dir), "django")
	if err != nil {
		return err
	}
	in := bufio.NewScanner(r)
	in.Buffer(make([]byte, 1<<20), 16<<20)
	out := bufio.NewWriter(w)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var rq struct {
			Lang, Ctx, Msgid, Plural string
			N                        int
		}
		if err := json.Unmarshal(in.Bytes(), &rq); err != nil {
			return err
		}
		var res string
		if rq.Plural != "" {
			res = cats.TranslatePlural(rq.Lang, rq.Ctx, rq.Msgid, rq.Plural, rq.N)
		} else {
			res = cats.Translate(rq.Lang, rq.Ctx, rq.Msgid)
		}
		if err := enc.Encode(map[string]string{"result": res}); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return in.Err()
}
