package render

// Translator translates a template's messages ({% translate %},
// {% blocktranslate %}, _("…")) into a language: Django's pgettext and
// npgettext (msgctxt "" for gettext and ngettext). Message ids are as
// Django's makemessages writes them, so catalogs made for Django fit.
type Translator interface {
	Translate(lang, msgctxt, msgid string) string
	TranslatePlural(lang, msgctxt, singular, plural string, n int) string
}

// CurrentLanguage is the language the render is in: the one
// {% language %} set, or Env.Language's for the render's context, or
// Env.DefaultLanguage, or "en-us".
func (s *State) CurrentLanguage() string {
	if s.Language != "" {
		return s.Language
	}
	env := s.Run.Env
	if env.Language != nil {
		if l := env.Language(s.Ctx); l != "" {
			return l
		}
	}
	if env.DefaultLanguage != "" {
		return env.DefaultLanguage
	}
	return "en-us"
}

// Gettext translates msgid (in msgctxt, "" for none) into the current
// language; without a Translator it is msgid.
func (s *State) Gettext(msgctxt, msgid string) string {
	if t := s.Run.Env.Translator; t != nil {
		return t.Translate(s.CurrentLanguage(), msgctxt, msgid)
	}
	return msgid
}

// Ngettext is Gettext for a message with a plural form, for n things;
// without a Translator, English's rule (singular for 1).
func (s *State) Ngettext(msgctxt, singular, plural string, n int) string {
	if t := s.Run.Env.Translator; t != nil {
		return t.TranslatePlural(s.CurrentLanguage(), msgctxt, singular, plural, n)
	}
	if n == 1 {
		return singular
	}
	return plural
}
