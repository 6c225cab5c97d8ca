{{ 1 }} {{ -2 }} {{ 1.5 }} {{ -0.5 }} {{ 1e3 }} {{ 0.1 }} {{ True }} {{ False }} {{ None }} {{ "str" }} {{ 'single' }} {{ _("translated") }}
