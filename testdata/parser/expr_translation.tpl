{{ _("Hello") }}{{ _('single') }}{% if x == _("a") %}{% endif %}{% firstof a _("none") %}
