{% import "macros.html" card %}{% import "forms.html" field as f, button %}{{ f("name") }}
