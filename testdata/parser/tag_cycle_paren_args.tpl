{% cycle "a" (x) %}{% cycle "a"(x) %}{% cycle "000" (0).A000 %}{%cycle'000'0.A000%}
{% cycle (a) (b + c) f(x) (g)(y) %}{% cycle a ((b) (c)) %}{% cycle a|default: (b) "c"
(d) as e %}{% firstof a (b) %}{% ifequal a (b) %}{% endifequal %}{% widthratio (a) (b) (c) %}
{{ f (x) }}{% if f (x) %}{% endif %}{% with y=f (x) %}{% endwith %}
