{% cycle %}{% cycle a b as %}
