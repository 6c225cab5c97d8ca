{% if a
   and b %}yes{% endif %}{{ x
|upper }}
