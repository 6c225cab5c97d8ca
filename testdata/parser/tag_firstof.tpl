{% firstof var1 var2 var3 %}{% firstof var1 var2 "fallback value" %}{% firstof a b as c %}
